"""Rules for letterhead lines: postal addresses, contact lines (phones, fax, e-mail), and
damaged lines. Deterministic, so a rule's English is exact where a model would guess.

- Address: "Россия, 127051, г.Москва, Малый Сухаревский пер, д.3" →
  "3 Malyy Sukharevskiy per., Moscow, 127051, Russia" — English order (house, street,
  unit, city, region, postcode, country), names romanised by BGN/PCGN, cities and
  countries with an established English name use it.
- Contact: "тел/факс.: +7 (495) 692-54-76" → "Tel./fax: +7 (495) 692-54-76"; numbers,
  e-mails and web addresses are kept byte for byte.
- Damaged: a line whose letters were stripped by a bad conversion ("105062, , . .") is
  not translated: the result says it is damaged instead of inventing an English.

Organisation names and positions in letterheads go through the glossary (`rules.py`).
The vocabulary is the source language pack's (`workbench/lang/ru.py`: `letterhead`), by
target language; names are romanised by the pack's scheme.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench import lang
from workbench.corpus.damage import EMAIL, URL, line_damage
from workbench.lang.base import Letterhead
from workbench.lang.romanise import scheme
from workbench.model import Issue, Severity

PHONE = re.compile(r"\+?\d[\d\s()\-–]{4,}\d")

# Why a line lost its letters: one answer, in corpus.damage (kept here under its old name).
damage_reason = line_damage


@dataclass(frozen=True)
class RuleResult:
    """What a letterhead rule made of a line: `text` is None when the line is damaged."""

    text: str | None
    rule: str  # "address" | "contact" | "damaged"
    issues: tuple[Issue, ...] = ()
    romanised_by: str | None = None  # the scheme that spelled the names of an address


@dataclass(frozen=True)
class Tables:
    """A language pair's letterhead vocabulary, with the source language's letters and
    romanisation scheme from its pack."""

    vocabulary: Letterhead
    source_letters: re.Pattern[str]
    romanize: Callable[[str], str]
    romanised_by: str


def tables_for(source_lang: str, target_lang: str) -> Tables | None:
    """The rule tables for a language pair, or None where its pack has none."""
    if not lang.has_pack(source_lang):
        return None
    pack = lang.get(source_lang)
    vocabulary = pack.letterhead.get(target_lang)
    if vocabulary is None or pack.romanisation is None:
        return None
    romanisation = scheme(pack.romanisation)
    return Tables(vocabulary, pack.letters_re, romanisation.romanise, romanisation.title)


def _damaged(reason: str) -> RuleResult:
    issue = Issue(rule="letterhead-damaged", severity=Severity.ERROR,
                  message=f"letterhead line is damaged ({reason}); not translated",
                  fix=None)
    return RuleResult(None, "damaged", (issue,))


def translate_contact(text: str, tables: Tables) -> str | None:
    """Replace contact labels; None unless what remains has no source-language words."""
    out = text
    found = False
    for pattern, english in tables.vocabulary.contact_labels:
        regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)\.?(\s*:)?", re.I)

        def repl(m: re.Match[str], english: str = english) -> str:
            return english + (":" if m.group(1) else "")

        out, n = regex.subn(repl, out)
        found = found or n > 0
    if not found:
        return None
    kept = URL.sub(" ", EMAIL.sub(" ", out))
    if tables.source_letters.search(kept):
        return None
    return out


def _strip_prefix(part: str, prefixes: tuple[str, ...]) -> str | None:
    for prefix in prefixes:
        m = re.match(rf"^(?:{prefix})\s*(\S.*)$", part, re.I)
        if m:
            return m.group(1).strip()
    return None


def _street(part: str, tables: Tables) -> tuple[str, str | None] | None:
    """(romanised street, house number inside it or None), or None if no street type."""
    words = part.split()
    kinds = [w.lower().rstrip(".") for w in words]
    if not any(k in tables.vocabulary.street_types for k in kinds):
        return None
    house = None
    if len(words) > 2 and re.fullmatch(r"\d+[\w/-]*", words[-1]):
        house = words.pop()
        kinds.pop()
    types = tables.vocabulary.street_types
    out = [types[k] if k in types else tables.romanize(w)
           for w, k in zip(words, kinds, strict=True)]
    return " ".join(out), house


def _unit_part(part: str, tables: Tables) -> str | None:
    m = re.match(r"^([^\W\d]+(?:/[^\W\d]+)?)\.?\s*(\d[\w/-]*)$", part)
    if m and m.group(1).lower() in tables.vocabulary.unit_parts:
        return f"{tables.vocabulary.unit_parts[m.group(1).lower()]} {m.group(2)}"
    return None


def _region(part: str, tables: Tables) -> str | None:
    words = part.split()
    if len(words) < 2:
        return None
    for idx in (-1, 0):
        kind = words[idx].lower().rstrip(".")
        if kind in tables.vocabulary.region_types:
            rest = words[:-1] if idx == -1 else words[1:]
            return f"{tables.romanize(' '.join(rest))} {tables.vocabulary.region_types[kind]}"
    return None


def translate_address(text: str, tables: Tables) -> str | None:
    """A comma-separated postal address in English order, or None if any part is unknown."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) < 2:
        return None
    slots: dict[str, list[str]] = {k: [] for k in
                                   ("house", "street", "unit", "city", "region", "postcode",
                                    "country")}
    for part in parts:
        low = part.lower().rstrip(".")
        if low in tables.vocabulary.countries:
            slots["country"].append(tables.vocabulary.countries[low])
        elif re.fullmatch(r"\d{5,6}", part):
            slots["postcode"].append(part)
        elif low in tables.vocabulary.cities:
            slots["city"].append(tables.vocabulary.cities[low])
        elif (city := _strip_prefix(part, tables.vocabulary.city_prefixes)) is not None:
            slots["city"].append(tables.vocabulary.cities.get(city.lower(), tables.romanize(city)))
        elif (house := _strip_prefix(part, tables.vocabulary.house_prefixes)) is not None \
                and re.fullmatch(r"\d+[\w/-]*", house):
            slots["house"].append(house)
        elif (unit := _unit_part(part, tables)) is not None:
            slots["unit"].append(unit)
        elif (street := _street(part, tables)) is not None:
            slots["street"].append(street[0])
            if street[1]:
                slots["house"].append(street[1])
        elif (region := _region(part, tables)) is not None:
            slots["region"].append(region)
        elif not tables.source_letters.search(part):
            slots["unit"].append(part)
        else:
            return None  # a part no rule knows: leave the line to the other engines
    if not (slots["street"] or slots["city"]) or not (slots["postcode"] or slots["country"]
                                                      or slots["house"]):
        return None
    first = " ".join(slots["house"] + slots["street"])
    pieces = [first] if first else []
    for key in ("unit", "city", "region", "postcode", "country"):
        pieces.extend(slots[key])
    return ", ".join(pieces)


def translate_line(text: str, source_lang: str = "ru",
                   target_lang: str = "en") -> RuleResult | None:
    """Apply the letterhead rules to one line: a RuleResult, or None when no rule applies."""
    line = " ".join(text.split())
    if not line:
        return None
    reason = line_damage(line)
    if reason:
        return _damaged(reason)
    tables = tables_for(source_lang, target_lang)
    if tables is None:
        return None
    contact = translate_contact(line, tables)
    if contact is not None:
        return RuleResult(contact, "contact")
    if not tables.source_letters.search(line) and (EMAIL.search(line) or PHONE.search(line)
                                      or URL.search(line)):
        return RuleResult(line, "contact")  # "e-mail: x@y.ru": nothing to translate
    address = translate_address(line, tables)
    if address is not None:
        return RuleResult(address, "address", romanised_by=tables.romanised_by)
    return None
