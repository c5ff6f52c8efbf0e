"""What a line's letters say before any statistics: its script, and which of the
configured languages of that script have every one of its letters.

A Cyrillic line with ў can only be Belarusian, one with ә or қ only Kazakh, one with ї,
є or ґ only Ukrainian; one with ы and і is Belarusian or Kazakh, not Russian or
Ukrainian. The alphabets are the language packs' `letters` (`workbench/lang/<code>.py`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from workbench import lang
from workbench.lang.script import ACCENTED_LATIN_CLASS, CYRILLIC, CYRILLIC_CLASS, LATIN

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(CYRILLIC_CLASS)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ACCENTED_LATIN = re.compile(ACCENTED_LATIN_CLASS)
# Marks that sit between letters of a Cyrillic word: the Ukrainian and Belarusian
# apostrophe (ʼ, ', ’) and the combining acute of stressed vowels.
_NOT_LETTERS = frozenset("ʼ'’\u0301")
# Web and e-mail addresses and bare domain names ("zhodinonews.by") are no evidence of
# the language of the words around them.
_WEB = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]*@[\w-]+(?:\.[\w-]+)+"
                  r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\b(?:/\S*)?", re.I)


def words_only(text: str) -> str | None:
    """`text` without its web and e-mail addresses; None when they are all its letters
    (such a line carries no evidence of its language)."""
    rest = _WEB.sub(" ", text)
    if _LETTER.search(rest):
        return rest
    return None if _LETTER.search(text) else text


def scripts(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Latin letters, letters of other scripts) in `text`."""
    if text.isascii():
        return 0, len(_ASCII_LETTER.findall(text)), 0
    letters = len(_LETTER.findall(text))
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_ASCII_LETTER.findall(text)) + len(_ACCENTED_LATIN.findall(text))
    return cyr, lat, max(0, letters - cyr - lat)


def dominant_script(text: str) -> str | None:
    """"Cyrl", "Latn", another ISO 15924 code (from the letters' Unicode names), or None
    when the text has no letters."""
    cyr, lat, other = scripts(text)
    if not (cyr or lat or other):
        return None
    if cyr >= lat and cyr >= other:
        return CYRILLIC
    if lat >= other:
        return LATIN
    return _other_script(text)


_UNICODE_SCRIPTS = {"GREEK": "Grek", "ARMENIAN": "Armn", "GEORGIAN": "Geor", "HEBREW": "Hebr",
                    "ARABIC": "Arab", "DEVANAGARI": "Deva", "CJK": "Hani", "HANGUL": "Hang",
                    "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "THAI": "Thai"}


def _other_script(text: str) -> str:
    counts: dict[str, int] = {}
    for ch in _LETTER.findall(text):
        first = unicodedata.name(ch, "").split(" ")[0]
        script = _UNICODE_SCRIPTS.get(first, "Zyyy")
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s])


@functools.cache
def _alphabet(code: str) -> frozenset[str]:
    if not lang.has_pack(code):
        return frozenset()
    return frozenset(lang.get(code).letters)


def of_script(languages: Sequence[str], script: str) -> list[str]:
    """The configured languages written in `script`, in their configured order."""
    return [code for code in languages if lang.script_of(code) == script]


def cyrillic_candidates(text: str, languages: Sequence[str]) -> list[str]:
    """The configured Cyrillic languages whose alphabet holds every Cyrillic letter of
    `text` (in configured order); where none does (a Ukrainian name in a Russian line),
    those missing the fewest letters. Languages without a known alphabet stay in."""
    found = [ch.lower() for ch in _CYRILLIC.findall(text) if ch not in _NOT_LETTERS]
    codes = of_script(languages, CYRILLIC)
    if not found or not codes:
        return codes
    misses = {code: sum(1 for ch in found if _alphabet(code) and ch not in _alphabet(code))
              for code in codes}
    fewest = min(misses.values())
    return [code for code in codes if misses[code] == fewest]
