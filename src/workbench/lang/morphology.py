"""pymorphy3 analysers, loaded lazily and once per language per process.

pymorphy3 ships dictionaries for Russian and Ukrainian (`pymorphy3-dicts-ru`,
`pymorphy3-dicts-uk`); a language without one gets None and its callers do without
inflection.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def analyzer(code: str) -> Any | None:
    """The MorphAnalyzer for `code`, or None when pymorphy3 has no dictionary for it."""
    if code not in ("ru", "uk"):
        return None
    try:
        import pymorphy3  # ~0.1-0.5 s and ~15 MB: only when first needed
    except ImportError:  # pragma: no cover - pymorphy3 is a dependency
        return None
    try:
        return pymorphy3.MorphAnalyzer(lang=code)
    except (ValueError, OSError, ImportError):  # its dictionary package is not installed
        return None


def singular_forms(word: str, code: str, pos: str = "NOUN") -> frozenset[str]:
    """Every singular case form of `word` (a noun in its dictionary form), lower case;
    empty when pymorphy3 cannot inflect it."""
    morph = analyzer(code)
    if morph is None:
        return frozenset()
    for parse in morph.parse(word):
        if pos in parse.tag and parse.normal_form == word:
            return frozenset(f.word for f in parse.lexeme if f.tag.number != "plur")
    return frozenset()
