"""Russian: abbreviations for razdel's sentences, the line patterns of letters and web
pages, letterhead vocabulary into English, romanisation by BGN/PCGN. Month and weekday
names come from CLDR (nominative and genitive) and pymorphy3 (the other cases)."""

from __future__ import annotations

import re

from workbench.lang.base import BlockRules, LanguagePack, Letterhead, SentenceRules, words
from workbench.lang.cldr import alternation

# Abbreviations (without their full stop). Before a capitalised name (`г. Москва`,
# `тов. Петров`, `ул. Ленина`) the prefixes never end a sentence; the others only end
# one when a capital follows (`и т. д. Потом`).
PREFIXES = words("г ул пер пр просп пл наб тов им акад проф доц чл")
ABBREVIATIONS = words(
    "гг д тел корп стр кв оф обл р-н т см ср рис табл гл ст п пп млн млрд тыс руб коп "
    "долл ок"
)


def sentence_rules(pack: LanguagePack) -> SentenceRules:
    return SentenceRules(splitter="razdel", prefixes=PREFIXES,
                         units_after_number=words("г"),  # "в 2022 г." may end a sentence
                         abbreviations=ABBREVIATIONS)


def block_rules(pack: LanguagePack) -> BlockRules:
    months = alternation(pack.calendar.names([("format", "wide")]))  # genitive: "27 августа"
    return BlockRules(
        continuation_words=words(
            "в во на с со к ко о об обо от до по за из изо у для при про через над под "
            "перед между без и или а но да что чтобы как который которая которое которые "
            "которых это этот эта эти его её ее их наш наша наши ваш ваша ваши не ни же ли"
        ),
        salutation=re.compile(
            r"^(?:(?:Дорог(?:ие|ой|ая)|Уважаем(?:ые|ый|ая)|Товарищи|Товарищ|Друзья|Коллеги|"
            r"Братья и сёстры|Братья и сестры)\b.{0,80}[!,:]|Товарищи!)$", re.I),
        addressee=re.compile(r"^(?:Ко?|Всем)\s+\w"),
        signature_start=re.compile(
            r"^(?:От имени|По поручению|С уважением|С (?:коммунистическим|товарищеским|"
            r"братским) приветом|Подписи?\s*:)", re.I),
        position=re.compile(
            r"^(?:(?:Первый|Второй|Генеральный|Исполняющий обязанности|И\.\s?о\.|Почётный|"
            r"Почетный|Заместитель)\s+)*(?:Председател[ья]|Секретар[ья]|Президент|"
            r"Руководител[ья]|Координатор|Представител[ья])\b", re.I),
        date_line=re.compile(
            rf"^(?:\d{{1,2}}\s+(?:{months})\s+\d{{4}}(?:\s*(?:г\.|года))?|"
            r"\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s*г\.)?)\.?$"),
        contact_words=re.compile(
            r"(?:\bтел\b|\bфакс\b|\bтелефон\b|\bэл\.\s?почта\b|\bг\.\s?[А-ЯЁ]|\bул\.\s?\w|"
            r"\bд\.\s?\d|\bпер\b|\bпр-т\b|\bпросп\.|\bкорп\.|\bкв\.\s?\d|\bоф\.\s?\d|\bа/я\b)",
            re.I),
        furniture=re.compile(
            r"^(?:Поделиться|Комментарии|Оставить комментарий|Добавить комментарий|"
            r"Читать также|Читайте также|Все новости|Показать ещё|Показать еще|Подписывайтесь|"
            r"Нравится|Версия для печати)\b|^(?:Метки|Теги|Рубрика|Источник):"),
        furniture_tail=re.compile(
            r"^(?:Комментарии|Оставить комментарий|Добавить комментарий|Поделиться)\b"),
    )


