"""Rules for letterhead lines: postal addresses, contact lines, dates, mastheads, legal
identifiers and forms, and damaged lines. Deterministic, so a rule's English is exact
where a model would guess.

- Address (`address.py`): "Россия, 127051, г.Москва, Малый Сухаревский пер, д.3" →
  "3 Malyy Sukharevskiy per., Moscow, 127051, Russia".
- Contact (`contact.py`, phonenumbers): "тел/факс.: +7 (495) 692-54-76" →
  "Tel./fax: +7 495 692-54-76"; e-mails and web addresses byte for byte.
- Dates, mastheads, identifiers (`lines.py`, CLDR months): "6 августа 2005 г." →
  "6 August 2005"; "ИНН 7716800949" → "INN (Taxpayer Identification Number) 7716800949".
- Damaged: a line whose letters a bad conversion stripped ("105062, , . .") is not
  translated: the result says it is damaged instead of inventing an English.

A line the rules cannot render in full gets no rule answer; `protected_spans` gives the
parts they can render (numbers, addresses, e-mails, dates) so that MT keeps them.
Organisation names and positions go through the glossary (`rules.py`). The vocabulary is
the line's language pack's (`workbench/lang/<code>.py`: `letterhead`), by target
language; names are romanised by the pack's scheme or `[letterhead] romanisation`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from workbench import lang
from workbench.corpus.damage import line_damage
from workbench.lang.base import Letterhead
from workbench.lang.romanise import scheme
from workbench.model import Issue, Severity
from workbench.mt.letterhead.contact import Span, kept_spans, render, translate_contact

__all__ = ["RuleResult", "Span", "Tables", "damage_reason", "protected_spans", "tables_for",
           "translate_line"]

# Why a line lost its letters: one answer, in corpus.damage (kept here under its old name).
damage_reason = line_damage


@dataclass(frozen=True)
class RuleResult:
    """What a letterhead rule made of a line: `text` is None when the line is damaged."""

    text: str | None
    rule: str  # "address" | "contact" | "date" | "masthead" | "legal-id" | … | "damaged"
    issues: tuple[Issue, ...] = ()
    romanised_by: str | None = None  # the scheme that spelled the names


@dataclass(frozen=True, eq=False)
class Tables:
    """A language pair's letterhead vocabulary, with the source language's letters and
    romanisation schemes from its pack (or the project's setting)."""

    vocabulary: Letterhead
    source_letters: re.Pattern[str]
    romanize: Callable[[str], str]
    romanised_by: str
    source_lang: str = "ru"
    target_lang: str = "en"
    romanize_region: Callable[[str], str] = str


_TABLES: dict[tuple[str, str, str | None], Tables | None] = {}


def tables_for(source_lang: str, target_lang: str,
               romanisation: str | None = None) -> Tables | None:
    """The rule tables for a language pair, or None where its pack has none.
    `romanisation` names a scheme (`lang.romanise`) instead of the pack's own."""
    key = (source_lang, target_lang, romanisation)
    if key in _TABLES:
        return _TABLES[key]
    tables = None
    if lang.has_pack(source_lang):
        pack = lang.get(source_lang)
        vocabulary = pack.letterhead.get(target_lang)
        name = romanisation or pack.romanisation
        if vocabulary is not None and name is not None:
            names = scheme(name)
            region = scheme(vocabulary.region_romanisation).romanise \
                if vocabulary.region_romanisation else names.romanise
            tables = Tables(vocabulary, pack.letters_re, names.romanise, names.title,
                            source_lang, target_lang, region)
    _TABLES[key] = tables
    return tables


def _damaged(reason: str) -> RuleResult:
    issue = Issue(rule="letterhead-damaged", severity=Severity.ERROR,
                  message=f"letterhead line is damaged ({reason}); not translated",
                  fix=None)
    return RuleResult(None, "damaged", (issue,))


def translate_line(text: str, source_lang: str = "ru", target_lang: str = "en", *,
                   romanisation: str | None = None) -> RuleResult | None:
    """Apply the letterhead rules to one line: a RuleResult, or None when no rule renders
    the whole line."""
    from workbench.mt.letterhead.address import translate_address, translate_region
    from workbench.mt.letterhead.lines import translate_dated
    from workbench.mt.letterhead.organisations import translate_body_of_region

    line = " ".join(text.split())
    if not line:
        return None
    reason = line_damage(line)
    if reason:
        return _damaged(reason)
    tables = tables_for(source_lang, target_lang, romanisation)
    if tables is None:
        return None
    address = translate_address(line, tables)
    if address is not None:
        return RuleResult(address, "address", romanised_by=tables.romanised_by)
    contact = translate_contact(line, tables)
    if contact is not None:
        return RuleResult(contact, "contact")
    if not tables.source_letters.search(line) and kept_spans(line, tables):
        return RuleResult(line, "contact")  # "e-mail: x@y.ru": nothing to translate
    mixed = _contact_with_address(line, tables)
    if mixed is not None:
        return RuleResult(mixed, "contact", romanised_by=tables.romanised_by)
    dated = translate_dated(line, tables)
    if dated is not None:
        return RuleResult(dated[0], dated[1], romanised_by=tables.romanised_by)
    region = translate_region(line, tables) or translate_body_of_region(line, tables)
    if region is not None:
        return RuleResult(region, "organisation", romanised_by=tables.romanised_by)
    return None


def _address_spans(line: str, tables: Tables) -> list[Span]:
    """The longest runs of comma-separated parts that read as an address."""
    from workbench.mt.letterhead.address import translate_address

    cuts = sorted({0, *(m.end() for m in re.finditer(r"[,;:(]\s*|\s(?=\()|\s+", line))})
    ends = [m.start() for m in re.finditer(r"\s*[,;)]|\.?\s*$|\.\s", line)]
    spans: list[Span] = []
    for start in cuts:
        if any(s.start <= start < s.end for s in spans):
            continue
        for end in sorted({e for e in ends if e > start}, reverse=True):
            english = translate_address(line[start:end], tables)
            if english is not None:
                while end > start and line[end - 1] in ".,; ":
                    end -= 1  # the sentence's full stop is not the address's
                spans.append(Span(start, end, english, "address"))
                break
    return spans


def _contact_with_address(line: str, tables: Tables) -> str | None:
    """A contact line that holds an address ("Адрес: …, тел. …"), rendered whole or None."""
    from workbench.mt.letterhead.contact import contact_spans

    addresses = _address_spans(line, tables)
    if not addresses:
        return None
    spans = list(addresses)
    for span in contact_spans(line, tables):
        if all(span.end <= s.start or span.start >= s.end for s in spans):
            spans.append(span)
    rest = render(line, [Span(s.start, s.end, "", s.kind) for s in spans])
    if tables.source_letters.search(rest):
        return None
    return render(line, spans)


def protected_spans(text: str, source_lang: str = "ru", target_lang: str = "en", *,
                    romanisation: str | None = None) -> list[Span]:
    """The parts of a line the rules can render, for MT to keep: addresses, numbers,
    e-mail and web addresses, dates, identifiers (not labels: a model translates those)."""
    from workbench.mt.letterhead.contact import kept_spans as numbers
    from workbench.mt.letterhead.lines import line_spans

    tables = tables_for(source_lang, target_lang, romanisation)
    if tables is None or not text.strip():
        return []
    spans = _address_spans(text, tables)
    for more in (numbers(text, tables),
                 [s for s in line_spans(text, tables) if s.kind in ("date", "id")]):
        for span in more:
            if span.english and all(span.end <= s.start or span.start >= s.end for s in spans):
                spans.append(span)
    return sorted(spans, key=lambda s: s.start)
