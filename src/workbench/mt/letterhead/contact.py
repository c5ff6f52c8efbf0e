"""Contact lines: phone and fax numbers, e-mail and web addresses, with their labels and
the notes in words around them ("Тел./факс: 8 (3822) 52-10-01 (многоканальный)").

Numbers are found and read by **phonenumbers** (Google's libphonenumber): a number it
finds valid is written as its country writes it internationally ("+7 382 252-10-01",
"+375 17 378-34-12"), the extension included ("ext. 123"); a number it cannot place
(a local number with no area code, "42-44-50") is kept as written. No digit is lost
either way. E-mail and web addresses are kept byte for byte. Labels and notes come from
the pack's vocabulary; a line with any other word is not a contact line the rules can
render in full (the spans found here are then protected for MT).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.mt.letterhead import Tables

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB = re.compile(r"(?:https?://|www\.\s?)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6}|рф|бел|укр|"
                 r"қаз)\b(?:/\S*)?", re.I)
LOCAL_NUMBER = re.compile(r"\+?\(?\d[\d\s()\-–]{3,}\d")  # "42-44-50", "(416-22) 42-44-30"
TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[-–—]\s*\d{1,2}[:.]\d{2})?")


@dataclass(frozen=True)
class Span:
    """A piece of a line the rules can render: where it is and its English."""

    start: int
    end: int
    english: str
    kind: str  # "phone" | "email" | "web" | "label" | "address" | "id" | "date" …


_TRUNK_BEFORE = re.compile(r"(?:\+?\d{1,3}|8)\s?-?\s?$")  # "8(71455) …", "+7 (…" cut off


def _phones(text: str, region: str) -> Iterator[Span]:
    import phonenumbers

    for match in phonenumbers.PhoneNumberMatcher(text, region,
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        number, start = match.number, match.start
        before = _TRUNK_BEFORE.search(text[max(0, start - 5):start])
        if before is not None:  # the matcher can leave a trunk prefix or a code behind
            wider = text[start - len(before.group(0)):match.end]
            try:
                parsed = phonenumbers.parse(wider, region)
            except phonenumbers.NumberParseException:
                parsed = None
            if parsed is not None and phonenumbers.is_valid_number(parsed):
                number, start = parsed, start - len(before.group(0))
        if phonenumbers.is_valid_number(number):
            english = phonenumbers.format_number(number,
                                                 phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        else:
            english = match.raw_string
        yield Span(start, match.end, english if start == match.start or
                   phonenumbers.is_valid_number(number) else text[start:match.end], "phone")


def _format(raw: str, region: str) -> str:
    """A number phonenumbers can place, written internationally; else `raw`."""
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return raw
    if not phonenumbers.is_valid_number(number):
        return raw
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _free(spans: list[Span], start: int, end: int) -> bool:
    return all(end <= s.start or start >= s.end for s in spans)


def kept_spans(text: str, tables: Tables) -> list[Span]:
    """E-mails, web addresses and phone numbers of `text` with their English, in order."""
    spans: list[Span] = []
    for pattern, kind in ((EMAIL, "email"), (WEB, "web")):
        for m in pattern.finditer(text):
            if _free(spans, m.start(), m.end()):
                spans.append(Span(m.start(), m.end(), m.group(0), kind))
    region = (tables.vocabulary.countries_iso or ("RU",))[0]
    for span in _phones(text, region):
        if _free(spans, span.start, span.end):
            spans.append(span)
    for m in LOCAL_NUMBER.finditer(text):
        if _free(spans, m.start(), m.end()) and sum(c.isdigit() for c in m.group(0)) >= 5 \
                and not TIME.fullmatch(m.group(0).strip()):
            raw = m.group(0).strip()
            spans.append(Span(m.start(), m.start() + len(raw), _format(raw, region), "phone"))
    return sorted(spans, key=lambda s: s.start)


def _labels(text: str, tables: Tables) -> list[Span]:
    spans: list[Span] = []
    vocabulary = tables.vocabulary
    for pattern, english in (*vocabulary.contact_labels, *vocabulary.notes):
        regex = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)(\.?)(\s*:)?", re.I)
        for m in regex.finditer(text):
            if _free(spans, m.start(), m.end()):
                colon = ":" if m.group(2) else ""
                spans.append(Span(m.start(), m.end(), english + colon, "label"))
    return spans


def render(text: str, spans: list[Span]) -> str:
    """`text` with each span replaced by its English."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        out.append(text[pos:span.start])
        out.append(span.english)
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


_CAPITALISED = re.compile(r"[^\W\d_][^\W\d_’'-]*")


def person_names(text: str, tables: Tables) -> list[Span]:
    """Names of people (two or three words pymorphy3 tags as first name, patronymic or
    surname, capitalised, "Андрей Шитихин", "САВЕНКО Анатолий Васильевич"), romanised by
    the pack's scheme. Languages without a pymorphy3 dictionary have none."""
    from workbench.lang.morphology import analyzer

    morph = analyzer(tables.source_lang)
    if morph is None:
        return []
    words = [m for m in _CAPITALISED.finditer(text) if m.group(0)[:1].isupper()]
    runs: list[list[re.Match[str]]] = []
    for m in words:
        if runs and text[runs[-1][-1].end():m.start()].strip() == "":
            runs[-1].append(m)
        else:
            runs.append([m])
    spans: list[Span] = []
    for run in runs:
        if not 2 <= len(run) <= 3:
            continue
        kinds = [_name_kind(m.group(0), morph) for m in run]
        if any(k in ("Name", "Patr") for k in kinds) and all(k is not None for k in kinds):
            start, end = run[0].start(), run[-1].end()
            spans.append(Span(start, end, tables.romanize(text[start:end]), "name"))
    return spans


def _name_kind(word: str, morph) -> str | None:
    """"Name", "Patr", "Surn" by pymorphy3; "Surn" too for a word its dictionary does not
    know (most surnames); None for a known word that is no name."""
    for parse in morph.parse(word)[:3]:
        grammemes = set(map(str, parse.tag.grammemes))
        for kind in ("Name", "Patr", "Surn"):
            if kind in grammemes:
                return kind
    return None if morph.word_is_known(word.lower()) else "Surn"


def contact_spans(text: str, tables: Tables) -> list[Span]:
    """Every span of a contact line the rules know: numbers, addresses, labels, notes,
    names of people."""
    spans = kept_spans(text, tables)
    for more in (_labels(text, tables), person_names(text, tables)):
        for span in more:
            if _free(spans, span.start, span.end):
                spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def translate_contact(text: str, tables: Tables) -> str | None:
    """The English of a contact line, or None unless every word is a label, a note, a
    number or an address the rules know (and the line has a number or an address)."""
    spans = contact_spans(text, tables)
    if not any(s.kind in ("phone", "email", "web") for s in spans) and not any(
            s.kind == "label" for s in spans):
        return None
    rest = render(text, [*(Span(s.start, s.end, "", s.kind) for s in spans),
                         *(Span(m.start(), m.end(), "", "time") for m in TIME.finditer(text)
                           if _free(spans, m.start(), m.end()))])
    if tables.source_letters.search(rest):
        return None
    return render(text, spans)
