"""Scripts: which characters are Cyrillic or Latin, and which script a language is written in.

One answer for every module that asks "is this Cyrillic?": the Unicode blocks below
(Unicode's Blocks.txt), as character-class strings for `re` and `regex` and as a
predicate. The script of a language comes from its pack, else from CLDR's likely
subtags (Babel), so a language without a pack still knows it is written in Cyrillic.
"""

from __future__ import annotations

import functools
import re

CYRILLIC = "Cyrl"
LATIN = "Latn"

# Unicode blocks: Cyrillic, Cyrillic Supplement (the letters of every Cyrillic-script
# language of the region), then the historic and phonetic extensions.
CYRILLIC_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F))
# Latin letters outside ASCII: Latin-1 letters (× and ÷ left out), Latin Extended-A and
# -B, Latin Extended Additional (Vietnamese and other precomposed letters).
ACCENTED_LATIN_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x00C0, 0x00D6), (0x00D8, 0x00F6), (0x00F8, 0x024F), (0x1E00, 0x1EFF))


def _char_class(blocks: tuple[tuple[int, int], ...], prefix: str = "") -> str:
    return "[" + prefix + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in blocks) + "]"


# Character classes (strings), valid in both `re` and `regex` patterns.
CYRILLIC_CLASS = _char_class(CYRILLIC_BLOCKS)
ACCENTED_LATIN_CLASS = _char_class(ACCENTED_LATIN_BLOCKS)
LATIN_CLASS = _char_class(ACCENTED_LATIN_BLOCKS, prefix="A-Za-z")

CYRILLIC_RE = re.compile(CYRILLIC_CLASS)
LATIN_RE = re.compile(LATIN_CLASS)
ACCENTED_LATIN_RE = re.compile(ACCENTED_LATIN_CLASS)


def is_cyrillic(ch: str) -> bool:
    """Is the character in a Cyrillic block?"""
    code = ord(ch)
    return any(a <= code <= b for a, b in CYRILLIC_BLOCKS)


def has_cyrillic(text: str) -> bool:
    return CYRILLIC_RE.search(text) is not None


# Latin letters drawn like Cyrillic ones (Unicode's confusables, Latin → Cyrillic): typed
# in the wrong keyboard layout inside a Cyrillic word. і/І are Ukrainian and Belarusian
# letters; a language pack keeps only the pairs whose Cyrillic letter it has.
LATIN_TO_CYRILLIC: dict[str, str] = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х",
    "y": "у", "i": "і", "I": "І",
}


def lookalikes_for(letters: str) -> dict[str, str]:
    """The Latin → Cyrillic look-alike pairs whose Cyrillic letter is one of `letters`."""
    own = set(letters) | set(letters.upper())
    return {lat: cyr for lat, cyr in LATIN_TO_CYRILLIC.items() if cyr in own}


@functools.cache
def cldr_script(code: str) -> str | None:
    """The script CLDR expects `code` to be written in ("Cyrl", "Latn", …), or None."""
    if not code or code == "und":
        return None
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code.replace("-", "_"))
    if likely is None:
        return None
    parts = likely.split("_")
    return next((p for p in parts[1:] if len(p) == 4 and p.istitle()), None)
