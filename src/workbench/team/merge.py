"""Three-way merge of a document's working file by unit id, not by lines.

`base` is the file both clones started from, `ours` the local one, `theirs` the other
clone's. Per unit, each group of fields (segments, English and state, lock, conflict)
comes from the side that changed it, and histories are united. A unit both sides
changed in different ways, a unit one side deleted (merged away) and the other changed,
and structural changes (split, merge, shift, realign) of both sides that touch the same
segments make a **conflict region**: the smallest set of units, closed under sharing a
segment, that holds them. Its units keep every version (English, state, who and when,
segments, history) and wait for a person (`team.conflicts`); the rest merges. The
result is always a valid working file: unique ids, never a segment in two units, ids
never reused (units both sides added under one id are renumbered).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.errors import WorkbenchError
from workbench.model import HistoryEntry, State, Unit, WorkingFile
from workbench.team.sides import Segment, Side
from workbench.team.units import (
    ENGLISH,
    GROUPS,
    copy_unit,
    group_values,
    latest_stamp,
    union_history,
)
from workbench.team.versions import conflict_units, distinct_versions, side_versions

DELETED = None


@dataclass
class MergeReport:
    """What a merge did, for the driver's one line and `workbench sync`."""

    path: str
    from_theirs: int = 0  # units taken from the other clone (changed only there)
    merged: int = 0  # units both changed, merged field by field
    conflicts: list[str] = field(default_factory=list)  # anchor ids of new conflict regions
    conflict_units: int = 0
    renumbered: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.from_theirs} unit(s) from the other clone",
                 f"{self.merged} merged field by field"]
        if self.renumbered:
            parts.append(f"{len(self.renumbered)} renumbered")
        if self.conflicts:
            parts.append(f"{self.conflict_units} unit(s) in {len(self.conflicts)} conflict(s)"
                         " to review (`workbench conflicts`)")
        return f"{self.path}: merged by unit: " + ", ".join(parts)


@dataclass
class Merged:
    """The merged file: its header and its units in order, each either a unit of one
    side kept as that side stored it, or a new unit."""

    header: WorkingFile
    items: list[tuple[Side, str] | Unit]
    report: MergeReport

    def units(self) -> list[Unit]:
        return [item if isinstance(item, Unit) else item[0].unit(item[1])
                for item in self.items]

    def texts(self) -> list[str]:
        from workbench.formats.xlf import unit_text

        return [unit_text(item) if isinstance(item, Unit) else item[0].text(item[1])
                for item in self.items]


def merge(base: Side | None, ours: Side, theirs: Side, *, user: str, when: str) -> Merged:
    """Merge `theirs` into `ours` (see the module's docstring). WorkbenchError when the
    two cannot be merged by unit at all (other documents, other languages, both
    realigned on different segmentations)."""
    _check_compatible(base, ours, theirs)
    report = MergeReport(ours.path)
    theirs = _renumber(base, ours, theirs, report, user, when)
    ids = list(dict.fromkeys(itertools.chain(
        ours.order, theirs.order, base.order if base is not None else ())))
    results: dict[str, tuple[Side, str] | Unit | None] = {}
    seeds: set[str] = set()
    changed_o, changed_t = set(), set()
    for uid in ids:
        co, ct = _changed(base, ours, uid), _changed(base, theirs, uid)
        if co:
            changed_o.add(uid)
        if ct:
            changed_t.add(uid)
        if (not co and not ct) or not ct:
            results[uid] = (ours, uid) if uid in ours else DELETED
        elif not co:
            results[uid] = (theirs, uid) if uid in theirs else DELETED
            report.from_theirs += uid in theirs
        elif uid not in ours and uid not in theirs:
            results[uid] = DELETED
        elif uid not in ours or uid not in theirs:
            seeds.add(uid)  # deleted (merged away) on one side, changed on the other
        else:
            b = base.unit(uid) if base is not None and uid in base else None
            unit = merge_unit(b, ours.unit(uid), theirs.unit(uid))
            if unit is None:
                seeds.add(uid)
            else:
                results[uid] = unit
                report.merged += 1
    touched_o, touched_t = _touched(base, ours, changed_o), _touched(base, theirs, changed_t)
    seeds |= _structural_seeds(base, ours, theirs, touched_o & touched_t)
    _check_segmentation(base, ours, theirs, bool(touched_o), bool(touched_t), bool(seeds))
    regions = _regions(base, ours, theirs, seeds)
    items = _ordered(ours, theirs, results, regions, report, user, when)
    _check_items(items, ours.path)
    return Merged(_header(base, ours, theirs, items), items, report)


