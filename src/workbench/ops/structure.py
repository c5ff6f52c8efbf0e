"""Operations on a unit's segments: split, merge, shift."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.align.units import (
    check_segmentation,
    join_segments,
    side_segments,
    unit_kind,
)
from workbench.errors import WorkbenchError
from workbench.model import Document, Origin, State, Unit, WorkingFile, now_iso
from workbench.ops.conflicts import refuse_conflicts
from workbench.ops.jobs import refuse_job
from workbench.ops.transaction import record, transaction

if TYPE_CHECKING:
    from workbench.project import Project

SIDES = ("source", "target")


def _refuse_locked(units: Sequence[Unit], doc_id: str) -> None:
    refuse_conflicts(units, doc_id, "split, merge or shift")
    for unit in units:
        if unit.locked:
            raise WorkbenchError(f"{doc_id} {unit.id} is locked",
                                 fix=f"unlock it first: `workbench lock {doc_id} {unit.id} "
                                 "--off`")


def _document(project: Project, wf: WorkingFile) -> Document:
    """The document, after checking the working file's indices still fit its segments."""
    doc = project.document(wf.doc_id)
    refuse_job(doc, "split, merged or shifted")
    check_segmentation(doc, wf.segmentation, f"translations/{wf.doc_id}.xlf", wf.units)
    return doc


def _refuse_mixed(units: Sequence[Unit], doc_id: str) -> None:
    """Units whose source sits in the translation file do not mix with ordinary ones."""
    if len({u.source_in_target for u in units}) > 1:
        raise WorkbenchError(
            f"{doc_id}: {' '.join(u.id for u in units)} mix source text found in the "
            "translation file with aligned units", fix="split or shift within one kind")


def _refresh(doc: Document, unit: Unit, sides: Sequence[str] = SIDES) -> None:
    """Recompute texts from the segments on `sides`; the unit needs review again."""
    if unit.source_in_target:  # its source is the text of its target segments
        unit.source_text = join_segments(side_segments(doc, "target"), unit.tgt)
        if "target" in sides:
            unit.target_text = ""
        sides = ()
    if "source" in sides:
        unit.source_text = join_segments(side_segments(doc, "source"), unit.src)
    if "target" in sides:
        unit.target_text = join_segments(side_segments(doc, "target"), unit.tgt)
        unit.origin = Origin.ALIGNED
    unit.kind = unit_kind(doc, unit.src, unit.tgt)
    unit.confidence = None
    unit.reject_reason = ""
    unit.state = State.TRANSLATED if unit.target_text.strip() else State.INITIAL


def split(project: Project, doc_id: str, unit_id: str, *, src_at: int, tgt_at: int,
          user: str) -> tuple[Unit, Unit]:
    """Split a unit after its first `src_at` source and `tgt_at` target segments. The
    first part keeps the id, the second gets a new one; both take their English from
    their target segments (the English before the split stays in the history)."""
    with transaction(project, doc_id, user) as wf:
        unit = wf.unit(unit_id)
        _refuse_locked([unit], doc_id)
        if not (0 <= src_at <= len(unit.src) and 0 <= tgt_at <= len(unit.tgt)) or \
                (src_at + tgt_at == 0) or (src_at == len(unit.src) and tgt_at == len(unit.tgt)):
            raise WorkbenchError(
                f"cannot split {doc_id} {unit_id} ({len(unit.src)} source, {len(unit.tgt)} "
                f"target segments) at source {src_at}, target {tgt_at}",
                fix="both parts need at least one segment")
        doc = _document(project, wf)
        when = now_iso()
        second = Unit(id=wf.new_id(), src=unit.src[src_at:], tgt=unit.tgt[tgt_at:],
                      source_text="", target_text="", source_in_target=unit.source_in_target)
        unit.src, unit.tgt = unit.src[:src_at], unit.tgt[:tgt_at]
        before = unit.target_text
        _refresh(doc, unit)
        _refresh(doc, second)
        record(unit, user, "split", note=f"split off {second.id}; English before: {before}",
               when=when)
        record(second, user, "split", note=f"split from {unit.id}", when=when)
        wf.units.insert(wf.index(unit.id) + 1, second)
        return unit, second


