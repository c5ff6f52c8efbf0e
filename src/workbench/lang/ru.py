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


# Letterhead lines into English: contact labels, countries, cities with an established
# English name (others are romanised), and the parts of a Russian postal address.
TO_ENGLISH = Letterhead(
    target="en",
    # Longest first; matched at a word start with the punctuation after them
    # (`тел/факс.:` → `Tel./fax:`).
    contact_labels=(
        (r"тел(?:ефон)?\.?\s*[/-]\s*факс", "Tel./fax"),
        (r"тел(?:ефон)?\.?\s+и\s+факс", "Tel./fax"),
        (r"моб(?:ильный)?\.?(?:\s*тел(?:ефон)?)?", "Mobile"),
        (r"телефон|тел", "Tel."),
        (r"факс", "Fax"),
        (r"эл(?:ектронная)?\.?\s*почта|е-mail|е-мейл|емейл", "E-mail"),
        (r"(?:веб-)?сайт", "Website"),
        (r"адрес", "Address"),
    ),
    countries={
        "россия": "Russia", "российская федерация": "Russian Federation", "рф": "Russia",
        "беларусь": "Belarus", "белоруссия": "Belarus",
        "республика беларусь": "Republic of Belarus",
        "украина": "Ukraine", "казахстан": "Kazakhstan",
        "республика казахстан": "Republic of Kazakhstan",
        "молдова": "Moldova", "армения": "Armenia", "грузия": "Georgia",
        "азербайджан": "Azerbaijan", "киргизия": "Kyrgyzstan", "кыргызстан": "Kyrgyzstan",
        "таджикистан": "Tajikistan", "узбекистан": "Uzbekistan", "туркмения": "Turkmenistan",
        "туркменистан": "Turkmenistan", "латвия": "Latvia", "литва": "Lithuania",
        "эстония": "Estonia", "ссср": "USSR",
    },
    cities={
        "москва": "Moscow", "санкт-петербург": "Saint Petersburg", "ленинград": "Leningrad",
        "киев": "Kyiv", "минск": "Minsk", "алма-ата": "Almaty", "алматы": "Almaty",
        "кишинёв": "Chișinău", "кишинев": "Chișinău", "тбилиси": "Tbilisi",
        "ереван": "Yerevan", "баку": "Baku", "рига": "Riga", "вильнюс": "Vilnius",
        "таллин": "Tallinn", "архангельск": "Arkhangelsk",
        "нижний новгород": "Nizhny Novgorod",
    },
    city_prefixes=(r"г\.", r"гор\.", r"город"),
    house_prefixes=(r"д\.", r"дом"),
    # Street types → their romanised abbreviations, as used on international mail to Russia.
    street_types={
        "ул": "ul.", "улица": "ul.", "пер": "per.", "переулок": "per.", "пр-т": "prosp.",
        "просп": "prosp.", "проспект": "prosp.", "пр": "pr.", "пр-д": "proyezd",
        "проезд": "proyezd", "пл": "pl.", "площадь": "pl.", "наб": "nab.",
        "набережная": "nab.", "ш": "sh.", "шоссе": "shosse", "б-р": "bul.", "бульвар": "bul.",
        "туп": "tup.", "тупик": "tupik", "мкр": "mkr.", "микрорайон": "mikrorayon",
    },
    # Address parts that follow the house number: prefix → English label.
    unit_parts={
        "корп": "block", "корпус": "block", "стр": "bldg.", "строение": "bldg.",
        "оф": "office", "офис": "office", "кв": "apt.", "квартира": "apt.",
        "комн": "room", "комната": "room", "а/я": "P.O. Box",
    },
    region_types={
        "обл": "Oblast", "область": "Oblast", "край": "Kray", "р-н": "District",
        "район": "District", "респ": "Republic", "республика": "Republic",
    },
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
