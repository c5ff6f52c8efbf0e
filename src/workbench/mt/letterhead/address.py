"""Postal addresses: a small grammar over the comma-separated parts of a letterhead
address, in any order (postcode first or last, region first, city after the street), with
the parts' words from the language pack.

Each part is one of: country, postcode, region ("Минская область", "Республика Коми"),
settlement ("г. Минск", "Талдықорған қаласы", "село Аджамка", or a bare name the gazetteer
knows), metro station, street with its type before or after the name and the house number
and rooms that may follow it without a comma ("ул. Быховская 55", "Абай көшесі №318",
"Велосипедный переулок д. 7"), house ("д. 3", "дом 38 а", "120"), rooms and other units
("корп. 2", "стр. 9", "оф. 43", "каб. 313", "13 этаж", "8 пәтер", "а/я 33"). A part that is
none of these makes the whole line unknown: it is left to MT (with the parts rendered
here protected), never half-translated.

English order, as on international mail: house and street, units, city, region,
postcode, country. Street types are written as their romanised abbreviations (the
convention of mail to Russia: "ul.", "per.", "prosp."), names romanised by the pack's
scheme, cities and regions by their English names (`places.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.mt.letterhead import places

if TYPE_CHECKING:
    from workbench.mt.letterhead import Tables

# A house number: 3, 72-б, 105В, 38 а, 1 «Б», 13/52, 17-7, 33 – 43, №36/Б.
NUMBER = (r"№?\s*\d+(?:\s*[/\-–]\s*\d+)?(?:\s*-?\s*[^\W\d_](?![^\W\d_])|\s*«[^»\s]{1,3}»"
          r"|\s*/\s*[^\W\d_](?![^\W\d_]))?")
UNIT_VALUE = rf"(?:{NUMBER}|[^\W\d_](?![^\W\d_]))"  # корп. 2, корпус А, помещение 7 Н
_GLUED = re.compile(r"(?<=[\u0400-\u04ff])\.(?=[^\W_])")  # "ул.Ленина", "г.Томск", "д.3"
_NUMBER_SIGN = re.compile(r"№(?=\d)")


@dataclass
class Slots:
    house: list[str] = field(default_factory=list)
    street: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    city: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    postcode: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO codes named in the line

    def english(self) -> str:
        first = " ".join(self.house + self.street)
        pieces = [first] if first else []
        for key in ("units", "city", "region", "postcode", "country"):
            pieces.extend(getattr(self, key))
        return ", ".join(dict.fromkeys(pieces))  # "Вінниця, …, м. Вінниця": once


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of vocabulary keys, longest first; a key's final full stop is
    optional ("ул" matches "ул." and "ул")."""
    out = []
    for word in sorted(set(words), key=len, reverse=True):
        out.append(re.escape(word).replace(r"\ ", r"\s+") + r"(?:\.|(?![^\W\d_]))")
    return "|".join(out) or r"(?!x)x"


def _key(word: str) -> str:
    return " ".join(word.lower().rstrip(".").split())


_COMPILED: dict[int, tuple[object, dict[str, re.Pattern[str]]]] = {}


def _patterns(tables: Tables) -> dict[str, re.Pattern[str]]:
    """The grammar's patterns for a vocabulary, compiled once."""
    cached = _COMPILED.get(id(tables.vocabulary))
    if cached is None or cached[0] is not tables.vocabulary:
        cached = (tables.vocabulary, _compile(tables))
        _COMPILED[id(tables.vocabulary)] = cached
    return cached[1]