# Letterhead lines into English: contact labels, the parts of a postal address (as the
# Russian Post writes them: ГОСТ Р 51774 and its abbreviations), legal identifiers and
# forms, notes on phone lines. Countries come from CLDR, cities from GeoNames
# (`workbench.mt.letterhead.places`); the long official names CLDR lacks are below.
TO_ENGLISH = Letterhead(
    target="en",
    contact_labels=(
        (r"тел(?:ефон)?\.?\s*[/-]\s*факс", "Tel./fax"),
        (r"тел(?:ефон)?\.?\s+и\s+факс", "Tel./fax"),
        (r"моб(?:ильный)?\.?(?:\s*тел(?:ефон)?)?", "Mobile"),
        (r"контактн(?:ый|ые)\s+телефон(?:ы)?(?:\s+для\s+справок)?", "Contact phone"),
        (r"контактное\s+лицо", "Contact person"),
        (r"телефон(?:ы)?\s+(?:приемной|приёмной)", "Reception"),
        (r"(?:приемная|приёмная)(?:\s+администрации)?", "Reception"),
        (r"телефоны", "Tel."),
        (r"телефон|тел", "Tel."),
        (r"факс", "Fax"),
        (r"эл(?:ектронная)?\.?\s*почта|е-mail|е-мейл|емейл", "E-mail"),
        (r"(?:официальный\s+)?(?:интернет-|веб-?)?сайт", "Website"),
        (r"инстаграм", "Instagram"),
        (r"адрес", "Address"),
    ),
    countries={
        "российская федерация": "Russian Federation", "рф": "Russia",
        "белоруссия": "Belarus", "республика беларусь": "Republic of Belarus",
        "республика казахстан": "Republic of Kazakhstan", "кыргызстан": "Kyrgyzstan",
        "туркмения": "Turkmenistan", "ссср": "USSR",
    },
    city_prefixes=(r"г\.", r"гор\.", r"город"),
    house_prefixes=(r"д\.", r"дом"),
    street_types={
        "ул": "ul.", "улица": "ul.", "пер": "per.", "переулок": "per.", "пр-т": "prosp.",
        "просп": "prosp.", "проспект": "prosp.", "пр": "pr.", "пр-д": "proyezd",
        "проезд": "proyezd", "пл": "pl.", "площадь": "pl.", "наб": "nab.",
        "набережная": "nab.", "ш": "sh.", "шоссе": "shosse", "б-р": "bul.", "бульвар": "bul.",
        "туп": "tup.", "тупик": "tupik", "мкр": "mkr.", "микрорайон": "mikrorayon",
        "тракт": "trakt", "аллея": "alleya",
    },
    unit_parts={
        "корп": "block", "корпус": "block", "к": "block", "стр": "bldg.",
        "строение": "bldg.", "оф": "office", "офис": "office", "кв": "apt.",
        "квартира": "apt.", "комн": "room", "комната": "room", "ком": "room", "каб": "room",
        "кабинет": "room", "пом": "premises", "помещение": "premises", "а/я": "P.O. Box",
        "абонентский ящик": "P.O. Box", "литер": "lit.", "литера": "lit.", "лит": "lit.",
    },
    units_after={"этаж": "floor"},
    buildings={"дом культуры": "House of Culture", "дворец культуры": "Palace of Culture"},
    region_types={
        "обл": "Oblast", "область": "Oblast", "край": "Krai", "р-н": "District",
        "район": "District", "респ": "Republic", "республика": "Republic",
        "автономный округ": "Autonomous Okrug", "ао": "Autonomous Okrug",
        "муниципальный район": "Municipal District", "городской округ": "Urban Okrug",
    },
    settlements={
        "пос": "settlement", "посёлок": "settlement", "поселок": "settlement",
        "п": "settlement", "пгт": "urban-type settlement", "село": "village",
        "с": "village", "деревня": "village", "дер": "village", "станица": "stanitsa",
        "ст-ца": "stanitsa", "аул": "village",
    },
    metro=(r"ст\.\s*м\.", r"м\.", r"метро", r"станция\s+метро"),
    address_labels=(
        (r"почтовый\s+адрес", "Postal address"),
        (r"юридический\s+адрес", "Registered address"),
        (r"фактический\s+адрес", "Office address"),
        (r"адрес\s+редакции", "Editorial office"),
        (r"место\s+нахождения(?:\s+юридического\s+лица)?", "Registered office"),
        (r"адрес", "Address"),
    ),
    notes=(
        (r"многоканальный", "multi-line"),
        (r"бесплатно\s+по\s+(?:РФ|России)", "toll-free in Russia"),
        (r"бесплатно", "toll-free"), (r"круглосуточно", "24 hours"),
        (r"по\s+будням", "on weekdays"), (r"ежедневно", "daily"),
        (r"(?:приемная|приёмная)", "reception"), (r"бухгалтерия", "accounts"),
        (r"факс", "fax"), (r"доб\.?", "ext."), (r"с\s+(?=\d)", "from "),
        (r"до\s+(?=\d)", "to "), (r"и", "and"),
    ),
    legal_ids={
        "огрн": "OGRN (Primary State Registration Number)",
        "огрнип": "OGRNIP (Primary State Registration Number of a sole proprietor)",
        "инн": "INN (Taxpayer Identification Number)",
        "кпп": "KPP (Tax Registration Reason Code)",
        "бик": "BIK (Bank Identification Code)", "окпо": "OKPO (National Classifier of "
        "Enterprises and Organisations)", "оквэд": "OKVED (Classifier of Economic Activities)",
        "октмо": "OKTMO", "окато": "OKATO", "р/с": "Account No.", "к/с": "Correspondent "
        "account No.",
        "унп": "UNP (Payer's Account Number)", "бин": "BIN (Business Identification Number)",
        "иин": "IIN (Individual Identification Number)", "рнн": "RNN (Taxpayer Registration "
        "Number)", "едрпоу": "EDRPOU code",
    },
    legal_forms={
        "ооо": "LLC", "оао": "OJSC", "зао": "CJSC", "пао": "PJSC", "ао": "JSC",
        "нао": "Non-public JSC", "ип": "Sole proprietor", "фгуп": "Federal State Unitary "
        "Enterprise", "гуп": "State Unitary Enterprise", "муп": "Municipal Unitary "
        "Enterprise", "нп": "Non-profit Partnership", "ано": "Autonomous Non-profit "
        "Organisation", "тоо": "LLP", "чуп": "Private Unitary Enterprise",
        "одо": "ALC", "уп": "Unitary Enterprise",
    },
    org_bodies=(
        (r"федерация\s+профсоюзов", "Federation of Trade Unions"),
        (r"администрация", "Administration"), (r"дума", "Duma"), (r"аким", "Akim"),
        (r"акимат", "Akimat"), (r"правительство", "Government"),
        (r"законодательное\s+собрание", "Legislative Assembly"),
        (r"совет\s+депутатов", "Council of Deputies"), (r"избирательная\s+комиссия",
                                                           "Electoral Commission"),
        (r"(?:районный|областной|городской)?\s*исполнительный\s+комитет|исполком",
         "Executive Committee"),
    ),
    masthead_words=(
        (r"ежедневная\s+газета", "daily newspaper"),
        (r"еженедельная\s+газета", "weekly newspaper"),
        (r"бесплатная\s+еженедельная\s+газета", "free weekly newspaper"),
        (r"городская\s+газета", "city newspaper"), (r"газета", "newspaper"),
        (r"журнал", "magazine"), (r"выпуск", "issue"), (r"исх\.?", "Ref."),
        (r"от", "of"), (r"регистрационный", "Registration"),
    ),
    countries_iso=("RU", "BY", "KZ", "UA"),
    region_romanisation="wikipedia",
)

PACK = LanguagePack(
    code="ru",
    script="Cyrl",
    letters="абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    locales=("ru",),
    inflect_months=True,
    sentence_rules=sentence_rules,
    block_rules=block_rules,
    romanisation="bgn-pcgn-1947-ru",
    name_keys="name-key-cyrillic",
    letterhead={"en": TO_ENGLISH},
    extra_group_symbols=" ",  # "1 000": Russian groups thousands with a space
)
