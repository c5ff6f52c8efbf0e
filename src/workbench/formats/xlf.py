"""The working-file codec: XLIFF 2.1, one `<file>` per document, one `<unit>` per unit.
The store reads and writes `translations/<id>.xlf` through it (reading:
`formats.xlf_read`); the XLIFF 2.1 export and
import (`formats.xliff2`) use it too.

Pretty-printed with a fixed element and attribute order so a change shows as a small
diff. XLIFF's own `state` carries initial/translated/reviewed/final; everything else a
unit has (rejected + reason, origin, confidence, lock, segment indices, who/when, the
machine proposal, history) lives in the Metadata module (`mda:`), which XLIFF tools
must preserve. Characters XML 1.0 cannot carry are written as XLIFF's `<cp hex=…/>`.
"""

from __future__ import annotations

from workbench.formats.import_model import form_hash
from workbench.formats.safexml import escape_attr, text_content
from workbench.formats.xlf_content import (
    code_metas,
    content_lines,
)
from workbench.model import (
    Conflict,
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
