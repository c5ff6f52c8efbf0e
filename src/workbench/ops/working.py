"""Load-or-align: the units of a document as stored, or, when nothing is stored yet, as
the aligner proposes them (not saved until an operation saves them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from workbench import store
from workbench.align.units import align_beads, segmentation_key, unit_from_bead
from workbench.model import Bead, Document, WorkingFile, now_iso
from workbench.ops.user import current_user

if TYPE_CHECKING:
    from workbench.project import Project

# Beads computed elsewhere (a cluster) for a document and its locked beads; None: not
# known there, align here.
Aligner = Callable[[Document, Sequence[Bead]], "list[Bead] | None"]


def document_beads(project: Project, doc: Document, locked: Sequence[Bead] = (), *,
                   embeddings: bool = True, aligner: Aligner | None = None) -> list[Bead]:
    """The beads of `doc` around `locked`: from `aligner` when it has them, else aligned
    here."""
    if aligner is not None:
        found = aligner(doc, locked)
        if found is not None:
            return found
    return align_beads(doc, locked, embeddings=embeddings, glossary=project.glossary())


def fresh_alignment(project: Project, doc_id: str, *, user: str = "",
                    embeddings: bool = True, aligner: Aligner | None = None) -> WorkingFile:
    """Units from aligning the document (nothing saved); `user` defaults to the current
    user, who is recorded as the aligner."""
    user = user or current_user()
    doc = project.document(doc_id)
    when = now_iso()
    beads = document_beads(project, doc, embeddings=embeddings, aligner=aligner)
    units = [unit_from_bead(doc, bead, f"u{n}", user=user, when=when,
                            source_lang=project.source_lang)
             for n, bead in enumerate(beads, start=1)]
    return WorkingFile(doc_id=doc_id, units=units, version=0, next_id=len(units) + 1,
                       source_lang=project.source_lang, target_lang=project.target_lang,
                       path=store.working_path(project, doc_id), stored=False,
                       segmentation=segmentation_key(doc))


def load_or_align(project: Project, doc_id: str, *, embeddings: bool = True) -> WorkingFile:
    """The document's working file; when none is stored yet, units from aligning the
    document (not saved until an operation saves them)."""
    return (store.load_stored(project, doc_id)
            or fresh_alignment(project, doc_id, embeddings=embeddings))


def keep_alignment(project: Project, wf: WorkingFile, *, user: str) -> None:
    """Store a fresh alignment exactly as it was shown, before the first change to it
    (refused when another session stored this document meanwhile)."""
    store.save(project, wf, user=user)


def working_file_stamp(project: Project, doc_id: str) -> tuple[int, int] | None:
    """(mtime_ns, size) of the document's working file, None when there is none: what
    tells a session that someone else saved the document since it read it."""
    try:
        st = store.working_path(project, doc_id).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def load_and_keep(project: Project, doc_id: str, *, user: str,
                  embeddings: bool = True) -> WorkingFile:
    """The document's working file; when none is stored yet, the fresh alignment is
    stored first, so that every later operation acts on exactly these units (and the
    document is aligned once, not again by each operation)."""
    wf = load_or_align(project, doc_id, embeddings=embeddings)
    if not wf.stored:
        keep_alignment(project, wf, user=user)
    return wf
