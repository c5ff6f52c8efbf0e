"""The local pass (align/local.py): merges rescored with joined-text embeddings, every
edge segment of a merge made to earn its place, and the beads it changes kept below the
sure band.

The first tests run on vectors made for the test (no model): each segment is a unit
vector, a joined text embeds as the length-weighted sum of its segments' vectors, as a
sentence encoder roughly does. The news tests re-cut real sentence pairs of
../shared's news gold (research data, never copied into the repository) and skip
with a reason where it is absent.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from support.paths import NEWS
from workbench.align import align_texts
from workbench.align import confidence as conf
from workbench.align.evaluate import read_beads
from workbench.align.local import adjustments, candidate_cells
from workbench.align.search import Path, search
from workbench.align.signals import BEAD_TYPES, EMBEDDING_PARAMS, Scorer, make_side

needs_news = pytest.mark.skipif(not NEWS.is_dir(), reason=f"news benchmark absent: {NEWS}")


def unit(*weights: float, dim: int = 8) -> np.ndarray:
    v = np.zeros(dim, dtype=np.float32)
    v[:len(weights)] = weights
    return v / np.linalg.norm(v)


def fake_side(texts: list[str], vectors: list[np.ndarray]):
    return make_side(texts, [set() for _ in texts], np.vstack(vectors), lang="")


def fake_embed(*sides: tuple[list[str], list[np.ndarray]]):
    """Embeds a run of consecutive segments of a side, joined with spaces, as the
    length-weighted sum of their vectors."""
    table = {}
    for texts, vectors in sides:
        for start in range(len(texts)):
            for stop in range(start + 1, len(texts) + 1):
                total = sum(len(texts[k]) * vectors[k] for k in range(start, stop))
                table[" ".join(texts[start:stop])] = total / np.linalg.norm(total)
    return lambda texts: np.vstack([table[t] for t in texts])


def scorer_for(src, tgt) -> Scorer:
    return Scorer(src, tgt, 1.0, EMBEDDING_PARAMS, {})


def test_candidates_are_merges_their_shorter_merges_and_beads_grown_by_a_neighbour():
    # path: [0]:[0], [1,2]:[1] (2-1 ending at cell (3, 2)), []:[2] (0-1), [3]:[3]
    path = Path(steps=[(1, 1, 1, 1), (2, 1, 3, 2), (0, 1, 3, 3), (1, 1, 4, 4)],
                confidences=[1.0] * 4, score=0.0)
    cells = candidate_cells(path, set(BEAD_TYPES))
    assert (2, 1, 3, 2) in cells  # the merge
    assert (2, 2, 3, 3) in cells  # the merge grown by the 0-1 after it
    assert (1, 2, 4, 4) in cells  # [3]:[3] grown by the 0-1 before it: [3]:[2,3]
    assert not any(a + b == 2 and (a, b) == (1, 1) for a, b, *_ in cells)  # 1-1s stay


def test_a_segment_the_partner_lacks_does_not_earn_its_place():
    # Source 0 is rendered by target 0; source 1 says something else entirely and is
    # shorter: a summed vector would still lean to target 0, the joined one barely moves.
    src_texts, src_vectors = ["source sentence that target zero renders", "unrelated one"], [
        unit(1, 0.1), unit(0, 0, 1)]
    tgt_texts, tgt_vectors = ["target zero"], [unit(1, 0.12)]
    scorer = scorer_for(fake_side(src_texts, src_vectors), fake_side(tgt_texts, tgt_vectors))
    merge = (2, 1, 2, 1)
    change = adjustments(scorer, {merge}, fake_embed((src_texts, src_vectors),
                                                     (tgt_texts, tgt_vectors)))[merge]
    assert change < -0.3  # the merge pays: the second segment moved it away


def test_a_short_line_that_is_part_of_the_partner_earns_its_place():
    # Target 0 renders source 0's first sentence, target 1 (a short line) its second;
    # source 0 is one segment of two sentences (its parts).
    first, second = unit(1, 0.2), unit(0.2, 0, 1)
    src = fake_side(["first sentence of the source. Then a short one."], [unit(1, 0.2, 0.3)])
    src = dataclasses.replace(src, parts={0: (np.vstack([first, second]),
                                              np.array([29.0, 17.0]))})
    tgt_texts, tgt_vectors = ["first sentence, rendered", "short, rendered"], [
        unit(1, 0.21), unit(0.21, 0, 1)]
    tgt = fake_side(tgt_texts, tgt_vectors)
    scorer = scorer_for(src, tgt)
    merge = (1, 2, 1, 2)
    embed = fake_embed((tgt_texts, tgt_vectors))
    change = adjustments(scorer, {merge}, embed)[merge]
    summed = float(src.span_vectors[1][1] @ tgt.span_vectors[2][2])
    joined = float(src.vectors[0] @ embed([" ".join(tgt_texts)])[0])
    assert change == pytest.approx(3 * (joined - summed), abs=1e-5)  # no shortfall


def test_rescored_merges_change_the_search():
    # The same case as the first test, searched: without the local pass the merge wins,
    # with it the unrelated segment stands alone.
    src_texts, src_vectors = ["source sentence that target zero renders", "unrelated"], [
        unit(1, 0.1), unit(0.6, 0, 1)]
    tgt_texts, tgt_vectors = ["target zero"], [unit(1, 0.12)]
    scorer = scorer_for(fake_side(src_texts, src_vectors), fake_side(tgt_texts, tgt_vectors))
    lo, hi = np.zeros(3, int), np.full(3, 1)
    assert search(scorer, lo, hi).steps == [(2, 1, 2, 1)]
    embed = fake_embed((src_texts, src_vectors), (tgt_texts, tgt_vectors))
    scorer.adjust.update(adjustments(scorer, {(2, 1, 2, 1)}, embed))
    assert search(scorer, lo, hi).steps == [(1, 1, 1, 1), (1, 0, 2, 1)]


def test_merges_omissions_and_beads_the_local_pass_chose_stay_below_sure():
    high = dict(quality=0.6, cosine=0.6, length=0.0, shortest=100)
    pair = conf.bead_features(0.9999, null=False, merge=False, first=0.9999, **high)
    assert conf.calibrate(pair, "embeddings") >= 0.99
    for features in (conf.bead_features(0.9999, null=False, merge=True, **high),
                     conf.bead_features(0.9999, null=True, merge=False, **high),
                     conf.bead_features(0.9999, null=False, merge=False, first=0.2, **high)):
        assert conf.calibrate(features, "embeddings") <= conf.SHAPE_CAP < 0.99


def news_pairs(doc: str) -> list[tuple[str, str]]:
    """The 1-1 gold pairs of a news document after its headline, in order, each with
    sentence-final punctuation on both sides (real sentences, whole)."""
    folder = NEWS / doc
    src = (folder / "ru.sents").read_text(encoding="utf-8").splitlines()
    tgt = (folder / "en.sents").read_text(encoding="utf-8").splitlines()
    out = []
    for bead in read_beads(folder / "gold.align")[1:]:
        if len(bead.src) == len(bead.tgt) == 1:
            ru, en = src[bead.src[0]], tgt[bead.tgt[0]]
            if ru.rstrip()[-1:] in ".!?" and en.rstrip()[-1:] in ".!?":
                out.append((ru, en))
    return out


def shortest_run(doc: str) -> tuple[list[tuple[str, str]], int]:
    """Five consecutive pairs whose middle one has the shortest English of the document,
    and the index of that one."""
    pairs = news_pairs(doc)
    if len(pairs) < 5:
        pytest.skip(f"{doc} has too few 1-1 pairs")
    k = min(range(2, len(pairs) - 2), key=lambda i: len(pairs[i][1]))
    return pairs[k - 2:k + 3], 2


@needs_news
@pytest.mark.parametrize("doc", ["doc012", "doc020", "doc030", "doc070"])
def test_short_line_of_a_three_way_merge_stays_in_it(doc):
    # Real pairs, re-cut for the test: the Russian of pairs 1, 2 and 3 joined into one
    # line (pair 2 has the document's shortest English line); the English stays three.
    run, short = shortest_run(doc)
    src = [run[0][0], " ".join(ru for ru, _ in run[1:4]), run[4][0]]
    tgt = [en for _, en in run]
    beads = align_texts(src, tgt)
    assert "[1]:[1,2,3]" in [str(b) for b in beads], (len(run[short][1]), beads)


@needs_news
@pytest.mark.parametrize("doc", ["doc002", "doc010", "doc041", "doc070"])
def test_short_sentence_left_out_next_to_a_merge_stands_alone(doc):
    # Real pairs, re-cut for the test: the English of the shortest pair is left out,
    # and the English of the next two pairs is joined into one line. (Without the local
    # pass, the left-out Russian rode along in a 2-1 or 3-1 merge in each of these.)
    run, _ = shortest_run(doc)
    src = [ru for ru, _ in run]
    tgt = [run[0][1], run[1][1], run[3][1] + " " + run[4][1]]
    beads = [str(b) for b in align_texts(src, tgt)]
    assert {"[2]:[]", "[3,4]:[2]"} <= set(beads), beads
