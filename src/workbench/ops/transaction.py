"""Load-modify-save under the document's lock: the shape of every operation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from workbench import store
from workbench.formats.safexml import clean
from workbench.model import HistoryEntry, State, Unit, WorkingFile, now_iso
from workbench.ops.changes import is_recording, note_change, snapshot
from workbench.ops.working import Aligner, fresh_alignment

if TYPE_CHECKING:
    from workbench.project import Project


@contextmanager
def transaction(project: Project, doc_id: str, user: str, *,
                embeddings: bool = True, save_unchanged: bool = True,
                aligner: Aligner | None = None) -> Iterator[WorkingFile]:
    """Yield the current working file under the lock; save it when the block ends
    without an exception (an exception saves nothing). A document never stored is saved
    even when nothing changed, unless `save_unchanged` is False. Inside
    `ops.recording()`, what it changed is recorded as a `Change` (for undo and redo).

    A document never stored is aligned before the lock is taken (alignment can take
    seconds), and that result is used only if still nothing is stored under the lock.
    """
    pre = None
    if not store.working_path(project, doc_id).exists():
        pre = fresh_alignment(project, doc_id, user=user, embeddings=embeddings,
                              aligner=aligner)
    with store.locked(project, doc_id, user):
        wf = store.load_stored(project, doc_id) or pre or fresh_alignment(
            project, doc_id, user=user, embeddings=embeddings, aligner=aligner)
        before = _footprint(wf)
        units_before = snapshot(wf) if is_recording() else None
        yield wf
        if (not wf.stored and save_unchanged) or _footprint(wf) != before:
            store.save(project, wf, user=user)
            if units_before is not None:
                note_change(units_before, wf, user)


def _footprint(wf: WorkingFile) -> tuple:
    """What changes when an operation changes something: every change is recorded in a
    unit's history (`record`), and units come and go by identity. An operation that
    changes nothing leaves the file (and other sessions' view of it) alone."""
    return (tuple(map(id, wf.units)), sum(len(u.history) for u in wf.units),
            wf.segmentation)


def record(unit: Unit, user: str, action: str, *, note: str = "", when: str | None = None,
           with_target: bool = True) -> None:
    """Append a history entry and stamp who/when on the unit. `with_target` records the
    English after the change; actions that do not change it (approve, reject, lock…)
    leave it out: it is the English of the last entry that has one."""
    when = when or now_iso()
    unit.history.append(HistoryEntry(when=when, who=user, action=action,
                                     target=clean(unit.target_text) if with_target else None,
                                     state=unit.state, note=clean(note)))
    unit.changed_by, unit.changed_at = user, when
    if not unit.created_by:
        unit.created_by, unit.created_at = user, when


PERSON_ACTIONS = frozenset({"edit", "accept", "import", "approve", "sign-off", "reject"})


def touched_by_person(unit: Unit) -> bool:
    """Whether a person edited, chose, imported, approved, signed off or rejected the
    unit's English."""
    return unit.state in (State.REVIEWED, State.FINAL) or any(
        h.action in PERSON_ACTIONS for h in unit.history)
