"""Language-specific word keys for matching. Russian: every lemma pymorphy3 proposes
for a word (so any inflected form reaches the lemma of the glossary form); other
languages: the case-folded word. Dictionaries load lazily, once per process."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from workbench.glossary.tokens import fold
from workbench.lang.morphology import analyzer

Keys = tuple[str, ...]


def _morph() -> Any:
    """pymorphy3 for Russian, shared with the language pack (loaded once per process)."""
    return analyzer("ru")


@lru_cache(maxsize=200_000)
def russian_keys(word: str) -> Keys:
    """All lemmas of a Russian word, most probable first (ё folded to е)."""
    folded = fold(word)
    if not any("а" <= c <= "я" for c in folded):  # digits, Latin words: no morphology
        return (folded,)
    seen: dict[str, None] = {}
    for parse in _morph().parse(folded):
        seen.setdefault(parse.normal_form.replace("ё", "е"), None)
    seen.setdefault(folded, None)
    return tuple(seen)


@lru_cache(maxsize=200_000)
def plain_keys(word: str) -> Keys:
    return (fold(word),)


# A language without an entry here is matched by case-folded words.
KEYERS: dict[str, Callable[[str], Keys]] = {"ru": russian_keys}


def keyer_for(lang: str) -> Callable[[str], Keys]:
    return KEYERS.get(lang, plain_keys)