def merge_unit(base: Unit | None, ours: Unit, theirs: Unit) -> Unit | None:
    """One unit both sides changed: each group of fields from the side that changed it,
    histories united; None when both changed a group in different ways (a conflict).
    Both approving the same English, one of them also signing it off, is no conflict:
    the sign-off stands."""
    merged = copy_unit(ours)
    for group in GROUPS:
        mine, other = group_values(ours, group), group_values(theirs, group)
        if mine == other:
            continue
        before = group_values(base, group) if base is not None else None
        if mine == before:
            pick = theirs
        elif other == before:
            continue
        elif group is ENGLISH and ours.target_text == theirs.target_text and \
                {ours.state, theirs.state} == {State.REVIEWED, State.FINAL}:
            pick = ours if ours.state is State.FINAL else theirs
        else:
            return None
        for name in group:
            setattr(merged, name, getattr(pick, name))
    merged.history = union_history(ours.history, theirs.history)
    merged.changed_by, merged.changed_at = latest_stamp((ours, theirs))
    if base is None and theirs.created_at and (not ours.created_at or
                                               theirs.created_at < ours.created_at):
        merged.created_by, merged.created_at = theirs.created_by, theirs.created_at
    return merged


# ---------------------------------------------------------------- what changed


def _check_compatible(base: Side | None, ours: Side, theirs: Side) -> None:
    o, t = ours.header, theirs.header
    if o.doc_id != t.doc_id:
        raise WorkbenchError(f"holds document {o.doc_id!r} here and {t.doc_id!r} in the other "
                             "clone", path=ours.path, fix="keep one side by hand")
    if (o.source_lang, o.target_lang) != (t.source_lang, t.target_lang):
        raise WorkbenchError("the two clones use different languages for it",
                             path=ours.path, fix="agree on [languages] in workbench.toml")


def _changed(base: Side | None, side: Side, uid: str) -> bool:
    in_base = base is not None and uid in base
    if (uid in side) != in_base:
        return True
    return in_base and base is not None and not side.same(base, uid)


def _check_segmentation(base: Side | None, ours: Side, theirs: Side, recut_o: bool,
                        recut_t: bool, conflicts: bool) -> None:
    """Segment indices mean something only in the segmentation a file was aligned on.
    When one clone realigned the document on changed texts, the other's changes merge
    only if they left segments alone (edits, approvals, locks of units kept by id)."""
    mine, other = ours.header.segmentation, theirs.header.segmentation
    before = base.header.segmentation if base is not None else None
    if mine == other:
        return
    if not conflicts and ((mine == before and not recut_o) or (other == before and not recut_t)):
        return
    raise WorkbenchError(
        "one clone realigned this document on changed texts while the other split, "
        "merged, shifted or changed the same units; it cannot be merged unit by unit",
        path=ours.path, fix="keep one side (`git checkout --ours FILE` or `--theirs`), "
        "`git add` it, finish the merge, then redo the other side's changes")


