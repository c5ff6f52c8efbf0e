"""Russian: the tables the block rules read, and sentences by razdel (loaded lazily) with
a guard for abbreviations razdel does not know."""

from __future__ import annotations

import re

from workbench.segment.rules import LanguageRules, compile_words, register

# Abbreviations (without their full stop). Before a capitalised name (`г. Москва`,
# `тов. Петров`, `ул. Ленина`) the first group never ends a sentence; the others only end
# one when a capital follows (`и т. д. Потом`).
NAME_PREFIXES = compile_words("г ул пер пр просп пл наб тов им акад проф доц чл")
ABBREVIATIONS = NAME_PREFIXES | compile_words(
    "гг д тел корп стр кв оф обл р-н т см ср рис табл гл ст п пп млн млрд тыс руб коп "
    "долл ок"
)

_MONTHS = ("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
           "декабря")
_LAST_WORD = re.compile(r"(?:^|[\s(«\"])(?:(\d+)\s+)?([\w-]+)\.$")


def _joins_next(sentence: str, following: str) -> bool:
    """Did razdel split after an abbreviation or an initial that does not end `sentence`?"""
    m = _LAST_WORD.search(sentence)
    if not m:
        return False
    number, word = m.group(1), m.group(2)
    if len(word) == 1 and word.isupper():  # an initial: Г. А. Зюганов
        return True
    lower = word.lower()
    if lower in NAME_PREFIXES and not (lower == "г" and number):  # "в 2022 г." may end one
        return True
    first = following[:1]
    return lower in ABBREVIATIONS and (first.islower() or first.isdigit())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """razdel's sentences, re-joined where razdel split after an abbreviation or initial."""
    from razdel import sentenize

    spans: list[tuple[int, int]] = []
    for sent in sentenize(text):
        if spans and _joins_next(text[spans[-1][0]:spans[-1][1]], sent.text):
            spans[-1] = (spans[-1][0], sent.stop)
        else:
            spans.append((sent.start, sent.stop))
    return spans


RULES = register(LanguageRules(
    code="ru",
    continuation_words=compile_words(
        "в во на с со к ко о об обо от до по за из изо у для при про через над под перед "
        "между без и или а но да что чтобы как который которая которое которые которых "
        "это этот эта эти его её ее их наш наша наши ваш ваша ваши не ни же ли"
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
        r"Почетный|Заместитель)\s+)*(?:Председател[ья]|Секретар[ья]|Президент|Руководител[ья]|"
        r"Координатор|Представител[ья])\b", re.I),
    date_line=re.compile(
        rf"^(?:\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}(?:\s*(?:г\.|года))?|"
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
    split_sentences=split_sentences,
))
