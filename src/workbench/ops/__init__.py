"""The operations the CLI and the TUI share. Each one loads the document's working
file under its lock, changes it, records who/when in the unit's history, and saves it
atomically; user mistakes raise WorkbenchError and change nothing."""

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

__all__ = ["ImportReport", "accept", "align_document", "apply_proposals", "approve", "current_user",
           "edit", "history", "import_file", "lock", "merge", "realign", "reject", "shift",
           "sign_off", "split"]
