"""What the pair-generic aligner asks about languages, answered by the language packs:
name keys across scripts (the pack's romanisation scheme, so a Cyrillic name meets its
Latin spelling), month names (dates survive translation as numbers + months), and the
default target/source character ratio of a pair before the data says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from workbench import lang
from workbench.lang.romanise import romaniser

# Target chars per source char, a prior the aligner shrinks its own estimate towards.
# ru→en measured on the news benchmark and the corpus gold (English is shorter).
CHAR_RATIO: dict[tuple[str, str], float] = {("ru", "en"): 0.93, ("en", "ru"): 1.075}

_KEYERS: dict[str, Callable[[str], str]] = {}


def _keyer(code: str) -> Callable[[str], str]:
    keyer = _KEYERS.get(code)
    if keyer is None:
        scheme = lang.get(code).name_keys
        keyer = _KEYERS[code] = romaniser(scheme) if scheme else str.lower
    return keyer


def transliterate(word: str, code: str) -> str:
    """Latin spelling of `word` (lowercased) for name keys; Latin-script words pass through."""
    return _keyer(code)(word.lower())


def month_of(word: str, code: str) -> int | None:
    """Month number if `word` is a month name in `code`, else None."""
    return lang.get(code).calendar.month_of(word)


def months_in(text: str, code: str) -> set[int]:
    """Month numbers named in `text`."""
    return lang.get(code).calendar.months_in(text)


def char_ratio(source_lang: str, target_lang: str) -> float:
    """Default target/source character ratio for a language pair (1.0 when unknown)."""
    return CHAR_RATIO.get((source_lang, target_lang), 1.0)
