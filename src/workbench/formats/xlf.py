"""The working-file codec: XLIFF 2.1, one `<file>` per document, one `<unit>` per unit.
The store reads and writes `translations/<id>.xlf` through it; the XLIFF 2.1 export and
import (`formats.xliff2`) use it too.

Pretty-printed with a fixed element and attribute order so a change shows as a small
diff. XLIFF's own `state` carries initial/translated/reviewed/final; everything else a
unit has (rejected + reason, origin, confidence, lock, segment indices, who/when, the
machine proposal, history) lives in the Metadata module (`mda:`), which XLIFF tools
must preserve. Characters XML 1.0 cannot carry are written as XLIFF's `<cp hex=…/>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.errors import WorkbenchError
from workbench.formats.import_model import form_hash
from workbench.formats.safexml import escape_attr, local, text_content
from workbench.formats.xlf_content import (
    code_metas,
    content_lines,
    parse_code_metas,
    read_unit_content,
)
from workbench.model import (
    BlockKind,
    Conflict,
    HistoryEntry,
    Origin,
    Proposal,
    State,
    Unit,
    WorkingFile,
)

NS = "urn:oasis:names:tc:xliff:document:2.0"
NS_MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
GROUP = "workbench"


def xliff_state(unit: Unit) -> str:
    """XLIFF 2 has no `rejected`: a rejected unit is `initial` (needs work), with the
    real state in the metadata and a `subState`."""
    if unit.state is State.REJECTED or not unit.target_text:
        return "initial"
    return unit.state.value


def base_hash(unit: Unit) -> str:
    """Fingerprint of a unit's XLIFF state and English, written into exports so an import
    can tell whether the unit changed here since."""
    return form_hash((xliff_state(unit), unit.target_text))


def _meta(kind: str, value: str) -> str:
    return f'<mda:meta type="{kind}">{text_content(value)}</mda:meta>'


def _fmt_float(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _info(unit: Unit) -> list[tuple[str, str]]:
    """The unit's fields for the `workbench` metadata group, in a fixed order."""
    info = [("kind", unit.kind.value), ("state", unit.state.value),
            ("origin", unit.origin.value)]
    if unit.confidence is not None:
        info.append(("confidence", _fmt_float(unit.confidence)))
    info.append(("locked", "yes" if unit.locked else "no"))
    if unit.source_in_target:
        info.append(("source-in-target", "yes"))
    info.append(("src", " ".join(map(str, unit.src))))
    info.append(("tgt", " ".join(map(str, unit.tgt))))
    for name, value in (("reject-reason", unit.reject_reason), ("created-by", unit.created_by),
                        ("created-at", unit.created_at), ("changed-by", unit.changed_by),
                        ("changed-at", unit.changed_at)):
        if value:
            info.append((name, value))
    return info


def _groups_lines(unit: Unit, pad: str) -> list[str]:
    """The proposal, history and inline-code metadata groups of a unit."""
    lines = []
    if unit.proposal is not None:
        p = unit.proposal
        lines.append(f'{pad}<mda:metaGroup category="proposal">')
        for k, v in (("origin", p.origin.value), ("score", _fmt_float(p.score)),
                     ("detail", p.detail), ("text", p.text)):
            lines.append(f"{pad}  {_meta(k, v)}")
        lines.append(f"{pad}</mda:metaGroup>")
    if unit.history:
        lines.append(f'{pad}<mda:metaGroup category="history">')
        for entry in unit.history:
            parts = [_meta("when", entry.when), _meta("who", entry.who),
                     _meta("action", entry.action)]
            if entry.state is not None:
                parts.append(_meta("state", entry.state.value))
            if entry.target is not None:
                parts.append(_meta("target", entry.target))
            if entry.note:
                parts.append(_meta("note", entry.note))
            lines.append(f'{pad}  <mda:metaGroup category="entry">{"".join(parts)}'
                         "</mda:metaGroup>")
        lines.append(f"{pad}</mda:metaGroup>")
    if unit.codes:
        lines.append(f'{pad}<mda:metaGroup category="codes">')
        lines += [f"{pad}  {meta}" for meta in code_metas(unit.codes)]
        lines.append(f"{pad}</mda:metaGroup>")
    return lines


