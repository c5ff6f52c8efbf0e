"""(Re)alignment that keeps the units people worked on: locked, approved and
person-edited units stay exactly as they are (found again if the segmentation moved
them) and the aligner works around them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench import store
from workbench.align.units import (
    join_segments,
    segmentation_key,
    side_segments,
    unit_from_bead,
)
from workbench.errors import WorkbenchError
from workbench.model import Bead, Document, Origin, State, Unit, WorkingFile, now_iso
from workbench.ops.conflicts import refuse_conflicts
from workbench.ops.jobs import refuse_job
from workbench.ops.transaction import record, touched_by_person, transaction
from workbench.ops.working import Aligner, document_beads

if TYPE_CHECKING:
    from workbench.project import Project

SEARCH_WINDOW = 60  # segments either side of the old place to look for a kept unit's text
FROM_SEGMENTS = ("align", "split", "shift")  # history actions whose English is segment text


def kept(unit: Unit) -> bool:
    """Units realignment must not touch: locked, approved, or English a person wrote,
    chose or imported (a rejected unit is up for realignment)."""
    return unit.locked or (unit.state is not State.REJECTED and touched_by_person(unit))


def segment_english(unit: Unit) -> str | None:
    """The English of the unit's target segments as last taken from them (None: unknown,
    e.g. a person edited the English of merged units)."""
    if unit.origin is Origin.ALIGNED:
        return unit.target_text
    for entry in reversed(unit.history):
        if entry.action == "merge":
            return None
        if entry.action in FROM_SEGMENTS and entry.target is not None:
            return entry.target
    return None


def _run_text(segments, indices) -> str | None:
    if any(i >= len(segments) for i in indices):
        return None
    return join_segments(segments, indices)


def fits(doc: Document, unit: Unit) -> bool:
    """Whether the unit's segment indices still hold its texts."""
    if unit.source_in_target:
        return _run_text(side_segments(doc, "target"), unit.tgt) == unit.source_text
    if _run_text(side_segments(doc, "source"), unit.src) != unit.source_text:
        return False
    english = segment_english(unit)
    tgt_text = _run_text(side_segments(doc, "target"), unit.tgt)
    return tgt_text is not None and (english is None or tgt_text == english)


def _find(segments, old: list[int], text: str | None) -> list[int] | None:
    """The same number of segments holding `text`, nearest the old place."""
    if not old:
        return []
    n, start = len(old), old[0]
    for delta in sorted(range(-SEARCH_WINDOW, SEARCH_WINDOW + 1), key=abs):
        i = start + delta
        if 0 <= i <= len(segments) - n:
            run = list(range(i, i + n))
            if text is None or join_segments(segments, run) == text:
                return run
    return None


def relocate(doc: Document, unit: Unit) -> bool:
    """Point the unit at its texts again after the segmentation changed."""
    if unit.source_in_target:
        tgt = _find(side_segments(doc, "target"), unit.tgt, unit.source_text)
        if tgt is None:
            return False
        unit.tgt = tgt
        return True
    src = _find(side_segments(doc, "source"), unit.src, unit.source_text)
    tgt = _find(side_segments(doc, "target"), unit.tgt, segment_english(unit))
    if src is None or tgt is None:
        return False
    unit.src, unit.tgt = src, tgt
    return True


def _in_order(units: list[Unit]) -> bool:
    last_src = last_tgt = -1
    for unit in units:
        if (unit.src and unit.src[0] <= last_src) or (unit.tgt and unit.tgt[0] <= last_tgt):
            return False
        last_src = unit.src[-1] if unit.src else last_src
        last_tgt = unit.tgt[-1] if unit.tgt else last_tgt
    return True


