"""An exclusive per-document lock (fcntl.flock on `.<name>.lock` next to the file).

The kernel releases a flock when its holder dies, so a crashed session never leaves a
stale lock; the lock file's text only says who holds it, for the error message.
Re-entrant within one thread, so an operation may call another under the same lock;
another thread waits like another process.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.model import now_iso

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
    """Seconds to wait for another session (`$WORKBENCH_LOCK_TIMEOUT`, default 5)."""
    try:
        return float(os.environ.get("WORKBENCH_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


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
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, lock_path, shown_as or str(path), lock_timeout() if timeout is None
                 else timeout)
        info = f"{user}@{socket.gethostname()} (pid {os.getpid()}) since {now_iso()}"
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode("utf-8"), 0)
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
                holder = _holder(lock_path)
                raise WorkbenchError(
                    f"{shown_as} is being edited by {holder}",
                    fix=f"wait until that session finishes and retry; the lock is released "
                    f"when it ends (lock file {lock_path.name})") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def _holder(lock_path: Path) -> str:
    try:
        text = lock_path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "another session"
