"""What a language pack holds: plain data, and builders for what is derived from CLDR.

A pack module (`workbench/lang/<code>.py`) defines `PACK = LanguagePack(...)`. Everything
a pack leaves out has a default that works for any language: CLDR months, weekdays and
number symbols (Babel), no abbreviations, the general sentence splitter, no letterhead
vocabulary. The algorithms that read a pack live with their callers (`segment/`,
`align/`, `qa/`, `mt/`); a pack is knowledge only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.lang.cldr import Calendar, NumberFormat

NEVER: re.Pattern[str] = re.compile(r"(?!x)x")


def words(text: str) -> frozenset[str]:
    """A word set from a whitespace-separated string."""
    return frozenset(text.split())


@dataclass(frozen=True)
class SentenceRules:
    """Where a full stop is not a sentence end, and which splitter reads these rules.

    Words are compared lower-cased and without their final full stop, except
    `cased_prefixes`, compared as written ("So." is Sonntag, "so." is a word).
    """

    # "rules": the candidate splitter of `segment.sentences` with the sets below;
    # "razdel": razdel's sentences, re-joined after prefixes and abbreviations;
    # "general": sentencex's rules for the language (the fallback).
    splitter: str = "general"
    # Never end a sentence: a name, a number or a word follows ("Dr. Müller", "г. Москва").
    prefixes: frozenset[str] = frozenset()
    cased_prefixes: frozenset[str] = frozenset()
    # Word endings that are abbreviations too ("Hauptstr." for -straße).
    prefix_endings: tuple[str, ...] = ()
    # Prefixes that after a number are units, read as abbreviations ("в 2022 г. Потом").
    units_after_number: frozenset[str] = frozenset()
    # End a sentence only before a capital ("и т. д. Потом"; "usw. Dann").
    abbreviations: frozenset[str] = frozenset()
    # After a dotted abbreviation ("U.S."), a sentence starts only with one of these.
    starters: frozenset[str] = frozenset()
    # A single letter and a full stop is an initial ("N. O. Glagoleva", "z. B."): no end.
    initials: bool = True


@dataclass(frozen=True)
class BlockRules:
    """What the block classifier reads: line patterns of letters, signatures, web pages."""

    # A line ending in one of these words continues on the next line (a hard wrap).
    continuation_words: frozenset[str] = frozenset()
    # Words after which a capitalised word still belongs to the same phrase ("an International").
    determiners: frozenset[str] = frozenset()
    salutation: re.Pattern[str] = NEVER  # "Dear comrades!", "Товарищи!"
    addressee: re.Pattern[str] = NEVER  # "To the leaders of …"
    signature_start: re.Pattern[str] = NEVER  # "On behalf of …"
    position: re.Pattern[str] = NEVER  # "Chairman of the Central Committee …"
    date_line: re.Pattern[str] = NEVER  # "August 18, 2020"
    contact_words: re.Pattern[str] = NEVER  # "tel", "fax", "e-mail", street abbreviations
    furniture: re.Pattern[str] = NEVER  # a line of web furniture
    furniture_tail: re.Pattern[str] = NEVER  # a line after which everything is furniture




@dataclass(frozen=True)
class Letterhead:
    """Vocabulary for translating letterhead lines into one target language. Keys of the
    mappings are lower case, without their full stop; patterns are regular expressions
    matched case-insensitively at a word start."""

    target: str
    # (pattern, label) longest first: "тел./факс" → "Tel./fax".
    contact_labels: tuple[tuple[str, str], ...] = ()
    # Official long names CLDR's territory names lack ("Российская Федерация").
    countries: Mapping[str, str] = field(default_factory=dict)
    # overrides of the gazetteer's English names
    cities: Mapping[str, str] = field(default_factory=dict)
    city_prefixes: tuple[str, ...] = ()  # patterns before a city's name: "г\\.", "город"
    house_prefixes: tuple[str, ...] = ()  # patterns before a house number: "д\\.", "дом"
    # → its abbreviation on international mail
    street_types: Mapping[str, str] = field(default_factory=dict)
    # before a number: корп. 2 → "block 2"
    unit_parts: Mapping[str, str] = field(default_factory=dict)
    region_types: Mapping[str, str] = field(default_factory=dict)  # "область" → "Oblast"
    # Settlement types other than a city, before or after the name → English after it
    # ("село" → "village"); a city's type word is dropped.
    settlements: Mapping[str, str] = field(default_factory=dict)
    # the type follows the name (kk қаласы)
    settlements_after: Mapping[str, str] = field(default_factory=dict)
    # street types that follow the name only
    streets_after: Mapping[str, str] = field(default_factory=dict)
    house_after: frozenset[str] = frozenset()  # words after a house number (kk үй)
    # after a number: 13 этаж → "floor 13"
    units_after: Mapping[str, str] = field(default_factory=dict)
    metro: tuple[str, ...] = ()  # patterns before a metro station's name
    # Buildings named by their kind, a part of an address on their own ("Мәдениет үйі").
    buildings: Mapping[str, str] = field(default_factory=dict)
    # Labels before an address: "Почтовый адрес:" → "Postal address".
    address_labels: tuple[tuple[str, str], ...] = ()
    # Words of the notes on contact lines ("(многоканальный)", "по будням"), longest first.
    notes: tuple[tuple[str, str], ...] = ()
    # Legal and registration identifiers: abbreviation → English ("ИНН" → "TIN (INN)").
    legal_ids: Mapping[str, str] = field(default_factory=dict)
    # Legal forms of organisations: abbreviation → English ("ООО" → "LLC").
    legal_forms: Mapping[str, str] = field(default_factory=dict)
    # Bodies named after their region ("администрация" + a region in the genitive).
    org_bodies: tuple[tuple[str, str], ...] = ()
    # Words of newspaper mastheads and document lines: "газета" → "newspaper".
    masthead_words: tuple[tuple[str, str], ...] = ()
    # Where the language's places are (ISO 3166 codes, most likely first): the gazetteer
    # looks there first, and a phone number without a country code is read as theirs.
    countries_iso: tuple[str, ...] = ()
    region_romanisation: str | None = None  # e.g. "wikipedia": "Zabaykalsky Krai"


@dataclass(frozen=True)
class StrippedApostrophes:
    """Words that show a text lost its apostrophes (’ is not ASCII): evidence that a bad
    conversion stripped every non-ASCII character."""

    contractions: re.Pattern[str]  # matched against the lower-cased text: "dont", "theyre"
    possessives: re.Pattern[str]  # "workers parties" for "workers’ parties"


@dataclass(frozen=True)
class LanguagePack:
    """Everything the workbench knows about one language (see docs/languages.md)."""

    code: str  # ISO 639-1 (or 639-3 where there is no 639-1 code)
    script: str  # ISO 15924: "Cyrl", "Latn"
    letters: str = ""  # the alphabet, lower case
    # CLDR locales for month and day names; the first also gives the number symbols.
    locales: tuple[str, ...] = ()
    # Month names are capitalised in this language ("May"): lower-case "may" is no month.
    months_capitalised: bool = False
    # Inflect month names with pymorphy3 ("в мае", "у травні"): CLDR has only two cases.
    inflect_months: bool = False
    # Builders, called once on first use with the pack (CLDR data loads lazily).
    sentence_rules: Callable[[LanguagePack], SentenceRules] | None = None
    block_rules: Callable[[LanguagePack], BlockRules] | None = None
    function_words: frozenset[str] = frozenset()  # a line full of them is in this language
    # words that may stand twice in a row in good text ("that that", "had had"): QA's
    # doubled-words check leaves them alone
    doubles_allowed: frozenset[str] = frozenset()
    # Romanisation scheme names (`workbench.lang.romanise`): for names in addresses, and
    # for the name keys the aligner matches across scripts.
    romanisation: str | None = None
    name_keys: str | None = None
    letterhead: Mapping[str, Letterhead] = field(default_factory=dict)  # by target language
    stripped_apostrophes: StrippedApostrophes | None = None  # for `corpus.damage`
    # Overrides of the CLDR number symbols, e.g. a plain space as a group separator.
    extra_group_symbols: str = ""
    generic: bool = False  # made up for a language without a pack

    @property
    def cldr_locales(self) -> tuple[str, ...]:
        return self.locales or (self.code,)

    @cached_property
    def calendar(self) -> Calendar:
        from workbench.lang.cldr import calendar_for

        return calendar_for(self)

    @cached_property
    def numbers(self) -> NumberFormat:
        from workbench.lang.cldr import number_format_for

        return number_format_for(self)

    @cached_property
    def sentences(self) -> SentenceRules:
        if self.sentence_rules is None:
            return SentenceRules()
        return self.sentence_rules(self)

    @cached_property
    def blocks(self) -> BlockRules:
        if self.block_rules is None:
            return BlockRules()
        return self.block_rules(self)

    @cached_property
    def letters_re(self) -> re.Pattern[str]:
        """A letter of this language's script (Cyrillic for ru: what is left to translate)."""
        from workbench.lang.script import CYRILLIC, CYRILLIC_CLASS, LATIN_CLASS

        return re.compile(CYRILLIC_CLASS if self.script == CYRILLIC else LATIN_CLASS)

    @cached_property
    def lookalikes(self) -> dict[str, str]:
        """Latin letters drawn like this language's Cyrillic letters (empty for Latin)."""
        from workbench.lang.script import CYRILLIC, lookalikes_for

        return lookalikes_for(self.letters) if self.script == CYRILLIC else {}
