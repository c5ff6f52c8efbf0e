"""Every exchange format in one table: the exporters and importers, by the name the CLI's
`--format` takes (its choices come from here). A new format is a module with a writer
(and a reader, if it can be imported) and one entry below.

An exporter says what it reads (`reads`) and turns an `ExportRequest` into outputs; which
units and documents go into the request is the use case, `workbench.ops.export`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from xml.etree.ElementTree import Element

from workbench.align.units import check_segmentation
from workbench.corpus.decode import encode_text
from workbench.formats.import_model import ImportedUnit
from workbench.formats.safexml import local
from workbench.formats.tbx import write_tbx
from workbench.formats.text import document_text
from workbench.formats.tmx import write_tmx
from workbench.formats.xlf import xliff_state
from workbench.formats.xliff2 import read_xliff2, write_xliff2
from workbench.formats.xliff12 import form_12, is_xliff1, read_xliff12, write_xliff12
from workbench.model import Document, Unit, WorkingFile


@dataclass
class Output:
    """One output: a suggested file name, its text, and notes for the user. `data` is
    the bytes to write when the format keeps another encoding than UTF-8 with "\n" (the
    text export gives the English back in its file's own encoding, BOM and newlines)."""

    name: str
    text: str
    count: int = 0  # units (or terms) written
    notes: list[str] = field(default_factory=list)
    data: bytes | None = None

    def encoded(self) -> bytes:
        return self.data if self.data is not None else self.text.encode("utf-8")


@dataclass(frozen=True)
class ExportRequest:
    """What an exporter is given: the documents' working files (and the documents, for
    formats that follow the original layout), or the glossary."""

    source_lang: str
    target_lang: str
    files: Sequence[WorkingFile] = ()
    documents: Mapping[str, Document] = field(default_factory=dict)
    glossary: Any = None  # a workbench.glossary.Glossary (entries, languages)
    keep_furniture: bool = False
    job: bool = False  # XLIFF: a translation job (every unit, the source in each target)
    forbidden: bool = True  # TBX: forbidden forms as deprecated terms (False: left out)

    @property
    def base(self) -> str:
        """The stem of a combined output: the document's id, or "corpus" for several."""
        return self.files[0].doc_id if len(self.files) == 1 else "corpus"


Reads = Literal["units", "stored", "glossary"]


@dataclass(frozen=True)
class Exporter:
    name: str
    description: str  # for `--help`: what the file holds
    # "units": the working files as they stand (fresh alignments not saved); "stored": the
    # working files saved first, so units a translator gets exist here and import back;
    # "glossary": the project's glossary
    reads: Reads
    write: Callable[[ExportRequest], list[Output]]
    counts: str = "units"  # what `Output.count` counts, for messages
    documents: bool = False  # also needs the documents (texts and segments)


@dataclass(frozen=True)
class Importer:
    name: str
    description: str
    recognises: Callable[[Element], bool]  # the parsed file's root is this format
    read: Callable[..., list[ImportedUnit]]  # (root, *, path) → units
    # a unit here as this format's export showed it (job: exported as a job)
    form: Callable[[Unit, bool], tuple[str, str]]


def _tmx(req: ExportRequest) -> list[Output]:
    text, count, notes = write_tmx(req.files, source_lang=req.source_lang,
                                   target_lang=req.target_lang)
    return [Output(f"{req.base}.tmx", text, count, notes)]


def _xliff2(req: ExportRequest) -> list[Output]:
    return [Output(f"{req.base}.xlf", write_xliff2(req.files),
                   sum(len(wf.units) for wf in req.files))]


def _xliff12(req: ExportRequest) -> list[Output]:
    text, notes = write_xliff12(req.files, job=req.job)
    return [Output(f"{req.base}.xliff", text,
                   sum(len(wf.units) for wf in req.files) - len(notes), notes)]


def _text(req: ExportRequest) -> list[Output]:
    """One file per document, in its original layout, with notes on the units left out
    or kept in the original language."""
    result = []
    for wf in req.files:
        doc = req.documents[wf.doc_id]
        check_segmentation(doc, wf.segmentation, f"translations/{wf.doc_id}.xlf", wf.units)
        out = document_text(doc, wf.units, keep_furniture=req.keep_furniture)
        in_source = {u.id for u in wf.units if u.source_in_target or out.layout == "source"}
        kept = [uid for uid in out.untranslated if uid in in_source]
        dropped = [uid for uid in out.untranslated if uid not in in_source]
        notes = [f"{wf.doc_id}: {len(ids)} unit(s) without English {what}: "
                 f"{' '.join(ids[:10])}"
                 for ids, what in ((dropped, "left out (no English yet)"),
                                   (kept, "kept in the original language")) if ids]
        template = doc.target if out.layout == "target" else doc.source
        data = None
        if template is not None:
            try:
                data = encode_text(template.source, out.text)
            except UnicodeEncodeError as exc:  # the English needs more than that encoding
                notes.append(f"{wf.doc_id}: written as UTF-8, not {template.source.encoding} "
                             f"like {template.source.path.name}: it cannot hold "
                             f"{out.text[exc.start:exc.end]!r}")
        result.append(Output(f"{wf.doc_id}.{req.target_lang}.txt", out.text, len(wf.units),
                             notes, data=data))
    return result


def _tbx(req: ExportRequest) -> list[Output]:
    glossary = req.glossary
    entries = list(glossary.entries)
    text, notes = write_tbx(entries, source_lang=glossary.source_lang,
                            target_lang=glossary.target_lang, forbidden=req.forbidden)
    return [Output("glossary.tbx", text, len(entries), notes)]


EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("tmx", "TMX 1.4b of the approved units", "units", _tmx),
    Exporter("xliff2", "XLIFF 2.1", "stored", _xliff2),
    Exporter("xliff12", "XLIFF 1.2", "stored", _xliff12),
    Exporter("txt", "plain English text in the original layout", "units", _text,
             documents=True),
    Exporter("tbx", "the glossary as TBX", "glossary", _tbx, counts="terms"),
)}


def _xliff_version(root: Element) -> str:
    return (root.get("version") or "") if local(root.tag) == "xliff" else ""


IMPORTERS: dict[str, Importer] = {i.name: i for i in (
    Importer("xliff2", "XLIFF 2.x", lambda root: _xliff_version(root).startswith("2."),
             read_xliff2, lambda unit, job: (xliff_state(unit), unit.target_text)),
    Importer("xliff12", "XLIFF 1.2 (also 1.1, 1.0)", is_xliff1, read_xliff12, form_12),
)}


def importer_for(root: Element) -> Importer | None:
    """The importer that recognises the parsed file, or None."""
    return next((imp for imp in IMPORTERS.values() if imp.recognises(root)), None)