def _conflict_lines(conflict: Conflict, pad: str) -> list[str]:
    """A `conflict` group: the anchor, and on the anchor every version of the region's
    units (each unit a group of its fields, texts, notes, proposal, history, codes)."""
    lines = [f'{pad}<mda:metaGroup category="conflict">',
             f"{pad}  {_meta('anchor', conflict.anchor)}"]
    for version in conflict.versions:
        lines.append(f'{pad}  <mda:metaGroup category="version">')
        for unit in version:
            fields = [("id", unit.id), *_info(unit), ("source", unit.source_text),
                      ("target", unit.target_text)]
            lines.append(f'{pad}    <mda:metaGroup category="unit">')
            lines += [f"{pad}      {_meta(k, v)}" for k, v in fields]
            if unit.notes:
                lines.append(f'{pad}      <mda:metaGroup category="notes">'
                             + "".join(_meta("note", n) for n in unit.notes) + "</mda:metaGroup>")
            lines += _groups_lines(unit, pad + "      ")
            lines.append(f"{pad}    </mda:metaGroup>")
        lines.append(f"{pad}  </mda:metaGroup>")
    lines.append(f"{pad}</mda:metaGroup>")
    return lines


def unit_lines(unit: Unit, *, export: bool = False) -> list[str]:
    pad = "      "
    info = _info(unit)
    if export:
        info.append(("base", base_hash(unit)))
    lines = [f'    <unit id="{escape_attr(unit.id)}" name="{unit.kind.value}">',
             f"{pad}<mda:metadata>",
             f'{pad}  <mda:metaGroup category="{GROUP}">']
    lines += [f"{pad}    {_meta(k, v)}" for k, v in info]
    lines.append(f"{pad}  </mda:metaGroup>")
    lines += _groups_lines(unit, pad + "  ")
    if unit.conflict is not None and not export:  # exports carry the version shown only
        lines += _conflict_lines(unit.conflict, pad + "  ")
    lines.append(f"{pad}</mda:metadata>")
    notes = [("", note) for note in unit.notes]
    if unit.reject_reason and unit.state is State.REJECTED:
        notes.append(("reject-reason", unit.reject_reason))
    sub = ' subState="workbench:rejected"' if unit.state is State.REJECTED else ""
    lines += content_lines(unit.source_text, unit.target_text or None, unit.codes,
                           xliff_state(unit), sub, notes, pad)
    lines.append("    </unit>")
    return lines


# Serialised units of the last serialisation, keyed by everything a unit's text depends
# on. History entries are compared by identity (they are never changed in place; the
# cached value keeps them alive so an id is not reused). A save after an operation then
# re-serialises only the units it changed.
_chunks: dict[tuple, tuple[str, list]] = {}


def _unit_key(unit: Unit, export: bool) -> tuple:
    return (export, unit.id, tuple(unit.src), tuple(unit.tgt), unit.source_text,
            unit.target_text, unit.kind, unit.state, unit.origin, unit.confidence,
            unit.locked, unit.source_in_target, unit.reject_reason, unit.proposal,
            unit.created_by, unit.created_at, unit.changed_by, unit.changed_at,
            tuple(map(id, unit.history)), unit.codes, unit.notes)


def _unit_text(unit: Unit, export: bool, chunks: dict) -> str:
    if unit.conflict is not None:  # rare, and its versions are not hashable: no cache
        return unit_text(unit, export=export)
    key = _unit_key(unit, export)
    hit = _chunks.get(key)
    text = hit[0] if hit is not None else unit_text(unit, export=export)
    chunks[key] = (text, list(unit.history))
    return text


