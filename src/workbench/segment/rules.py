"""Per-language tables the block and sentence rules read; the languages live in their own
modules (`en.py`, `ru.py`) and register here. An unknown language gets the generic rules:
no tables, a punctuation-based sentence splitter."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

Splitter = Callable[[str], list[tuple[int, int]]]

_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class LanguageRules:
    """What the segmenter needs to know about one language."""

    code: str
    # A line ending in one of these words continues on the next line (a hard wrap).
    continuation_words: frozenset[str] = frozenset()
    # Words after which a capitalised word still belongs to the same phrase ("an International").
    determiners: frozenset[str] = frozenset()
    salutation: re.Pattern = _NEVER  # "Dear comrades!", "Comrade Communists!"
    addressee: re.Pattern = _NEVER  # "To the leaders of …"
    signature_start: re.Pattern = _NEVER  # "On behalf of …"
    position: re.Pattern = _NEVER  # "Chairman of the Central Committee …"
    date_line: re.Pattern = _NEVER  # "August 18, 2020"
    contact_words: re.Pattern = _NEVER  # "tel", "fax", "e-mail", street abbreviations
    furniture: re.Pattern = _NEVER  # a line of web furniture
    furniture_tail: re.Pattern = _NEVER  # a line after which everything is furniture
    split_sentences: Splitter | None = None
    sentence_starters: frozenset[str] = field(default_factory=frozenset)


_REGISTRY: dict[str, LanguageRules] = {}


def register(rules: LanguageRules) -> LanguageRules:
    _REGISTRY[rules.code] = rules
    return rules


def rules_for(lang: str) -> LanguageRules:
    """The rules for `lang` (generic rules for a language without a module)."""
    if not _REGISTRY:
        from workbench.segment import en, ru  # noqa: F401  (they register themselves)
    return _REGISTRY.get(lang) or LanguageRules(code=lang)


def compile_words(words: str) -> frozenset[str]:
    return frozenset(words.split())


def all_rules(first: LanguageRules) -> list[LanguageRules]:
    """`first`, then every other registered language: contact lines, furniture and
    signatures may be in another language than the document (a Russian letterhead on an
    English translation)."""
    rules_for(first.code)
    return [first, *(r for code, r in _REGISTRY.items() if code != first.code)]