def merge(project: Project, doc_id: str, unit_ids: Sequence[str], *, user: str) -> Unit:
    """Merge adjacent units into the first: segments and English concatenated, histories
    kept; the other ids are retired (never reused)."""
    if len(unit_ids) < 2:
        raise WorkbenchError("merge needs at least two units", fix="e.g. merge ID u3 u4")
    with transaction(project, doc_id, user) as wf:
        positions = sorted(wf.index(uid) for uid in unit_ids)
        if positions != list(range(positions[0], positions[0] + len(positions))):
            raise WorkbenchError(f"{doc_id}: units {' '.join(unit_ids)} are not adjacent",
                                 fix="merge only neighbouring units")
        units = [wf.units[i] for i in positions]
        _refuse_locked(units, doc_id)
        _refuse_mixed(units, doc_id)
        first = units[0]
        doc = _document(project, wf)
        first.src = [i for u in units for i in u.src]
        first.tgt = [i for u in units for i in u.tgt]
        english = " ".join(u.target_text.strip() for u in units if u.target_text.strip())
        origins = {u.origin for u in units}
        first.source_text = join_segments(
            side_segments(doc, "target" if first.source_in_target else "source"),
            first.tgt if first.source_in_target else first.src)
        first.target_text = english
        first.origin = origins.pop() if len(origins) == 1 else Origin.MANUAL
        first.kind = unit_kind(doc, first.src, first.tgt)
        first.confidence, first.reject_reason = None, ""
        first.state = State.TRANSLATED if english else State.INITIAL
        first.history = sorted((h for u in units for h in u.history), key=lambda h: h.when)
        record(first, user, "merge", note="merged " + " ".join(u.id for u in units))
        for other in units[1:]:
            wf.units.remove(other)
        return first


def shift(project: Project, doc_id: str, unit_id: str, *, side: str, direction: str,
          user: str) -> list[Unit]:
    """Move one segment on `side` ("source"/"target") to a neighbour: `up` gives the
    unit's first segment to the previous unit, `down` its last to the next. A unit left
    with no segment on either side is removed. Returns the changed units."""
    if side not in SIDES or direction not in ("up", "down"):
        raise WorkbenchError(f"cannot shift {side} {direction}",
                             fix="side is source or target, direction up or down")
    with transaction(project, doc_id, user) as wf:
        pos = wf.index(unit_id)
        unit = wf.units[pos]
        other_pos = pos - 1 if direction == "up" else pos + 1
        if not 0 <= other_pos < len(wf.units):
            where = "before" if direction == "up" else "after"
            raise WorkbenchError(f"{doc_id} {unit_id} has no unit {where} it",
                                 fix="shift the other way")
        other = wf.units[other_pos]
        _refuse_locked([unit, other], doc_id)
        _refuse_mixed([unit, other], doc_id)
        mine = unit.src if side == "source" else unit.tgt
        theirs = other.src if side == "source" else other.tgt
        if not mine:
            raise WorkbenchError(f"{doc_id} {unit_id} has no {side} segment to shift",
                                 fix=f"shift the other side or merge with {other.id}")
        if direction == "up":
            theirs.append(mine.pop(0))
        else:
            theirs.insert(0, mine.pop())
        doc = _document(project, wf)
        when = now_iso()
        changed = []
        for target in (unit, other):
            before = target.target_text
            _refresh(doc, target, (side,))
            record(target, user, "shift", when=when,
                   note=f"{side} {direction} from {unit.id}; English before: {before}")
            changed.append(target)
        if not unit.src and not unit.tgt:
            wf.units.remove(unit)
            changed.remove(unit)
        return changed
