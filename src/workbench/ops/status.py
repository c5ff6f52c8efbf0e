"""`workbench status` and the TUI's corpus screen: the figures of each document, from one
function so the two never disagree.

Presence, completeness and segments of each side, damage flags; with `with_work`, units
and how far review has come, and QA errors counted as `workbench check` counts them.
Work figures come from the stored working files only: a document nobody has aligned yet
shows no units rather than being aligned (slowly) just to be counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.errors import WorkbenchError
from workbench.glossary import Glossary
from workbench.model import Document, Severity, State, Unit
from workbench.ops.check import unit_issues
from workbench.project import files_stamp

if TYPE_CHECKING:
    from workbench.project import Project

DONE_TRANSLATED = frozenset({State.TRANSLATED, State.REVIEWED, State.FINAL})
DONE_REVIEWED = frozenset({State.REVIEWED, State.FINAL})


@dataclass
class DocumentStatus:
    """The figures of one document. Percentages are of units; None when nothing is
    stored (or work figures were not asked for)."""

    doc_id: str
    title: str = ""
    has_source: bool = False
    has_target: bool = False
    source_completeness: str = ""  # "full" | "excerpt" | "" (side missing)
    target_completeness: str = ""
    source_segments: int | None = None  # None: no such side
    target_segments: int | None = None
    flags: tuple[str, ...] = ()  # damage flag codes of the sides, source side first
    damage: dict[str, int] = field(default_factory=dict)  # flag code → segments
    units: int | None = None
    translated: float | None = None
    reviewed: float | None = None
    final: float | None = None
    qa_errors: int | None = None
    conflicts: int = 0  # units in a conflict between two clones' work
    problem: str = ""  # a WorkbenchError met while reading, shown instead of figures
    readable: bool = True  # False: the document itself could not be read

    @property
    def segments(self) -> int:
        return (self.source_segments or 0) + (self.target_segments or 0)

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


def _flag_codes(doc: Document) -> tuple[str, ...]:
    codes: list[str] = []
    for side in (doc.source, doc.target):
        if side is not None:
            codes.extend(f.code for f in side.flags if f.code not in codes)
    return tuple(codes)


def document_status(project: Project, doc_id: str, glossary: Glossary | None = None, *,
                    with_work: bool = True) -> DocumentStatus:
    """The figures of one document; a WorkbenchError becomes `problem`, never a crash.
    QA errors are counted only when a glossary is given."""
    try:
        doc = project.document(doc_id)
    except WorkbenchError as exc:
        return DocumentStatus(doc_id, problem=str(exc), readable=False)
    status = DocumentStatus(
        doc_id=doc_id,
        title=doc.title,
        has_source=doc.source is not None,
        has_target=doc.target is not None,
        source_completeness=doc.source.completeness if doc.source else "",
        target_completeness=doc.target.completeness if doc.target else "",
        source_segments=len(doc.source.segments) if doc.source else None,
        target_segments=len(doc.target.segments) if doc.target else None,
        flags=_flag_codes(doc),
        damage=damage_counts(doc),
    )
    if not with_work:
        return status
    try:
        stored = store.load_stored(project, doc_id)  # never aligns: figures of stored work
    except WorkbenchError as exc:
        status.problem = str(exc)
        return status
    if stored is None:
        return status
    status.units, status.translated, status.reviewed, status.final = \
        unit_progress(stored.units)
    status.conflicts = sum(1 for u in stored.units if u.conflict is not None)
    if glossary is not None:
        status.qa_errors = qa_error_count(project, stored.units, glossary)
    return status


def qa_error_count(project: Project, units: Iterable[Unit], glossary: Glossary) -> int:
    """Errors of the unit rules, counted as `workbench check` counts them."""
    return sum(1 for unit in units for issue in unit_issues(project, unit, glossary)
               if issue.severity is Severity.ERROR)


def corpus_status(project: Project, glossary: Glossary | None = None, *,
                  with_work: bool = True) -> list[DocumentStatus]:
    return [document_status(project, doc_id, glossary, with_work=with_work)
            for doc_id in project.document_ids()]


def _stamp(project: Project, doc_id: str) -> tuple:
    """What a document's figures depend on: its files' sizes and modification times."""
    return files_stamp([project.source_path(doc_id), project.target_path(doc_id),
                        store.working_path(project, doc_id), Path(project.glossary_path)])


@dataclass
class StatusCache:
    """Figures per document, recomputed only when one of its files changed (returning to
    the corpus screen after reviewing one document re-reads that one only)."""

    entries: dict[str, tuple[tuple, DocumentStatus]] = field(default_factory=dict)

    def get(self, project: Project, doc_id: str,
            glossary: Glossary | None = None) -> DocumentStatus:
        stamp = _stamp(project, doc_id)
        cached = self.entries.get(doc_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        status = document_status(project, doc_id, glossary)
        self.entries[doc_id] = (stamp, status)
        return status
