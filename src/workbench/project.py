"""A workbench folder: its documents (read, blocked, segmented, language-tagged), its
languages and its glossary path. The API the CLI and the TUI share."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.corpus import discover
from workbench.errors import WorkbenchError
from workbench.glossary import Glossary, load_glossary
from workbench.model import BlockKind, Document, Side
from workbench.reading import SideStore, read_document_side, read_meta
from workbench.settings import Settings, load_settings

CACHE_FOLDER = ".workbench-cache"  # gitignored: everything in it can be computed again
DOCUMENT_CACHE = 256  # documents kept read; a batch over a larger corpus streams through


@dataclass
class Project:
    """An opened workbench folder. `document()` results are cached per process (the
    DOCUMENT_CACHE most recently used) and re-read when a side's file changes on disk;
    with `reads` (`ops.open_project` sets the project's `workbench.store.reads`), what
    reading a side computes is kept between runs."""

    root: Path
    source_lang: str = "ru"
    target_lang: str = "en"
    settings: Settings = field(default_factory=Settings)
    reads: SideStore | None = field(default=None, repr=False)
    _cache: dict[str, tuple[tuple, Document]] = field(default_factory=dict, repr=False)

    @property
    def cache_dir(self) -> Path:
        """The project's cache folder: MT results, the concordance, imported memories and
        read documents are kept there, and deleting it loses nothing but time."""
        return self.root / CACHE_FOLDER

    @property
    def langid_languages(self) -> tuple[str, ...]:
        """The languages a line may be labelled with (`[langid] languages`): the project's
        documents and the files read inside the project are labelled from this set."""
        return self.settings.langid.languages

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def glossary_path(self) -> Path:
        return self.root / "glossary.yaml"

    def glossary(self) -> Glossary | None:
        """The project's glossary (loaded once while glossary.yaml is unchanged), or None
        when there is none. A broken file raises WorkbenchError (file:line)."""
        if not self.glossary_path.is_file():
            return None
        return load_glossary(self.inside(self.glossary_path))

    def inside(self, path: Path) -> Path:
        """`path` when it stays in the project folder once every symbolic link on the way
        is followed; else a WorkbenchError naming it. A cloned repository can hold links
        to any file of the user's (`translations/x.en.txt -> /etc/passwd`): the workbench
        reads and writes only the project's own files. A link within the project is fine."""
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a loop of links
            raise WorkbenchError("is a loop of symbolic links", path=self._shown(path),
                                 fix="remove the link") from None
        root = self.root.resolve()
        if real == root or root in real.parents:
            return path
        raise WorkbenchError(
            f"leads outside the project, to {real}, through a symbolic link; refused",
            path=self._shown(path),
            fix="copy the file into the project instead of linking to it")

    def _shown(self, path: Path) -> Path:
        try:
            return path.relative_to(self.root)
        except ValueError:
            return path

    def check_id(self, doc_id: str) -> str:
        """Refuse ids that could escape the project folder (`../`, absolute, separators)."""
        return discover.check_id(doc_id)

    def document_ids(self) -> list[str]:
        return discover.discover_ids(self.sources_dir, self.translations_dir,
                                     self.source_lang, self.target_lang)

    def source_path(self, doc_id: str) -> Path:
        return discover.side_path(self.sources_dir, self.check_id(doc_id), self.source_lang)

    def target_path(self, doc_id: str) -> Path:
        return discover.side_path(self.translations_dir, self.check_id(doc_id), self.target_lang)

    def meta_path(self, doc_id: str) -> Path:
        return self.sources_dir / f"{self.check_id(doc_id)}.meta.yaml"

    def provenance_path(self, doc_id: str) -> Path:
        return self.sources_dir / f"{self.check_id(doc_id)}.provenance.md"

    def document(self, doc_id: str) -> Document:
        """Read, block, segment and tag one document (WorkbenchError when it does not exist
        or a file cannot be read)."""
        self.check_id(doc_id)
        stamp = files_stamp([self.source_path(doc_id), self.target_path(doc_id),
                             self.meta_path(doc_id)])
        cached = self._cache.pop(doc_id, None)
        if cached is not None and cached[0] == stamp:
            self._cache[doc_id] = cached  # now the most recently used
            return cached[1]
        doc = self._load(doc_id)
        self._cache[doc_id] = (stamp, doc)
        while len(self._cache) > DOCUMENT_CACHE:
            del self._cache[next(iter(self._cache))]
        return doc

    def documents(self) -> list[Document]:
        return [self.document(doc_id) for doc_id in self.document_ids()]

    def _load(self, doc_id: str) -> Document:
        src_path, tgt_path = self.source_path(doc_id), self.target_path(doc_id)
        if not src_path.is_file() and not tgt_path.is_file():
            raise WorkbenchError(
                f"no document {doc_id!r} in {self.root}",
                fix=f"expected {src_path.relative_to(self.root)} or "
                f"{tgt_path.relative_to(self.root)}; `workbench status` lists the documents")
        for path in (src_path, tgt_path, self.meta_path(doc_id)):
            if path.exists() or path.is_symlink():
                self.inside(path)
        meta = read_meta(self.meta_path(doc_id), self.reads)
        source = self._side(src_path, self.source_lang, meta)
        target = self._side(tgt_path, self.target_lang, meta)
        title = str(meta.get("title") or "") or _title_from_sides(target, source)
        return Document(id=doc_id, title=title or doc_id, meta=meta, source=source,
                        target=target)

    def _side(self, path: Path, lang: str, meta: dict) -> Side | None:
        if not path.is_file():
            return None
        return read_document_side(path, lang, discover.completeness(meta, lang),
                                  self.langid_languages, self.reads)


def files_stamp(paths: Iterable[Path]) -> tuple:
    """Modification time and size of each path (None where missing): what a cache of
    things read from these files is valid for."""
    stamp: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            st = path.stat()
            stamp.append((st.st_mtime_ns, st.st_size))
        except OSError:
            stamp.append(None)
    return tuple(stamp)


def _title_from_sides(*sides: Side | None) -> str:
    """The first title segment (translation first), else the first non-furniture,
    non-letterhead line: a document dropped in without metadata still gets a title."""
    for wanted in ({BlockKind.TITLE}, {BlockKind.BODY, BlockKind.ADDRESSEE}):
        for side in sides:
            if side is None:
                continue
            for seg in side.segments:
                if seg.kind in wanted:
                    return discover.title_from_text(seg.text.replace("\n", " ")) or seg.text
    for side in sides:
        if side is not None:
            return discover.title_from_text(side.text)
    return ""


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder upward from `start` that has `sources/` or `translations/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "sources").is_dir() or (folder / "translations").is_dir():
            return folder
    return None


def open_project(root: str | Path | None = None) -> Project:
    """Open the project at `root`, or the nearest folder upward from the cwd with
    `sources/` or `translations/` (also `$WORKBENCH_ROOT` when set and `root` is None)."""
    if root is None:
        env = os.environ.get("WORKBENCH_ROOT")
        if env and not Path(env).is_dir():
            raise WorkbenchError(f"$WORKBENCH_ROOT is {env!r}, which is not a folder",
                                 fix="set it to the project folder, or unset it")
        found = Path(env).resolve() if env else find_root()
        if found is None:
            raise WorkbenchError(f"no workbench project here ({Path.cwd()})",
                                 fix="run inside a folder with sources/ or translations/, "
                                 "or pass --root")
        root_path = found
    else:
        root_path = Path(root).resolve()
        if not root_path.is_dir():
            raise WorkbenchError("no such folder", path=root_path, fix="check --root")
    settings = load_settings(root_path)
    return Project(root=root_path, source_lang=settings.source_lang,
                   target_lang=settings.target_lang, settings=settings)
