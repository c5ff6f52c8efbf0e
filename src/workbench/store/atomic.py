"""Atomic file replacement: a crash at any moment leaves either the old file or the new
one on disk, never a half-written mix."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from workbench.errors import WorkbenchError


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` via a temporary file in the same folder: write, fsync,
    `os.replace`, then fsync the folder so the rename itself is durable. `durable=False`
    skips both fsyncs (still all-or-nothing for readers): for caches, where losing the
    newest write to a power cut costs only a recomputation.

    Never through a symbolic link: a link at `path` is refused (a cloned repository can
    hold one pointing at any file of the user's), and the temporary file is created
    exclusively (`mkstemp`: `O_EXCL`, so a name planted beforehand is never opened).
    On any error (disk full, read-only folder) the temporary file is removed and `path`
    is as it was."""
    folder = path.parent
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        mode = 0o644
    else:
        if stat.S_ISLNK(st.st_mode):
            raise WorkbenchError("is a symbolic link; workbench never writes through one",
                                 path=path, fix="remove the link, or write to another path")
        mode = stat.S_IMODE(st.st_mode)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_and_replace(path, data, mode, durable)
    except OSError as exc:  # name the file written, not its temporary name
        if exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    if durable:
        fsync_dir(folder)


def _write_and_replace(path: Path, data: bytes, mode: int, durable: bool = True) -> None:
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where directories cannot be opened)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def remove_stale_temps(path: Path) -> int:
    """Delete temporary files a killed writer left next to `path`. Call only while
    holding the file's lock (then no live writer owns them)."""
    removed = 0
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed += 1
    return removed
