"""`align_document` on the real corpus documents: structure, furniture, locked beads."""

from __future__ import annotations

import pytest

from support.paths import GOLD, REPO
from workbench.align import align_document
from workbench.align.evaluate import read_beads
from workbench.errors import WorkbenchError
from workbench.model import Bead, BlockKind
from workbench.project import open_project

PAIRS = ["cprf-presidium-ukraine-victim-2022-libya360", "eadaily-cpk-liquidated-2015",
         "roskomsoyuz-revolutionary-renewal", "ucp-cpsu-belarus-solidarity-2020"]


@pytest.fixture(scope="module")
def project():
    return open_project(REPO)


def pair_texts(doc, bead: Bead) -> tuple[str, str]:
    return (" ".join(doc.source.segments[i].text for i in bead.src),
            " ".join(doc.target.segments[j].text for j in bead.tgt))


def bead_of(doc, beads, source_start: str) -> Bead:
    return next(b for b in beads if b.src
                and doc.source.segments[b.src[0]].text.startswith(source_start))


@pytest.mark.parametrize("doc_id", PAIRS)
def test_every_aligned_segment_once_and_no_furniture(project, doc_id):
    doc = project.document(doc_id)
    beads = align_document(doc, embeddings=False)
    for side, name in ((doc.source, "src"), (doc.target, "tgt")):
        used = [k for b in beads for k in getattr(b, name)]
        expected = [k for k, s in enumerate(side.segments) if s.kind is not BlockKind.FURNITURE]
        assert used == expected


def test_sentences_pair_with_their_translations(project):
    doc = project.document("cprf-presidium-ukraine-victim-2022-libya360")
    beads = align_document(doc)
    _, en = pair_texts(doc, bead_of(doc, beads, "После обращения руководства ДНР"))
    assert en.startswith("After the appeal of the leaders of the DNR and LNR")
    _, en = pair_texts(doc, bead_of(doc, beads, "Милитаризация Восточной Европы"))
    assert en.startswith("Militarization of Eastern Europe")
    # the English title and subtitle have no Russian counterpart in this excerpt
    title = next(j for j, s in enumerate(doc.target.segments)
                 if s.text.startswith("Statement of the Presidium"))
    assert Bead((), (title,)) in [Bead(b.src, b.tgt) for b in beads]


def test_loose_translation_split_into_two(project):
    doc = project.document("eadaily-cpk-liquidated-2015")
    bead = bead_of(doc, align_document(doc), "В 2004 году партия раскололась")
    assert len(bead.tgt) == 2
    assert pair_texts(doc, bead)[1] == ("In 2004, it split into two parts. One of them was "
                                        "called the Communist People’s Party of Kazakhstan.")


def test_locked_bead_kept_and_rest_realigned(project):
    doc = project.document("ucp-cpsu-belarus-solidarity-2020")
    first = align_document(doc, embeddings=False)
    lock = next(b for b in first if b.src and b.tgt and b.src[0] >= 3)
    locked = Bead(lock.src, lock.tgt, 0.123)
    again = align_document(doc, locked=[locked], embeddings=False)
    assert locked in again
    assert next(b for b in again if b.src == locked.src).confidence == 0.123
    assert [(b.src, b.tgt) for b in again] == [(b.src, b.tgt) for b in first]


def test_one_sided_document_is_refused(project):
    doc = project.document("political-prisoners-appeal")
    with pytest.raises(WorkbenchError, match="no source side"):
        align_document(doc, embeddings=False)


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"corpus gold absent: {GOLD}")
@pytest.mark.parametrize("with_glossary", [False, True], ids=["plain", "glossary-anchors"])
@pytest.mark.parametrize("doc_id", PAIRS)
def test_document_alignment_reproduces_the_gold(project, doc_id, with_glossary):
    """Through the real segmentation, with structure: every hand-made gold bead is
    found (gold lines are matched to document segments by their text)."""
    doc = project.document(doc_id)
    folder = GOLD / doc_id
    ru = (folder / "ru.sents").read_text(encoding="utf-8").splitlines()
    en = (folder / "en.sents").read_text(encoding="utf-8").splitlines()

    def norm(text: str) -> str:
        return " ".join(text.split())

    src_at = {norm(s.text): k for k, s in enumerate(doc.source.segments)}
    tgt_at = {norm(s.text): k for k, s in enumerate(doc.target.segments)}
    # the segmenter reproduces every gold line, so each gold bead maps to segments
    assert all(norm(x) in src_at for x in ru) and all(norm(x) in tgt_at for x in en)
    glossary = project.glossary() if with_glossary else None
    beads = {(b.src, b.tgt) for b in align_document(doc, glossary=glossary)}
    for bead in read_beads(folder / "gold.align"):
        expected = (tuple(src_at[norm(ru[i])] for i in bead.src),
                    tuple(tgt_at[norm(en[j])] for j in bead.tgt))
        assert expected in beads, (str(bead), expected)
