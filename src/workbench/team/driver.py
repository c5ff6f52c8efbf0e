"""The git merge driver for `translations/*.xlf`: git runs it with the common ancestor,
this clone's version and the other clone's (`%O %A %B`), and takes what it leaves in
the second file as the merged working file. Registered by `workbench sync` and
`workbench team init` (`merge.workbench.driver`, `.gitattributes`).

Exit status 0 means merged, conflicts included: they are units in the file for a person
to review, never conflict markers. A file that cannot be merged by unit (unreadable, or
realigned on other texts) leaves this clone's version untouched and fails, so that git
reports a conflict and `workbench sync` stops the merge.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from workbench.formats.safexml import check_well_formed
from workbench.formats.xlf import serialize_texts
from workbench.team.merge import MergeReport, merge
from workbench.team.sides import Side


def merge_paths(base: Path, ours: Path, theirs: Path, shown: str, *, user: str,
                when: str) -> MergeReport:
    """Merge the three files, writing the result over `ours` (WorkbenchError, and
    `ours` unchanged, when they cannot be merged)."""
    mine = Side.from_path(ours, shown)
    other = Side.from_path(theirs, f"{shown} (the other clone's)")
    report = MergeReport(shown)
    if other is None:  # nothing on the other side: this clone's file stands
        return report
    if mine is None:
        _write(ours, theirs.read_bytes())
        report.from_theirs = len(other.order)
        return report
    merged = merge(Side.from_path(base, f"{shown} (common ancestor)", check=False), mine, other,
                   user=user, when=when)
    data = serialize_texts(merged.header, merged.texts()).encode("utf-8")
    check_well_formed(data, path=shown)
    _write(ours, data)
    return merged.report


def _write(path: Path, data: bytes) -> None:
    """Replace `path` whole (a temporary file renamed over it): git reads it next."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