def _compile(tables: Tables) -> dict[str, re.Pattern[str]]:
    v = tables.vocabulary
    streets_before = _alternation(v.street_types)
    streets_after = _alternation({**v.street_types, **v.streets_after})
    units = _alternation(v.unit_parts)
    units_after = _alternation(v.units_after)
    house_after = _alternation(v.house_after)
    unit = rf"(?:(?:{units})\s*№?\s*{UNIT_VALUE}|{NUMBER}\s*(?:{units_after}))"
    house_pre = "|".join(v.house_prefixes) or r"(?!x)x"
    house = (rf"(?:(?:{house_pre})(?![^\W\d_])\s*{NUMBER}|{NUMBER}(?:\s*-?\s*(?:{house_after}))?)")
    tail = rf"(?:[\s,]+(?P<house>{house}))?(?P<units>(?:[\s,]+{unit})*)"
    name = r"(?P<name>[^\s,]+(?:\s+[^\s,]+)*?)"
    i = re.I
    return {
        "street_before": re.compile(rf"(?P<type>{streets_before})\s*{name}{tail}", i),
        "street_after": re.compile(rf"{name}\s+(?P<type>{streets_after}){tail}", i),
        "house": re.compile(rf"(?P<house>{house})(?P<units>(?:[\s,]+{unit})*)", i),
        "units": re.compile(rf"(?P<units>{unit}(?:[\s,]+{unit})*)", i),
        "unit": re.compile(unit, i),
        "unit_parts": re.compile(rf"(?P<kind>{units})\s*№?\s*(?P<num>{UNIT_VALUE})", i),
        "units_after": re.compile(rf"(?P<num>{NUMBER})\s*(?P<kind>{units_after})", i),
        "house_parts": re.compile(
            rf"(?:(?:{house_pre})\s*)?(?P<num>{NUMBER})(?:\s*-?\s*(?:{house_after}))?", i),
        "settlement_before": re.compile(
            rf"(?P<type>(?:{'|'.join(v.city_prefixes) or '(?!x)x'})(?![^\W\d_])|"
        rf"{_alternation(v.settlements)})"
            rf"\s*(?P<name>[^\d,]+?)", i),
        "settlement_after": re.compile(
            rf"(?P<name>[^\d,]+?)\s+(?P<type>{_alternation(v.settlements_after)})", i),
        "region_after": re.compile(rf"(?P<name>[^\d,]+?)\s+(?P<type>{_alternation(v.region_types)})"
                                   rf"(?:\s+(?:{_alternation(v.region_types)}))?", i),
        "region_before": re.compile(rf"(?P<type>{_alternation(v.region_types)})\s+"
                                    rf"(?P<name>[^\d,]+)", i),
        "metro": re.compile(rf"(?:{'|'.join(v.metro) or '(?!x)x'})(?![^\W\d_])\s*"
                            rf"(?P<name>[^\d,]+)", i),
        "settlement_then": re.compile(
            rf"(?P<name>[^\d,]+?)\s+(?P<type>{_alternation(v.settlements_after)})\s+"
            rf"(?P<rest>\S.*)", i),
        "postcode_city": re.compile(r"(?P<postcode>\d{5,6})\s+(?P<rest>\D.*)"),
        "city_district": re.compile(r"(?P<name>[^\d,]+?)\s*[-–]\s*(?P<num>\d{1,3})"),
    }


def _number(text: str, tables: Tables) -> str:
    """A house or room number, spaces and the number sign tidied and its letters romanised:
    "№ 20" → "20", "72-б" → "72-b", "7 «Б»" → "7 «B»"."""
    tidy = " ".join(text.replace("№", " ").split()).replace(" – ", "–")
    return tables.romanize(tidy)


def _units(text: str, tables: Tables) -> list[str]:
    pats = _patterns(tables)
    out = []
    for m in pats["unit"].finditer(text):
        piece = m.group(0)
        if (u := pats["unit_parts"].fullmatch(piece)) is not None:
            english = tables.vocabulary.unit_parts[_key(u.group("kind"))]
            out.append(f"{english} {_number(u.group('num'), tables)}")
        elif (u := pats["units_after"].fullmatch(piece)) is not None:
            english = tables.vocabulary.units_after[_key(u.group("kind"))]
            out.append(f"{english} {_number(u.group('num'), tables)}")
    return out


def _house(text: str, tables: Tables) -> str:
    m = _patterns(tables)["house_parts"].fullmatch(text.strip())
    return _number(m.group("num") if m else text, tables)


def _name(text: str, tables: Tables) -> str:
    return tables.romanize(" ".join(text.split()))


