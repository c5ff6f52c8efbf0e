"""Realignment with the real aligner on the shipped paired documents: approved and
locked units survive exactly, the rest is realigned around them, ids are never reused."""

from __future__ import annotations

import pytest

from support.corpus import copy_corpus
from support.paths import PAIRED
from workbench import ops
from workbench.errors import WorkbenchError
from workbench.model import State
from workbench.project import open_project

SECOND_PAIR = "roskomsoyuz-revolutionary-renewal"


@pytest.mark.parametrize("doc_id", [PAIRED, SECOND_PAIR])
def test_realign_keeps_approved_units_and_covers_every_segment(tmp_path, doc_id):
    project = open_project(copy_corpus(tmp_path))
    wf = ops.align_document(project, doc_id, user="aligner", embeddings=False)
    pairs = [u for u in wf.units if u.src and u.tgt]
    chosen = [pairs[0].id, pairs[len(pairs) // 2].id]
    ops.approve(project, doc_id, chosen, user="rev")
    # a person corrects the alignment: merge two neighbours and lock the result
    i = next(i for i, u in enumerate(wf.units) if u.id not in chosen and i + 1 < len(wf.units)
             and wf.units[i + 1].id not in chosen)
    merged = ops.merge(project, doc_id, [wf.units[i].id, wf.units[i + 1].id], user="rev")
    ops.lock(project, doc_id, [merged.id], user="rev")
    before = {u.id: u for u in ops.load_or_align(project, doc_id).units}
    after = ops.realign(project, doc_id, user="rev", embeddings=False)
    got = {u.id: u for u in after.units}
    for uid in [*chosen, merged.id]:
        assert got[uid].locked
        assert (got[uid].src, got[uid].tgt, got[uid].target_text) == \
            (before[uid].src, before[uid].tgt, before[uid].target_text)
    assert got[chosen[0]].state is State.REVIEWED
    doc = project.document(doc_id)
    aligned_src = [i for i, s in enumerate(doc.source.segments) if s.kind.aligned_by_default]
    assert sorted(i for u in after.units for i in u.src) == aligned_src
    assert len({u.id for u in after.units}) == len(after.units)
    assert after.version == ops.load_or_align(project, doc_id).version


def test_a_realignment_that_refuses_saves_nothing_not_even_the_locks(tmp_path):
    """The source changed under approved units: realign refuses, and the file on disk
    is byte for byte what it was (before, the approved units were already locked)."""
    root = copy_corpus(tmp_path, docs=[PAIRED])
    project = open_project(root)
    wf = ops.align_document(project, PAIRED, user="aligner", embeddings=False)
    approved = [u for u in wf.units if u.src and u.tgt][:3]
    ops.approve(project, PAIRED, [u.id for u in approved], user="rev")
    source = root / "sources" / f"{PAIRED}.ru.txt"
    text = source.read_text(encoding="utf-8")
    gone = approved[1].source_text
    assert gone in text
    source.write_text(text.replace(gone, "Абзац заменён."), encoding="utf-8")  # written here
    working = root / "translations" / f"{PAIRED}.xlf"
    before = working.read_bytes()
    with pytest.raises(WorkbenchError) as err:
        ops.realign(open_project(root), PAIRED, user="rev", embeddings=False)
    assert "nothing was saved" in str(err.value) and approved[1].id in str(err.value)
    assert working.read_bytes() == before
    stored = ops.load_or_align(open_project(root), PAIRED)
    assert not any(u.locked for u in stored.units)
