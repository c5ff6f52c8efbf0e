"""TMX 1.4b: the export of approved units (what OmegaT, memoQ, Trados and Translate
Toolkit take as a translation memory) and the reader of TMX 1.1–1.4 files other tools
wrote (translation memories to import).

Export: one `<tu>` per reviewed or final unit with both sides; `creationid`/
`creationdate` name who wrote the English and when, `changeid`/`changedate` who approved
it last. Inline codes go out as `bpt`/`ept`/`ph`/`it`/`hi`. A unit with characters XML
1.0 cannot carry is left out, with a note.

Reading keeps the header and each unit's `prop`s, notes and dates, every language
variant (`ru`, `ru-RU`, `RU`, several targets in one `<tu>`), inline codes as
placeholders; it streams, so a 100,000-unit memory does not build one big tree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench import __version__
from workbench.errors import WorkbenchError, read_bytes
from workbench.formats.markup import CodeTable, read_content, write_content
from workbench.formats.safexml import clean, escape_attr, escape_text, iterparse_xml, local
from workbench.formats.xliff12 import unwritable
from workbench.inline import InlineCode
from workbench.model import HistoryEntry, State, Unit, WorkingFile, now_iso

APPROVED = (State.REVIEWED, State.FINAL)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
APPROVALS = ("approve", "sign-off")


def tmx_date(iso: str) -> str:
    """ISO 8601 `2026-11-21T22:15:23Z` → TMX `20261121T221523Z` ('' stays '')."""
    return iso.replace("-", "").replace(":", "") if iso else ""


def approved_units(wf: WorkingFile) -> list[Unit]:
    return [u for u in wf.units if u.state in APPROVED and u.source_text.strip()
            and u.target_text.strip()]


def is_approval(entry: HistoryEntry) -> bool:
    """An entry that approved the English: approve, sign-off, or an import whose file
    approved it (recorded with the importing user)."""
    return entry.action in APPROVALS or (entry.action == "import" and entry.state in APPROVED
                                         and " in the file" in entry.note)


def authorship(unit: Unit) -> tuple[tuple[str, str], tuple[str, str]]:
    """((who wrote the English, when), (who approved it last, when)) from the history."""
    author = (unit.created_by, unit.created_at)
    approver = ("", "")
    current = clean(unit.target_text)
    previous: str | None = None
    for entry in unit.history:
        if entry.target is not None and entry.target != previous:
            previous = entry.target
            if entry.target == current:
                author, approver = (entry.who, entry.when), ("", "")
        if is_approval(entry) and previous in (None, current):
            approver = (entry.who, entry.when)
    if not approver[0]:
        approver = (unit.changed_by, unit.changed_at)
    return author, approver


def _attrs(pairs: Sequence[tuple[str, str]]) -> str:
    return "".join(f' {k}="{escape_attr(clean(v))}"' for k, v in pairs if v)


def write_tmx(files: Sequence[WorkingFile], *, source_lang: str,
              target_lang: str) -> tuple[str, int, list[str]]:
    """TMX 1.4b text (stable order: documents as given, units in document order), the
    number of units written, and notes on units left out."""
    header = _attrs([("creationtool", "workbench"), ("creationtoolversion", __version__),
                     ("datatype", "plaintext"), ("segtype", "sentence"),
                     ("adminlang", "en"), ("srclang", source_lang), ("o-tmf", "workbench"),
                     ("creationdate", tmx_date(now_iso()))])
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
           f"  <header{header}/>", "  <body>"]
    count, notes = 0, []
    for wf in files:
        for unit in approved_units(wf):
            why = unwritable(unit)
            if why is not None:
                notes.append(f"{wf.doc_id} {unit.id} left out: {why}")
                continue
            (author, written), (approver, approved) = authorship(unit)
            attrs = _attrs([("tuid", f"{wf.doc_id}#{unit.id}"),
                            ("creationid", author), ("creationdate", tmx_date(written)),
                            ("changeid", approver), ("changedate", tmx_date(approved))])
            out.append(f"    <tu{attrs}>")
            for prop, value in (("x-document", wf.doc_id), ("x-unit", unit.id),
                                ("x-state", unit.state.value), ("x-origin", unit.origin.value),
                                ("x-kind", unit.kind.value)):
                out.append(f'      <prop type="{prop}">{escape_text(clean(value))}</prop>')
            for lang, text in ((source_lang, unit.source_text), (target_lang, unit.target_text)):
                space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
                out.append(f'      <tuv xml:lang="{lang}"><seg{space}>'
                           f"{write_content(text, unit.codes, 'tmx')}</seg></tuv>")
            out.append("    </tu>")
            count += 1
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n", count, notes


# ---------------------------------------------------------------- reading


@dataclass
class TMXVariant:
    lang: str
    text: str  # with placeholders for the unit's codes
    attrs: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class TMXUnit:
    tuid: str
    variants: list[TMXVariant]
    codes: tuple[InlineCode, ...] = ()
    attrs: dict[str, str] = field(default_factory=dict)  # creationid, changedate, srclang …
    props: list[tuple[str, str]] = field(default_factory=list)  # prop type, value
    notes: list[str] = field(default_factory=list)


@dataclass
class TMXHeader:
    version: str
    attrs: dict[str, str]
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _lang(element) -> str:
    return element.get(XML_LANG) or element.get("lang") or ""


def _props(element) -> list[tuple[str, str]]:
    return [(p.get("type", ""), "".join(p.itertext())) for p in element
            if local(p.tag) == "prop"]


def read_tmx_units(data: bytes, *, path: Path | str) -> tuple[TMXHeader, Iterator[TMXUnit]]:
    """The header and a stream of the units of a TMX file (any version 1.1–1.4),
    parsed safely (entities refused). WorkbenchError when it is not TMX."""
    events = iterparse_xml(data, path=path)
    root = None
    for event, element in events:
        if event == "start":
            root = element
            break
    if root is None or local(root.tag) != "tmx":
        shown = local(root.tag) if root is not None else "nothing"
        raise WorkbenchError(f"is not a TMX file (root <{shown}>, <tmx> expected)", path=path,
                             fix="export the translation memory from the other tool as TMX")
    header = TMXHeader(version=root.get("version") or "", attrs={})

    def units() -> Iterator[TMXUnit]:
        body = None
        for event, element in events:
            name = local(element.tag)
            if event == "start":
                if name == "body":
                    body = element
                continue
            if name == "header":
                header.attrs = {local(k): v for k, v in element.attrib.items()}
                header.props = _props(element)
                header.notes = ["".join(n.itertext()) for n in element if local(n.tag) == "note"]
            elif name == "tu":
                yield _tu(element)
                if body is not None:
                    body.clear()  # what was read is not kept

    stream = units()
    first = next(stream, None)  # the header comes before the first unit

    def chained() -> Iterator[TMXUnit]:
        if first is not None:
            yield first
        yield from stream

    return header, chained()


def _tu(element) -> TMXUnit:
    table = CodeTable()
    variants = []
    for tuv in element:
        if local(tuv.tag) != "tuv":
            continue
        seg = next((c for c in tuv if local(c.tag) == "seg"), None)
        text = (seg.text or "") if seg is not None and not len(seg) else \
            read_content(seg, table, "tmx")
        variants.append(TMXVariant(lang=_lang(tuv), text=text,
                                   attrs={local(k): v for k, v in tuv.attrib.items()
                                          if k != XML_LANG and k != "lang"},
                                   props=_props(tuv)))
    return TMXUnit(tuid=element.get("tuid") or "", variants=variants, codes=tuple(table.codes),
                   attrs={local(k): v for k, v in element.attrib.items()},
                   props=_props(element),
                   notes=["".join(n.itertext()) for n in element if local(n.tag) == "note"])


def read_tmx(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(tuid, {lang: text}) for every `<tu>` of a TMX file: what tests check we wrote."""
    _header, units = read_tmx_units(read_bytes(path), path=path)
    return [(u.tuid, {v.lang: v.text for v in u.variants}) for u in units]
