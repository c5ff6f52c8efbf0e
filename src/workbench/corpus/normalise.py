"""The normalised view used for matching, with offsets back to the original text.

The original text is never changed; `normalise(text)` gives a second string in which
Unicode is composed (NFC), non-breaking and other exotic spaces are plain spaces,
typographic quotes, apostrophes and dashes are ASCII, the ellipsis is "...", and Latin
look-alike letters inside Cyrillic words are Cyrillic. `to_original(i)` maps any offset
of the normalised text (0..len, inclusive) back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from workbench.lang.script import CYRILLIC_RE, LATIN_TO_CYRILLIC, is_cyrillic

_CHAR_MAP = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",  # invisible
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2039": "'", "\u203a": "'", "\u02bc": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2026": "...",
}
# Latin look-alikes inside Cyrillic words become Cyrillic: `lang.script.LATIN_TO_CYRILLIC`.


@dataclass(frozen=True)
class NormalisedText:
    """A normalised string and, for each of its offsets, the offset in the original."""

    text: str
    offsets: tuple[int, ...]  # len(text) + 1 entries, non-decreasing

    def to_original(self, offset: int) -> int:
        """Original offset of normalised `offset` (0 ≤ offset ≤ len(text))."""
        if not 0 <= offset <= len(self.text):
            raise IndexError(f"offset {offset} outside 0..{len(self.text)}")
        return self.offsets[offset]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end)."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        # The end maps to the end of the original character that produced text[end - 1].
        last = self.offsets[end - 1]
        nxt = self.offsets[end]
        return self.offsets[start], nxt if nxt > last else last + 1

    def from_original(self, offset: int) -> int:
        """First normalised offset whose original offset is ≥ `offset`."""
        return bisect_right(self.offsets, offset - 1)


def _clusters(text: str):
    """(start, cluster) for each base character with its combining marks."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, text[i:j]
        i = j


_CYRILLIC_RE = CYRILLIC_RE
_LOOKALIKE_RE = re.compile("[" + "".join(LATIN_TO_CYRILLIC) + "]")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _fix_lookalikes(text: str) -> str:
    """Latin look-alikes inside words that are otherwise Cyrillic → Cyrillic (same length)."""
    if not (_CYRILLIC_RE.search(text) and _LOOKALIKE_RE.search(text)):
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        if not (_CYRILLIC_RE.search(word) and _LOOKALIKE_RE.search(word)):
            return word
        if all(is_cyrillic(c) or c in LATIN_TO_CYRILLIC for c in word):
            return "".join(LATIN_TO_CYRILLIC.get(c, c) for c in word)
        return word

    return _WORD_RE.sub(fix, text)


_SINGLE = {ch: rep for ch, rep in _CHAR_MAP.items() if len(rep) <= 1}
_SAME_LENGTH = {ch: rep for ch, rep in _SINGLE.items() if rep}
_SAME_LENGTH_TABLE = str.maketrans(_SAME_LENGTH)
_LENGTH_CHANGING = re.compile("[" + "".join(ch for ch, rep in _CHAR_MAP.items()
                                             if len(rep) != 1) + "]")


def normalise(text: str) -> NormalisedText:
    """The matching view of `text` with its offset map (see the module docstring)."""
    composed = unicodedata.is_normalized("NFC", text)
    if composed and not _LENGTH_CHANGING.search(text):  # the common case: one char each
        out = _fix_lookalikes(text.translate(_SAME_LENGTH_TABLE))
        return NormalisedText(out, tuple(range(len(text) + 1)))
    chars: list[str] = []
    offsets: list[int] = []
    pieces = ((i, ch) for i, ch in enumerate(text)) if composed else (
        (start, ch) for start, cluster in _clusters(text)
        for ch in unicodedata.normalize("NFC", cluster))
    for i, ch in pieces:
        mapped = _CHAR_MAP.get(ch, ch)
        chars.extend(mapped)
        offsets.extend([i] * len(mapped))
    offsets.append(len(text))
    return NormalisedText(_fix_lookalikes("".join(chars)), tuple(offsets))


def normalise_simple(text: str) -> str:
    """Just the normalised string (no offset map)."""
    return normalise(text).text