def _street(m: re.Match[str], tables: Tables, slots: Slots, before: bool) -> None:
    kind = tables.vocabulary.street_types.get(_key(m.group("type"))) or \
        tables.vocabulary.streets_after.get(_key(m.group("type")), "")
    name = _name(m.group("name"), tables)
    slots.street.append(f"{kind} {name}" if before else f"{name} {kind}")
    if m.group("house"):
        slots.house.append(_house(m.group("house"), tables))
    slots.units.extend(_units(m.group("units") or "", tables))


def _settlement(name: str, kind: str, tables: Tables, slots: Slots) -> None:
    english = tables.vocabulary.cities.get(_key(name)) or places.english_city(
        name, _countries(tables, slots), tables.romanize)
    slots.city.append(f"{english} {kind}" if kind else english)


def _countries(tables: Tables, slots: Slots) -> tuple[str, ...]:
    return tuple(slots.countries) or tables.vocabulary.countries_iso


def _region(name: str, kind: str, tables: Tables, slots: Slots, before: bool) -> None:
    english_kind = tables.vocabulary.region_types.get(_key(kind), "")
    words = name.split()
    base = places.region_base(words[-1], _countries(tables, slots), tables.romanize) \
        if len(words) == 1 and not before else None
    if base is None:
        base = _region_name(name, english_kind, tables)
    if before and english_kind == "Republic":
        slots.region.append(f"Republic of {base}")
    else:
        slots.region.append(f"{base} {english_kind}".strip())


_ADJ_LATIN = re.compile(r"(?:skaya|skiy|skoy|sky|skoye|skaia|ska|skyi|skyy|ska|skai)$", re.I)


def _region_name(name: str, english_kind: str, tables: Tables) -> str:
    """A region's name romanised; an adjective before Oblast or Republic becomes its noun
    ("Amurskaya" → "Amur", "Udmurtskaya" → "Udmurt"), a krai keeps its adjective
    ("Zabaykalsky Krai", as English Wikipedia writes it)."""
    latin = tables.romanize_region(" ".join(name.split()))
    if english_kind in ("Krai", "District", "Municipal District"):
        return re.sub(r"(?:aya|oye|ogo)$", "y", latin)
    words = latin.split()
    if words and english_kind in ("Oblast", "Republic", "Autonomous Okrug"):
        stem = _ADJ_LATIN.sub("", words[-1])
        if stem and stem != words[-1]:
            words[-1] = stem
    return " ".join(words)


def _part(part: str, tables: Tables, slots: Slots) -> bool:
    """Read one comma-separated part into `slots`; False when no rule knows it."""
    pats = _patterns(tables)
    v = tables.vocabulary
    low = _key(part)
    if low in v.countries:
        slots.country.append(v.countries[low])
        return True
    if (found := places.country(part, tables.source_lang, tables.target_lang)) is not None:
        slots.countries.append(found[0])
        slots.country.append(found[1])
        return True
    if re.fullmatch(r"\d{5,6}", part):
        slots.postcode.append(part)
        return True
    if (m := pats["postcode_city"].fullmatch(part)) is not None:
        slots.postcode.append(m.group("postcode"))
        return _part(m.group("rest"), tables, slots)
    if (m := pats["units"].fullmatch(part)) is not None:
        slots.units.extend(_units(part, tables))
        return True
    if (m := pats["house"].fullmatch(part)) is not None:
        slots.house.append(_house(m.group("house"), tables))
        slots.units.extend(_units(m.group("units") or "", tables))
        return True
    if (m := pats["metro"].fullmatch(part)) is not None:
        slots.units.append(f"{_name(m.group('name'), tables)} metro station")
        return True
    if (m := pats["settlement_then"].fullmatch(part)) is not None:
        # "Талдықорған қаласы І. Жансүгіров көшесі №36/Б": a city, then its street
        kind = _key(m.group("type"))
        _settlement(m.group("name"), v.settlements_after.get(kind, ""), tables, slots)
        return _part(m.group("rest"), tables, slots)
    if low in v.buildings:
        slots.units.append(v.buildings[low])
        return True
    for key, before in (("street_before", True), ("street_after", False)):
        if (m := pats[key].fullmatch(part)) is not None and m.group("name"):
            _street(m, tables, slots, before)
            return True
    if (m := pats["region_after"].fullmatch(part)) is not None:
        _region(m.group("name"), m.group("type"), tables, slots, before=False)
        return True
    if (m := pats["region_before"].fullmatch(part)) is not None:
        _region(m.group("name"), m.group("type"), tables, slots, before=True)
        return True
    for key in ("settlement_before", "settlement_after"):
        if (m := pats[key].fullmatch(part)) is not None:
            kind = _key(m.group("type"))
            english = v.settlements.get(kind) or v.settlements_after.get(kind, "")
            _settlement(m.group("name"), english, tables, slots)
            return True
    if (m := pats["city_district"].fullmatch(part)) is not None and places.city(
            m.group("name"), _countries(tables, slots)) is not None:
        _settlement(m.group("name"), "", tables, slots)
        slots.city[-1] += f"-{m.group('num')}"
        return True
    if places.city(part, _countries(tables, slots)) is not None and not re.search(r"\d", part):
        _settlement(part, "", tables, slots)
        return True
    if not tables.source_letters.search(part) and "@" not in part and ":" not in part:
        slots.units.append(part)  # Latin or digits only: a building's name, kept as is
        return True
    return False