def unit_text(unit: Unit, *, export: bool = False) -> str:
    """One `<unit>` element as the working file holds it (no trailing newline)."""
    return "\n".join(unit_lines(unit, export=export))


def _head(src: str, tgt: str) -> list[str]:
    return ['<?xml version="1.0" encoding="UTF-8"?>',
            f'<xliff xmlns="{NS}" xmlns:mda="{NS_MDA}" version="2.1" srcLang="{src}" '
            f'trgLang="{tgt}">']


def _file_head(wf: WorkingFile) -> list[str]:
    return [f'  <file id="{escape_attr(wf.doc_id)}" '
            f'original="{escape_attr(f"sources/{wf.doc_id}.{wf.source_lang}.txt")}">',
            "    <mda:metadata>",
            f'      <mda:metaGroup category="{GROUP}">',
            f"        {_meta('version', str(wf.version))}",
            f"        {_meta('next-id', str(wf.next_id))}",
            *([f"        {_meta('segmentation', wf.segmentation)}"] if wf.segmentation else []),
            "      </mda:metaGroup>",
            "    </mda:metadata>"]


def serialize(files: list[WorkingFile], *, export: bool = False) -> str:
    """XLIFF 2.1 text for one or more documents (the working file holds exactly one)."""
    global _chunks
    chunks: dict[tuple, tuple[str, list]] = {}
    out = _head(files[0].source_lang if files else "ru", files[0].target_lang if files else "en")
    for wf in files:
        out += _file_head(wf)
        for unit in wf.units:
            out.append(_unit_text(unit, export, chunks))
        out.append("  </file>")
    out.append("</xliff>")
    if len(chunks) >= len(_chunks) // 2:  # keep the cache of the largest recent document
        _chunks = chunks
    return "\n".join(out) + "\n"


def serialize_texts(wf: WorkingFile, unit_texts: list[str]) -> str:
    """A working file from `wf`'s header (id, languages, version, next id, segmentation)
    and units already serialised (`unit_text`, or as another file held them): what a
    merge writes without serialising again the units it did not change."""
    return "\n".join([*_head(wf.source_lang, wf.target_lang), *_file_head(wf), *unit_texts,
                      "  </file>", "</xliff>"]) + "\n"


# ---------------------------------------------------------------- parsing


