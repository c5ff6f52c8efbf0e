"""Reading one side of a document: bytes → text (`corpus`) → blocks and segments, each
with its language and damage flags (`segment`, `langid`) → the side's flags. And the
persistent cache of that work (and of the document's parsed metadata), so a command pays
for it once per file, not once per run.

Language ID of every line (lingua's n-gram models, loaded on first use) is most of what
reading costs, and none of it changes while nothing it depends on changes. The result is
kept in the project's cache folder (`Project.cache_dir`/read/, written by
`workbench.store.reads`), under a key made of everything it depends on:

- the file's bytes (sha256) and the side's language (`[languages]`),
- the languages a line may be labelled with (`[langid] languages`) and the detector's
  accuracy (`$WORKBENCH_LANGID_ACCURACY`),
- the versions of the libraries the reading code uses (`LIBRARIES`), Python's version
  and its Unicode database,
- a fingerprint of the workbench code that computes it (the source files in `CODE`).

Any change to one of them is another key: the entry is never consulted again. An entry
that cannot be read or does not hold together (a crash, a hand edit, another format) is
ignored and the side is read afresh; a cache that cannot be written costs only time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import unicodedata
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from workbench.corpus import discover
from workbench.corpus.damage import (
    INVALID_UTF8,
    document_flags,
    flag_invalid_utf8,
    invalid_utf8_flag,
)
from workbench.corpus.decode import decode_text
from workbench.errors import read_bytes
from workbench.model import Block, BlockKind, Flag, Segment, Side, SideText
from workbench.segment import segment_side

FORMAT = 1  # of a cache entry: bumped when `_encode` changes
# The workbench code reading depends on (packages and modules, relative to the
# `workbench` package); tests/test_read_cache.py checks it covers every module imported.
CODE = ("corpus", "segment", "langid", "lang", "model.py", "settings.py", "errors.py",
        "inline.py", "reading.py")
# The distributions that code imports (likewise checked by the tests).
LIBRARIES = ("lingua-language-detector", "razdel", "sentencex", "charset-normalizer",
             "langdetect", "pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk",
             "babel", "iuliia", "ruamel.yaml")


class SideStore(Protocol):
    """Where read sides are kept between runs: bytes by key (`workbench.store.reads`)."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


def read_document_side(path: Path, lang: str, completeness: str,
                       languages: Sequence[str] | None,
                       store: SideStore | None = None) -> Side:
    """The side in the file at `path`, read, segmented and language-tagged; from `store`
    when it holds this very computation. WorkbenchError when the file cannot be read."""
    data = read_bytes(path)
    if store is None:
        return compute_side(data, path, lang, completeness, languages)
    key = side_key(data, lang, languages)
    side = _decode(store.get(key), key, path, lang, completeness)
    if side is None:
        side = compute_side(data, path, lang, completeness, languages)
        store.put(key, _encode(side, key))
    return side


def read_meta(path: Path, store: SideStore | None = None) -> dict:
    """A document's metadata (`<id>.meta.yaml`, {} when absent), from `store` when it
    holds this file's. Kept only where JSON gives back exactly what YAML gave (a YAML
    date, say, is read from the file every time)."""
    if store is None or not path.is_file():
        return discover.load_meta(path)
    data = read_bytes(path)
    digest = hashlib.sha256(f"meta\x00{FORMAT}\x00{fingerprint()}\x00".encode())
    digest.update(hashlib.sha256(data).digest())
    key = digest.hexdigest()
    try:
        record = json.loads(store.get(key) or b"null")
        if isinstance(record, dict) and record.get("key") == key and \
                isinstance(record.get("meta"), dict):
            return record["meta"]
    except ValueError:
        pass
    meta = discover.load_meta(path)
    try:
        encoded = json.dumps({"key": key, "meta": meta}, ensure_ascii=False)
    except (TypeError, ValueError):  # a date, a set: not JSON
        return meta
    if json.loads(encoded)["meta"] == meta:
        store.put(key, encoded.encode("utf-8"))
    return meta


