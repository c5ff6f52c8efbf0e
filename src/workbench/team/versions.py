"""The versions a conflict region keeps: each side's units of the region (an earlier
conflict's units standing for each of its versions), once each, and the units shown
for the region while it waits for a person."""

from __future__ import annotations

from workbench.model import Conflict, HistoryEntry, State, Unit
from workbench.team.sides import Side
from workbench.team.units import content_key, copy_unit, latest_stamp, union_history


def side_versions(side: Side, region: set[str]) -> list[tuple[Unit, ...]]:
    """The region as this side has it. Units of an earlier conflict stand for each of
    that conflict's versions in turn (what is shown of them is not a version)."""
    combos: list[list[Unit]] = [[]]  # an empty version: this side removed the units
    done: set[str] = set()
    for uid in side.order:
        if uid not in region:
            continue
        unit = side.unit(uid)
        anchor = unit.conflict.anchor if unit.conflict is not None else None
        if anchor is None:
            combos = [[*combo, copy_unit(unit)] for combo in combos]
            continue
        if anchor in done:
            continue
        done.add(anchor)
        holder = side.unit(anchor) if anchor in side else unit
        versions = holder.conflict.versions if holder.conflict is not None else ()
        if not versions:
            versions = ((copy_unit(unit, conflict=None),),)
        combos = [combo + [copy_unit(u, conflict=None) for u in version]
                  for combo in combos for version in versions]
    return [tuple(combo) for combo in combos]


def distinct_versions(versions: list[tuple[Unit, ...]]) -> list[tuple[Unit, ...]]:
    """Versions once each: two showing the same thing become one, histories united."""
    out: dict[tuple, list[Unit]] = {}
    for version in versions:
        key = tuple(content_key(u) for u in version)
        kept = out.get(key)
        if kept is None:
            out[key] = [copy_unit(u) for u in version]
            continue
        for mine, other in zip(kept, version, strict=True):
            mine.history = union_history(mine.history, other.history)
            if other.changed_at > mine.changed_at:
                mine.changed_by, mine.changed_at = other.changed_by, other.changed_at
    return [tuple(units) for units in out.values()]


def conflict_units(versions: list[tuple[Unit, ...]], user: str, when: str) -> list[Unit]:
    """The units shown for a region: the first version's segments and English, state
    back to needing review, every version's history of the same unit, an entry saying
    why; the first unit (the anchor) holds the versions."""
    anchor = versions[0][0].id
    labels = "; ".join(f"{i}: {who or 'someone'} {at}" for i, (who, at) in
                       enumerate((latest_stamp(v) for v in versions), start=1))
    shown = []
    for unit in versions[0]:
        histories = [u.history for v in versions for u in v if u.id == unit.id]
        state = State.TRANSLATED if unit.target_text.strip() else State.INITIAL
        copy = copy_unit(unit, state=state, reject_reason="",
                         history=union_history(*histories),
                         conflict=Conflict(anchor=anchor,
                                           versions=tuple(versions) if unit.id == anchor
                                           else ()))
        copy.history.append(HistoryEntry(
            when=when, who=user, action="conflict", state=state,
            note=f"two clones changed this in different ways; versions {labels}"))
        copy.changed_by, copy.changed_at = user, when
        shown.append(copy)
    return shown
