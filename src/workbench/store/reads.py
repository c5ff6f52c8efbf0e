"""Persistence of read document sides (`workbench.reading`): one JSON file per key in
the project's cache folder, `.workbench-cache/read/<key>.json`.

A cache, so every failure is only a miss: a file that cannot be read is None, one that
cannot be written is skipped. Writes are atomic (`atomic_write`), so a reader in another
process sees the old entry or the whole new one, never half of it; two processes writing
one key write the same bytes. `$WORKBENCH_READ_CACHE=off` turns the cache off (to
measure, or to rule it out while debugging).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.settings import env_choice
from workbench.store.atomic import atomic_write

if TYPE_CHECKING:
    from workbench.project import Project

FOLDER = "read"  # in the project's cache folder


def enabled() -> bool:
    return env_choice("WORKBENCH_READ_CACHE", "on", ("on", "off")) == "on"


@dataclass
class FileSideStore:
    """Bytes by key, a file each, in `folder` (created on the first write)."""

    folder: Path

    def _path(self, key: str) -> Path:
        if not (key.isalnum() and key.isascii()):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / f"{key}.json"

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        # a read-only folder, a full disk, a link in the way: read again next time
        with contextlib.suppress(OSError, WorkbenchError):
            atomic_write(self._path(key), data, durable=False)


def read_cache(project: Project) -> FileSideStore | None:
    """The project's store of read sides; None when turned off or when the cache folder
    leads out of the project (a link committed in its place is not written through)."""
    if not enabled():
        return None
    folder = project.cache_dir / FOLDER
    try:
        project.inside(folder)
    except WorkbenchError:
        return None
    return FileSideStore(folder)
