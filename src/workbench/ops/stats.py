"""`workbench stats` and the TUI's statistics screen: segments, words and characters per
document and for the project, by state and by translation-memory match band, as
OmegaT's console statistics and memoQ's analysis give them.

How the figures are made (also in `ProjectStats.how`):
- a segment is a unit of the working file (a document nobody aligned yet: a segment of
  its source text, all `initial`); furniture is in no unit and not counted;
- words and characters are counted on the source text (a unit with no source, such as
  the English-only documents' units, on its English): words are runs of letters and
  digits (apostrophes inside a word keep it one word); characters exclude whitespace,
  `characters_with_spaces` include it;
- the match band is the unit's best match in the project's translation memory (the
  approved units of every document and the memories imported into `tm/`, the unit
  itself left out): 100 % is the same source text after case and whitespace are
  normalised, the others rapidfuzz's ratio.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from workbench import store
from workbench.glossary.tokens import tokenize
from workbench.model import BlockKind, State, Unit
from workbench.ops.translate import translation_memory

if TYPE_CHECKING:
    from workbench.mt.tm import TranslationMemory
    from workbench.project import Project

# memoQ's analysis bands (OmegaT's are the same from 50 % up): label, lowest percentage.
BANDS: tuple[tuple[str, float], ...] = (
    ("100%", 100.0), ("95-99%", 95.0), ("85-94%", 85.0), ("75-84%", 75.0),
    ("50-74%", 50.0), ("no match", 0.0))
STATES = tuple(s.value for s in State)


def band(percent: float) -> str:
    """The match band of a match percentage (0–100)."""
    for label, lowest in BANDS:
        if percent >= lowest:
            return label
    return BANDS[-1][0]


@dataclass
class Figures:
    segments: int = 0
    words: int = 0
    characters: int = 0  # without whitespace
    characters_with_spaces: int = 0

    def add(self, text: str) -> None:
        self.segments += 1
        self.words += len(tokenize(text))
        self.characters += sum(1 for c in text if not c.isspace())
        self.characters_with_spaces += len(text)

    def merge(self, other: Figures) -> None:
        self.segments += other.segments
        self.words += other.words
        self.characters += other.characters
        self.characters_with_spaces += other.characters_with_spaces


def _figures_by(keys: Sequence[str]) -> dict[str, Figures]:
    return {key: Figures() for key in keys}


@dataclass
class DocumentStats:
    """The figures of one document (or, as `ProjectStats.total`, of all of them)."""

    doc_id: str
    aligned: bool = True  # False: counted from the source segments, nothing stored yet
    total: Figures = field(default_factory=Figures)
    by_state: dict[str, Figures] = field(default_factory=lambda: _figures_by(STATES))
    by_match: dict[str, Figures] = field(
        default_factory=lambda: _figures_by([label for label, _ in BANDS]))

    def merge(self, other: DocumentStats) -> None:
        self.total.merge(other.total)
        for key, figures in other.by_state.items():
            self.by_state[key].merge(figures)
        for key, figures in other.by_match.items():
            self.by_match[key].merge(figures)


@dataclass
class ProjectStats:
    documents: list[DocumentStats]
    total: DocumentStats
    memory_units: int  # entries of the translation memory the bands were measured against
    how: str

    def to_json(self) -> dict:
        return {"documents": [asdict(d) for d in self.documents], "project": asdict(self.total),
                "memory_units": self.memory_units, "bands": [label for label, _ in BANDS],
                "how": self.how}


HOW = ("segments: units of the working file (unaligned documents: source segments); "
       "words: runs of letters and digits of the source text (the English where a unit "
       "has no source); characters: without whitespace (characters_with_spaces: with); "
       "match: best translation-memory match of the source text among {n} entries (the "
       "project's approved units and the memories in tm/), the unit itself left out "
       "(100% = same text after case and whitespace are normalised, else rapidfuzz ratio)")


def _counted_text(unit: Unit) -> str:
    return unit.source_text if unit.source_text.strip() else unit.target_text


def document_stats(project: Project, doc_id: str,
                   memory: TranslationMemory | None = None) -> DocumentStats:
    """The figures of one document: its stored units, or (nothing stored yet) the
    segments of its source text, all untranslated."""
    memory = memory if memory is not None else translation_memory(project)
    stats = DocumentStats(project.check_id(doc_id))
    wf = store.load_stored(project, doc_id)
    if wf is not None:
        items = [(u.id, _counted_text(u), u.state.value) for u in wf.units
                 if u.kind is not BlockKind.FURNITURE and _counted_text(u).strip()]
    else:
        stats.aligned = False
        doc = project.document(doc_id)
        side = doc.source or doc.target
        segments = side.segments if side is not None else []
        items = [("", s.text, State.INITIAL.value) for s in segments
                 if s.kind is not BlockKind.FURNITURE and s.text.strip()]
    for unit_id, text, state in items:
        stats.total.add(text)
        stats.by_state[state].add(text)
        exclude = (doc_id, unit_id) if unit_id else None
        stats.by_match[band(memory.best_match(text, exclude=exclude))].add(text)
    return stats


def statistics(project: Project, doc_ids: Sequence[str] | None = None) -> ProjectStats:
    """The figures of `doc_ids` (default: every document) and their total."""
    ids = [project.check_id(d) for d in doc_ids] if doc_ids else project.document_ids()
    memory = translation_memory(project)
    documents = [document_stats(project, doc_id, memory) for doc_id in ids]
    total = DocumentStats("project")
    total.aligned = all(d.aligned for d in documents)
    for doc in documents:
        total.merge(doc)
    return ProjectStats(documents, total, len(memory), HOW.format(n=len(memory)))
