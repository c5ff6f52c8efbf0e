"""Translation memories from other tools, kept as the TMX files they are in the project's
`tm/` folder (as OmegaT keeps `tm/` and `tm/auto/`): every `*.tmx` under it is read, a
file put there by hand as much as one `workbench tm import` copied there.

Each file is read once (streamed), and what the project can use of it — units with a
variant in the source and one in the target language, any region or case (`ru`,
`ru-RU`, `RU`) — is cached as JSON in `.workbench-cache/tm/`, keyed by the file's
content, so later commands load it in a fraction of the parse time. A unit keeps its
`tuid`, dates, authors, `prop`s and notes, and its inline codes as placeholders.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.chars import first_unstorable
from workbench.errors import WorkbenchError, read_bytes
from workbench.formats.tmx import TMXUnit, read_tmx_units
from workbench.inline import InlineCode, plain

if TYPE_CHECKING:
    from workbench.project import Project

FOLDER = "tm"
CACHE = "tm"  # in the project's cache folder (`Project.cache_dir`)
CACHE_VERSION = 1
_LOADED: dict[tuple, tuple[MemoryInfo, list[TMUnit]]] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class TMUnit:
    """One usable pair of an imported memory: what proposals and the concordance use.
    `source`/`target` hold placeholders for `codes` (`plain_*` are without them)."""

    source: str
    target: str
    tm: str  # the memory's name: its path in the project, "tm/NAME.tmx"
    tuid: str
    source_lang: str  # as the file spells it ("ru-RU")
    target_lang: str
    codes: tuple[InlineCode, ...] = ()
    meta: tuple[tuple[str, str], ...] = ()  # creationid, changedate, prop:x-…, note, …

    @property
    def plain_source(self) -> str:
        return plain(self.source, self.codes)

    @property
    def plain_target(self) -> str:
        return plain(self.target, self.codes)


@dataclass
class MemoryInfo:
    """What `tm list` shows of a memory."""

    name: str
    path: str
    units: int = 0  # usable pairs
    tus: int = 0  # <tu>s in the file
    skipped: int = 0  # <tu>s without both languages (or with text that cannot be stored)
    version: str = ""
    tool: str = ""
    languages: list[str] = field(default_factory=list)  # every xml:lang in the file
    header: dict[str, str] = field(default_factory=dict)
    header_props: list[list[str]] = field(default_factory=list)


def folder(project: Project) -> Path:
    return Path(project.root) / FOLDER


def lang_matches(code: str, wanted: str) -> bool:
    return code.replace("_", "-").split("-")[0].casefold() == \
        wanted.replace("_", "-").split("-")[0].casefold()


def memory_files(project: Project) -> list[Path]:
    """Every TMX file under `tm/` (hidden folders and symlinks that leave the project
    are not followed)."""
    base = folder(project)
    if not base.is_dir():
        return []
    root = Path(project.root).resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or not name.lower().endswith(".tmx"):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                continue
            found.append(path)
    return found


def memory_name(project: Project, path: Path) -> str:
    return path.relative_to(Path(project.root)).as_posix()


def _pairs(tu: TMXUnit, name: str, source_lang: str, target_lang: str) -> list[TMUnit]:
    sources = [v for v in tu.variants if lang_matches(v.lang, source_lang) and v.text.strip()]
    targets = [v for v in tu.variants if lang_matches(v.lang, target_lang) and v.text.strip()]
    if not sources or not targets or source_lang == target_lang:
        return []
    meta = [(k, v) for k, v in tu.attrs.items() if k != "tuid"]
    meta += [(f"prop:{k}", v) for k, v in tu.props]
    meta += [("note", n) for n in tu.notes]
    out, seen = [], set()
    for src in sources:
        for tgt in targets:
            if (src.text, tgt.text) in seen:
                continue
            seen.add((src.text, tgt.text))
            extra = [(f"target:{k}", v) for k, v in tgt.attrs.items()]
            extra += [(f"target:prop:{k}", v) for k, v in tgt.props]
            out.append(TMUnit(src.text, tgt.text, name, tu.tuid, src.lang, tgt.lang, tu.codes,
                              tuple(meta + extra)))
    return out


def parse_memory(data: bytes, name: str, source_lang: str, target_lang: str, *,
                 path: Path | str) -> tuple[MemoryInfo, list[TMUnit]]:
    """Read a TMX file's units usable for the language pair."""
    header, stream = read_tmx_units(data, path=path)
    info = MemoryInfo(name=name, path=str(path))
    units: list[TMUnit] = []
    languages: set[str] = set()
    for tu in stream:
        info.tus += 1
        languages.update(v.lang for v in tu.variants)
        pairs = [p for p in _pairs(tu, name, source_lang, target_lang)
                 if first_unstorable(p.source + p.target) is None]
        if not pairs:
            info.skipped += 1
        units += pairs
    info.units = len(units)
    info.version = header.version
    info.header = header.attrs
    info.header_props = [list(p) for p in header.props]
    info.tool = " ".join(x for x in (header.attrs.get("creationtool", ""),
                                     header.attrs.get("creationtoolversion", "")) if x)
    info.languages = sorted(languages)
    return info, units


