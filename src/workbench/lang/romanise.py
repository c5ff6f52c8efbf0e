"""Romanisation schemes by name; a language pack names the scheme it uses, and
`[letterhead] romanisation` in workbench.toml may name another for the source language.

- Russian: every scheme of **iuliia** (Russian → Latin, one definition file per standard),
  by iuliia's name: "bgn_pcgn" (BGN/PCGN 1947, the US/UK standard for geographic names:
  what an English reader writes on an envelope; the default), "wikipedia" (the spelling
  of English Wikipedia titles: "Zabaykalsky"), "gost_779", "icao_doc_9303", "ungegn_1987",
  "ala_lc", "scientific", … `schemes()` lists them. iuliia's BGN/PCGN table leaves ё as
  the Cyrillic letter; it is written ë, as the standard has it, and the standard's
  optional middle dot (t·s) is left out. "bgn-pcgn-1947-ru" is kept
  as another name of "bgn_pcgn".
- Ukrainian: "ua_2010", the official transliteration of Ukraine (Cabinet of Ministers
  resolution 55 of 27 January 2010; also BGN/PCGN's and UNGEGN's since 2012): є ї й ю я
  are ye yi y yu ya at the start of a word and ie i i iu ia elsewhere, г is h, зг is zgh,
  ь and the apostrophe are left out.
- Belarusian: "bgn_pcgn_be", BGN/PCGN 1979 for Belarusian (the spelling GeoNames uses:
  "Mahilyow", "Homyel’"): ў is w, г is h, е ё ю я are ye yo yu ya, ь is ’.
- Kazakh: "bgn_pcgn_kk", BGN/PCGN 1979 for Kazakh Cyrillic: ә ғ қ ң ө ұ ү һ і are
  ä gh q ng ö ū ü h ī.
- "name-key-cyrillic": a loose, passport-style romanisation of Russian, Ukrainian and
  Belarusian letters, lower case; only used to build the name keys the aligner matches
  ("Ешимет" ~ "Yeshimet").

A scheme is a function of a text that keeps everything but Cyrillic letters as it is;
`scheme(name)` raises WorkbenchError for a name it does not know, so a pack or a setting
naming a missing scheme fails with a fix. iuliia is imported on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from workbench.errors import WorkbenchError

ALIASES = {"bgn-pcgn-1947-ru": "bgn_pcgn"}

NAME_KEY_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "e", "ў": "u", "ґ": "g",
}

# Letters shared by the tables below.
_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
}
# Ukrainian, 2010: (word-initial form, elsewhere).
UA_2010: dict[str, str | tuple[str, str]] = {
    **_COMMON, "г": "h", "ґ": "g", "е": "e", "є": ("ye", "ie"), "и": "y", "і": "i",
           "ї": ("yi", "i"), "й": ("y", "i"), "щ": "shch", "ь": "", "ю": ("yu", "iu"),
           "я": ("ya", "ia"), "'": "", "’": "", "ʼ": ""}
# Belarusian, BGN/PCGN 1979: (word-initial or after a vowel, elsewhere).
BGN_PCGN_BE: dict[str, str | tuple[str, str]] = {
    **_COMMON, "г": "h", "ґ": "g", "е": "ye", "ё": "yo", "і": "i", "й": "y",
               "ў": "w", "ы": "y", "ь": "’", "э": "e", "ю": "yu", "я": "ya", "'": "”",
               "’": "”", "ʼ": "”"}
# Kazakh, BGN/PCGN 1979.
BGN_PCGN_KK: dict[str, str | tuple[str, str]] = {
    **_COMMON, "г": "g", "ғ": "gh", "ә": "ä", "е": "e", "ё": "yo", "и": "i",
               "й": "y", "қ": "q", "ң": "ng", "ө": "ö", "ұ": "ū", "ү": "ü", "һ": "h",
               "і": "ī", "щ": "shch", "ъ": "”", "ы": "y", "ь": "’", "э": "é", "ю": "yu",
               "я": "ya"}
_VOWELS = set("аеёиоуыэюяіїєәөұүў")


def _cased(latin: str, original: str, all_caps: bool) -> str:
    if not original.isupper():
        return latin
    return latin.upper() if all_caps else latin[:1].upper() + latin[1:]


def _table_romaniser(table: Mapping[str, str | tuple[str, str]], *, iotate_after_vowel: bool,
                     digraphs: Mapping[str, str] | None = None) -> Callable[[str], str]:
    """A romaniser from a letter table; a (initial, elsewhere) pair is chosen by position:
    at a word start (and after a vowel when `iotate_after_vowel`) the first form."""

    def word(text: str) -> str:
        all_caps = sum(ch.isalpha() for ch in text) > 1 and text.isupper()
        out: list[str] = []
        prev = ""
        i = 0
        while i < len(text):
            ch = text[i]
            low = ch.lower()
            pair = text[i:i + 2].lower()
            if digraphs and pair in digraphs:
                out.append(_cased(digraphs[pair], ch, all_caps))
                prev, i = text[i + 1], i + 2
                continue
            entry = table.get(low)
            if entry is None:
                out.append(ch)
            else:
                if isinstance(entry, tuple):
                    initial = not prev or (iotate_after_vowel and prev.lower() in _VOWELS) \
                        or prev in "'’ʼ"
                    entry = entry[0] if initial else entry[1]
                out.append(_cased(entry, ch, all_caps))
            prev = ch
            i += 1
        return "".join(out)

    return lambda text: _by_words(text, word)


def _by_words(text: str, word: Callable[[str], str]) -> str:
    out: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isalpha() or (current and ch in "'’ʼ"):
            current.append(ch)
            continue
        if current:
            out.append(word("".join(current)))
            current = []
        out.append(ch)
    if current:
        out.append(word("".join(current)))
    return "".join(out)


def name_key_cyrillic(text: str) -> str:
    """Lower-case Latin spelling of `text` for name keys; other characters pass through."""
    return "".join(NAME_KEY_CYRILLIC.get(ch, ch) for ch in text.lower())


@functools.cache
def _iuliia_names() -> tuple[str, ...]:
    from iuliia import schemas

    return tuple(sorted(schemas.names()))


def _iuliia(name: str) -> Callable[[str], str]:
    from iuliia import schemas

    schema = schemas.get(name)
    fix_yo = name.startswith("bgn_pcgn")

    def romanise(text: str) -> str:
        out = schema.translate(text).replace("·", "")  # the standard's optional dot
        return out.replace("ё", "ë").replace("Ё", "Ë") if fix_yo else out

    return romanise


@dataclass(frozen=True)
class Scheme:
    name: str
    title: str  # what a proposal or a report says it used
    romanise: Callable[[str], str]


_OWN: dict[str, Scheme] = {s.name: s for s in (
    Scheme("ua_2010", "Ukrainian national transliteration (2010)",
           _table_romaniser(UA_2010, iotate_after_vowel=False, digraphs={"зг": "zgh"})),
    Scheme("bgn_pcgn_be", "BGN/PCGN 1979 (Belarusian)",
           _table_romaniser(BGN_PCGN_BE, iotate_after_vowel=False)),
    Scheme("bgn_pcgn_kk", "BGN/PCGN 1979 (Kazakh)",
           _table_romaniser(BGN_PCGN_KK, iotate_after_vowel=False)),
    Scheme("name-key-cyrillic", "loose passport-style keys (ru, uk, be)", name_key_cyrillic),
)}
_TITLES = {"bgn_pcgn": "BGN/PCGN 1947 (Russian)", "wikipedia": "Wikipedia (Russian)"}


def schemes() -> list[str]:
    """Every scheme name `scheme()` accepts."""
    return sorted({*_OWN, *_iuliia_names(), *ALIASES})


@functools.cache
def scheme(name: str) -> Scheme:
    """The scheme called `name`; WorkbenchError naming the known ones otherwise."""
    key = ALIASES.get(name, name)
    if key in _OWN:
        return _OWN[key]
    if key in _iuliia_names():
        title = _TITLES.get(key, f"{key} (iuliia, Russian)")
        return Scheme(key, title, _iuliia(key))
    raise WorkbenchError(f"unknown romanisation scheme {name!r}",
                         fix="use one of: " + ", ".join(schemes()))


def romaniser(name: str) -> Callable[[str], str]:
    return scheme(name).romanise


def bgn_pcgn_ru(text: str) -> str:
    """BGN/PCGN 1947 for Russian (iuliia's table).

    >>> bgn_pcgn_ru("Малый Сухаревский")
    'Malyy Sukharevskiy'
    """
    return romaniser("bgn_pcgn")(text)
