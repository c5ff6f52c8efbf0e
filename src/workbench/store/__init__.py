"""Persistence of the review work: one XLIFF 2.1 working file per document in
`translations/<id>.xlf`, saved atomically under an exclusive lock with an optimistic
version check, so an approval is never lost to a crash or to a second session.

Persistence only: paths, locks, atomic writes, load and save. A document with no
working file yet is aligned by `workbench.ops` (`ops.load_or_align`), never here.
"""

from __future__ import annotations

from workbench.store.workfile import (
    load_stored,
    locked,
    save,
    stored_ids,
    working_path,
)

__all__ = ["load_stored", "locked", "save", "stored_ids", "working_path"]
