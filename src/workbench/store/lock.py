"""An exclusive per-document lock (fcntl.flock on `.<name>.lock` next to the file).

The kernel releases a flock when its holder dies, so a crashed session never leaves a
stale lock; the lock file's text only says who holds it, for the error message.
Re-entrant within one thread, so an operation may call another under the same lock;
another thread waits like another process.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.model import now_iso
from workbench.settings import env_float

DEFAULT_TIMEOUT = 5.0
# Locks this thread holds (re-entrancy). Per thread: another thread of the same process
# (a TUI worker) opens its own descriptor, and flock makes it wait like another process.
_local = threading.local()


def _held() -> dict[str, int]:
    if not hasattr(_local, "held"):
        _local.held = {}
    return _local.held


def lock_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def lock_timeout() -> float:
    """Seconds to wait for another session (`$WORKBENCH_LOCK_TIMEOUT`, default 5, at
    most an hour; anything else, `nan` included, is an error rather than a wait forever)."""
    return env_float("WORKBENCH_LOCK_TIMEOUT", DEFAULT_TIMEOUT, maximum=3600)


# Never through a symbolic link (a cloned repository can hold one pointing anywhere), and
# never blocking on a FIFO planted in its place.
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def _open_lock(lock_path: Path, shown: str) -> int:
    """The lock file's descriptor: a regular file, created if missing, never a link."""
    try:
        fd = os.open(lock_path, _OPEN_FLAGS, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WorkbenchError(
                f"is a symbolic link; workbench never writes through one, and the lock of "
                f"{shown} lives there", path=shown_path(lock_path, shown),
                fix=f"remove the link (rm '{lock_path}') and retry") from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise WorkbenchError(f"is not a regular file, so it cannot be the lock of {shown}",
                             path=shown_path(lock_path, shown),
                             fix=f"remove it (rm '{lock_path}') and retry")
    return fd


def shown_path(lock_path: Path, shown: str) -> str:
    """The lock file's path as the user knows the file it locks (relative when that is)."""
    return str(Path(shown).with_name(lock_path.name))


@contextmanager
def hold(path: Path, user: str, *, timeout: float | None = None,
         shown_as: str | None = None) -> Iterator[None]:
    """Hold the exclusive lock of `path` for the block; wait up to `timeout` seconds for
    another holder, then raise a WorkbenchError naming who holds it."""
    key = str(path.resolve())
    held = _held()
    if key in held:
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    lock_path = lock_path_for(path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    shown = shown_as or str(path)
    wait = lock_timeout() if timeout is None else timeout
    fd = _open_lock(lock_path, shown)
    try:
        _acquire(fd, lock_path, shown, wait)
        info = f"{user}@{socket.gethostname()} (pid {os.getpid()}) since {now_iso()}"
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, info.encode("utf-8"), 0)
        except OSError:  # a full disk: the flock holds all the same; the save will say
            pass
        held[key] = 1
        try:
            yield
        finally:
            held.pop(key, None)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _acquire(fd: int, lock_path: Path, shown_as: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(fd)
                raise WorkbenchError(
                    f"{shown_as} is being edited by {holder}",
                    fix=f"wait until that session finishes and retry; the lock is released "
                    f"when it ends (lock file {lock_path.name})") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def _holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it (read from the open descriptor, never
    by name: the name could be swapped for a link meanwhile)."""
    try:
        text = os.pread(fd, 400, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "another session"
