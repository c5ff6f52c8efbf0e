"""Bytes → text, kept exactly: encoding detection, BOMs, newline style.

The decoded text (newlines normalised to "\\n") is what every offset points into; the
recorded encoding, BOM and newline style are enough to write the same bytes back.
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from pathlib import Path

from workbench.errors import WorkbenchError, read_bytes
from workbench.model import SideText

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Single-byte code pages we try when the bytes are not UTF-8, most likely first.
_LEGACY = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252")

_FIX = "save it as UTF-8 text, or give a text file"


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text file (checked after BOM removal)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(2, len(sample) // 50)


_COMMON_CYRILLIC = frozenset("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфё")
_COMMON_PUNCT = frozenset("«»–—“”„’…№ \u00a0")


def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def _plausibility(text: str) -> float:
    """How plausible a decoding is: the share of characters that are ASCII, Latin letters,
    common lower-case Cyrillic or common typographic punctuation, plus a bonus for lower
    case (KOI8-R read as cp1251 gives mostly capitals), minus the share of implausible
    words: Cyrillic letters inside Latin words (Western text read as Cyrillic) and words
    mostly of accented Latin letters (Cyrillic read as a Western code page)."""
    if not text:
        return 0.0
    good = sum(1 for c in text if c.lower() in _COMMON_CYRILLIC or c in _COMMON_PUNCT
               or _is_latin(c))
    letters = [c for c in text if c.isalpha() and not c.isascii()]
    lower = sum(1 for c in letters if c.islower()) / len(letters) if letters else 0.0
    words = text.split()
    odd = 0
    for word in words:
        ascii_letters = sum(1 for c in word if c.isascii() and c.isalpha())
        other = [c for c in word if c.isalpha() and not c.isascii()]
        if not other:
            continue
        all_latin = all(_is_latin(c) for c in other)
        odd += (ascii_letters > 0 and not all_latin) or (all_latin and len(other) > ascii_letters)
    return good / len(text) + 0.2 * lower - (odd / len(words) if words else 0.0)


def _mostly_utf8(data: bytes, skip: int = 0) -> tuple[str, list[tuple[int, int]]] | None:
    """UTF-8 but for a few bytes (a stray `\\xff`, a Latin-1 byte, a character cut in
    half): the text with each bad sequence read as U+FFFD, and (byte offset, offset in
    the text) of each. None when the bytes are not UTF-8 but for a few: a legacy code
    page makes almost every non-ASCII byte a bad sequence, so valid multi-byte characters
    must outnumber the bad sequences four to one."""
    high = len(data) - skip - len(data[skip:].translate(None, bytes(range(128))))
    parts: list[str] = []
    bad: list[tuple[int, int]] = []
    chars, pos = 0, skip
    while True:
        try:
            rest = data[pos:].decode("utf-8")
        except UnicodeDecodeError as exc:
            good = data[pos:pos + exc.start].decode("utf-8")
            parts.append(good)
            chars += len(good)
            bad.append((pos + exc.start, chars))
            parts.append("\ufffd")
            chars += 1
            pos += exc.end
            if len(bad) * 9 > high:  # hopeless already: stop re-decoding the rest
                return None
            continue
        parts.append(rest)
        break
    text = "".join(parts)
    valid = sum(1 for c in text if ord(c) > 127) - len(bad)
    return (text, bad) if valid >= 4 * len(bad) else None


def _utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le`/`-be` when the bytes look like UTF-16 text without a byte-order mark:
    an even length, and in one byte of each pair few distinct values, NUL among them
    (text in one script, with spaces and newlines), which the other byte lacks."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    for encoding, high_at in (("utf-16-le", 1), ("utf-16-be", 0)):
        highs, lows = sample[high_at::2], sample[1 - high_at::2]
        top = sorted((highs.count(b) for b in set(highs)), reverse=True)[:2]
        if (sum(top) >= 0.9 * len(highs) and highs.count(0) >= 0.05 * len(highs)
                and lows.count(0) < 0.05 * len(lows)):
            return encoding
    return None


def decode_bytes(data: bytes, path: Path) -> tuple[str, str, bool, list[tuple[int, int]]]:
    """Decode `data`; return (text with original newlines, encoding name, had BOM, the
    byte sequences that were not UTF-8 as (byte offset, text offset))."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding, True, []
            except UnicodeDecodeError as exc:
                mostly = _mostly_utf8(data, len(bom)) if encoding == "utf-8" else None
                if mostly is not None:
                    return mostly[0], encoding, True, mostly[1]
                raise WorkbenchError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start + len(bom)})", path=path, fix=_FIX) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise WorkbenchError(f"looks like {utf16} text without a byte-order mark but is "
                                 f"not valid {utf16} (byte {exc.start})", path=path,
                                 fix=_FIX) from None
        if not _looks_binary(text.encode("utf-8")):
            return text, utf16, False, []
    if _looks_binary(data):
        raise WorkbenchError("is a binary file, not text", path=path,
                             fix="give a plain-text file (.txt)")
    try:
        return data.decode("utf-8"), "utf-8", False, []
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly[0], "utf-8", False, mostly[1]
    return (*_legacy(data, path), False, [])


def _legacy(data: bytes, path: Path) -> tuple[str, str]:
    """The most plausible single-byte code page (text, encoding), or a WorkbenchError."""
    candidates: list[tuple[float, str, str]] = []
    for rank, encoding in enumerate(_LEGACY):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Earlier (more common) code pages win ties: cp1251 and mac_cyrillic share letters.
        candidates.append((_plausibility(text) - 0.001 * rank, encoding, text))
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding not in {c[1] for c in candidates}:
            text = str(best)
            candidates.append((_plausibility(text) - 0.05, best.encoding, text))
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    if not candidates:
        raise WorkbenchError("cannot be decoded (not UTF-8, UTF-16 or a Cyrillic code page)",
                             path=path, fix=_FIX)
    score, encoding, text = max(candidates, key=lambda c: c[0])
    if score < 0.8:
        raise WorkbenchError(f"cannot be decoded reliably (best guess {encoding})",
                             path=path, fix=_FIX)
    return text, encoding


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((crlf, "\r\n"), (cr, "\r"), (lf, "\n"))
    return best[1] if best[0] else "\n"


def decode_text(data: bytes, path: Path, lang: str) -> SideText:
    """Decode bytes already read from `path` into a SideText."""
    if not data.strip():
        raise WorkbenchError("is empty", path=path, fix="add the text, or remove the file")
    raw, encoding, bom, bad = decode_bytes(data, path)
    if not raw.strip():
        raise WorkbenchError("is empty", path=path, fix="add the text, or remove the file")
    newline = _newline_style(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if bad and "\r\n" in raw:  # each CRLF before a bad sequence became one character
        crlf = [m.start() for m in re.finditer("\r\n", raw)]
        bad = [(byte, at - bisect.bisect_left(crlf, at)) for byte, at in bad]
    return SideText(path=path, lang=lang, text=text, encoding=encoding, bom=bom,
                    newline=newline, invalid_utf8=tuple(bad))


def read_side(path: str | Path, lang: str) -> SideText:
    """Read one side of a document; WorkbenchError for missing/empty/binary/undecodable."""
    path = Path(path)
    return decode_text(read_bytes(path), path, lang)


def encode_text(side: SideText, text: str | None = None) -> bytes:
    """The bytes of `text` (default: the side's own text) as the side was stored."""
    body = (side.text if text is None else text).replace("\n", side.newline)
    data = body.encode(side.encoding)
    if side.bom:
        data = next(b for b, enc in _BOMS if enc == side.encoding) + data
    return data