def element_text(element: Element | None) -> str:
    """Text of `<source>`/`<target>`: `<cp hex>` decoded, other inline markup's text kept."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if local(child.tag) == "cp":
            try:
                code = int(child.get("hex", ""), 16)
                # a surrogate is no character: it could be neither exported nor printed
                parts.append("\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code))
            except ValueError:
                parts.append("\ufffd")
        else:
            parts.append(element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _meta_groups(owner: Element) -> list[Element]:
    meta = owner.find(f"{{{NS_MDA}}}metadata")
    return [] if meta is None else list(meta.findall(f"{{{NS_MDA}}}metaGroup"))


def _metas(group: Element) -> dict[str, str]:
    return {m.get("type", ""): m.text or "" for m in group.findall(f"{{{NS_MDA}}}meta")}


@dataclass
class ParsedUnit:
    """A unit read from an XLIFF 2 file, with the export fingerprint when present."""

    unit: Unit
    base: str | None = None
    has_target: bool = False
    states: list[str] = field(default_factory=list)  # each segment's own state


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split()] if text.strip() else []


def _enum(kind, value: str, default, where: str, path: Path | str):
    if not value:
        return default
    try:
        return kind(value)
    except ValueError:
        raise WorkbenchError(f"{where}: unknown {kind.__name__.lower()} {value!r}", path=path,
                             fix=f"use one of {', '.join(k.value for k in kind)}") from None


def parse_unit(element: Element, *, path: Path | str) -> ParsedUnit:
    unit_id = element.get("id") or ""
    segments = element.findall(f"{{{NS}}}segment")
    if not unit_id or not segments:
        raise WorkbenchError(f"a <unit> lacks an id or a <segment> (unit {unit_id!r})",
                             path=path, fix="each unit needs id= and at least one segment")
    groups = _meta_groups(element)
    content = read_unit_content(element, _codes(groups))
    source, target, has_target = content.source, content.target, content.has_target
    xstate = _lowest(content.states) or ("translated" if target else "initial")
    where = f"unit {unit_id}"
    info: dict[str, str] = next((_metas(g) for g in groups if g.get("category") == GROUP), {})
    state = _enum(State, info.get("state") or xstate, State.INITIAL, where, path)
    if "state" in info and xstate != _xstate_of(state, target):
        state = _enum(State, xstate, State.INITIAL, where, path)  # another tool changed it
    unit = _unit(unit_id, info, source, target, state, groups, element.get("name") or "",
                 where, path, codes=content.codes,
                 notes=tuple(text for cat, text in content.notes if cat != "reject-reason"))
    if not unit.reject_reason and content.sub_states and \
            content.sub_states[0] == "workbench:rejected":
        unit.reject_reason = next((t for c, t in content.notes if c == "reject-reason"), "")
    return ParsedUnit(unit=unit, base=info.get("base"), has_target=has_target,
                      states=content.states)


def _codes(groups: list[Element]) -> tuple:
    code_group = next((g for g in groups if g.get("category") == "codes"), None)
    return parse_code_metas([m.text or "" for m in code_group.findall(f"{{{NS_MDA}}}meta")]
                            ) if code_group is not None else ()


def _unit(unit_id: str, info: dict[str, str], source: str, target: str, state: State,
          groups: list[Element], name: str, where: str, path: Path | str, *, codes: tuple,
          notes: tuple[str, ...]) -> Unit:
    """A unit from its `workbench` fields, texts and other metadata groups (proposal,
    history, conflict): a working file's unit or a version kept in a conflict."""
    proposal = None
    history: list[HistoryEntry] = []
    conflict = None
    for group in groups:
        category = group.get("category")
        if category == "proposal":
            m = _metas(group)
            proposal = Proposal(text=m.get("text", ""),
                                origin=_enum(Origin, m.get("origin", ""), Origin.MT, where, path),
                                score=float(m.get("score") or 0), detail=m.get("detail", ""))
        elif category == "history":
            for entry in group.findall(f"{{{NS_MDA}}}metaGroup"):
                m = _metas(entry)
                entry_state = m.get("state")
                history.append(HistoryEntry(
                    when=m.get("when", ""), who=m.get("who", ""), action=m.get("action", ""),
                    target=m.get("target"), note=m.get("note", ""),
                    state=_enum(State, entry_state, None, where, path) if entry_state
                    else None))
        elif category == "conflict":
            conflict = _conflict(group, where, path)
    try:
        return Unit(
            id=unit_id, src=_ints(info.get("src", "")), tgt=_ints(info.get("tgt", "")),
            source_text=source, target_text=target,
            kind=_kind(info.get("kind") or name),
            state=state,
            origin=_enum(Origin, info.get("origin", ""), Origin.MANUAL, where, path),
            confidence=_confidence(info.get("confidence", "")),
            locked=info.get("locked") == "yes",
            source_in_target=info.get("source-in-target") == "yes",
            reject_reason=info.get("reject-reason", ""),
            proposal=proposal, created_by=info.get("created-by", ""),
            created_at=info.get("created-at", ""), changed_by=info.get("changed-by", ""),
            changed_at=info.get("changed-at", ""), history=history, codes=codes, notes=notes,
            conflict=conflict)
    except ValueError as exc:
        raise WorkbenchError(f"{where}: bad metadata value ({exc})", path=path,
                             fix="repair the value or export the file again") from None


