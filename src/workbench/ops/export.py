"""Export documents to exchange formats (the table of formats: `workbench.formats.registry`).
XLIFF exports save a document's working file first when it has none, so the units a
translator gets exist here and import back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.errors import WorkbenchError
from workbench.formats.registry import EXPORTERS, ExportRequest, Output
from workbench.glossary import load_glossary
from workbench.model import WorkingFile
from workbench.ops.alignment import align_document
from workbench.ops.working import load_or_align
from workbench.store.atomic import atomic_write

if TYPE_CHECKING:
    from workbench.project import Project


def export_documents(project: Project, doc_ids: Sequence[str], fmt: str, *, user: str,
                     keep_furniture: bool = False, job: bool = False,
                     forbidden: bool = True) -> list[Output]:
    """The exports of `doc_ids` in `fmt`: one file for all documents together (tmx,
    xliff2, xliff12), one per document (txt), or the whole glossary (tbx). `job`: an
    XLIFF meant as a translation job; `forbidden=False`: TBX without forbidden forms."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise WorkbenchError(f"unknown export format {fmt!r}",
                             fix=f"use one of {', '.join(EXPORTERS)}")
    src, tgt = project.source_lang, project.target_lang
    if exporter.reads == "glossary":
        return exporter.write(ExportRequest(src, tgt, glossary=load_glossary(
            project.glossary_path), forbidden=forbidden))
    for doc_id in doc_ids:
        project.check_id(doc_id)
    files = [_stored(project, doc_id, user) if exporter.reads == "stored"
             else load_or_align(project, doc_id) for doc_id in doc_ids]
    documents = ({wf.doc_id: project.document(wf.doc_id) for wf in files}
                 if exporter.documents else {})
    return exporter.write(ExportRequest(src, tgt, files=files, documents=documents,
                                        keep_furniture=keep_furniture, job=job))


def _stored(project: Project, doc_id: str, user: str) -> WorkingFile:
    """The working file, aligned and saved first when there is none."""
    wf = store.load_stored(project, doc_id)
    return wf if wf is not None else align_document(project, doc_id, user=user)


def write_outputs(outputs: Sequence[Output], target: str | Path) -> list[Path]:
    """Write exports atomically: several into the folder `target` (made if its parent
    exists), one to the file `target` (or into it when it is a folder). A place that
    cannot be written is a WorkbenchError naming it; nothing half-written is left."""
    target = Path(target)
    if len(outputs) > 1 or target.is_dir():
        folder, paths = target, [target / out.name for out in outputs]
    else:
        folder, paths = target.parent, [target]
    try:
        if len(outputs) > 1 and folder.parent.is_dir():
            folder.mkdir(exist_ok=True)
        if not folder.is_dir():
            raise WorkbenchError("no such folder to export into", path=folder,
                                 fix="create it first or give another -o")
        for path, out in zip(paths, outputs, strict=True):
            atomic_write(path, out.encoded())
    except OSError as exc:
        raise WorkbenchError(f"cannot write the export ({exc.strerror or exc})",
                             path=exc.filename or target,
                             fix="give -o a writable file or folder") from None
    return paths
