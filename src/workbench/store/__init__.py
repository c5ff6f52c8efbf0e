"""Storage of the review work: one XLIFF 2.1 working file per document in
`translations/<id>.xlf`, saved atomically under an exclusive lock with an optimistic
version check, so an approval is never lost to a crash or to a second session.
"""

from __future__ import annotations

from workbench.store.workfile import (
    WorkingFile,
    approved_pairs,
    fresh,
    load,
    load_and_keep,
    load_stored,
    locked,
    save,
    stored_ids,
    working_path,
)

__all__ = ["WorkingFile", "approved_pairs", "fresh", "load", "load_and_keep", "load_stored",
           "locked", "save", "stored_ids", "working_path"]