_BARE_NAME = re.compile(r"(?:[^\W\d_]\.\s?)?[^\W\d_][^\W\d_-]*(?:[- ][^\W\d_]+){0,2}")


def _bare_street(part: str, following: str, tables: Tables) -> bool:
    """A street named without its type, right before its house number."""
    return bool(_BARE_NAME.fullmatch(part) and part[:1].isupper()
                and _patterns(tables)["house"].fullmatch(following))


def split_label(text: str, tables: Tables) -> tuple[str | None, str]:
    """("Postal address", the rest) when `text` starts with an address label."""
    for pattern, english in tables.vocabulary.address_labels:
        m = re.match(rf"(?:{pattern})\s*:\s*", text, re.I)
        if m:
            return english, text[m.end():]
    return None, text


def translate_address(text: str, tables: Tables) -> str | None:
    """A postal address in English order, or None if any part is unknown."""
    label, body = split_label(text, tables)
    body = _NUMBER_SIGN.sub("№ ", _GLUED.sub(". ", body)).strip().rstrip(".;,").strip()
    parts = [p.strip().rstrip(".").strip() for p in re.split(r"[,;]", body)]
    parts = [p for p in parts if p]
    pats = _patterns(tables)
    if len(parts) < 2 and label is None:
        if not parts:
            return None
        if pats["units"].fullmatch(parts[0]):  # "помещение 7 Н,": a wrapped address's end
            return ", ".join(_units(parts[0], tables))
        if not (pats["street_before"].fullmatch(parts[0])
                or pats["street_after"].fullmatch(parts[0])):
            return None
    slots = Slots()
    for n, part in enumerate(parts):
        if _part(part, tables, slots):
            continue
        following = parts[n + 1] if n + 1 < len(parts) else ""
        if _bare_street(part, following, tables) and (label or n):
            slots.street.append(_name(part, tables))  # "Адрес: Жандосова, 13"
            continue
        return None
    has_place = slots.street or slots.city or any("P.O. Box" in u for u in slots.units)
    if not has_place or not (slots.postcode or slots.country or slots.house or slots.city):
        return None
    if not slots.street and not slots.city:
        return None
    english = slots.english()
    return f"{label}: {english}" if label else english


def translate_region(text: str, tables: Tables) -> str | None:
    """A line that names a region and nothing else ("КЕМЕРОВСКАЯ ОБЛАСТЬ", "Ақмола облысы"):
    its English, in capitals when the line is."""
    line = text.strip().rstrip(".")
    shouted = line.isupper()
    slots = Slots()
    pats = _patterns(tables)
    probe = line.lower().title() if shouted else line
    for key, before in (("region_after", False), ("region_before", True)):
        m = pats[key].fullmatch(probe)
        if m is not None:
            _region(m.group("name"), m.group("type"), tables, slots, before=before)
            english = slots.region[0]
            return english.upper() if shouted else english
    return None
