"""Every use case, one module per group; the only layer the CLI and the TUI call for
anything that changes or computes project state. Each operation that changes a
document loads its working file under its lock, changes it, records who/when in the
unit's history, and saves it atomically; user mistakes raise WorkbenchError and change
nothing."""

from __future__ import annotations

from workbench.ops.alignment import align_document, realign
from workbench.ops.importing import ImportReport, import_file
from workbench.ops.review import (
    accept,
    apply_proposals,
    approve,
    edit,
    history,
    lock,
    reject,
    sign_off,
)
from workbench.ops.structure import merge, shift, split
from workbench.ops.user import current_user
from workbench.ops.working import fresh_alignment, load_and_keep, load_or_align

__all__ = ["ImportReport", "accept", "align_document", "apply_proposals", "approve",
           "current_user", "edit", "fresh_alignment", "history", "import_file",
           "load_and_keep", "load_or_align", "lock", "merge", "realign", "reject", "shift",
           "sign_off", "split"]
