"""Reading the working-file codec (`formats.xlf`): parsed `<file>` and `<unit>` elements
back into working files and units, with one line naming the file and unit when a value
is not one the codec writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.errors import WorkbenchError
from workbench.formats.safexml import local
from workbench.formats.xlf import GROUP, NS, NS_MDA
from workbench.formats.xlf_content import (
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
