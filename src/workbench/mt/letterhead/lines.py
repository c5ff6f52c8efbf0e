"""Letterhead lines made of dates, issue numbers, legal identifiers and legal forms:
"6 августа 2005 г." → "6 August 2005"; "№ 2 | Суббота, 11 января 2003 г." → "No. 2 |
Saturday, 11 January 2003"; "ОГРН 1157746719240, ИНН/КПП 7716800949/771601001" →
"OGRN (…) 1157746719240, INN/KPP (…) 7716800949/771601001"; 'ООО "Расантехторг"' →
'LLC "Rasantekhtorg"'.

Month and weekday names come from CLDR in both languages (the packs' calendars, through
Babel): any inflected form the source pack knows maps to the month's number, and the
target pack writes its wide name. The line is read token by token; a word no rule knows
leaves the line to the other engines.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench import lang
from workbench.mt.letterhead.contact import Span

if TYPE_CHECKING:
    from workbench.mt.letterhead import Tables

_WORD = re.compile(r"[^\W\d_]+(?:[-/][^\W\d_]+)*\.?")
_QUOTED = re.compile(r"[«\"„“]([^«»\"„“”]{1,80})[»\"“”]")
_YEAR_WORD = re.compile(r"(?<=\d{4})\s*(?:г\.|года|году|г(?!\w)|р\.|року|рік|жыл|жылы)", re.I)
_DAY_MONTH = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+)(?:\s+(?P<year>\d{4}))?")
_NUMBER_SIGN = re.compile(r"(?:№|(?<!\w)N(?=\s*\d))\s*")


def _english_month(month: int, target: str) -> str:
    return _locale(target).months["format"]["wide"][month]


def _english_weekday(iso_day: int, target: str) -> str:
    return _locale(target).days["format"]["wide"][iso_day - 1]  # CLDR: 0 is Monday


def _locale(target: str):
    from babel import Locale

    return Locale.parse(lang.get(target).cldr_locales[0])


def _dates(text: str, tables: Tables) -> list[Span]:
    """Day-month(-year) dates and weekdays, with CLDR's names of the target language."""
    source = lang.get(tables.source_lang).calendar
    spans: list[Span] = []
    for m in _DAY_MONTH.finditer(text):
        month = source.month_of(m.group("month"))
        if month is None:
            continue
        english = f"{int(m.group('day'))} {_english_month(month, tables.target_lang)}"
        end = m.end()
        if m.group("year"):
            english += f" {m.group('year')}"
            tail = _YEAR_WORD.match(text, end)
            if tail:
                end = tail.end()
        spans.append(Span(m.start(), end, english, "date"))
    for m in _WORD.finditer(text):
        day = source.weekday_of(m.group(0).rstrip("."))
        if day is not None and all(m.end() <= s.start or m.start() >= s.end for s in spans):
            spans.append(Span(m.start(), m.end(), _english_weekday(day, tables.target_lang),
                              "date"))
    for m in _YEAR_WORD.finditer(text):  # "10.09.2021 г.": the year word goes
        if all(m.end() <= s.start or m.start() >= s.end for s in spans):
            spans.append(Span(m.start(), m.end(), "", "date"))
    return spans


def _words(text: str, tables: Tables, spans: list[Span]) -> list[Span]:
    vocabulary = tables.vocabulary
    out: list[Span] = []
    taken = list(spans)
    for pattern, english in vocabulary.masthead_words:
        for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.I):
            if all(m.end() <= s.start or m.start() >= s.end for s in taken):
                span = Span(m.start(), m.end(), english, "word")
                out.append(span)
                taken.append(span)
    for m in _WORD.finditer(text):
        if not all(m.end() <= s.start or m.start() >= s.end for s in taken):
            continue
        word = m.group(0).rstrip(".")
        parts = word.lower().split("/")
        if all(p in vocabulary.legal_ids for p in parts):
            english = "/".join(p.upper() for p in parts) if len(parts) > 1 else \
                vocabulary.legal_ids[parts[0]]
            if len(parts) > 1:
                english = "/".join(vocabulary.legal_ids[p].split(" (")[0] for p in parts)
            span = Span(m.start(), m.start() + len(word), english, "id")
        elif word.lower() in vocabulary.legal_forms:
            span = Span(m.start(), m.start() + len(word), vocabulary.legal_forms[word.lower()],
                        "form")
        else:
            continue
        out.append(span)
        taken.append(span)
    for m in _NUMBER_SIGN.finditer(text):
        if all(m.end() <= s.start or m.start() >= s.end for s in taken):
            out.append(Span(m.start(), m.end(), "No. ", "word"))
    return out


def _quoted_names(text: str, tables: Tables, spans: list[Span]) -> list[Span]:
    """Names in quotes after a legal form or a masthead word: romanised in their quotes."""
    out = []
    for m in _QUOTED.finditer(text):
        if all(m.end() <= s.start or m.start() >= s.end for s in spans) and any(
                s.kind in ("form", "word") for s in spans):
            out.append(Span(m.start(1), m.end(1), tables.romanize(m.group(1)), "name"))
    return out


def line_spans(text: str, tables: Tables) -> list[Span]:
    spans = _dates(text, tables)
    spans += _words(text, tables, spans)
    spans += _quoted_names(text, tables, spans)
    return sorted(spans, key=lambda s: s.start)


def translate_dated(text: str, tables: Tables) -> tuple[str, str] | None:
    """(English, rule) of a date, masthead, legal-identifier or legal-form line, or None
    when a word is left that no rule knows."""
    from workbench.mt.letterhead.contact import render

    spans = line_spans(text, tables)
    if not spans:
        return None
    rest = render(text, [Span(s.start, s.end, "", s.kind) for s in spans])
    if tables.source_letters.search(rest):
        return None
    kinds = {s.kind for s in spans}
    rule = "legal-id" if "id" in kinds else "organisation" if "form" in kinds else \
        "masthead" if "word" in kinds else "date"
    english = " ".join(render(text, spans).split())
    english = re.sub(r"\s+([,.;)])", r"\1", english).strip()
    return english, rule
