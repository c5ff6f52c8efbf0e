"""Belarusian: its letters (ў, і) for language ID, name keys for the aligner, and the
letterhead vocabulary of Belarusian addresses and contact lines; the rest (months,
numbers, the general sentence splitter) is CLDR's and the defaults."""

from __future__ import annotations

from workbench.lang.base import LanguagePack, Letterhead

# Letterhead lines into English (Belposhta's address parts); countries from CLDR, cities
# from GeoNames, names romanised by BGN/PCGN 1979 for Belarusian.
TO_ENGLISH = Letterhead(
    target="en",
    contact_labels=(
        (r"тэл(?:ефон)?\.?\s*[/-]\s*факс", "Tel./fax"), (r"тэлефоны", "Tel."),
        (r"тэлефон|тэл", "Tel."), (r"факс", "Fax"),
        (r"эл(?:ектронная)?\.?\s*пошта|е-mail", "E-mail"), (r"(?:вэб-?)?сайт", "Website"),
        (r"адрас", "Address"),
    ),
    city_prefixes=(r"г\.", r"горад"),
    house_prefixes=(r"д\.", r"дом"),
    street_types={
        "вул": "vul.", "вуліца": "vul.", "зав": "zav.", "завулак": "zav.", "пр-т": "prasp.",
        "праспект": "prasp.", "пл": "pl.", "плошча": "pl.", "б-р": "bul.",
        "бульвар": "bul.", "тракт": "trakt",
    },
    unit_parts={"кв": "apt.", "каб": "room", "кабінет": "room", "пак": "room",
                "пакой": "room", "корп": "block", "корпус": "block", "оф": "office",
                "офіс": "office"},
    units_after={"паверх": "floor"},
    region_types={"вобл": "Oblast", "вобласць": "Oblast", "р-н": "District",
                  "раён": "District"},
    settlements={"в": "village", "вёска": "village", "пас": "settlement",
                 "пасёлак": "settlement", "аг": "agrotown", "аграгарадок": "agrotown"},
    address_labels=((r"адрас\s+рэдакцыі", "Editorial office"),
                    (r"паштовы\s+адрас", "Postal address"), (r"адрас", "Address")),
    legal_ids={"унп": "UNP (Payer's Account Number)"},
    masthead_words=((r"газета", "newspaper"),),
    countries_iso=("BY",),
)

PACK = LanguagePack(
    code="be",
    script="Cyrl",
    letters="абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    locales=("be",),
    name_keys="name-key-cyrillic",
    romanisation="bgn_pcgn_be",
    letterhead={"en": TO_ENGLISH},
)
