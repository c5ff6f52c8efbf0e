"""Copies of the shipped corpus, and stand-ins for the segmenter and the aligner.

`copy_corpus` copies the texts, metadata and glossary (never working files) into a
folder to change. `LineProject` is the real `workbench.project.Project` with one change:
a side's segments are its non-empty lines. The review layer is tested on the real corpus text
without depending on the segmenter's or the aligner's current behaviour; the tests that
exercise the real segmenter and aligner use `open_project` directly.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from support.paths import EADAILY, GLOSSARY, PAIRED, REPO, UCP
from workbench.align.units import segmentation_key, unit_from_bead
from workbench.model import Bead, Block, BlockKind, Segment, Side, SideText, WorkingFile, now_iso
from workbench.project import Project
from workbench.store import save


def copy_corpus(dest: Path, docs: Iterable[str] | None = None) -> Path:
    """The shipped corpus (texts, metadata, glossary) copied into `dest` (all documents,
    or those of `docs`), no working files, locks or temporary files."""
    wanted = None if docs is None else set(docs)
    for folder in ("sources", "translations"):
        (dest / folder).mkdir(parents=True, exist_ok=True)
        for path in sorted((REPO / folder).iterdir()):
            if not path.is_file() or path.name.startswith(".") or path.suffix == ".xlf":
                continue
            if wanted is None or any(path.name.startswith(f"{doc}.") for doc in wanted):
                shutil.copy(path, dest / folder / path.name)
    shutil.copy(GLOSSARY, dest / "glossary.yaml")
    return dest


def aligned_corpus_copy(dest: Path, docs: Iterable[str] | None = None,
                        align: Iterable[str] = (PAIRED,)) -> Path:
    """`copy_corpus` (all documents, or `docs`) with the documents of `align` aligned
    (length and anchors, no embedding model: fast) and saved: a template that tests copy
    with `fresh_copy`."""
    from workbench.ops import align_document
    from workbench.project import open_project

    copy_corpus(dest, docs)
    project = open_project(dest)
    for doc_id in align:
        align_document(project, doc_id, user="aligner", embeddings=False)
    return dest


def fresh_copy(template: Path, dest: Path, *, symlinks: bool = False) -> Path:
    """A copy of a prepared project folder for one test to change."""
    shutil.copytree(template, dest, symlinks=symlinks)
    return dest


def pairs_folder(folder: Path, suffix: str = "beads") -> list[str]:
    """Real corpus lines of two documents, one segment per line, as a pipeline would hand
    them over (`0.ru`, `0.en`, …), and the `--pairs` list rows naming them
    (`N.ru<TAB>N.en<TAB>out/N.<suffix>`)."""
    folder.mkdir(parents=True)
    rows = []
    for n, doc in enumerate((UCP, EADAILY)):
        for side, path in (("ru", REPO / "sources" / f"{doc}.ru.txt"),
                           ("en", REPO / "translations" / f"{doc}.en.txt")):
            text = [x.strip() for x in path.read_text(encoding="utf-8").splitlines()
                    if x.strip()]
            (folder / f"{n}.{side}").write_text("\n".join(text) + "\n", encoding="utf-8")
        rows.append(f"{n}.ru\t{n}.en\tout/{n}.{suffix}")
    return rows


def reviewed_line_project(tmp_path: Path) -> LineProject:
    """A line project with the paired document stored and reviewed in every state:
    u2, u3, u5 approved, u3 signed off, u4 rejected with a reason."""
    from workbench import ops

    project = line_project(tmp_path)
    store_aligned(project, PAIRED)
    ops.approve(project, PAIRED, ["u2", "u3", "u5"], user="Rita Reviewer")
    ops.sign_off(project, PAIRED, ["u3"], user="Lena Lead")
    ops.reject(project, PAIRED, ["u4"], reason="the party's name is wrong", user="Rita Reviewer")
    return project


class LineProject(Project):
    """A project whose segments are the non-empty lines of each side."""

    def _side(self, path: Path, lang: str, meta: dict) -> Side | None:
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        segments, pos = [], 0
        for line in text.split("\n"):
            if line.strip():
                start = pos + len(line) - len(line.lstrip())
                end = pos + len(line.rstrip())
                segments.append(Segment(text=text[start:end], start=start, end=end,
                                        kind=BlockKind.BODY, lang=lang))
            pos += len(line) + 1
        return Side(source=SideText(path=path, lang=lang, text=text, encoding="utf-8"),
                    completeness="full", blocks=[Block(BlockKind.BODY, 0, len(text))],
                    segments=segments)


def line_project(tmp_path: Path) -> LineProject:
    root = copy_corpus(tmp_path / "project")
    return LineProject(root=root)


def diagonal_beads(n_src: int, n_tgt: int, locked=()) -> list[Bead]:
    """A simple stand-in aligner: locked beads kept, the gaps between them paired 1:1
    in order (extra segments become 1-0 / 0-1 beads)."""
    beads: list[Bead] = []
    i = j = 0
    for lock in locked:  # in document order, as ops passes them
        beads += _fill(range(i, min(lock.src, default=i)), range(j, min(lock.tgt, default=j)))
        beads.append(lock)
        i = max(lock.src) + 1 if lock.src else i
        j = max(lock.tgt) + 1 if lock.tgt else j
    beads += _fill(range(i, n_src), range(j, n_tgt))
    return beads


def _fill(src: range, tgt: range) -> list[Bead]:
    pairs = [Bead(src=(a,), tgt=(b,), confidence=0.5) for a, b in zip(src, tgt, strict=False)]
    k = len(pairs)
    pairs += [Bead(src=(a,), tgt=(), confidence=0.5) for a in list(src)[k:]]
    pairs += [Bead(src=(), tgt=(b,), confidence=0.5) for b in list(tgt)[k:]]
    return pairs


def stand_in_align(doc, locked=(), *, embeddings=True, glossary=None) -> list[Bead]:
    n_src = len(doc.source.segments) if doc.source else 0
    n_tgt = len(doc.target.segments) if doc.target else 0
    return diagonal_beads(n_src, n_tgt, locked)


def store_aligned(project: Project, doc_id: str, *, user: str = "aligner") -> WorkingFile:
    """Save a working file for `doc_id` aligned by the stand-in aligner."""
    doc = project.document(doc_id)
    when = now_iso()
    beads = stand_in_align(doc)
    units = [unit_from_bead(doc, bead, f"u{n}", user=user, when=when)
             for n, bead in enumerate(beads, start=1)]
    wf = WorkingFile(doc_id=doc_id, units=units, next_id=len(units) + 1,
                     segmentation=segmentation_key(doc))
    save(project, wf, user=user)
    return wf
