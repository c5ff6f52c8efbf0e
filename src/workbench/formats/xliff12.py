"""XLIFF 1.2 export and import: the version OmegaT, memoQ and Trados take.

States map: initial → `needs-translation`, translated → `translated`, reviewed →
`signed-off` (approved="yes"), final → `final` (approved="yes"), rejected →
`needs-review-translation` with the reason in a note. Our extra data rides in the
`wb:` namespace (tools that drop it only cost the import its conflict detection).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.formats.import_model import ImportedUnit, form_hash
from workbench.formats.safexml import clean, escape_attr, escape_text, local
from workbench.formats.xlf import element_text
from workbench.model import State, Unit, WorkingFile

NS = "urn:oasis:names:tc:xliff:document:1.2"
NS_WB = "urn:workbench:xliff-extensions"

TO_12 = {State.INITIAL: "needs-translation", State.TRANSLATED: "translated",
         State.REVIEWED: "signed-off", State.FINAL: "final",
         State.REJECTED: "needs-review-translation"}
FROM_12 = {"new": State.INITIAL, "needs-translation": State.INITIAL,
           "translated": State.TRANSLATED, "signed-off": State.REVIEWED, "final": State.FINAL,
           "needs-review-translation": State.TRANSLATED, "needs-review-l10n": State.TRANSLATED,
           "needs-review-adaptation": State.TRANSLATED, "needs-l10n": State.TRANSLATED,
           "needs-adaptation": State.TRANSLATED}


def state_12(unit: Unit) -> str:
    return TO_12[unit.state] if unit.target_text else "needs-translation"


def _unit(unit: Unit, src_lang: str, tgt_lang: str) -> list[str]:
    approved = "yes" if unit.state in (State.REVIEWED, State.FINAL) else "no"
    base = form_hash((state_12(unit), unit.target_text))
    lines = [f'      <trans-unit id="{escape_attr(unit.id)}" approved="{approved}" '
             f'xml:space="preserve" wb:state="{unit.state.value}" wb:base="{base}">',
             f'        <source xml:lang="{src_lang}">{escape_text(clean(unit.source_text))}'
             "</source>"]
    if unit.target_text:
        lines.append(f'        <target xml:lang="{tgt_lang}" state="{state_12(unit)}">'
                     f"{escape_text(clean(unit.target_text))}</target>")
    if unit.state is State.REJECTED and unit.reject_reason:
        lines.append(f'        <note from="workbench" annotates="target">rejected: '
                     f"{escape_text(clean(unit.reject_reason))}</note>")
    lines.append("      </trans-unit>")
    return lines


def write_xliff12(files: Sequence[WorkingFile]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<xliff version="1.2" xmlns="{NS}" xmlns:wb="{NS_WB}">']
    for wf in files:
        out.append(f'  <file original="{escape_attr(wf.doc_id)}" '
                   f'source-language="{wf.source_lang}" target-language="{wf.target_lang}" '
                   'datatype="plaintext">')
        out.append(f'    <header><tool tool-id="workbench" tool-name="workbench" '
                   f'tool-version="{__version__}"/></header>')
        out.append("    <body>")
        for unit in wf.units:
            out += _unit(unit, wf.source_lang, wf.target_lang)
        out += ["    </body>", "  </file>"]
    out.append("</xliff>")
    return "\n".join(out) + "\n"


def read_xliff12(root: Element, *, path: Path | str) -> list[ImportedUnit]:
    """Units of a parsed XLIFF 1.2 document."""
    if local(root.tag) != "xliff" or not root.tag.startswith(f"{{{NS}}}"):
        raise WorkbenchError("is not an XLIFF 1.2 file", path=path)
    result = []
    for file_el in root.findall(f"{{{NS}}}file"):
        doc_id = file_el.get("original") or ""
        for tu in file_el.iter(f"{{{NS}}}trans-unit"):
            unit_id = tu.get("id") or ""
            target_el = tu.find(f"{{{NS}}}target")
            target = element_text(target_el)
            raw = target_el.get("state", "") if target_el is not None else ""
            state = FROM_12.get(raw)
            if state is None:
                state = State.TRANSLATED if target.strip() else State.INITIAL
            if tu.get("approved") == "yes" and state not in (State.REVIEWED, State.FINAL):
                state = State.REVIEWED
            reason = ""
            ours = tu.get(f"{{{NS_WB}}}state")
            if raw == "needs-review-translation" and ours == State.REJECTED.value:
                state = State.REJECTED
                for note in tu.findall(f"{{{NS}}}note"):
                    text = element_text(note)
                    if text.startswith("rejected: "):
                        reason = text[len("rejected: "):]
            if not target.strip():
                state = State.INITIAL
            result.append(ImportedUnit(
                doc_id=doc_id, unit_id=unit_id, source=element_text(tu.find(f"{{{NS}}}source")),
                target=target, state=state, form=(raw or "needs-translation", target),
                base=tu.get(f"{{{NS_WB}}}base"), reject_reason=reason))
    return result