def _conflict(group: Element, where: str, path: Path | str) -> Conflict:
    anchor = _metas(group).get("anchor", "")
    if not anchor:
        raise WorkbenchError(f"{where}: a conflict names no anchor unit", path=path,
                             fix="restore the file from git (`git log -p` shows both sides)")
    versions = []
    for version in group.findall(f"{{{NS_MDA}}}metaGroup"):
        units = []
        for element in version.findall(f"{{{NS_MDA}}}metaGroup"):
            m = _metas(element)
            inner = f"{where}: conflict version unit {m.get('id', '?')}"
            groups = list(element.findall(f"{{{NS_MDA}}}metaGroup"))
            notes = tuple(n.text or "" for g in groups if g.get("category") == "notes"
                          for n in g.findall(f"{{{NS_MDA}}}meta"))
            units.append(_unit(m.get("id", ""), m, m.get("source", ""), m.get("target", ""),
                               _enum(State, m.get("state", ""), State.INITIAL, inner, path),
                               groups, "", inner, path, codes=_codes(groups), notes=notes))
        versions.append(tuple(units))
    return Conflict(anchor=anchor, versions=tuple(versions))


_RANK = {"initial": 0, "translated": 1, "reviewed": 2, "final": 3}


def _lowest(states: list[str]) -> str:
    """The least advanced of a unit's segment states (a unit is as done as its least
    done segment)."""
    known = [s for s in states if s in _RANK]
    return min(known, key=_RANK.__getitem__) if known else ""


def _confidence(value: str) -> float | None:
    """A stored confidence: a number in [0, 1] (ValueError otherwise, reported with the
    unit's place by the caller)."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not 0.0 <= number <= 1.0:  # also refuses nan
        raise ValueError(f"confidence {value!r} is not a number from 0 to 1")
    return number


def _kind(value: str) -> BlockKind:
    """Other tools use `name` freely: an unknown value means body."""
    return BlockKind(value) if value in BlockKind._value2member_map_ else BlockKind.BODY


def _xstate_of(state: State, target: str) -> str:
    if state is State.REJECTED or not target:
        return "initial"
    return state.value


def parse_root(root: Element, *, path: Path | str) -> list[tuple[WorkingFile, list[ParsedUnit]]]:
    """All `<file>`s of an XLIFF 2.x document, as working files plus the parsed units."""
    if local(root.tag) != "xliff" or not (root.get("version") or "").startswith("2."):
        raise WorkbenchError("is not an XLIFF 2.x file (root <xliff version=\"2.x\"> expected)",
                             path=path)
    if not root.tag.startswith(f"{{{NS}}}"):
        raise WorkbenchError(f"has the wrong XLIFF namespace (expected {NS})", path=path)
    src_lang = root.get("srcLang") or "ru"
    tgt_lang = root.get("trgLang") or "en"
    result = []
    for file_el in root.findall(f"{{{NS}}}file"):
        doc_id = file_el.get("id") or ""
        info = {}
        for group in _meta_groups(file_el):
            if group.get("category") == GROUP:
                info = _metas(group)
        parsed = [parse_unit(u, path=path) for u in file_el.iter(f"{{{NS}}}unit")]
        try:
            version = int(info.get("version") or 0)
            next_id = int(info.get("next-id") or 0)
        except ValueError:
            raise WorkbenchError(f"file {doc_id}: bad version metadata", path=path) from None
        ids = [p.unit.id for p in parsed]
        ids += [v.id for p in parsed if p.unit.conflict is not None
                for version in p.unit.conflict.versions for v in version]
        numbers = [int(i[1:]) for i in ids if i.startswith("u") and i[1:].isdigit()]
        next_id = max([next_id, *(n + 1 for n in numbers), 1])
        wf = WorkingFile(doc_id=doc_id, units=[p.unit for p in parsed], version=version,
                         next_id=next_id, source_lang=src_lang, target_lang=tgt_lang,
                         segmentation=info.get("segmentation", ""))
        result.append((wf, parsed))
    return result
