"""The normalised view used for matching, with offsets back to the original text.

The original text is never changed; `normalise(text)` gives a second string in which
Unicode is composed (NFC), non-breaking and other exotic spaces are plain spaces,
typographic quotes, apostrophes and dashes are ASCII, the ellipsis is "...", and Latin
look-alike letters inside Cyrillic words are Cyrillic. `to_original(i)` maps any offset
of the normalised text (0..len, inclusive) back to the original.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

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

# Latin letters that look like Cyrillic ones (by glyph), mapped to the Cyrillic letter.
LATIN_TO_CYRILLIC = {
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х",
    "y": "у", "i": "і", "I": "І",
}


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff" or "\u0500" <= ch <= "\u052f"


def is_latin(ch: str) -> bool:
    return ch.isalpha() and (ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"))


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


def _fix_lookalikes(chars: list[str]) -> None:
    """In place: Latin look-alikes inside words that are otherwise Cyrillic → Cyrillic."""
    n = len(chars)
    i = 0
    while i < n:
        if not chars[i].isalpha():
            i += 1
            continue
        j = i
        while j < n and chars[j].isalpha():
            j += 1
        word = chars[i:j]
        cyr = sum(1 for c in word if is_cyrillic(c))
        if cyr and cyr < len(word) and all(is_cyrillic(c) or c in LATIN_TO_CYRILLIC
                                            for c in word):
            for k in range(i, j):
                if not is_cyrillic(chars[k]):
                    chars[k] = LATIN_TO_CYRILLIC[chars[k]]
        i = j


def normalise(text: str) -> NormalisedText:
    """The matching view of `text` with its offset map (see the module docstring)."""
    out: list[str] = []
    offsets: list[int] = []
    if unicodedata.is_normalized("NFC", text):  # the common case: no composing needed
        for i, ch in enumerate(text):
            mapped = _CHAR_MAP.get(ch)
            if mapped is None:
                out.append(ch)
                offsets.append(i)
            else:
                out.extend(mapped)
                offsets.extend([i] * len(mapped))
    else:
        for start, cluster in _clusters(text):
            for ch in unicodedata.normalize("NFC", cluster):
                mapped = _CHAR_MAP.get(ch, ch)
                out.extend(mapped)
                offsets.extend([start] * len(mapped))
    _fix_lookalikes(out)
    offsets.append(len(text))
    return NormalisedText("".join(out), tuple(offsets))


def normalise_simple(text: str) -> str:
    """Just the normalised string (no offset map)."""
    return normalise(text).text
