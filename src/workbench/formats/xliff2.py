"""XLIFF 2.1 export and import: the working-file format, several documents per file,
each unit carrying a fingerprint (`base`) of its English and state at export time so an
import can tell what changed here and what changed there."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.formats.import_model import ImportedUnit
from workbench.formats.xlf import parse_root, serialize, xliff_state
from workbench.model import State, WorkingFile


def write_xliff2(files: Sequence[WorkingFile]) -> str:
    return serialize(list(files), export=True)


def read_xliff2(root: Element, *, path: Path | str) -> list[ImportedUnit]:
    """Units of a parsed XLIFF 2.x document (states from our metadata when another tool
    left XLIFF's own state as we wrote it, else from XLIFF's state)."""
    result = []
    for wf, parsed in parse_root(root, path=path):
        for p in parsed:
            unit = p.unit
            state = unit.state
            if state is State.INITIAL and unit.target_text.strip():
                state = State.TRANSLATED  # another tool's "initial" with English: needs work
            result.append(ImportedUnit(
                doc_id=wf.doc_id, unit_id=unit.id, source=unit.source_text,
                target=unit.target_text, state=state, form=(xliff_state(unit),
                                                            unit.target_text),
                base=p.base, reject_reason=unit.reject_reason))
    return result
