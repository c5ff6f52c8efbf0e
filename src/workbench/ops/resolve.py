"""Settling a conflict between two clones' work: take one version of its units, or
write new English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.model import Unit
from workbench.ops.conflicts import take
from workbench.ops.review import edit
from workbench.ops.transaction import transaction
from workbench.team.conflicts import region_of

if TYPE_CHECKING:
    from workbench.project import Project


def resolve_conflict(project: Project, doc_id: str, unit_id: str, *, user: str,
                     version: int | None = None, text: str | None = None) -> list[Unit]:
    """Settle the conflict `unit_id` is in: take version `version` for its whole region,
    or keep the units shown (version 1) and give `unit_id` the English `text` (an edit,
    which then needs approving). Returns the units changed."""
    if (version is None) == (text is None):
        raise WorkbenchError("say how to settle the conflict",
                             fix="--take N (a version from `workbench conflicts`) or "
                             "--edit TEXT")
    if text is not None:
        with transaction(project, doc_id, user) as wf:
            region_of(wf.units, unit_id, doc_id)  # refuses a unit in no conflict
            return [edit(project, doc_id, unit_id, text, user=user)]
    with transaction(project, doc_id, user) as wf:
        return take(wf, unit_id, version or 0, user=user)
