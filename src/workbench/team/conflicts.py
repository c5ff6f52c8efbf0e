"""Conflicts as review work: which units are in conflict, their versions, and taking one
version for a region (the units shown are replaced by that version's units, with
every history kept)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.model import Unit
from workbench.team.units import check_units, copy_unit, latest_stamp, union_history


@dataclass(frozen=True)
class Version:
    """One clone's version of a conflict region: its units, and who changed them last."""

    number: int  # 1, 2, … (1 is the version shown meanwhile)
    who: str
    when: str
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class ConflictRegion:
    """Units two clones changed in different ways, and every version of them."""

    anchor: str
    unit_ids: tuple[str, ...]  # the units shown, in file order
    versions: tuple[Version, ...]


def conflict_regions(units: Sequence[Unit]) -> list[ConflictRegion]:
    """The conflict regions among `units`, in file order."""
    members: dict[str, list[str]] = {}
    holders: dict[str, Unit] = {}
    for unit in units:
        if unit.conflict is None:
            continue
        members.setdefault(unit.conflict.anchor, []).append(unit.id)
        if unit.id == unit.conflict.anchor:
            holders[unit.id] = unit
    out = []
    for anchor, ids in members.items():
        holder = holders.get(anchor)
        versions = holder.conflict.versions if holder is not None and holder.conflict else ()
        out.append(ConflictRegion(anchor, tuple(ids), tuple(
            Version(n, *latest_stamp(v), units=v) for n, v in enumerate(versions, start=1))))
    return out


def region_of(units: Sequence[Unit], unit_id: str, where: str) -> ConflictRegion:
    """The conflict region holding `unit_id` (WorkbenchError when it has none)."""
    for region in conflict_regions(units):
        if unit_id in region.unit_ids:
            return region
    raise WorkbenchError(f"{where} {unit_id} is not in a conflict",
                         fix="`workbench conflicts` lists the units that are")


def take_version(units: list[Unit], unit_id: str, number: int, *, where: str,
                 new_id: Callable[[], str]) -> tuple[list[Unit], list[Unit]]:
    """The file's units with `unit_id`'s conflict region replaced by version `number`'s
    units, and those new units. Each new unit keeps the history of the unit shown under
    its id; the histories of units the version does not have go to its first unit (as a
    merge keeps them); a version unit whose id another unit took meanwhile gets a new one."""
    region = region_of(units, unit_id, where)
    if not region.versions:
        raise WorkbenchError(f"{where} {region.anchor}: the conflict lost its versions",
                             fix="edit the English to settle it (`workbench resolve … --edit`)")
    if not 1 <= number <= len(region.versions):
        raise WorkbenchError(f"{where} {unit_id}: there is no version {number}",
                             fix=f"choose 1 to {len(region.versions)} "
                             f"(`workbench conflicts {where}`)")
    chosen = region.versions[number - 1].units
    shown = [u for u in units if u.id in region.unit_ids]
    outside = {u.id for u in units if u.id not in region.unit_ids}
    fresh = []
    for unit in chosen:
        same = [u.history for u in shown if u.id == unit.id]
        fresh.append(copy_unit(unit, id=new_id() if unit.id in outside else unit.id,
                               conflict=None, history=union_history(unit.history, *same)))
    kept = {u.id for u in chosen}
    dropped = [u.history for u in shown if u.id not in kept]
    if fresh and dropped:
        fresh[0].history = union_history(fresh[0].history, *dropped)
    first = min(i for i, u in enumerate(units) if u.id in region.unit_ids)
    rest = [u for u in units if u.id not in region.unit_ids]
    result = rest[:first] + fresh + rest[first:]
    check_units(result, f"{where} after taking version {number}")
    return result, fresh
