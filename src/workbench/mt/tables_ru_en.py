"""Russian→English tables for letterhead rules: contact labels, countries, cities with an
established English name, and the parts of a Russian postal address.

Language-specific data lives here; `letterhead.py` holds the language-neutral logic and
picks a table set by (source, target) language.
"""

from __future__ import annotations

import re

from workbench.mt.translit import romanize_ru

SOURCE_LETTERS = re.compile(r"[\u0400-\u04FF]")  # a line without these has nothing to translate

# Contact labels, longest first; matched case-insensitively at a word start, with the
# punctuation after them (`тел/факс.:` → `Tel./fax:`).
CONTACT_LABELS: tuple[tuple[str, str], ...] = (
    (r"тел(?:ефон)?\.?\s*[/-]\s*факс", "Tel./fax"),
    (r"тел(?:ефон)?\.?\s+и\s+факс", "Tel./fax"),
    (r"моб(?:ильный)?\.?(?:\s*тел(?:ефон)?)?", "Mobile"),
    (r"телефон|тел", "Tel."),
    (r"факс", "Fax"),
    (r"эл(?:ектронная)?\.?\s*почта|е-mail|е-мейл|емейл", "E-mail"),
    (r"(?:веб-)?сайт", "Website"),
    (r"адрес", "Address"),
)

COUNTRIES = {
    "россия": "Russia", "российская федерация": "Russian Federation", "рф": "Russia",
    "беларусь": "Belarus", "белоруссия": "Belarus", "республика беларусь": "Republic of Belarus",
    "украина": "Ukraine", "казахстан": "Kazakhstan",
    "республика казахстан": "Republic of Kazakhstan",
    "молдова": "Moldova", "армения": "Armenia", "грузия": "Georgia", "азербайджан": "Azerbaijan",
    "киргизия": "Kyrgyzstan", "кыргызстан": "Kyrgyzstan", "таджикистан": "Tajikistan",
    "узбекистан": "Uzbekistan", "туркмения": "Turkmenistan", "туркменистан": "Turkmenistan",
    "латвия": "Latvia", "литва": "Lithuania", "эстония": "Estonia", "ссср": "USSR",
}

# Cities with an established English name; others are romanised (BGN/PCGN).
CITIES = {
    "москва": "Moscow", "санкт-петербург": "Saint Petersburg", "ленинград": "Leningrad",
    "киев": "Kyiv", "минск": "Minsk", "алма-ата": "Almaty", "алматы": "Almaty",
    "кишинёв": "Chișinău", "кишинев": "Chișinău", "тбилиси": "Tbilisi", "ереван": "Yerevan",
    "баку": "Baku", "рига": "Riga", "вильнюс": "Vilnius", "таллин": "Tallinn",
    "архангельск": "Arkhangelsk", "нижний новгород": "Nizhny Novgorod",
}

CITY_PREFIXES = (r"г\.", r"гор\.", r"город")
HOUSE_PREFIXES = (r"д\.", r"дом")

# Street types → their romanised abbreviations, as used on international mail to Russia.
STREET_TYPES = {
    "ул": "ul.", "улица": "ul.", "пер": "per.", "переулок": "per.", "пр-т": "prosp.",
    "просп": "prosp.", "проспект": "prosp.", "пр": "pr.", "пр-д": "proyezd",
    "проезд": "proyezd", "пл": "pl.", "площадь": "pl.", "наб": "nab.",
    "набережная": "nab.", "ш": "sh.", "шоссе": "shosse", "б-р": "bul.", "бульвар": "bul.",
    "туп": "tup.", "тупик": "tupik", "мкр": "mkr.", "микрорайон": "mikrorayon",
}

# Address parts that follow the house number: prefix → English label.
UNIT_PARTS = {
    "корп": "block", "корпус": "block", "стр": "bldg.", "строение": "bldg.",
    "оф": "office", "офис": "office", "кв": "apt.", "квартира": "apt.",
    "комн": "room", "комната": "room", "а/я": "P.O. Box",
}

REGION_TYPES = {
    "обл": "Oblast", "область": "Oblast", "край": "Kray", "р-н": "District",
    "район": "District", "респ": "Republic", "республика": "Republic",
}


def romanize(text: str) -> str:
    return romanize_ru(text)
