"""What "kept" means for the letterhead development set (tests/data/letterheads.tsv):
one answer for the tests and `bench/bench_letterhead.py`."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

EMAIL_WEB = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.\s?)\S+", re.I)
CONTACT_KINDS = ("phone", "email", "web", "contact-mixed")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain if ch.isalnum()).lower()


def city_names(city: str, lang: str) -> set[str]:
    """The English a city may stand under: the gazetteer's names and its romanisations."""
    from workbench import lang as packs
    from workbench.lang.romanise import romaniser
    from workbench.mt.letterhead import places

    names = {romaniser(packs.get(lang).romanisation or "bgn_pcgn")(city),
             romaniser("bgn_pcgn")(city)}
    place = places.city(city)
    if place is not None:
        names.add(place.name)
    return {_fold(n) for n in names}


def address_kept(text: str | None, expect: str, lang: str) -> bool:
    if not text:
        return False
    from workbench import lang as packs
    from workbench.lang.romanise import romaniser

    want = dict(item.split("=", 1) for item in expect.split(";") if "=" in item)
    folded = _fold(text)
    if "postcode" in want and want["postcode"] not in text:
        return False
    if "house" in want:
        house = want["house"]
        latin = romaniser(packs.get(lang).romanisation or "bgn_pcgn")(house)
        if _fold(house) not in folded and _fold(latin) not in folded:
            return False
    return "city" not in want or any(name in folded
                                     for name in city_names(want["city"], lang))


def contact_kept(source: str, text: str | None) -> bool:
    """Every digit of the source (numbers may lose a trunk prefix 8 or 0 and gain their
    country code) and every e-mail and web address."""
    if not text:
        return False
    import phonenumbers

    for address in EMAIL_WEB.findall(source):
        if address.rstrip(".,;)") not in text:
            return False
    digits = re.sub(r"\D", "", text)
    rest = source
    for match in phonenumbers.PhoneNumberMatcher(source, "RU",
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        national = str(match.number.national_number)
        if national not in digits:
            return False
        rest = rest.replace(match.raw_string, " ")
    return all(run in digits for run in re.findall(r"\d+", EMAIL_WEB.sub(" ", rest)))


