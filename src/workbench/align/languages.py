"""Language-specific tables the pair-generic aligner looks up by language code.

Everything Russian/English lives here: the transliteration that lets a Cyrillic name
meet its Latin spelling, month names (dates survive translation as numbers + months),
and the default target/source character ratio used before the data says otherwise.
"""

from __future__ import annotations

import re

# Cyrillic → Latin (a loose, passport-style romanisation; only used to build name keys).
_RU_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "e", "ў": "u", "ґ": "g",
}

TRANSLIT: dict[str, dict[str, str]] = {"ru": _RU_TRANSLIT, "uk": _RU_TRANSLIT,
                                       "be": _RU_TRANSLIT}

# Month names → month number, per language: Russian by stem (any inflection), English
# by full name or abbreviation.
_RU_MONTH_STEMS = (("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("июн", 6),
                   ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11),
                   ("декабр", 12))
_RU_MAY = {"мая", "май", "мае", "маю", "маем"}
_EN_MONTHS = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}

# Target chars per source char, a prior the aligner shrinks its own estimate towards.
# ru→en measured on the news benchmark and the corpus gold (English is shorter).
CHAR_RATIO: dict[tuple[str, str], float] = {("ru", "en"): 0.93, ("en", "ru"): 1.075}


def transliterate(word: str, lang: str) -> str:
    """Latin spelling of `word` (lowercased); words of Latin-script languages pass through."""
    table = TRANSLIT.get(lang)
    low = word.lower()
    if table is None:
        return low
    return "".join(table.get(ch, ch) for ch in low)


def _month_pattern(lang: str) -> re.Pattern[str] | None:
    if lang == "ru":
        stems = "|".join(stem for stem, _ in _RU_MONTH_STEMS)
        return re.compile(rf"(?i)\b(?:(?:{stems})[а-яё]*|{'|'.join(_RU_MAY)})\b")
    if lang == "en":  # capitalised only: "may" the verb, "march" the verb
        names = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
        return re.compile(rf"\b(?:{'|'.join(n.capitalize() for n in names.split('|'))})\b")
    return None


_MONTH_PATTERNS = {lang: _month_pattern(lang) for lang in ("ru", "en")}


def month_of(word: str, lang: str) -> int | None:
    """Month number if `word` is a month name in `lang`, else None."""
    low = word.lower()
    if lang == "ru":
        if low in _RU_MAY:
            return 5
        return next((n for stem, n in _RU_MONTH_STEMS if low.startswith(stem)), None)
    if lang == "en" and word[:1].isupper():
        return _EN_MONTHS.get(low.rstrip("."))
    return None


def months_in(text: str, lang: str) -> set[int]:
    """Month numbers named in `text`."""
    pattern = _MONTH_PATTERNS.get(lang)
    if pattern is None:
        return set()
    return {m for m in (month_of(w, lang) for w in pattern.findall(text)) if m is not None}


def char_ratio(source_lang: str, target_lang: str) -> float:
    """Default target/source character ratio for a language pair (1.0 when unknown)."""
    return CHAR_RATIO.get((source_lang, target_lang), 1.0)
