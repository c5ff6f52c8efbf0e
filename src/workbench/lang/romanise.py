"""Romanisation schemes by name; a language pack names the scheme it uses.

- "bgn-pcgn-1947-ru": BGN/PCGN 1947 for Russian (the US/UK standard for geographic
  names), for street and place names in letterhead addresses, where an English reader
  needs a name they can write on an envelope. As in the standard: е/ё are ye/yë at the
  start of a word and after a vowel, й, ъ or ь; ь and ъ are ’ and ”; the optional middle
  dot (t·s, sh·ch) is left out.
- "name-key-cyrillic": a loose, passport-style romanisation of Russian, Ukrainian and
  Belarusian letters, lower case; only used to build the name keys the aligner matches
  ("Ешимет" ~ "Yeshimet").

A scheme is a function of a text; `romaniser(name)` raises WorkbenchError for a name it
does not know, so a pack or a setting naming a missing scheme fails with a fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbench.errors import WorkbenchError

BGN_PCGN_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "”", "ы": "y", "ь": "’", "э": "e", "ю": "yu",
    "я": "ya",
}
_IOTATED_AFTER = set("аеёиоуыэюяйъь")  # after these (and word-initially) е → ye, ё → yë

NAME_KEY_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "e", "ў": "u", "ґ": "g",
}


def _bgn_letter(prev: str, ch: str) -> str:
    low = ch.lower()
    if low in "её" and (not prev or not prev.isalpha() or prev.lower() in _IOTATED_AFTER):
        return "ye" if low == "е" else "yë"
    return BGN_PCGN_RU.get(low, ch)


def _bgn_word(word: str) -> str:
    all_caps = len([c for c in word if c.isalpha()]) > 1 and word.isupper()
    out: list[str] = []
    prev = ""
    for ch in word:
        latin = _bgn_letter(prev, ch)
        if ch.isupper():
            latin = latin.upper() if all_caps else latin[:1].upper() + latin[1:]
        out.append(latin)
        prev = ch
    return "".join(out)


def bgn_pcgn_ru(text: str) -> str:
    """Romanise Cyrillic in `text` word by word; everything else is kept as is.

    >>> bgn_pcgn_ru("Малый Сухаревский")
    'Malyy Sukharevskiy'
    """
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        if ch.isalpha():
            word.append(ch)
            continue
        if word:
            out.append(_bgn_word("".join(word)))
            word = []
        out.append(ch)
    if word:
        out.append(_bgn_word("".join(word)))
    return "".join(out)


def name_key_cyrillic(text: str) -> str:
    """Lower-case Latin spelling of `text` for name keys; other characters pass through."""
    return "".join(NAME_KEY_CYRILLIC.get(ch, ch) for ch in text.lower())


@dataclass(frozen=True)
class Scheme:
    name: str
    title: str  # what a proposal or a report says it used
    romanise: Callable[[str], str]


SCHEMES: dict[str, Scheme] = {s.name: s for s in (
    Scheme("bgn-pcgn-1947-ru", "BGN/PCGN 1947 (Russian)", bgn_pcgn_ru),
    Scheme("name-key-cyrillic", "loose passport-style keys (ru, uk, be)", name_key_cyrillic),
)}


def scheme(name: str) -> Scheme:
    """The scheme called `name`; WorkbenchError naming the known ones otherwise."""
    try:
        return SCHEMES[name]
    except KeyError:
        raise WorkbenchError(f"unknown romanisation scheme {name!r}",
                             fix="use one of: " + ", ".join(sorted(SCHEMES))) from None


def romaniser(name: str) -> Callable[[str], str]:
    return scheme(name).romanise
