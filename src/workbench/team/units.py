"""What the merge and the conflict resolution share: copying units, comparing what a
person would see, the union of histories, and the check that a list of units is a valid
working file (unique ids, no segment in two units)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence

from workbench.errors import WorkbenchError
from workbench.model import HistoryEntry, Unit

# Fields of a unit in groups that change together. A three-way merge takes each group
# from the side that changed it; both sides changing one group differently is a conflict.
# (Inline codes belong to the source text; notes are what another tool wrote on the unit.)
STRUCTURE = ("src", "tgt", "source_text", "kind", "confidence", "source_in_target", "codes")
ENGLISH = ("target_text", "state", "reject_reason", "origin", "proposal")
LOCK = ("locked",)
NOTES = ("notes",)
CONFLICT = ("conflict",)
GROUPS = (STRUCTURE, ENGLISH, LOCK, NOTES, CONFLICT)


def copy_unit(unit: Unit, **changes) -> Unit:
    """A copy safe to change (its index and history lists are new)."""
    fields: dict = {"src": list(unit.src), "tgt": list(unit.tgt),
                    "history": list(unit.history)}
    fields.update(changes)
    return dataclasses.replace(unit, **fields)


def group_values(unit: Unit, group: Sequence[str]) -> tuple:
    return tuple(getattr(unit, name) for name in group)


def content_key(unit: Unit) -> tuple:
    """Everything a person sees of a unit but its history and stamps: two versions with
    the same key are the same version (their histories are merged)."""
    return (unit.id, *(tuple(tuple(v) if isinstance(v, list) else v
                             for v in group_values(unit, g))
                       for g in (STRUCTURE, ENGLISH, LOCK, NOTES)))


def _entry_key(entry: HistoryEntry) -> tuple:
    return (entry.when, entry.who, entry.action, entry.target, entry.state, entry.note)


def union_history(*histories: Iterable[HistoryEntry]) -> list[HistoryEntry]:
    """Every entry of every history once (an entry both sides have counts once; one side
    having it twice keeps two), ordered by time; entries of the same second keep the
    order they had."""
    taken: Counter[tuple] = Counter()
    out: list[HistoryEntry] = []
    for history in histories:
        seen: Counter[tuple] = Counter()
        for entry in history:
            key = _entry_key(entry)
            seen[key] += 1
            if seen[key] > taken[key]:
                taken[key] += 1
                out.append(entry)
    out.sort(key=lambda e: e.when)
    return out


def latest_stamp(units: Iterable[Unit]) -> tuple[str, str]:
    """(who, when) of the latest change among `units`."""
    best = ("", "")
    for unit in units:
        if unit.changed_at >= best[1]:
            best = (unit.changed_by, unit.changed_at)
    return best


def check_units(units: Sequence[Unit], where: str) -> None:
    """Refuse units that do not make a working file: a repeated id, or a segment in two
    units (WorkbenchError naming them)."""
    ids: set[str] = set()
    owner: dict[tuple[str, int], str] = {}
    for unit in units:
        if unit.id in ids:
            raise WorkbenchError(f"{where}: unit id {unit.id} appears twice")
        ids.add(unit.id)
        for side, indices in (("source", unit.src), ("target", unit.tgt)):
            for index in indices:
                other = owner.setdefault((side, index), unit.id)
                if other != unit.id:
                    raise WorkbenchError(f"{where}: {side} segment {index} is in both "
                                         f"{other} and {unit.id}")
