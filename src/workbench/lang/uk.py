"""Ukrainian: abbreviations ("м. Київ", "вул.", "у 2020 р."), date lines from CLDR's
patterns, its letters (і ї є ґ), name keys for the aligner. Month and weekday names come
from CLDR (nominative and genitive) and pymorphy3 (the other cases: "у травні")."""

from __future__ import annotations

from workbench.lang.base import BlockRules, LanguagePack, Letterhead, SentenceRules, words
from workbench.lang.cldr import date_lines

# Before a name or a number a full stop after these never ends a sentence: місто, село,
# селище міського типу, вулиця, провулок, проспект, площа, набережна, бульвар, будинок,
# квартира, офіс, корпус, товариш, імені, академік, професор, доцент, член, стаття,
# частина, том, дивись, наприклад, телефон.
PREFIXES = words(
    "м с смт вул пров просп пл наб бульв буд кв оф корп тов ім акад проф доц чл ст ч т "
    "див напр тел")
# After a number "м." is a unit (метр) and may end a sentence.
UNITS_AFTER_NUMBER = words("м")
# These end a sentence before a capital: рік, роки, область, район, тисяча, мільйон,
# мільярд, гривня, копійка, долар, "і т. д.", "і т. п.", "та ін.", пункт.
ABBREVIATIONS = words("р рр обл р-н тис млн млрд грн коп дол д п ін т.д т.п")


def sentence_rules(pack: LanguagePack) -> SentenceRules:
    return SentenceRules(splitter="rules", prefixes=PREFIXES,
                         units_after_number=UNITS_AFTER_NUMBER, abbreviations=ABBREVIATIONS)


def block_rules(pack: LanguagePack) -> BlockRules:
    return BlockRules(date_line=date_lines(pack.calendar, pack.numbers))


# Letterhead lines into English: the parts of a Ukrainian postal address (as Ukrposhta
# writes them), contact labels, identifiers. Countries from CLDR, cities from GeoNames.
TO_ENGLISH = Letterhead(
    target="en",
    contact_labels=(
        (r"тел(?:ефон)?\.?\s*[/-]\s*факс", "Tel./fax"),
        (r"телефони\s+приймальні|телефон\s+приймальні", "Reception"),
        (r"контактн(?:ий|і)\s+телефон(?:и)?", "Contact phone"),
        (r"контактна\s+особа", "Contact person"),
        (r"телефони", "Tel."), (r"телефон|тел", "Tel."), (r"факс", "Fax"),
        (r"ел(?:ектронна)?\.?\s*пошта|е-mail", "E-mail"),
        (r"(?:офіційний\s+)?(?:веб-?)?сайт", "Website"), (r"адреса", "Address"),
    ),
    city_prefixes=(r"м\.", r"місто"),
    house_prefixes=(r"буд\.", r"будинок", r"б\."),
    street_types={
        "вул": "vul.", "вулиця": "vul.", "пров": "prov.", "провулок": "prov.",
        "просп": "prosp.", "проспект": "prosp.", "пр-т": "prosp.", "пл": "pl.",
        "площа": "pl.", "наб": "nab.", "набережна": "nab.", "бульв": "bulv.",
        "бульвар": "bulv.", "б-р": "bulv.", "шосе": "shose", "узвіз": "uzviz",
    },
    unit_parts={
        "к": "room", "кімн": "room", "кімната": "room", "каб": "room", "кабінет": "room",
        "оф": "office", "офіс": "office", "кв": "apt.", "квартира": "apt.",
        "корп": "block", "корпус": "block", "а/с": "P.O. Box",
    },
    units_after={"поверх": "floor"},
    region_types={"обл": "Oblast", "область": "Oblast", "р-н": "District",
                  "район": "District", "республіка": "Republic"},
    settlements={"село": "village", "с": "village", "смт": "urban-type settlement",
                 "селище": "settlement"},
    address_labels=(
        (r"місцезнаходження", "Registered office"), (r"поштова\s+адреса", "Postal address"),
        (r"юридична\s+адреса", "Registered address"), (r"адреса", "Address"),
    ),
    notes=((r"приймальня", "reception"), (r"з\s+(?=\d)", "from "), (r"до\s+(?=\d)", "to "),
           (r"і|та", "and")),
    legal_ids={"єдрпоу": "EDRPOU code", "код": "code", "іпн": "IPN (Individual Tax "
               "Number)", "рнокпп": "RNOKPP (Taxpayer Registration Number)",
               "мфо": "MFO (bank code)"},
    legal_forms={"тов": "LLC", "пат": "PJSC", "прат": "PrJSC", "ат": "JSC",
                 "кп": "Municipal Enterprise", "дп": "State Enterprise", "фоп": "Sole "
                 "proprietor"},
    masthead_words=((r"газета", "newspaper"), (r"дата\s+оприлюднення", "Published"),
                    (r"від", "of")),
    countries_iso=("UA",),
)

PACK = LanguagePack(
    code="uk",
    script="Cyrl",
    letters="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    locales=("uk",),
    inflect_months=True,
    sentence_rules=sentence_rules,
    block_rules=block_rules,
    name_keys="name-key-cyrillic",
    romanisation="ua_2010",
    letterhead={"en": TO_ENGLISH},
    extra_group_symbols=" ",  # "1 000", as in Russian
)
