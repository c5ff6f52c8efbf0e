"""Concordance (`workbench search`, the TUI's ctrl+k): a phrase's words across every unit
of every document's working file and every imported translation memory (`tm/`).

The index lives in the project's cache folder (`Project.cache_dir`), as
`concordance.sqlite3` (gitignored, a cache: delete it and it is rebuilt). Before each
search it is brought up to date: a source whose file changed is read again, and of its
rows only the changed ones are written, so a search after one save costs a few
milliseconds more than one before it. A project whose cache folder cannot be written
keeps the index in memory for the process.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.errors import WorkbenchError
from workbench.inline import plain
from workbench.ops.select import origin_kind
from workbench.search import ConcordanceIndex, Query, Result, Row, Source, SyncReport
from workbench.tm import memory_files, memory_name, read_memory

if TYPE_CHECKING:
    from workbench.project import Project

INDEX_FILE = "concordance.sqlite3"
WORKING_SUFFIX = ".xlf"  # translations/<id>.xlf (workbench.store)
_OPEN: dict[Path, ConcordanceIndex] = {}
_OPEN_LOCK = threading.Lock()


def index_path(project: Project) -> Path:
    return project.cache_dir / INDEX_FILE


def concordance_index(project: Project) -> ConcordanceIndex:
    """The project's index, opened once per process (in memory where the cache folder
    cannot be written)."""
    key = Path(project.root).resolve()
    with _OPEN_LOCK:
        index = _OPEN.get(key)
        if index is None:
            path: Path | None = index_path(project)
            try:
                assert path is not None
                path.parent.mkdir(exist_ok=True)
                index = ConcordanceIndex(path, source_lang=project.source_lang,
                                         target_lang=project.target_lang)
            except (OSError, sqlite3.Error):
                index = ConcordanceIndex(None, source_lang=project.source_lang,
                                         target_lang=project.target_lang)
            _OPEN[key] = index
        return index


def _file_stamp(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def _document_rows(project: Project, doc_id: str) -> Iterable[Row]:
    wf = store.load_stored(project, doc_id)
    if wf is None:
        return []
    return [Row(u.id, position, plain(u.source_text, u.codes), plain(u.target_text, u.codes),
                u.state.value, origin_kind(u))
            for position, u in enumerate(wf.units, 1)
            if u.source_text.strip() or u.target_text.strip()]


def document_sources(project: Project) -> list[Source]:
    """One source per document that has a working file (a document nobody aligned yet
    has no units to search; `workbench align ID` stores them). One directory scan: this
    runs before every search."""
    sources = []
    folder = Path(project.translations_dir)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name.startswith(".") or not name.endswith(WORKING_SUFFIX):
            continue
        doc_id = name[: -len(WORKING_SUFFIX)]
        try:
            project.check_id(doc_id)
            st = entry.stat()
        except (WorkbenchError, OSError):
            continue  # not a document's working file
        sources.append(Source(doc_id, "document", f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}",
                              functools.partial(_document_rows, project, doc_id)))
    return sources


def _memory_rows(project: Project, path: Path) -> list[Row]:
    """A memory's pairs as rows: the entry's `tuid` as its id (a position where the file
    gives none or gives one twice), texts without inline codes, no state."""
    rows = []
    seen: set[str] = set()
    for n, unit in enumerate(read_memory(project, path)[1], 1):
        unit_id = unit.tuid if unit.tuid and unit.tuid not in seen else f"#{n}"
        seen.add(unit_id)
        rows.append(Row(unit_id, n, unit.plain_source, unit.plain_target))
    return rows


def memory_sources(project: Project) -> list[Source]:
    """The project's imported translation memories (every TMX under `tm/`, as proposals
    use them), one source each: its name (`tm/NAME.tmx`) where a document's id would
    be, rows with the entry's tuid, source and target, and no state."""
    sources = []
    for path in memory_files(project):
        stamp = _file_stamp(path)
        if stamp is not None:
            sources.append(Source(memory_name(project, path), "tm", stamp,
                                  functools.partial(_memory_rows, project, path)))
    return sources


def refresh_index(project: Project) -> SyncReport:
    """Bring the index up to date with the working files and TMs (only what changed)."""
    return concordance_index(project).sync(document_sources(project)
                                           + memory_sources(project))


def side_of(project: Project, lang: str | None) -> str:
    """`--lang`: the project's source or target language code (or source/target)."""
    if lang is None:
        return "both"
    low = lang.strip().lower()
    if low in (project.source_lang, "source", "src"):
        return "source"
    if low in (project.target_lang, "target", "tgt"):
        return "target"
    raise WorkbenchError(f"--lang {lang!r} is neither side of this project",
                         fix=f"use {project.source_lang} (source) or "
                         f"{project.target_lang} (target)")


def concordance(project: Project, text: str, *, side: str = "both", lemma: bool = False,
                limit: int = 50) -> Result:
    """The hits for `text` (every word must occur on the side searched; the phrase as
    typed first). Source-side words match by lemma with `lemma` (the source language's
    morphology: pymorphy3 for Russian)."""
    if not text.strip():
        raise WorkbenchError("nothing to search for", fix="give a word or a phrase")
    if limit < 1:
        raise WorkbenchError(f"--limit must be at least 1, not {limit}")
    refresh_index(project)
    return concordance_index(project).search(Query(text, side=side, lemma=lemma,
                                                   limit=limit))
