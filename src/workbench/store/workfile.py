"""Load and save working files (`translations/<id>.xlf`); the lock around a
load-modify-save. Persistence only: what to do when a document has no working file yet
(align it) is the business of `workbench.ops`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError, file_error
from workbench.formats.safexml import parse_xml
from workbench.formats.xlf import serialize
from workbench.formats.xlf_read import parse_root
from workbench.model import Unit, WorkingFile
from workbench.store import lock as _lock
from workbench.store.atomic import atomic_write, remove_stale_temps

if TYPE_CHECKING:
    from workbench.project import Project

SUFFIX = ".xlf"


def working_path(project: Project, doc_id: str) -> Path:
    """`translations/<id>.xlf`, after refusing ids that leave the corpus folders and a
    working file that is a symbolic link (it is never read or written through one)."""
    doc_id = project.check_id(doc_id)
    folder = project.inside(project.translations_dir)
    path = folder.resolve() / f"{doc_id}{SUFFIX}"
    if path.parent != folder.resolve():
        raise WorkbenchError(f"document id {doc_id!r} leaves translations/",
                             fix="use a plain id as listed by `workbench status`")
    if path.is_symlink():
        raise WorkbenchError(
            "is a symbolic link; workbench never reads or writes a working file through "
            "one", path=_shown(project, path),
            fix=f"replace it by the file itself, or remove it (rm '{path}') to start over")
    return path


def _shown(project: Project, path: Path) -> str:
    try:
        return str(path.relative_to(project.root.resolve()))
    except ValueError:
        return str(path)


# The last working file this process loaded or saved, per path, keyed by the file's
# identity: every save is a rename, so a new inode (plus size and mtime) means another
# writer changed it. Repeated operations in one session then skip parsing.
# The bytes come along, for the version check at save time (comparing them costs far
# less than parsing or hashing them).
_cache: dict[Path, tuple[tuple[int, int, int], WorkingFile, bytes]] = {}


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _copy_unit(unit: Unit) -> Unit:
    fields = unit.__dict__.copy()  # much faster than dataclasses.replace for 5,000 units
    fields["src"], fields["tgt"] = list(unit.src), list(unit.tgt)
    fields["history"] = list(unit.history)
    copy = object.__new__(Unit)
    copy.__dict__.update(fields)
    return copy


def _copy(wf: WorkingFile) -> WorkingFile:
    """A copy safe to change: units, their index lists and history lists are new
    (history entries and proposals are never changed in place)."""
    return dataclasses.replace(wf, units=[_copy_unit(u) for u in wf.units])


def load_stored(project: Project, doc_id: str) -> WorkingFile | None:
    """The stored working file, or None when the document has none yet."""
    path = working_path(project, doc_id)
    identity = _identity(path)
    cached = _cache.get(path)
    if cached is not None and identity is not None and cached[0] == identity:
        return _copy(cached[1])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise file_error(path, exc) from None
    shown = _shown(project, path)
    files = parse_root(parse_xml(data, path=shown), path=shown)
    if len(files) != 1 or files[0][0].doc_id != doc_id:
        raise WorkbenchError(f"should hold exactly one <file id=\"{doc_id}\">", path=shown,
                             fix="restore it from git (`git log -- " + shown + "`)")
    wf = files[0][0]
    wf.path, wf.stored = path, True
    if identity is not None and _identity(path) == identity:
        _cache[path] = (identity, _copy(wf), data)
    return wf


def _disk_version(path: Path, shown: str) -> int | None:
    """The version of the working file on disk (None: there is none), from the parsed
    file, wherever its version element is and however another tool quoted it. The
    usual case costs a read and a comparison: the bytes are the ones this process last
    loaded or saved, whose parse is cached."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise file_error(path, exc) from None
    cached = _cache.get(path)
    if cached is not None and cached[2] == data:
        return cached[1].version
    files = parse_root(parse_xml(data, path=shown), path=shown)
    return files[0][0].version if len(files) == 1 else 0


def save(project: Project, wf: WorkingFile, *, user: str = "") -> None:
    """Write `wf` atomically under the document's lock. Refuses (WorkbenchError) when the
    file on disk is newer than the one `wf` was loaded from: nothing is overwritten."""
    path = working_path(project, wf.doc_id)
    shown = _shown(project, path)
    with _lock.hold(path, user or "workbench", shown_as=shown):
        on_disk = _disk_version(path, shown)
        expected = wf.version if wf.stored else None
        if on_disk != expected:
            what = ("was saved by another session since this one opened the document"
                    if expected is None else
                    f"changed on disk since it was loaded (version {expected} → {on_disk})")
            raise WorkbenchError(f"{what}; your change was not saved", path=shown,
                                 fix="reload the document and apply the change again")
        remove_stale_temps(path)
        wf.version += 1
        try:
            data = serialize([wf]).encode("utf-8")
            atomic_write(path, data)
        except BaseException:
            wf.version -= 1
            raise
        wf.path, wf.stored = path, True
        identity = _identity(path)
        if identity is not None:
            _cache[path] = (identity, _copy(wf), data)


@contextmanager
def locked(project: Project, doc_id: str, user: str) -> Iterator[Path]:
    """Hold the document's lock for a load-modify-save (re-entrant in one process)."""
    path = working_path(project, doc_id)
    with _lock.hold(path, user or "workbench", shown_as=_shown(project, path)):
        yield path


def stored_ids(project: Project) -> list[str]:
    """Ids of the documents that have a working file."""
    folder = project.translations_dir
    if not folder.is_dir():
        return []
    return sorted(p.name[: -len(SUFFIX)] for p in folder.glob(f"*{SUFFIX}")
                  if not p.name.startswith("."))
