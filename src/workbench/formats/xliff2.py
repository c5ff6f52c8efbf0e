"""XLIFF 2.1 export and import: the working-file format, several documents per file,
each unit carrying a fingerprint (`base`) of its English and state at export time so an
import can tell what changed here and what changed there. Files other tools wrote
(XLIFF 2.0/2.1, any ids, inline codes, several segments per unit) are read too."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.formats.import_model import FileInfo, ImportedUnit
from workbench.formats.safexml import local
from workbench.formats.xlf import GROUP, NS, NS_MDA, serialize, xliff_state
from workbench.formats.xlf_read import parse_root
from workbench.model import State, WorkingFile


def write_xliff2(files: Sequence[WorkingFile]) -> str:
    return serialize(list(files), export=True)


def _ours(file_el: Element) -> bool:
    meta = file_el.find(f"{{{NS_MDA}}}metadata")
    return meta is not None and any(g.get("category") == GROUP
                                    for g in meta.findall(f"{{{NS_MDA}}}metaGroup"))


def read_xliff2(root: Element, *, path: Path | str) -> list[ImportedUnit]:
    """Units of a parsed XLIFF 2.x document (states from our metadata when another tool
    left XLIFF's own state as we wrote it, else from XLIFF's state)."""
    result = []
    file_els = [f for f in root if local(f.tag) == "file"]
    tool = root.get(f"{{{NS_MDA}}}tool") or ""
    for file_el, (wf, parsed) in zip(file_els, parse_root(root, path=path), strict=True):
        info = FileInfo(doc_id=wf.doc_id, source_lang=root.get("srcLang") or "",
                        target_lang=root.get("trgLang") or "", tool=tool,
                        original=file_el.get("original") or "", ours=_ours(file_el))
        for p in parsed:
            unit = p.unit
            state = unit.state
            if state is State.INITIAL and unit.target_text.strip():
                state = State.TRANSLATED  # another tool's "initial" with English: needs work
            if not unit.target_text.strip() and state is not State.REJECTED:
                state = State.INITIAL
            differ = tuple(p.states) if len(set(p.states)) > 1 else ()
            result.append(ImportedUnit(
                doc_id=wf.doc_id, unit_id=unit.id, source=unit.source_text,
                target=unit.target_text, state=state, form=(xliff_state(unit),
                                                            unit.target_text),
                base=p.base, reject_reason=unit.reject_reason, codes=unit.codes,
                notes=unit.notes, file=info, segment_states=differ))
    return result


__all__ = ["NS", "read_xliff2", "write_xliff2"]
