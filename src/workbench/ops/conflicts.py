"""Conflicts left by merging two clones' work: listing them, settling them (take a
version, or write new English), refusing the operations that must wait for that, and
the git merge driver that makes them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.errors import WorkbenchError
from workbench.model import Unit, WorkingFile, now_iso
from workbench.ops.transaction import record
from workbench.ops.user import current_user
from workbench.team.conflicts import ConflictRegion, conflict_regions, region_of, take_version
from workbench.team.driver import merge_paths
from workbench.team.merge import MergeReport

if TYPE_CHECKING:
    from workbench.project import Project

__all__ = ["ConflictRegion", "conflict_regions", "list_conflicts", "merge_driver",
           "refuse_conflicts", "take"]


def list_conflicts(project: Project, doc_ids: Sequence[str] | None = None
                   ) -> list[tuple[str, ConflictRegion]]:
    """(document id, region) for every conflict in the stored working files."""
    out = []
    for doc_id in (store.stored_ids(project) if doc_ids is None else doc_ids):
        wf = store.load_stored(project, doc_id)
        if wf is None:
            if doc_ids is not None:  # asked for by name: say why there is nothing
                project.document(doc_id)
            continue
        out += [(doc_id, region) for region in conflict_regions(wf.units)]
    return out


def refuse_conflicts(units: Sequence[Unit], doc_id: str, action: str) -> None:
    """Refuse `action` on units in a conflict: a person must settle it first."""
    for unit in units:
        if unit.conflict is not None:
            raise WorkbenchError(
                f"{doc_id} {unit.id} is in a conflict between two clones' work; cannot "
                f"{action} it yet", fix=f"settle it first: `workbench conflicts {doc_id}`, "
                f"then `workbench resolve {doc_id} {unit.id} --take N` or `--edit TEXT`")


def take(wf: WorkingFile, unit_id: str, number: int, *, user: str) -> list[Unit]:
    """Replace the conflict region of `unit_id` with version `number` (in a transaction
    the caller holds); the history of each unit says who settled it, how."""
    region = region_of(wf.units, unit_id, wf.doc_id)
    units, fresh = take_version(wf.units, unit_id, number, where=wf.doc_id, new_id=wf.new_id)
    wf.units[:] = units
    if region.versions:
        version = region.versions[number - 1]
        note = (f"took version {number} of {len(region.versions)} "
                f"({version.who or 'someone'} {version.when})")
        for unit in fresh:
            record(unit, user, "resolve", note=note)
    return fresh


def merge_driver(base: str | Path, ours: str | Path, theirs: str | Path, shown: str, *,
                 user: str | None = None) -> MergeReport:
    """What git runs to merge a working file (`workbench merge-driver %O %A %B %P`)."""
    return merge_paths(Path(base), Path(ours), Path(theirs), shown or str(ours),
                       user=current_user(user), when=now_iso())