def _renumber(base: Side | None, ours: Side, theirs: Side, report: MergeReport, user: str,
              when: str) -> Side:
    """Units both sides added under one id (each clone split a unit and took the next
    id) are different units unless they hold the same segments: theirs get new ids."""
    clashes = [uid for uid in theirs.order if uid in ours and (base is None or uid not in base)
               and ours.segments(uid) != theirs.segments(uid)]
    if not clashes:
        return theirs
    number = max(ours.header.next_id, theirs.header.next_id,
                 base.header.next_id if base is not None else 1)
    renames: dict[str, Unit] = {}
    new_ids = {}
    for uid in clashes:
        new_ids[uid] = f"u{number}"
        number += 1
        while new_ids[uid] in ours or new_ids[uid] in theirs:
            new_ids[uid] = f"u{number}"
            number += 1
    for uid in theirs.order:
        unit = theirs.unit(uid) if uid in new_ids or theirs.anchor(uid) in new_ids else None
        if unit is None:
            continue
        conflict = unit.conflict
        if conflict is not None and conflict.anchor in new_ids:
            conflict = dataclasses.replace(conflict, anchor=new_ids[conflict.anchor])
        new_id = new_ids.get(uid, uid)
        history = list(unit.history)
        if uid in new_ids:
            history.append(HistoryEntry(when=when, who=user, action="renumber",
                                        state=unit.state,
                                        note=f"was {uid} in the other clone, where this "
                                        "clone's new unit took that id"))
            report.renumbered.append((uid, new_id))
        renames[uid] = copy_unit(unit, id=new_id, conflict=conflict, history=history)
    renamed = theirs.renamed(renames)
    renamed.header = dataclasses.replace(theirs.header, next_id=number)
    return renamed


def _touched(base: Side | None, side: Side, changed: set[str]) -> set[Segment]:
    """Segments whose unit this side created, deleted or gave other segments."""
    out: set[Segment] = set()
    for uid in changed:
        before = base.segments(uid) if base is not None and uid in base else set()
        after = side.segments(uid) if uid in side else set()
        if before != after:
            out |= before | after
    return out


def _structural_seeds(base: Side | None, ours: Side, theirs: Side,
                      overlap: set[Segment]) -> set[str]:
    """Units on segments both sides re-cut, unless both cut them the same way."""
    seeds = set()
    for seg in overlap:
        mine, other = ours.cover.get(seg), theirs.cover.get(seg)
        if mine == other and (mine is None or ours.segments(mine) == theirs.segments(mine)):
            continue
        seeds |= {uid for uid in (mine, other) if uid is not None}
        if base is not None and (held := base.cover.get(seg)) is not None:
            seeds.add(held)
    return seeds


def _regions(base: Side | None, ours: Side, theirs: Side, seeds: set[str]) -> list[set[str]]:
    """The seeds grown into closed regions: a unit's segments bring in the units that
    hold them on either side; a unit in a conflict brings its whole earlier region and
    the units on the segments of its versions."""
    parent: dict[str, str] = {}

    def find(uid: str) -> str:
        while parent[uid] != uid:
            parent[uid] = parent[parent[uid]]
            uid = parent[uid]
        return uid

    def neighbours(uid: str) -> Iterator[str]:
        for side in (ours, theirs, base):
            if side is None or uid not in side:
                continue
            segs = set(side.segments(uid))
            anchor = side.anchor(uid)
            if anchor is not None:
                yield from (other for other in side.order if side.anchor(other) == anchor)
                if anchor in side and (holder := side.unit(anchor).conflict) is not None:
                    for version in holder.versions:
                        for unit in version:
                            segs |= {("s", i) for i in unit.src} | {("t", j) for j in unit.tgt}
            for other_side in (ours, theirs):
                for seg in segs:
                    held = other_side.cover.get(seg)
                    if held is not None:
                        yield held

    stack = sorted(seeds)
    for uid in stack:
        parent.setdefault(uid, uid)
    while stack:
        uid = stack.pop()
        for other in neighbours(uid):
            if other not in parent:
                parent[other] = other
                stack.append(other)
            a, b = find(uid), find(other)
            if a != b:
                parent[b] = a
    groups: dict[str, set[str]] = {}
    for uid in parent:
        groups.setdefault(find(uid), set()).add(uid)
    return list(groups.values())


# ---------------------------------------------------------------- conflict regions


def _region_items(ours: Side, theirs: Side, region: set[str], report: MergeReport,
                  user: str, when: str) -> list[Unit]:
    first, second = (ours, theirs) if any(uid in ours for uid in region) else (theirs, ours)
    versions = distinct_versions(side_versions(first, region) + side_versions(second, region))
    if len(versions) == 1:  # both sides ended up the same: no conflict after all
        return [copy_unit(u) for u in versions[0]]
    units = conflict_units(versions, user, when)
    report.conflicts.append(units[0].id)
    report.conflict_units += len(units)
    return units


