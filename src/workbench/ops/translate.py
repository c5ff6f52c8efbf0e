"""Batch translation: fill English drafts for the units of documents that have none.

Works in chunks and saves each chunk through `apply_proposals` (which
fills only units with no English that no person edited, approved or rejected), so an
interrupted run keeps what it did and a rerun continues where it stopped; neural
results are cached, so a rerun over finished work costs nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench import store
from workbench.model import Proposal, State, Unit
from workbench.mt.chain import DEFAULT_ENGINES, parse_engines, propose
from workbench.mt.engine import EngineSettings
from workbench.mt.letterhead import damage_reason
from workbench.ops.review import apply_proposals
from workbench.ops.working import load_and_keep, load_or_align

if TYPE_CHECKING:
    from workbench.project import Project

CHUNK_UNITS = 64


@dataclass
class DocResult:
    """What a batch run did to one document."""

    doc_id: str
    units: int = 0
    candidates: int = 0  # units with no English and something to translate
    filled: int = 0
    by_origin: Counter = field(default_factory=Counter)
    unfilled: list[str] = field(default_factory=list)  # unit ids with no usable proposal
    damaged: list[str] = field(default_factory=list)  # lines that lost their letters
    flagged: list[str] = field(default_factory=list)  # filled, but the proposal has issues
    proposals: dict[str, list[Proposal]] = field(default_factory=dict)  # dry run only


def best_usable(proposals: Sequence[Proposal]) -> Proposal | None:
    """The best proposal worth writing as a draft (a damaged line's has score 0: skipped)."""
    for proposal in proposals:
        if proposal.score > 0 and proposal.text.strip():
            return proposal
    return None


def candidates(units: Iterable[Unit]) -> list[Unit]:
    """Units with no English and something to translate (source text found in the
    translation file, such as a Russian letterhead, included: its unit has that text as
    source)."""
    return [u for u in units if not u.target_text.strip() and u.source_text.strip()]


def translate_document(project: Project, doc_id: str, *, user: str,
                       engines: Iterable[str] = DEFAULT_ENGINES,
                       settings: EngineSettings | None = None, dry_run: bool = False,
                       progress: Callable[[int], None] | None = None,
                       units: Sequence[Unit] | None = None) -> DocResult:
    """Translate one document's empty units chunk by chunk, saving after each chunk."""
    engines = parse_engines(engines)
    if units is None:
        units = (load_or_align(project, doc_id) if dry_run else
                 load_and_keep(project, doc_id, user=user)).units
    result = DocResult(doc_id, units=len(units))
    result.damaged = [u.id for u in units
                      if damage_reason(u.source_text) or damage_reason(u.target_text)]
    todo = candidates(units)
    result.candidates = len(todo)
    for start in range(0, len(todo), CHUNK_UNITS):
        chunk = todo[start:start + CHUNK_UNITS]
        proposals = propose(project, chunk, engines=engines, doc_id=doc_id, settings=settings,
                            progress=progress)
        chosen: dict[str, Proposal] = {}
        for unit in chunk:
            ranked = proposals.get(unit.id, [])
            best = best_usable(ranked)
            if best is None:
                result.unfilled.append(unit.id)
                continue
            chosen[unit.id] = best
            if best.issues:
                result.flagged.append(unit.id)
        if dry_run:
            result.proposals.update(proposals)
            result.filled += len(chosen)
            result.by_origin.update(str(p.origin) for p in chosen.values())
            continue
        filled = apply_proposals(project, doc_id, chosen, user=user)
        result.filled += filled
        if filled == len(chosen):
            result.by_origin.update(str(p.origin) for p in chosen.values())
    return result


def approved_pairs(project: Project) -> list[tuple[str, str, str, str]]:
    """(source, target, doc_id, unit_id) of every reviewed or final unit with both sides,
    across the corpus: the translation memory."""
    pairs = []
    for doc_id in store.stored_ids(project):
        wf = store.load_stored(project, doc_id)
        if wf is None:
            continue
        for unit in wf.units:
            if unit.state in (State.REVIEWED, State.FINAL) and unit.source_text.strip() \
                    and unit.target_text.strip():
                pairs.append((unit.source_text, unit.target_text, doc_id, unit.id))
    return pairs
