"""Inline codes of an imported unit mapped onto the unit here: the file numbers its codes
by its own order, the unit by its own; the sources (equal, or the import refuses) have
the same codes in the same order, so they pair up, and a code the English has that the
source has not is matched by equality or, when the English is taken, added."""

from __future__ import annotations

from workbench.formats.import_model import ImportedUnit
from workbench.inline import code_indices, index_of, placeholder
from workbench.model import Unit


def remap_codes(imp: ImportedUnit, unit: Unit, *, extend: bool = False) -> str:
    """The imported English with placeholders of `unit.codes` (when `extend`, codes the
    unit lacks are added to it)."""
    if not imp.codes:
        return imp.target
    mapping: dict[int, int] = {}
    theirs, ours = code_indices(imp.source, imp.codes), code_indices(unit.source_text, unit.codes)
    for i, j in zip(theirs, ours, strict=False):
        if imp.codes[i].kind == unit.codes[j].kind:
            mapping.setdefault(i, j)
    codes = list(unit.codes)
    for i in code_indices(imp.target, imp.codes):
        if i in mapping:
            continue
        found = next((j for j, c in enumerate(codes) if c == imp.codes[i]), None)
        if found is None:
            codes.append(imp.codes[i])
            found = len(codes) - 1
        mapping[i] = found
    if extend:
        unit.codes = tuple(codes)
    out = []
    for ch in imp.target:
        k = index_of(ch, imp.codes)
        out.append(ch if k is None else placeholder(mapping[k]))
    return "".join(out)
