"""Corpus statistics: what the corpus screen shows for each document.

Presence and completeness of each side, units and how far review has come, QA errors,
damage flags. Computed from the stored working files only: a document nobody has
aligned yet shows no units rather than being aligned (slowly) just to be counted.
No Textual import here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench import store
from workbench.model import Document, Severity, State, Unit
from workbench.ops.check import unit_issues
from workbench.project import files_stamp

DONE_TRANSLATED = frozenset({State.TRANSLATED, State.REVIEWED, State.FINAL})
DONE_REVIEWED = frozenset({State.REVIEWED, State.FINAL})


@dataclass
class DocumentStats:
    """One corpus-screen row. Percentages are of units; None when nothing is stored."""

    doc_id: str
    title: str
    has_source: bool
    has_target: bool
    source_completeness: str  # "full" | "excerpt" | "" (side missing)
    target_completeness: str
    segments: int
    units: int | None = None
    translated: float | None = None
    reviewed: float | None = None
    final: float | None = None
    qa_errors: int | None = None
    damage: dict[str, int] = field(default_factory=dict)  # flag code → segments
    problem: str = ""  # a WorkbenchError met while reading, shown instead of figures

    @property
    def damage_text(self) -> str:
        return ", ".join(f"{code} ×{n}" for code, n in sorted(self.damage.items()))

    @property
    def damage_short(self) -> str:
        """Compact form for narrow terminals: the first word of each flag code."""
        return " ".join(f"{code.split('-')[0]}×{n}" for code, n in sorted(self.damage.items()))

    def matches(self, needle: str) -> bool:
        """The corpus screen's filter: a case-insensitive substring of id, title, flags."""
        low = needle.casefold().strip()
        hay = f"{self.doc_id} {self.title} {self.damage_text} {self.problem}".casefold()
        return all(word in hay for word in low.split())


def unit_progress(units: Iterable[Unit]) -> tuple[int, float, float, float]:
    """(units, % translated-or-better, % reviewed-or-better, % final)."""
    units = list(units)
    n = len(units)
    if n == 0:
        return 0, 0.0, 0.0, 0.0
    counts = Counter(u.state for u in units)
    done_t = sum(counts[s] for s in DONE_TRANSLATED)
    done_r = sum(counts[s] for s in DONE_REVIEWED)
    return n, 100.0 * done_t / n, 100.0 * done_r / n, 100.0 * counts[State.FINAL] / n


def damage_counts(doc: Document) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for side in (doc.source, doc.target):
        if side is None:
            continue
        for seg in side.segments:
            for flag in seg.flags:
                counts[flag.code] += 1
    return dict(counts)


def document_stats(project, doc_id: str, glossary=None) -> DocumentStats:
    """Statistics of one document; a WorkbenchError becomes `problem`, never a crash."""
    from workbench.errors import WorkbenchError

    try:
        doc = project.document(doc_id)
    except WorkbenchError as exc:
        return DocumentStats(doc_id, "", False, False, "", "", 0, problem=str(exc))
    stats = DocumentStats(
        doc_id=doc_id,
        title=doc.title,
        has_source=doc.source is not None,
        has_target=doc.target is not None,
        source_completeness=doc.source.completeness if doc.source else "",
        target_completeness=doc.target.completeness if doc.target else "",
        segments=sum(len(s.segments) for s in (doc.source, doc.target) if s is not None),
        damage=damage_counts(doc),
    )
    try:
        stored = store.load_stored(project, doc_id)  # never aligns: figures of stored work
        if stored is None:
            return stats
        units = stored.units
    except WorkbenchError as exc:
        stats.problem = str(exc)
        return stats
    stats.units, stats.translated, stats.reviewed, stats.final = unit_progress(units)
    if glossary is not None:
        stats.qa_errors = qa_error_count(units, glossary, project)
    return stats


def qa_error_count(units: Iterable[Unit], glossary, project) -> int:
    """Errors of the unit rules, counted as `workbench check` counts them."""
    return sum(1 for unit in units for issue in unit_issues(project, unit, glossary)
               if issue.severity is Severity.ERROR)


def corpus_stats(project, glossary=None) -> list[DocumentStats]:
    return [document_stats(project, doc_id, glossary) for doc_id in project.document_ids()]


def _stamp(project, doc_id: str) -> tuple:
    """What a document's figures depend on: its files' sizes and modification times."""
    return files_stamp([project.source_path(doc_id), project.target_path(doc_id),
                        store.working_path(project, doc_id), Path(project.glossary_path)])


@dataclass
class StatsCache:
    """Figures per document, recomputed only when one of its files changed (returning to
    the corpus screen after reviewing one document re-reads that one only)."""

    entries: dict[str, tuple[tuple, DocumentStats]] = field(default_factory=dict)

    def get(self, project, doc_id: str, glossary=None) -> DocumentStats:
        stamp = _stamp(project, doc_id)
        cached = self.entries.get(doc_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        stats = document_stats(project, doc_id, glossary)
        self.entries[doc_id] = (stamp, stats)
        return stats
