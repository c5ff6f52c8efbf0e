"""`workbench tm import | list | remove`: translation memories from other tools, kept in
the project's `tm/` folder (every TMX there is read automatically)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError, read_bytes
from workbench.store.atomic import atomic_write
from workbench.tm import MemoryInfo, folder, memory_files, memory_name, parse_memory, read_memory
from workbench.tm.store import remember

if TYPE_CHECKING:
    from workbench.project import Project

_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def import_memory(project: Project, path: str | Path, *, name: str | None = None,
                  replace: bool = False) -> MemoryInfo:
    """Check a TMX file (it must give units for the project's language pair) and copy it
    into `tm/` as `name` (default: its file name). Nothing is written when it fails."""
    path = Path(path)
    data = read_bytes(path)
    stem = _NAME.sub("-", name or path.stem).strip("-.") or "memory"
    target = folder(project) / f"{stem}.tmx"
    shown = memory_name(project, target)
    src, tgt = project.source_lang, project.target_lang
    info, units = parse_memory(data, shown, src, tgt, path=path)
    if info.units == 0:
        langs = ", ".join(info.languages) or "none"
        raise WorkbenchError(
            f"has no unit with both a {src} and a {tgt} text ({info.tus} units; languages in "
            f"it: {langs}), so it cannot propose anything here", path=path,
            fix="export the memory for this language pair from the other tool; nothing was "
            "changed")
    try:
        same = path.resolve() == target.resolve()
    except OSError:
        same = False
    if same:
        raise WorkbenchError(f"is already {shown}, which is read automatically", path=path,
                             fix="nothing to do")
    if target.exists() and not replace:
        raise WorkbenchError(f"{shown} exists already", path=path,
                             fix="give another --name, or --replace it")
    if target.is_symlink():
        raise WorkbenchError(f"{shown} is a symbolic link; refusing to write through it",
                             fix="remove the link")
    atomic_write(target, data)
    info.path = str(target)
    remember(project, data, info, units)
    return read_memory(project, target)[0]


def list_memories(project: Project) -> list[MemoryInfo]:
    """Every memory under `tm/`, as read for this project's languages."""
    return [read_memory(project, path)[0] for path in memory_files(project)]


def remove_memory(project: Project, name: str) -> Path:
    """Delete a memory file from `tm/` (by its name as `tm list` shows it, or its stem)."""
    for path in memory_files(project):
        shown = memory_name(project, path)
        if name in (shown, path.name, path.stem):
            path.unlink()
            return path
    known = ", ".join(memory_name(project, p) for p in memory_files(project)) or "none"
    raise WorkbenchError(f"no translation memory {name!r} in tm/",
                         fix=f"`workbench tm list` shows them (now: {known})")
