"""The review rules of an import, one place: when an imported unit is the same, applied
or a conflict, and what applying it does to the English and the state (docs/review.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.chars import describe, first_unstorable, has_visible_text
from workbench.formats.import_model import ImportedUnit, form_hash
from workbench.formats.registry import Importer
from workbench.inline import plain
from workbench.model import Origin, State, Unit
from workbench.ops.codes import remap_codes

RANK = {State.INITIAL: 0, State.REJECTED: 0, State.TRANSLATED: 1, State.REVIEWED: 2,
        State.FINAL: 3}
APPROVED = (State.REVIEWED, State.FINAL)


@dataclass
class ImportReport:
    """What an import did: applied changes, conflicts (not applied), skipped units,
    unchanged units, documents created."""

    path: Path
    format: str
    applied: list[tuple[str, str, str]] = field(default_factory=list)  # doc, unit, what
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # doc, unit, why
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # doc, unit, why
    unchanged: int = 0
    created: list[str] = field(default_factory=list)  # new documents
    notes: list[str] = field(default_factory=list)


def norm(text: str) -> str:
    return " ".join(text.split())


def refused_text(imp: ImportedUnit, source_here: str) -> str | None:
    """Why the imported English cannot be stored (None: it can): a character
    `check_storable` refuses, unless the source here carries it too."""
    found = first_unstorable(imp.target.replace("\r\n", "\n").replace("\r", "\n"))
    if found is None or found[1] in source_here:
        return None
    offset, ch = found
    return f"the English has {describe(ch)} at character {offset + 1}, which cannot be stored"


def file_approves(imp: ImportedUnit, exported: State) -> bool:
    """The file approves the unit after our export: approved there now, and more
    advanced than it was exported (approved="yes" newly set, an XLIFF 2 state raised)."""
    return imp.state in APPROVED and RANK[imp.state] > RANK[exported]


def merge_verdict(unit: Unit, imp: ImportedUnit, importer: Importer) -> tuple[str, str]:
    """("apply"|"conflict"|"same"|"skip", why) for a unit we exported."""
    if norm(plain(imp.source, imp.codes)) != norm(plain(unit.source_text, unit.codes)):
        return "conflict", "the source text differs (the unit was split, merged or shifted)"
    target = remap_codes(imp, unit)
    if imp.target == "" and imp.state is State.INITIAL and not unit.target_text:
        return "same", ""
    here = importer.form(unit, imp.job)
    if imp.form == here or (target == unit.target_text and imp.state is unit.state):
        return "same", ""
    if imp.state in APPROVED and not has_visible_text(imp.target):
        return "conflict", f"marked {imp.state.value} there but has no English"
    why = refused_text(imp, unit.source_text)
    if why is not None:
        return "conflict", why
    if imp.job and (not imp.target or (target == unit.target_text
                                       and not file_approves(imp, unit.state))):
        return "same", ""  # sent to translate: not translated there, or our English back
    if imp.base is None:
        if unit.state in APPROVED and target != unit.target_text:
            return "conflict", (f"{unit.state.value} here with different English, and the "
                                "file does not say what it was exported from")
        return "apply", ""
    if form_hash(imp.form) == imp.base:
        return "same", ""
    if form_hash(here) != imp.base:
        return "conflict", (f"changed here since the export (now {unit.state.value}: "
                            f"{unit.target_text[:60]!r}) and there ({imp.state.value}: "
                            f"{imp.target[:60]!r})")
    return "apply", ""


def apply_import(unit: Unit, imp: ImportedUnit, exported: State) -> str:
    """Take the file's English and state by the review rules; what changed, in words."""
    target, codes = remap_codes(imp, unit, extend=True), unit.codes
    changes = []
    approved = file_approves(imp, exported)
    if target != unit.target_text:
        unit.target_text, unit.codes = target, codes
        unit.origin = Origin.MANUAL
        changes.append("English")
        new_state = (State.INITIAL if not has_visible_text(target) else
                     imp.state if approved else
                     State.REJECTED if imp.state is State.REJECTED else State.TRANSLATED)
    else:
        new_state = imp.state if has_visible_text(target) else State.INITIAL
    if new_state is not unit.state:
        changes.append(f"{unit.state.value} → {new_state.value}")
        unit.state = new_state
    unit.reject_reason = imp.reject_reason if new_state is State.REJECTED else ""
    if approved and new_state in APPROVED:
        changes.append("signed off in the file" if new_state is State.FINAL
                       else "approved in the file")
    return ", ".join(changes) or "metadata"


