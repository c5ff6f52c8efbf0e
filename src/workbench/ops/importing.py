"""Import an XLIFF file (2.x, 1.2, 1.1, 1.0) back: English and states merge into the
working files; a unit changed both here (since the export) and there is a conflict,
reported and left as it is here. The whole file is parsed and checked before anything
is saved; then each document is merged and saved in its own transaction (a failure on
one leaves the documents before it merged, and says which).

A file whose documents this project does not have is a job from another tool: it
becomes a new document (`workbench.ops.jobs`), or, with `into`, its units are merged
into an existing document by source text.

The review rules (docs/review.md): English that changes on import needs review again
(`translated`) unless the file approves it after our export (XLIFF 1.2 `approved="yes"`
newly set, an XLIFF 2 state raised); then the importing user is the approver. An empty
target leaves the unit `initial`. Imported English must be storable
(`workbench.chars.check_storable`), except characters its source carries too.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.errors import WorkbenchError
from workbench.formats.import_model import ImportedUnit
from workbench.formats.registry import IMPORTERS, Importer, importer_for
from workbench.formats.safexml import local, read_xml
from workbench.ops import jobs
from workbench.ops.import_rules import ImportReport, apply_import, merge_verdict
from workbench.ops.transaction import record, transaction

if TYPE_CHECKING:
    from workbench.project import Project

def read_units(path: Path) -> tuple[Importer, list[ImportedUnit]]:
    """Parse an exchange file safely: the importer that recognised it, and its units."""
    root = read_xml(path)
    importer = importer_for(root)
    if importer is not None:
        return importer, importer.read(root, path=path)
    if local(root.tag) == "tmx":
        raise WorkbenchError("is a translation memory (TMX), not a job", path=path,
                             fix="add it with `workbench tm import FILE`")
    if local(root.tag) in ("martif", "tbx"):
        raise WorkbenchError("is a termbase (TBX), not a job", path=path,
                             fix="add it with `workbench glossary import FILE`")
    kinds = " or ".join(i.description for i in IMPORTERS.values())
    raise WorkbenchError(f"is not {kinds} (root <{local(root.tag)}>)", path=path,
                         fix="export it from the other tool as XLIFF")


def import_file(project: Project, path: str | Path, *, user: str, into: str | None = None,
                as_id: str | None = None) -> ImportReport:
    """Merge an XLIFF file into the working files (one transaction per document), or
    take a job from another tool (a new document, or `into` an existing one)."""
    path = Path(path)
    importer, units = read_units(path)
    report = ImportReport(path=path, format=importer.name)
    by_doc: dict[str, list[ImportedUnit]] = defaultdict(list)
    for imp in units:
        by_doc[imp.doc_id].append(imp)
    if not units:
        raise WorkbenchError("has no translation units", path=path,
                             fix="export the job again from the other tool; nothing was changed")
    known = set(project.document_ids())
    if into is not None:
        project.check_id(into)
        if into not in known:
            raise WorkbenchError(f"no document {into!r} to import into", path=path,
                                 fix="see `workbench status` for the ids")
        jobs.merge_into(project, into, units, importer, path, user, report)
        return report
    foreign = [doc_id for doc_id in by_doc if doc_id not in known]
    if foreign:
        if len(foreign) != len(by_doc):
            raise WorkbenchError(
                f"names documents this project has ({', '.join(d for d in by_doc if d in known)})"
                f" and others it does not ({', '.join(foreign)})", path=path,
                fix="import a file with one kind, or use --into ID; nothing was changed")
        ours = [d for d in foreign if any(u.file is not None and u.file.ours for u in by_doc[d])]
        if ours and as_id is None:
            raise WorkbenchError(
                f"names document {ours[0]!r}, which this project does not have (the file was "
                "exported by the workbench, from another project or before a rename)",
                path=path, fix="import it into the project it was exported from, or take it "
                "as a new document with --as NEW-ID or into one with --into ID; nothing was "
                "changed")
        jobs.create_documents(project, by_doc, path, user, report, as_id=as_id)
        return report
    if as_id is not None:
        raise WorkbenchError(f"names document(s) {', '.join(by_doc)} of this project", path=path,
                             fix="leave out --as: the file merges into those documents")
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
    """Merge one document's imported units and save (one transaction). A document with
    no working file yet gets one only when something applies."""
    fresh = store.load_stored(project, doc_id) is None
    with transaction(project, doc_id, user, save_unchanged=not fresh) as wf:
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
            verdict, why = merge_verdict(unit, imp, importer)
            if verdict == "same":
                report.unchanged += 1
            elif verdict == "conflict":
                report.conflicts.append((doc_id, unit.id, why))
            else:
                what = apply_import(unit, imp, unit.state)
                record(unit, user, "import", note=f"{path.name}: {what}")
                report.applied.append((doc_id, unit.id, what))
