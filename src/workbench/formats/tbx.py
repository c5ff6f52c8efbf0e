"""TBX (ISO 30042 TBX-Basic, `<martif>`) of the glossary: one `<termEntry>` per term,
source forms and abbreviations as admitted terms, the canonical English preferred,
variants admitted, forbidden forms deprecated."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.formats.safexml import clean, escape_attr, escape_text


def _tig(term: str, status: str, term_type: str = "") -> list[str]:
    lines = [f"          <tig><term>{escape_text(clean(term))}</term>"]
    lines.append(f'            <termNote type="administrativeStatus">{status}</termNote>')
    if term_type:
        lines.append(f'            <termNote type="termType">{term_type}</termNote>')
    lines[-1] += "</tig>"
    return lines


def write_tbx(entries: Iterable, *, source_lang: str, target_lang: str) -> str:
    """`entries` are glossary entries (`.id .kind .ru .abbr .en .en_variants
    .en_forbidden .notes`, as `workbench.glossary.Entry` has them)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<martif type="TBX-Basic" xml:lang="{target_lang}">',
           "  <martifHeader><fileDesc><sourceDesc><p>workbench glossary</p></sourceDesc>"
           "</fileDesc></martifHeader>",
           "  <text>", "    <body>"]
    for entry in entries:
        out.append(f'      <termEntry id="{escape_attr(entry.id)}">')
        out.append(f'        <descrip type="subjectField">{escape_text(entry.kind)}</descrip>')
        if entry.notes:
            out.append(f"        <note>{escape_text(clean(entry.notes))}</note>")
        out.append(f'        <langSet xml:lang="{source_lang}">')
        for form in entry.ru:
            out += _tig(form, "admittedTerm-admn-sts")
        for form in entry.abbr:
            out += _tig(form, "admittedTerm-admn-sts", "abbreviation")
        out.append("        </langSet>")
        out.append(f'        <langSet xml:lang="{target_lang}">')
        out += _tig(entry.en, "preferredTerm-admn-sts")
        for form in entry.en_variants:
            out += _tig(form, "admittedTerm-admn-sts")
        for form in entry.en_forbidden:
            out += _tig(form, "deprecatedTerm-admn-sts")
        out.append("        </langSet>")
        out.append("      </termEntry>")
    out += ["    </body>", "  </text>", "</martif>"]
    return "\n".join(out) + "\n"