# ---------------------------------------------------------------- the merged file


def _ordered(ours: Side, theirs: Side, results: dict, regions: list[set[str]],
             report: MergeReport, user: str, when: str) -> list[tuple[Side, str] | Unit]:
    """The merged units in document order: ours' order, with the units only the other
    side has placed after the unit that precedes them there, and each conflict region
    where its first unit was."""
    region_of = {uid: n for n, region in enumerate(regions) for uid in region}
    blocks = [_region_items(ours, theirs, region, report, user, when) for region in regions]
    # Each item is a unit id (a plain result) or ("region", n).
    skeleton: list = []
    placed: set = set()

    def item_of(uid: str):
        if uid in region_of:
            return ("region", region_of[uid])
        return uid if results.get(uid) is not None else None

    for uid in ours.order:
        item = item_of(uid)
        if item is not None and item not in placed:
            skeleton.append(item)
            placed.add(item)
    after: dict = {}
    previous = None
    for uid in theirs.order:
        item = item_of(uid)
        if item is None:
            continue
        if item not in placed:
            after.setdefault(previous, []).append(item)
            placed.add(item)
        previous = item
    out: list[tuple[Side, str] | Unit] = []
    stack = list(reversed(skeleton)) + list(reversed(after.get(None, ())))
    while stack:  # depth-first: an item, then what the other side placed after it
        item = stack.pop()
        if isinstance(item, tuple):
            out.extend(blocks[item[1]])
        else:
            out.append(results[item])
        stack.extend(reversed(after.get(item, ())))
    return out


def _check_items(items: list[tuple[Side, str] | Unit], where: str) -> None:
    """The merged units make a working file: unique ids, no segment in two units (a
    merge that would break this is a bug, refused before anything is written)."""
    ids: set[str] = set()
    owner: dict[Segment, str] = {}
    for item in items:
        segs: frozenset[Segment]
        if isinstance(item, Unit):
            uid = item.id
            segs = frozenset([("s", i) for i in item.src] + [("t", j) for j in item.tgt])
        else:
            uid, segs = item[1], item[0].segments(item[1])
        if uid in ids:
            raise WorkbenchError(f"merging would repeat unit id {uid}; nothing was written",
                                 path=where, fix="report this; keep one side by hand")
        ids.add(uid)
        for seg in segs:
            if owner.setdefault(seg, uid) != uid:
                raise WorkbenchError(
                    f"merging would put segment {seg[1]} in both {owner[seg]} and {uid}; "
                    "nothing was written", path=where,
                    fix="report this; keep one side by hand")


def _header(base: Side | None, ours: Side, theirs: Side, items: list) -> WorkingFile:
    numbers = [ours.header.next_id, theirs.header.next_id]
    for item in items:
        if isinstance(item, Unit):
            ids = [item.id] + ([u.id for v in item.conflict.versions for u in v]
                               if item.conflict is not None else [])
            numbers += [int(i[1:]) + 1 for i in ids if i[:1] == "u" and i[1:].isdigit()]
    segmentation = ours.header.segmentation
    if base is not None and segmentation == base.header.segmentation:
        segmentation = theirs.header.segmentation
    return dataclasses.replace(
        ours.header, units=[], version=max(ours.header.version, theirs.header.version) + 1,
        next_id=max(numbers), segmentation=segmentation)


def merge_working_files(base: WorkingFile | None, ours: WorkingFile, theirs: WorkingFile, *,
                        user: str, when: str) -> tuple[WorkingFile, MergeReport]:
    """`merge` on working files in memory (tests, and callers that hold them)."""
    merged = merge(None if base is None else Side.from_working_file(base),
                   Side.from_working_file(ours), Side.from_working_file(theirs),
                   user=user, when=when)
    wf = dataclasses.replace(merged.header, units=merged.units())
    return wf, merged.report