def compute_side(data: bytes, path: Path, lang: str, completeness: str,
                 languages: Sequence[str] | None) -> Side:
    """What reading the bytes of a side gives, computed (no cache)."""
    side_text = decode_text(data, path, lang)
    blocks, segments = segment_side(side_text.text, lang, languages)
    bad = side_text.invalid_utf8
    if bad:
        segments = flag_invalid_utf8(segments, bad)
    flags = tuple(f for f in document_flags([seg.flags for seg in segments])
                  if f.code != INVALID_UTF8)
    if bad:  # the side's flag names the byte offsets, in a segment or not
        flags = (invalid_utf8_flag(bad), *flags)
    return Side(source=side_text, completeness=completeness, blocks=blocks,
                segments=segments, flags=flags)


def side_key(data: bytes, lang: str, languages: Sequence[str] | None) -> str:
    """The cache key of reading `data` as a side in `lang`: see the module's docstring."""
    from workbench.langid.detector import accuracy

    digest = hashlib.sha256()
    for part in (str(FORMAT), fingerprint(), lang, ",".join(languages or ("default",)),
                 accuracy()):
        digest.update(part.encode("utf-8") + b"\x00")
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@functools.cache
def fingerprint() -> str:
    """One hash of the code and the libraries reading depends on (once per process)."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version_info[:3]}\x00{unicodedata.unidata_version}\x00".encode())
    for dist in LIBRARIES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{dist}={version}\x00".encode())
    for path in code_files():
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\x00")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


_PACKAGE = Path(__file__).resolve().parent


def code_files() -> list[Path]:
    """The source files `fingerprint` hashes, in a stable order."""
    files: list[Path] = []
    for name in CODE:
        path = _PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


# ---------------------------------------------------------------- the entry's format


def _flags(flags: Sequence[Flag]) -> list[list[str]]:
    return [[f.code, f.reason] for f in flags]


def _encode(side: Side, key: str) -> bytes:
    st = side.source
    record = {
        "format": FORMAT, "key": key, "text": st.text, "encoding": st.encoding,
        "bom": st.bom, "newline": st.newline, "invalid_utf8": [list(p) for p in st.invalid_utf8],
        "blocks": [[str(b.kind), b.start, b.end] for b in side.blocks],
        # a segment's text is its span of the text (kept only where it is not)
        "segments": [[s.start, s.end, str(s.kind), s.lang, s.block, _flags(s.flags),
                      None if s.text == st.text[s.start:s.end] else s.text]
                     for s in side.segments],
        "flags": _flags(side.flags),
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(data: bytes | None, key: str, path: Path, lang: str,
            completeness: str) -> Side | None:
    """The side an entry holds, or None when there is none or it does not hold together
    (then the side is read afresh: a damaged entry never gives a wrong answer)."""
    if data is None:
        return None
    try:
        record = json.loads(data)
        return _side(record, key, path, lang, completeness)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _flag_tuple(rows: Any) -> tuple[Flag, ...]:
    return tuple(Flag(_str(code), _str(reason)) for code, reason in rows)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _int(value: Any, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise ValueError(value)
    return value


def _side(record: dict, key: str, path: Path, lang: str, completeness: str) -> Side:
    if record["format"] != FORMAT or record["key"] != key:
        raise ValueError("another entry")
    text = _str(record["text"])
    size = len(text)
    bad = tuple((_int(b, 0, sys.maxsize), _int(t, 0, size)) for b, t in record["invalid_utf8"])
    source = SideText(path=path, lang=lang, text=text, encoding=_str(record["encoding"]),
                      bom=record["bom"] is True, newline=_str(record["newline"]),
                      invalid_utf8=bad)
    blocks = [Block(BlockKind(kind), _int(s, 0, size), _int(e, s, size))
              for kind, s, e in record["blocks"]]
    segments = []
    for start, end, kind, seg_lang, block, flags, own in record["segments"]:
        start, end = _int(start, 0, size), _int(end, start, size)
        seg_text = text[start:end] if own is None else _str(own)
        segments.append(Segment(seg_text, start, end, BlockKind(kind), _str(seg_lang),
                                _int(block, 0, len(blocks) - 1), _flag_tuple(flags)))
    return Side(source=source, completeness=completeness, blocks=blocks, segments=segments,
                flags=_flag_tuple(record["flags"]))
