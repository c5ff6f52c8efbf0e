"""The content of an XLIFF 2 `<unit>`: notes, original data of inline codes, and its
segments (one per segment boundary of the unit's texts), with `xml:space="preserve"`
wherever spacing matters. Reading accepts what other tools write too: several segments
and `<ignorable>`s, inline codes (`ph`, `pc`, `sc`/`ec`, `mrk`, `sm`/`em`, `cp`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from workbench.formats.markup import CodeTable, data_for, read_content, write_content, x2_ids
from workbench.formats.safexml import NOT_XML_CHAR, clean, escape_text, local, text_content
from workbench.inline import BREAK, CLOSE, OPEN, InlineCode, placeholder, split_segments

NS = "urn:oasis:names:tc:xliff:document:2.0"


def inline(text: str) -> str:
    """Element content with `<cp/>` for characters XML 1.0 cannot carry."""
    escaped = escape_text(text)
    if not NOT_XML_CHAR.search(escaped):
        return escaped
    return NOT_XML_CHAR.sub(lambda m: f'<cp hex="{ord(m.group()):04X}"/>', escaped)


def spacing_matters(text: str) -> bool:
    """Leading/trailing space, runs of spaces, tabs, line breaks: what a tool that
    normalises whitespace (XML's default) would lose."""
    return text != text.strip() or "  " in text or "\t" in text or "\n" in text


def _space(text: str) -> str:
    return ' xml:space="preserve"' if spacing_matters(text) else ""


def code_metas(codes: Sequence[InlineCode]) -> list[str]:
    """One `mda:meta` per code: what the file's inline markup cannot say (the element it
    came from, its own id and attributes, native data)."""
    out = []
    for code in codes:
        record: dict[str, object] = {"kind": code.kind, "id": code.id, "element": code.element}
        if code.data:
            record["data"] = code.data
        if code.attrs:
            record["attrs"] = [list(a) for a in code.attrs]
        if code.pair and code.pair != code.id:
            record["pair"] = code.pair
        value = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        out.append(f'<mda:meta type="code">{text_content(value)}</mda:meta>')
    return out


def parse_code_metas(values: Sequence[str]) -> tuple[InlineCode, ...]:
    codes = []
    for value in values:
        record = json.loads(value)
        codes.append(InlineCode(
            kind=str(record["kind"]), id=str(record.get("id", "")),
            element=str(record.get("element", "")), data=str(record.get("data", "")),
            attrs=tuple((str(k), str(v)) for k, v in record.get("attrs", [])),
            pair=str(record.get("pair", record.get("id", "")))
            if record["kind"] in (OPEN, CLOSE) else ""))
    return tuple(codes)


def content_lines(source: str, target: str | None, codes: Sequence[InlineCode], state: str,
                  sub_state: str, notes: Sequence[tuple[str, str]], pad: str) -> list[str]:
    """`<notes>`, `<originalData>`, then the segments (and ignorables between them)."""
    lines = []
    if notes:
        lines.append(f"{pad}<notes>" + "".join(
            f'<note{f" category={chr(34)}{cat}{chr(34)}" if cat else ""}>'
            f"{escape_text(clean(text))}</note>" for cat, text in notes) + "</notes>")
    data = [(i, code) for i, code in enumerate(codes) if code.data]
    if data:
        lines.append(f"{pad}<originalData>" + "".join(
            f'<data id="d{i + 1}">{data_for(code, "x2")}</data>' for i, code in data)
            + "</originalData>")
    src_parts = split_segments(source, codes)
    tgt_parts = split_segments(target, codes) if target else []
    if tgt_parts and len(tgt_parts) != len(src_parts):  # the English lost a boundary
        tgt_parts = [(target or "", None), *[("", None)] * (len(src_parts) - 1)]
    first = next((c.attr("first") for c in codes if c.kind == BREAK), "") or "s1"
    for n, (text, before) in enumerate(src_parts):
        if before is not None and before.data:
            lines.append(f"{pad}<ignorable><source{_space(before.data)}>"
                         f"{inline(before.data)}</source></ignorable>")
        seg_id = before.id if before is not None and before.id else (
            first if n == 0 else f"s{n + 1}")
        lines.append(f'{pad}<segment id="{seg_id}" state="{state}"{sub_state}>')
        lines.append(f"{pad}  <source{_space(text)}>"
                     f"{write_content(text, codes, 'x2', escape=inline)}</source>")
        if tgt_parts:
            tgt = tgt_parts[n][0]
            lines.append(f"{pad}  <target{_space(tgt)}>"
                         f"{write_content(tgt, codes, 'x2', escape=inline)}</target>")
        lines.append(f"{pad}</segment>")
    return lines


@dataclass
class UnitContent:
    """What a `<unit>`'s notes and segments hold."""

    source: str
    target: str
    codes: tuple[InlineCode, ...]
    has_target: bool
    states: list[str] = field(default_factory=list)  # each segment's state attribute
    sub_states: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (category, text)


class _Known(CodeTable):
    """A code table seeded from our metadata: inline elements are found by their XLIFF 2
    id (`x2_ids`), so codes from other formats keep their element and attributes."""

    def __init__(self, codes: Sequence[InlineCode]) -> None:
        super().__init__(codes)
        self._ids = {(c.kind, ident): i for i, (c, ident) in enumerate(
            zip(codes, x2_ids(codes), strict=True))}

    def add(self, code: InlineCode) -> str:
        index = self._ids.get((code.kind, code.pair if code.kind == CLOSE else code.id))
        if index is None and code.kind == CLOSE:
            index = self._ids.get((code.kind, code.id))
        if index is not None:
            return placeholder(index)
        return super().add(code)


def read_unit_content(unit_el: Element, known: Sequence[InlineCode]) -> UnitContent:
    """Source, target (segments joined at boundary codes) and codes of a `<unit>`."""
    table: CodeTable = _Known(known) if known else CodeTable()
    original = unit_el.find(f"{{{NS}}}originalData")
    if original is not None:
        from workbench.formats.markup import inner_xml

        table.data = {d.get("id", ""): inner_xml(d) for d in original}
    notes = []
    notes_el = unit_el.find(f"{{{NS}}}notes")
    for note in notes_el if notes_el is not None else ():
        notes.append((note.get("category", ""), "".join(note.itertext())))
    parts = [c for c in unit_el if local(c.tag) in ("segment", "ignorable")]
    sources: list[str] = []
    targets: list[str | None] = []
    gaps: list[str] = []  # ignorable text before each segment
    seg_ids: list[str] = []
    states, subs = [], []
    pending = ""
    for part in parts:
        src = read_content(part.find(f"{{{NS}}}source"), table, "x2")
        if local(part.tag) == "ignorable":
            pending += src
            continue
        tgt_el = part.find(f"{{{NS}}}target")
        sources.append(src)
        targets.append(read_content(tgt_el, table, "x2") if tgt_el is not None else None)
        gaps.append(pending)
        pending = ""
        seg_ids.append(part.get("id") or "")
        states.append(part.get("state") or "")
        subs.append(part.get("subState") or "")
    if pending and sources:  # an ignorable after the last segment
        sources[-1] += pending
    codes = list(table.codes)
    source, target = sources[0] if sources else "", ""
    tgt_first = targets[0] if targets else None
    target = tgt_first or ""
    breaks = {c.id: i for i, c in enumerate(codes) if c.kind == BREAK}
    for n in range(1, len(sources)):
        seg_id = seg_ids[n] or f"s{n + 1}"
        index = breaks.get(seg_id)
        if index is None or codes[index].data != gaps[n]:
            attrs = (("first", seg_ids[0]),) if n == 1 and seg_ids[0] not in ("", "s1") else ()
            codes.append(InlineCode(BREAK, seg_id, "x2:segment", gaps[n], attrs))
            index = len(codes) - 1
        source += placeholder(index) + sources[n]
        target += placeholder(index) + (targets[n] or "")
    has_target = any(t is not None for t in targets)
    if not any(targets[1:]) and len(sources) > 1 and not has_target:
        target = ""
    return UnitContent(source=source, target=target, codes=tuple(codes), has_target=has_target,
                       states=states, sub_states=subs, notes=notes)