def align_document(project: Project, doc_id: str, *, user: str,
                   embeddings: bool = True, aligner: Aligner | None = None) -> WorkingFile:
    """Align (or realign) a document and save. Kept units (locked, approved,
    person-edited) stay as they are; a unit whose bead did not change keeps its id and
    English; every other bead becomes a new unit with a new id. `aligner` may hold beads
    computed elsewhere (a cluster) for the document and the locked beads found here."""
    refuse_job(project.document(doc_id), "realigned")
    with transaction(project, doc_id, user, embeddings=embeddings, aligner=aligner) as wf:
        if not wf.stored:
            return wf
        refuse_conflicts(wf.units, doc_id, "realign")
        return _align_around_kept(project, wf, user=user, embeddings=embeddings,
                                  aligner=aligner)


def kept_beads(doc: Document, wf: WorkingFile, *, user: str) -> tuple[list[Unit], list[Bead]]:
    """The units a realignment keeps, found again in the document's segments (recorded as
    relocated in their history when the segmentation moved them), and their beads, which
    the aligner must return untouched. Raises when a kept unit cannot be found again."""
    doc_id = wf.doc_id
    keep = [u for u in wf.units if kept(u)]
    when = now_iso()
    lost = []
    for unit in keep:
        if fits(doc, unit):
            continue
        before = f"{unit.src}:{unit.tgt}"
        if relocate(doc, unit):
            record(unit, user, "relocate", when=when, with_target=False,
                   note=f"segmentation changed: {before} → {unit.src}:{unit.tgt}")
        else:
            lost.append(unit.id)
    if lost or not _in_order(keep):
        raise WorkbenchError(
            f"{doc_id}: the document's segments changed and kept units "
            f"{' '.join(lost[:10]) or '(order)'} cannot be found again; nothing was saved",
            path=wf.path, fix="unlock (`workbench lock ID UNIT --off`) or reject those "
            "units (their English stays in their history), then realign")
    return keep, [Bead(src=tuple(u.src), tgt=tuple(u.tgt), confidence=u.confidence
                       if u.confidence is not None else 1.0) for u in keep]


def _align_around_kept(project: Project, wf: WorkingFile, *, user: str, embeddings: bool,
                       aligner: Aligner | None = None) -> WorkingFile:
    """The body of `align_document`, on a working file inside the caller's transaction:
    a refusal raises before anything is saved."""
    doc_id = wf.doc_id
    doc = project.document(doc_id)
    keep, locked_beads = kept_beads(doc, wf, user=user)
    beads = document_beads(project, doc, locked_beads, embeddings=embeddings, aligner=aligner)
    when = now_iso()
    same_segments = wf.segmentation == segmentation_key(doc)
    by_key = {(tuple(u.src), tuple(u.tgt)): u for u in wf.units
              if kept(u) or (same_segments and fits(doc, u))}
    units = []
    for bead in beads:
        existing = by_key.get((tuple(bead.src), tuple(bead.tgt)))
        units.append(existing if existing is not None else
                     unit_from_bead(doc, bead, wf.new_id(), user=user, when=when,
                                    source_lang=project.source_lang))
    present = set(map(id, units))
    missing = [u.id for u in keep if id(u) not in present]
    if missing:
        raise WorkbenchError(f"{doc_id}: the aligner dropped kept units "
                             f"{' '.join(missing[:10])}; nothing was saved",
                             fix="report this; lock fewer units meanwhile")
    wf.units = units
    wf.segmentation = segmentation_key(doc)
    return wf


def realign(project: Project, doc_id: str, *, user: str, embeddings: bool = True) -> WorkingFile:
    """Lock the approved units, then realign the rest of the document around them: one
    transaction, so a realignment that refuses saves none of the locks either."""
    refuse_job(project.document(doc_id), "realigned")
    if not store.working_path(project, doc_id).exists():  # nothing approved yet: align once
        return align_document(project, doc_id, user=user, embeddings=embeddings)
    with transaction(project, doc_id, user, embeddings=embeddings) as wf:
        if not wf.stored:
            return wf
        refuse_conflicts(wf.units, doc_id, "realign")
        for unit in wf.units:
            if unit.state in (State.REVIEWED, State.FINAL) and not unit.locked:
                unit.locked = True
                record(unit, user, "lock", note="realign", with_target=False)
        return _align_around_kept(project, wf, user=user, embeddings=embeddings)
