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


def _phones(text: str, region: str) -> Iterator[Span]:
    import phonenumbers

    for match in phonenumbers.PhoneNumberMatcher(text, region,
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        number = match.number
        if phonenumbers.is_valid_number(number):
            english = phonenumbers.format_number(number,
                                                 phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        else:
            english = match.raw_string
        yield Span(match.start, match.end, english, "phone")


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
            spans.append(Span(m.start(), m.end(), m.group(0).strip(), "phone"))
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


def contact_spans(text: str, tables: Tables) -> list[Span]:
    """Every span of a contact line the rules know: numbers, addresses, labels, notes."""
    spans = kept_spans(text, tables)
    for label in _labels(text, tables):
        if _free(spans, label.start, label.end):
            spans.append(label)
    return sorted(spans, key=lambda s: s.start)


def translate_contact(text: str, tables: Tables) -> str | None:
    """The English of a contact line, or None unless every word is a label, a note, a
    number or an address the rules know (and the line has a number or an address)."""
    spans = contact_spans(text, tables)
    if not any(s.kind in ("phone", "email", "web") for s in spans) and not any(
            s.kind == "label" for s in spans):
        return None
    rest = render(text, [*spans, *(Span(m.start(), m.end(), "", "time")
                                   for m in TIME.finditer(text))])
    if tables.source_letters.search(rest):
        return None
    if not any(s.kind in ("phone", "email", "web") for s in spans) and rest.strip(" :.,;"):
        return None  # a label with nothing but punctuation and digits is no contact line
    return render(text, spans)
