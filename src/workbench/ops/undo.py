"""Undo and redo of any operation: putting back what a transaction changed.

An interactive session wraps each operation in `ops.recording()`; every transaction
run inside records a `Change` (`workbench.ops.changes`): the runs of units it replaced,
as they were before and after. `revert(change)` puts the "before" units back in one
transaction of its own, which records its own `Change` (the redo), so undo and redo are
the same operation.

A change is put back only while the units it left are still exactly as it left them:
if anyone changed one since (another session, the CLI, a reviewer), the revert is
refused with one line saying who did what, and nothing is saved. Undo never takes
back someone else's later work.

Restored units are the earlier ones as they were (state, origin, proposal, history),
so undoing an accepted proposal gives the unit back its earlier origin and `translate`
fills it again; the revert itself is recorded at the end of the history (`undo`,
`redo`) with what was put back, for the review trail.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.model import HistoryEntry, Unit, WorkingFile, now_iso
from workbench.ops.changes import TRAIL_ACTIONS, Change, Span, copy_unit, recording
from workbench.ops.transaction import record, transaction

if TYPE_CHECKING:
    from workbench.project import Project

PAST = {"edit": "edited", "accept": "accepted a proposal for", "approve": "approved",
        "sign-off": "signed off", "reject": "rejected", "lock": "locked",
        "unlock": "unlocked", "split": "split", "merge": "merged", "shift": "shifted a "
        "segment of", "translate": "filled", "import": "imported English into",
        "align": "aligned", "relocate": "realigned", "undo": "undid a change to",
        "redo": "redid a change to"}


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 4)  # as the working file stores it


def _meaning(unit: Unit) -> tuple:
    """What must be unchanged for a revert to go ahead: everything a person sees or the
    review rules read, and the history without its revert lines (as stored: numbers to
    four places)."""
    history = [(h.when, h.who, h.action, h.target, h.state, h.note)
               for h in unit.history if h.action not in TRAIL_ACTIONS]
    p = unit.proposal
    proposal = None if p is None else (p.text, p.origin, _number(p.score), p.detail)
    return (unit.id, tuple(unit.src), tuple(unit.tgt), unit.source_text, unit.target_text,
            unit.state, unit.origin, unit.locked, unit.reject_reason, unit.kind,
            unit.source_in_target, _number(unit.confidence), proposal, unit.codes,
            tuple(history))


def _since(current: Unit, left: Unit) -> str:
    """Who did what to the unit since the change left it, in words ("since then, boris
    approved u31 at …")."""
    known = len([h for h in left.history if h.action not in TRAIL_ACTIONS])
    later = [h for h in current.history if h.action not in TRAIL_ACTIONS][known:]
    if not later:
        later = current.history[-1:]
    if not later:
        return f"{current.id} was changed since then"
    entry = later[-1]
    what = PAST.get(entry.action, entry.action)
    return f"since then, {entry.who or 'someone'} {what} {current.id} at {entry.when}"


def _gone(wf: WorkingFile, unit_id: str) -> str:
    """Why a unit the change left is no longer there, as far as the histories tell."""
    for unit in wf.units:
        for entry in reversed(unit.history):
            if unit_id in entry.note.split() or f"{unit_id};" in entry.note:
                what = PAST.get(entry.action, entry.action)
                return (f"since then, {entry.who or 'someone'} {what} {unit.id} at "
                        f"{entry.when}, so {unit_id} is gone")
    return f"{unit_id} is gone (merged, shifted away or realigned since)"


def _refusal(action: str, change: Change, why: str) -> WorkbenchError:
    return WorkbenchError(f"cannot {action} the {change.label} in {change.doc_id}: {why}; "
                          "nothing was changed")


def _locate(wf: WorkingFile, span: Span, change: Change, action: str) -> int:
    """Where the span's "after" units stand now, checking nobody changed them since."""
    positions = {u.id: i for i, u in enumerate(wf.units)}
    if not span.after:
        if span.after_prev and span.after_prev not in positions:
            raise _refusal(action, change, _gone(wf, span.after_prev))
        return positions[span.after_prev] + 1 if span.after_prev else 0
    start = positions.get(span.after[0].id)
    for offset, left in enumerate(span.after):
        here = positions.get(left.id)
        if here is None:
            raise _refusal(action, change, _gone(wf, left.id))
        current = wf.units[here]
        if start is None or here != start + offset or _meaning(current) != _meaning(left):
            raise _refusal(action, change, _since(current, left))
    assert start is not None
    return start


def revert(project: Project, change: Change, *, user: str, action: str = "undo") -> Change:
    """Put back the units `change` replaced, if nobody changed them since (refused with
    one line saying who did what, nothing saved). Returns the change this made, which
    `revert` puts back in turn (the redo of an undo)."""
    with recording() as made, transaction(project, change.doc_id, user) as wf:
        if wf.segmentation != change.segmentation:
            raise _refusal(action, change, "the document's segmentation changed since "
                           "then (its text files or the segmenter)")
        places = [(_locate(wf, span, change, action), span) for span in change.spans]
        outside = {u.id for u in wf.units} - {u.id for _, s in places for u in s.after}
        for _, span in places:
            for unit in span.before:
                if unit.id in outside:
                    raise _refusal(action, change, f"{unit.id} exists again")
        when = now_iso()
        for start, span in sorted(places, key=lambda p: -p[0]):
            now = wf.units[start:start + len(span.after)]
            known = [h for u in span.before for h in u.history]
            trail = [h for u in now for h in u.history
                     if h.action in TRAIL_ACTIONS and h not in known]
            restored = []
            for old in span.before:
                unit = copy_unit(old)
                # the revert lines the units gathered since stay in the trail
                unit.history += [h for h in trail if _same_unit(h, old, now)]
                record(unit, user, action, when=when,
                       note=f"put back as it was before the {change.action} "
                       f"by {change.user} at {change.when}")
                restored.append(unit)
            wf.units[start:start + len(span.after)] = restored
    if not made:  # nothing to do (cannot happen: a change has at least one span)
        raise WorkbenchError(f"nothing to {action} in {change.doc_id}")
    return dataclasses.replace(made[-1], action=change.action)  # still "the edit of u31"


def _same_unit(entry: HistoryEntry, old: Unit, now: Sequence[Unit]) -> bool:
    """Whether a revert line of the units being replaced belongs to `old` (it stood in
    the unit of the same id)."""
    return any(u.id == old.id and any(h is entry for h in u.history) for u in now)


def describe(entry: HistoryEntry) -> str:
    """A history entry's action in words ("approved", "undid a change to")."""
    return PAST.get(entry.action, entry.action)
