"""TBX-Basic (ISO 30042, the 2008 `<martif>` dialect) of the glossary: one `<termEntry>`
per term, source forms and abbreviations as admitted terms, the canonical English
preferred, variants admitted, forbidden forms deprecated (`deprecatedTerm-admn-sts`) or
left out. Valid against the TBX-Basic schema: the DOCTYPE and the XCS declaration are
there, and a side with no term gets no (empty) `<langSet>`."""

from __future__ import annotations

from collections.abc import Iterable

from workbench.formats.safexml import NOT_XML_CHAR, clean, escape_attr, escape_text

DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XCS = "TBXBasicXCSV02.xcs"


def _tig(term: str, status: str, term_type: str = "") -> list[str]:
    lines = [f"          <tig><term>{escape_text(term)}</term>"]
    if term_type:
        lines.append(f'            <termNote type="termType">{term_type}</termNote>')
    lines.append(f'            <termNote type="administrativeStatus">{status}</termNote>')
    lines[-1] += "</tig>"
    return lines


def tbx_id(term_id: str) -> str:
    """An XML ID for a glossary id (they may start with a digit; an ID may not)."""
    return term_id if term_id[:1].isalpha() or term_id[:1] == "_" else f"_{term_id}"


def write_tbx(entries: Iterable, *, source_lang: str, target_lang: str,
              forbidden: bool = True) -> tuple[str, list[str]]:
    """`entries` are glossary entries (`.id .kind .ru .abbr .en .en_variants
    .en_forbidden .notes`, as `workbench.glossary.Entry` has them). Returns the text and
    notes (terms left out because XML cannot carry a character of theirs)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', DOCTYPE,
           f'<martif type="TBX-Basic" xml:lang="{target_lang}">',
           "  <martifHeader>",
           "    <fileDesc><sourceDesc><p>workbench glossary</p></sourceDesc></fileDesc>",
           f'    <encodingDesc><p type="XCSURI">{XCS}</p></encodingDesc>',
           "  </martifHeader>",
           "  <text>", "    <body>"]
    notes = []
    for entry in entries:
        forms = [*entry.ru, *entry.abbr, entry.en, *entry.en_variants, *entry.en_forbidden]
        bad = next((f for f in forms if NOT_XML_CHAR.search(f)), None)
        if bad is not None:
            notes.append(f"term {entry.id} left out: {bad!r} has a character XML cannot carry")
            continue
        out.append(f'      <termEntry id="{escape_attr(tbx_id(entry.id))}">')
        out.append(f'        <descrip type="subjectField">{escape_text(entry.kind)}</descrip>')
        if entry.notes:
            out.append(f"        <note>{escape_text(clean(entry.notes))}</note>")
        if entry.ru or entry.abbr:
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
        for form in entry.en_forbidden if forbidden else ():
            out += _tig(form, "deprecatedTerm-admn-sts")
        out.append("        </langSet>")
        out.append("      </termEntry>")
    out += ["    </body>", "  </text>", "</martif>"]
    return "\n".join(out) + "\n", notes