def _code_json(code: InlineCode) -> list:
    return [code.kind, code.id, code.element, code.data, [list(a) for a in code.attrs], code.pair]


def _code_from(row: list) -> InlineCode:
    return InlineCode(row[0], row[1], row[2], row[3], tuple(tuple(a) for a in row[4]), row[5])


def _cache_path(project: Project, digest: str) -> Path:
    return project.cache_dir / CACHE / f"{digest}.json"


def _digest(data: bytes, src: str, tgt: str) -> str:
    return hashlib.sha256(data + f"\x00{src}\x00{tgt}\x00{CACHE_VERSION}".encode()).hexdigest()


def remember(project: Project, data: bytes, info: MemoryInfo, units: list[TMUnit]) -> None:
    """Cache what a parse of `data` gave (an import parses the file once)."""
    _write_cache(project, _digest(data, project.source_lang, project.target_lang), info, units)


def read_memory(project: Project, path: Path) -> tuple[MemoryInfo, list[TMUnit]]:
    """A memory's info and usable units (cached in the process and on disk)."""
    name = memory_name(project, path)
    src, tgt = project.source_lang, project.target_lang
    try:
        st = path.stat()
    except OSError as exc:
        raise WorkbenchError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    key = (str(path), st.st_mtime_ns, st.st_size, src, tgt)
    with _LOCK:
        hit = _LOADED.get(key)
    if hit is not None:
        return hit
    data = read_bytes(path)
    digest = _digest(data, src, tgt)
    cached = _read_cache(project, digest, name, path)
    if cached is None:
        cached = parse_memory(data, name, src, tgt, path=name)
        _write_cache(project, digest, *cached)
    with _LOCK:
        _LOADED[key] = cached
    return cached


def _read_cache(project: Project, digest: str, name: str,
                path: Path) -> tuple[MemoryInfo, list[TMUnit]] | None:
    cache = _cache_path(project, digest)
    try:
        record = json.loads(cache.read_text(encoding="utf-8"))
        info = MemoryInfo(**record["info"])
        info.name, info.path = name, str(path)
        units = [TMUnit(r[0], r[1], name, r[2], r[3], r[4], tuple(_code_from(c) for c in r[5]),
                        tuple((k, v) for k, v in r[6])) for r in record["units"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    return info, units


def _write_cache(project: Project, digest: str, info: MemoryInfo, units: list[TMUnit]) -> None:
    """Best effort: a cache that cannot be written only costs the next command a parse."""
    record = {"info": asdict(info), "units": [
        [u.source, u.target, u.tuid, u.source_lang, u.target_lang,
         [_code_json(c) for c in u.codes], [list(m) for m in u.meta]] for u in units]}
    cache = _cache_path(project, digest)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass


def tm_units(project: Project, name: str | None = None) -> Iterator[TMUnit]:
    """Every usable unit of the project's imported memories (or of the one `name`d, as
    `tm list` shows it): source, target, memory, tuid, languages, codes, metadata. What a
    concordance indexes."""
    for path in memory_files(project):
        if name is None or memory_name(project, path) == name:
            yield from read_memory(project, path)[1]
