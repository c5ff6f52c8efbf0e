"""Kazakh (Cyrillic script): its letters (ә ғ қ ң ө ұ ү һ і beside the Russian alphabet)
for language ID, and the letterhead vocabulary of Kazakh addresses (the type word follows
the name: "Абай көшесі", "Талдықорған қаласы", "Ақмола облысы") and contact lines.
Months, weekdays and numbers are CLDR's; sentences use the general splitter."""

from __future__ import annotations

from workbench.lang.base import LanguagePack, Letterhead

# Letterhead lines into English; countries from CLDR, cities from GeoNames, names
# romanised by BGN/PCGN 1979 for Kazakh.
TO_ENGLISH = Letterhead(
    target="en",
    contact_labels=(
        (r"байланыс\s+телефоны", "Contact phone"), (r"телефондар", "Tel."),
        (r"телефон|тел", "Tel."), (r"факс", "Fax"),
        (r"сайт,\s+электрондық\s+пошта\s+адресі", "Website, e-mail"),
        (r"электрондық\s+пошта(?:\s+адресі)?", "E-mail"), (r"сайт", "Website"),
        (r"инстаграм", "Instagram"), (r"мекенжай(?:ы)?", "Address"),
    ),
    street_types={"даңғылы": "Ave.", "көшесі": "St.", "кӛшесі": "St.", "даңғ": "Ave.",
                  "к-сі": "St.", "алаңы": "Sq.", "тұйық көшесі": "Ln."},
    streets_after={"көшесі": "St.", "кӛшесі": "St.", "даңғылы": "Ave.", "алаңы": "Sq."},
    house_after=frozenset({"үй"}),
    units_after={"пәтер": "apt.", "қабат": "floor", "ғимараты": "bldg.", "кеңсе": "office",
                 "шағын аудан": "microdistrict"},
    buildings={"мәдениет үйі": "House of Culture",
               "аудандық мәдениет үйі": "District House of Culture"},
    region_types={"облысы": "Region", "обл": "Region", "ауданы": "District"},
    settlements_after={"қаласы": "", "қ": "", "ауылы": "village", "кенті": "settlement",
                       "селосы": "village"},
    address_labels=((r"мекенжайы?", "Address"), (r"заңды\s+мекенжайы", "Registered address")),
    legal_ids={"бсн": "BIN (Business Identification Number)",
               "жсн": "IIN (Individual Identification Number)"},
    legal_forms={"мм": "State Institution", "кмм": "Municipal State Institution",
                 "жшс": "LLP", "ақ": "JSC"},
    masthead_words=((r"газет(?:і)?", "newspaper"), (r"жыл(?:ғы)?", "")),
    countries_iso=("KZ",),
)

PACK = LanguagePack(
    code="kk",
    script="Cyrl",
    # The 42 letters of the Cyrillic Kazakh alphabet (1940 reform; the Russian letters
    # stay for loanwords).
    letters="аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    locales=("kk",),
    name_keys="name-key-cyrillic",
    romanisation="bgn_pcgn_kk",
    letterhead={"en": TO_ENGLISH},
)
