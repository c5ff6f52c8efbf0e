"""Import an XLIFF file (2.x or 1.2) back: English and states merge into the working
files; a unit changed both here (since the export) and there is a conflict, reported
and left as it is here. The whole file is parsed and checked before anything is saved;
then each document is merged and saved in its own transaction (a failure on one leaves
the documents before it merged, and says which)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.formats.import_model import ImportedUnit, form_hash
from workbench.formats.registry import IMPORTERS, Importer, importer_for
from workbench.formats.safexml import local, read_xml
from workbench.model import Origin, State, Unit
from workbench.ops.transaction import record, transaction

if TYPE_CHECKING:
    from workbench.project import Project


@dataclass
class ImportReport:
    """What an import did: applied changes, conflicts (not applied), unchanged units."""

    path: Path
    format: str
    applied: list[tuple[str, str, str]] = field(default_factory=list)  # doc, unit, what
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # doc, unit, why
    unchanged: int = 0


def read_units(path: Path) -> tuple[Importer, list[ImportedUnit]]:
    """Parse an exchange file safely: the importer that recognised it, and its units."""
    root = read_xml(path)
    importer = importer_for(root)
    if importer is not None:
        return importer, importer.read(root, path=path)
    if local(root.tag) == "tmx":
        raise WorkbenchError("TMX cannot be imported: it carries no unit states", path=path,
                             fix="import the XLIFF 2.1 or 1.2 export instead")
    kinds = " or ".join(i.description for i in IMPORTERS.values())
    raise WorkbenchError(f"is not {kinds} (root <{local(root.tag)}>)", path=path,
                         fix="export it from the other tool as XLIFF")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _merge_one(unit: Unit, imp: ImportedUnit, importer: Importer) -> tuple[str, str]:
    """("apply"|"conflict"|"same", why)."""
    if _norm(imp.source) != _norm(unit.source_text):
        return "conflict", "the source text differs (the unit was split, merged or shifted)"
    here = importer.form(unit)
    if imp.form == here or (imp.target == unit.target_text and imp.state is unit.state):
        return "same", ""
    if imp.state in (State.REVIEWED, State.FINAL) and not imp.target.strip():
        return "conflict", f"marked {imp.state.value} there but has no English"
    if imp.base is None:
        if unit.state in (State.REVIEWED, State.FINAL) and imp.target != unit.target_text:
            return "conflict", (f"{unit.state.value} here with different English, and the "
                                "file does not say what it was exported from")
        return "apply", ""
    changed_there = form_hash(imp.form) != imp.base
    changed_here = form_hash(here) != imp.base
    if not changed_there:
        return "same", ""
    if changed_here:
        return "conflict", (f"changed here since the export (now {unit.state.value}: "
                            f"{unit.target_text[:60]!r}) and there ({imp.state.value}: "
                            f"{imp.target[:60]!r})")
    return "apply", ""


def import_file(project: Project, path: str | Path, *, user: str) -> ImportReport:
    """Merge an XLIFF file into the working files (one transaction per document)."""
    path = Path(path)
    importer, units = read_units(path)
    report = ImportReport(path=path, format=importer.name)
    by_doc: dict[str, list[ImportedUnit]] = defaultdict(list)
    for imp in units:
        by_doc[imp.doc_id].append(imp)
    known = set(project.document_ids())
    for doc_id in by_doc:
        project.check_id(doc_id)
        if doc_id not in known:
            raise WorkbenchError(f"names document {doc_id!r}, which this project does not have",
                                 path=path, fix="import it into the project it was exported "
                                 "from; nothing was changed")
    done: list[str] = []
    for doc_id, imports in by_doc.items():
        try:
            _merge_document(project, doc_id, imports, importer, path, user, report)
        except WorkbenchError as exc:
            if done:
                exc.message += f" (already merged and saved: {', '.join(done)})"
            raise
        done.append(doc_id)
    return report


def _merge_document(project: Project, doc_id: str, imports: list[ImportedUnit],
                    importer: Importer, path: Path, user: str, report: ImportReport) -> None:
    """Merge one document's imported units and save (one transaction)."""
    with transaction(project, doc_id, user) as wf:
        ids = {u.id: u for u in wf.units}
        for imp in imports:
            unit = ids.get(imp.unit_id)
            if unit is None:
                report.conflicts.append((doc_id, imp.unit_id, "no such unit here"))
                continue
            if unit.conflict is not None:  # settle the clones' versions first
                report.conflicts.append((doc_id, unit.id, "in a conflict between two "
                                         "clones' work here (`workbench conflicts`)"))
                continue
            verdict, why = _merge_one(unit, imp, importer)
            if verdict == "same":
                report.unchanged += 1
            elif verdict == "conflict":
                report.conflicts.append((doc_id, unit.id, why))
            else:
                what = _apply(unit, imp)
                record(unit, user, "import", note=f"{path.name}: {what}")
                report.applied.append((doc_id, unit.id, what))


def _apply(unit: Unit, imp: ImportedUnit) -> str:
    changes = []
    if imp.target != unit.target_text:
        unit.target_text = imp.target
        unit.origin = Origin.MANUAL
        changes.append("English")
    if imp.state is not unit.state:
        changes.append(f"{unit.state.value} → {imp.state.value}")
        unit.state = imp.state
    unit.reject_reason = imp.reject_reason if imp.state is State.REJECTED else ""
    return ", ".join(changes) or "metadata"
