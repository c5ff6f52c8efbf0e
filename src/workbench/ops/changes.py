"""What a transaction changed, recorded for undo and redo (`workbench.ops.undo`).

An interactive session wraps each operation in `recording()`; every transaction run
inside records a `Change`: the runs of units it replaced, as they were before and
after (copies), and the document's segmentation then.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from workbench.model import Unit, WorkingFile, now_iso

# History actions that record a revert: they describe, they do not change the meaning of
# the history (a unit restored by undo is what it was before, plus this line).
TRAIL_ACTIONS = frozenset({"undo", "redo"})


def copy_unit(unit: Unit) -> Unit:
    """A copy whose lists are its own (history entries are never changed in place)."""
    copy = object.__new__(Unit)
    copy.__dict__.update(unit.__dict__)
    copy.src, copy.tgt, copy.history = list(unit.src), list(unit.tgt), list(unit.history)
    return copy


@dataclass(frozen=True)
class Span:
    """A run of consecutive units an operation replaced: `before` by `after`. `after_prev`
    is the id of the unit just before the run afterwards ("" at the start), where an
    empty run is put back."""

    before: tuple[Unit, ...]
    after: tuple[Unit, ...]
    after_prev: str = ""


@dataclass(frozen=True)
class Change:
    """What one transaction did to one document, enough to put it back."""

    doc_id: str
    user: str
    when: str
    action: str  # the history action it recorded ("edit", "approve", "split", "undo" …)
    spans: tuple[Span, ...]
    segmentation: str

    @property
    def unit_ids(self) -> list[str]:
        """The units it left (or, when it removed them all, the ones it removed)."""
        ids = [u.id for s in self.spans for u in s.after]
        return ids or [u.id for s in self.spans for u in s.before]

    @property
    def label(self) -> str:
        ids = self.unit_ids
        shown = " ".join(ids[:3]) + (f" (+{len(ids) - 3})" if len(ids) > 3 else "")
        return f"{self.action} of {shown}" if shown else self.action


_RECORDING: ContextVar[list[Change] | None] = ContextVar("workbench_recording", default=None)


@contextmanager
def recording() -> Iterator[list[Change]]:
    """Collect the `Change` of every transaction run inside (in this thread)."""
    changes: list[Change] = []
    token = _RECORDING.set(changes)
    try:
        yield changes
    finally:
        _RECORDING.reset(token)


def is_recording() -> bool:
    return _RECORDING.get() is not None


def snapshot(wf: WorkingFile) -> tuple[list[Unit], list[tuple[int, int]]]:
    """Copies of the units, and their keys (identity, history length), before a change."""
    return ([copy_unit(u) for u in wf.units], [(id(u), len(u.history)) for u in wf.units])


def note_change(before: tuple[list[Unit], list[tuple[int, int]]], wf: WorkingFile,
                user: str) -> None:
    """Record what the transaction changed, when something is recording."""
    changes = _RECORDING.get()
    if changes is None:
        return
    copies, keys = before
    after_keys = [(id(u), len(u.history)) for u in wf.units]
    spans: list[Span] = []
    matcher = difflib.SequenceMatcher(a=keys, b=after_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        prev = wf.units[j1 - 1].id if j1 > 0 else ""
        spans.append(Span(tuple(copies[i1:i2]),
                          tuple(copy_unit(u) for u in wf.units[j1:j2]), prev))
    if not spans:
        return
    action = _last_action(spans)
    changes.append(Change(wf.doc_id, user, now_iso(), action, tuple(spans), wf.segmentation))


def _last_action(spans: Sequence[Span]) -> str:
    entries = [u.history[-1] for s in spans for u in s.after if u.history]
    return max(entries, key=lambda h: h.when).action if entries else "change"
