"""Export documents to exchange formats. XLIFF exports save a document's working file
first when it has none, so the units a translator gets exist here and import back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.errors import WorkbenchError
from workbench.ops.working import load_or_align

if TYPE_CHECKING:
    from workbench.project import Project

FORMATS = ("tmx", "xliff2", "xliff12", "txt", "tbx")


@dataclass
class Export:
    """One output: a suggested file name, its text, and notes for the user."""

    name: str
    text: str
    count: int = 0  # units (or terms) written
    notes: list[str] = field(default_factory=list)


def export(project: Project, doc_ids: Sequence[str], fmt: str, *, user: str,
           keep_furniture: bool = False) -> list[Export]:
    """The exports of `doc_ids` in `fmt`: one for tmx/xliff2/xliff12 (all documents
    together), one per document for txt, one (the whole glossary) for tbx."""
    if fmt not in FORMATS:
        raise WorkbenchError(f"unknown export format {fmt!r}",
                             fix=f"use one of {', '.join(FORMATS)}")
    if fmt == "tbx":
        return [_tbx(project)]
    for doc_id in doc_ids:
        project.check_id(doc_id)
    if fmt in ("xliff2", "xliff12"):
        from workbench.ops.alignment import align_document

        files = []
        for doc_id in doc_ids:
            wf = store.load_stored(project, doc_id)
            files.append(wf if wf is not None else align_document(project, doc_id, user=user))
    else:
        files = [load_or_align(project, doc_id) for doc_id in doc_ids]
    base = doc_ids[0] if len(doc_ids) == 1 else "corpus"
    if fmt == "tmx":
        from workbench.formats.tmx import approved_units, write_tmx

        text = write_tmx(files, source_lang=project.source_lang, target_lang=project.target_lang)
        return [Export(f"{base}.tmx", text, sum(len(approved_units(wf)) for wf in files))]
    if fmt == "xliff2":
        from workbench.formats.xliff2 import write_xliff2

        return [Export(f"{base}.xlf", write_xliff2(files), sum(len(wf.units) for wf in files))]
    if fmt == "xliff12":
        from workbench.formats.xliff12 import write_xliff12

        return [Export(f"{base}.xliff", write_xliff12(files),
                       sum(len(wf.units) for wf in files))]
    from workbench.align.units import check_segmentation
    from workbench.formats.text import document_text

    result = []
    for wf in files:
        doc = project.document(wf.doc_id)
        check_segmentation(doc, wf.segmentation, f"translations/{wf.doc_id}.xlf", wf.units)
        out = document_text(doc, wf.units, keep_furniture=keep_furniture)
        in_source = {u.id for u in wf.units if u.source_in_target or out.layout == "source"}
        kept = [uid for uid in out.untranslated if uid in in_source]
        dropped = [uid for uid in out.untranslated if uid not in in_source]
        notes = [f"{wf.doc_id}: {len(ids)} unit(s) without English {what}: "
                 f"{' '.join(ids[:10])}"
                 for ids, what in ((dropped, "left out (no English yet)"),
                                   (kept, "kept in the original language")) if ids]
        result.append(Export(f"{wf.doc_id}.{project.target_lang}.txt", out.text, len(wf.units),
                             notes))
    return result


def _tbx(project: Project) -> Export:
    from workbench.formats.tbx import write_tbx
    from workbench.glossary import load_glossary

    glossary = load_glossary(project.glossary_path)
    entries = list(glossary.entries)
    text = write_tbx(entries, source_lang=glossary.source_lang, target_lang=glossary.target_lang)
    return Export("glossary.tbx", text, len(entries))


def write_outputs(outputs: Sequence[Export], target: str | Path) -> list[Path]:
    """Write exports atomically: several into the folder `target` (made if its parent
    exists), one to the file `target` (or into it when it is a folder). A place that
    cannot be written is a WorkbenchError naming it; nothing half-written is left."""
    from workbench.store.atomic import atomic_write

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
            atomic_write(path, out.text.encode("utf-8"))
    except OSError as exc:
        raise WorkbenchError(f"cannot write the export ({exc.strerror or exc})",
                             path=exc.filename or target,
                             fix="give -o a writable file or folder") from None
    return paths
