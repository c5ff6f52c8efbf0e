"""TMX 1.4b of approved units: what translation memories (OmegaT, memoQ, Trados,
Translate Toolkit) import. One `<tu>` per reviewed or final unit with both sides."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.formats.safexml import clean, escape_attr, escape_text, local, read_xml
from workbench.model import State, Unit, WorkingFile, now_iso

APPROVED = (State.REVIEWED, State.FINAL)


def tmx_date(iso: str) -> str:
    """ISO 8601 `2026-11-21T22:15:23Z` → TMX `20261121T221523Z` ('' stays '')."""
    return iso.replace("-", "").replace(":", "") if iso else ""


def approved_units(wf: WorkingFile) -> list[Unit]:
    return [u for u in wf.units if u.state in APPROVED and u.source_text.strip()
            and u.target_text.strip()]


def _approval(unit: Unit) -> tuple[str, str]:
    """Who approved the unit last, and when (the TMX change id and date)."""
    for entry in reversed(unit.history):
        if entry.action in ("approve", "sign-off"):
            return entry.who, entry.when
    return unit.changed_by, unit.changed_at


def _attrs(pairs: Sequence[tuple[str, str]]) -> str:
    return "".join(f' {k}="{escape_attr(clean(v))}"' for k, v in pairs if v)


def write_tmx(files: Sequence[WorkingFile], *, source_lang: str, target_lang: str) -> str:
    """TMX 1.4b text (stable order: documents as given, units in document order)."""
    header = _attrs([("creationtool", "workbench"), ("creationtoolversion", __version__),
                     ("datatype", "plaintext"), ("segtype", "sentence"),
                     ("adminlang", "en"), ("srclang", source_lang), ("o-tmf", "workbench"),
                     ("creationdate", tmx_date(now_iso()))])
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
           f"  <header{header}/>", "  <body>"]
    for wf in files:
        for unit in approved_units(wf):
            change_id, change_date = _approval(unit)
            attrs = _attrs([("tuid", f"{wf.doc_id}#{unit.id}"),
                            ("creationid", unit.created_by),
                            ("creationdate", tmx_date(unit.created_at)),
                            ("changeid", change_id), ("changedate", tmx_date(change_date))])
            out.append(f"    <tu{attrs}>")
            for prop, value in (("x-document", wf.doc_id), ("x-unit", unit.id),
                                ("x-state", unit.state.value), ("x-origin", unit.origin.value),
                                ("x-kind", unit.kind.value)):
                out.append(f'      <prop type="{prop}">{escape_text(clean(value))}</prop>')
            for lang, text in ((source_lang, unit.source_text), (target_lang, unit.target_text)):
                out.append(f'      <tuv xml:lang="{lang}"><seg>{escape_text(clean(text))}</seg>'
                           "</tuv>")
            out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n"


def read_tmx(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(tuid, {lang: text}) for every `<tu>` of a TMX file, parsed safely. Used to check
    what we write and to refuse hostile files with a clear error."""
    root = read_xml(path)
    if local(root.tag) != "tmx":
        raise WorkbenchError("is not a TMX file (root <tmx> expected)", path=path)
    units = []
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in root.iter("tu"):
        texts = {}
        for tuv in tu.findall("tuv"):
            seg = tuv.find("seg")
            texts[tuv.get(xml_lang) or tuv.get("lang") or ""] = \
                "".join(seg.itertext()) if seg is not None else ""
        units.append((tu.get("tuid", ""), texts))
    return units
