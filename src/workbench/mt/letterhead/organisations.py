"""Organisation lines of the form "body of a region": "ФЕДЕРАЦИЯ ПРОФСОЮЗОВ АМУРСКОЙ
ОБЛАСТИ" → "FEDERATION OF TRADE UNIONS OF AMUR OBLAST", "Аким Костанайского района" →
"Akim of Kostanay District". The body comes from the pack (`org_bodies`), the region in
the genitive is put back in the nominative by pymorphy3 and read as an address's region
(`address.translate_region`). Other organisation names come from the glossary."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.mt.letterhead import Tables


def _nominative(words: list[str], code: str) -> list[str] | None:
    """The words of a genitive phrase in the nominative ("амурской области" → амурская
    область), or None when pymorphy3 cannot say."""
    from workbench.lang.morphology import analyzer

    morph = analyzer(code)
    if morph is None:
        return None
    parsed = []
    for word in words:
        parses = [p for p in morph.parse(word.lower()) if "gent" in p.tag]
        if not parses:
            return None
        parsed.append(parses)
    head = next((ps[0] for ps in reversed(parsed) if "NOUN" in ps[0].tag), None)
    gender = head.tag.gender if head is not None else None
    out = []
    for parses in parsed:
        parse = parses[0]
        wanted = {"nomn"}
        if "ADJF" in parse.tag and gender:  # the adjective agrees with its noun
            parse = next((p for p in parses if p.tag.gender in (gender, None)), parse)
            wanted.add(gender)
        inflected = parse.inflect(wanted)
        if inflected is None:
            return None
        out.append(inflected.word.capitalize())
    return out


def translate_body_of_region(text: str, tables: Tables) -> str | None:
    from workbench.mt.letterhead.address import translate_region

    line = " ".join(text.split()).strip(" .")
    shouted = line.isupper()
    for pattern, english in tables.vocabulary.org_bodies:
        m = re.fullmatch(rf"(?:{pattern})\s+(?P<rest>.+)", line, re.I)
        if m is None:
            continue
        words = _nominative(m.group("rest").split(), tables.source_lang)
        if not words:
            return None
        region = translate_region(" ".join(words), tables)
        if region is None:
            return None
        out = f"{english} of {region}"
        return out.upper() if shouted else out
    return None
