"""The aligner on real pairs: every bead type, locked beads, empty and one-sided inputs,
confidence that means something, and a 10,000-line input.

Reads the corpus gold and the news benchmark from ../shared (research data, never copied
into the repository); tests skip with a reason where it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.paths import GOLD, NEWS
from workbench.align import align_texts
from workbench.align.evaluate import read_beads, score
from workbench.errors import WorkbenchError
from workbench.model import Bead

needs_news = pytest.mark.skipif(not NEWS.is_dir(), reason=f"news benchmark absent: {NEWS}")
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason=f"corpus gold absent: {GOLD}")


def load(folder: Path) -> tuple[list[str], list[str], list[Bead]]:
    src = (folder / "ru.sents").read_text(encoding="utf-8").splitlines()
    tgt = (folder / "en.sents").read_text(encoding="utf-8").splitlines()
    return src, tgt, read_beads(folder / "gold.align")


def assert_covers(beads: list[Bead], n: int, m: int) -> None:
    """In order, every index of both sides exactly once, confidences in [0, 1]."""
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    assert all(b.src or b.tgt for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def pairs_of(beads: list[Bead]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(b.src, b.tgt) for b in beads}


@needs_news
@pytest.mark.parametrize("embeddings", [True, False], ids=["embeddings", "length+anchors"])
@pytest.mark.parametrize(("doc", "bead"), [
    ("doc001", "[1]:[1]"),  # 1-1
    ("doc001", "[16]:[17,18]"),  # 1-2
    ("doc001", "[4,5]:[4]"),  # 2-1
    ("doc004", "[4]:[3,4,5]"),  # 1-3
    ("doc015", "[9,10,11]:[9]"),  # 3-1
    ("doc004", "[2]:[]"),  # 1-0
    ("doc001", "[]:[6]"),  # 0-1
])
def test_finds_each_bead_type_on_real_news(doc, bead, embeddings):
    src, tgt, gold = load(NEWS / doc)
    beads = align_texts(src, tgt, embeddings=embeddings)
    assert_covers(beads, len(src), len(tgt))
    assert bead in {str(b) for b in beads}
    assert score([(gold, beads)])["strict_f1"] >= 0.9


@needs_news
@pytest.mark.parametrize("embeddings", [True, False], ids=["embeddings", "length+anchors"])
def test_two_to_two_when_sentence_boundaries_differ(embeddings):
    # Real news sentences, re-joined for the test so that the Russian and English split
    # one passage at different points: no 1-1 decomposition exists, only a 2-2 bead.
    ru, en, _ = load(NEWS / "doc001")
    src = [ru[0], ru[1] + " " + ru[2], ru[3], ru[6]]
    tgt = [en[0], en[1], en[2] + " " + en[3], en[5]]
    beads = align_texts(src, tgt, embeddings=embeddings)
    assert [str(b) for b in beads] == ["[0]:[0]", "[1,2]:[1,2]", "[3]:[3]"]


@needs_gold
@pytest.mark.parametrize("two_pass", [True, False], ids=["sure-pairs-kept", "all-embedded"])
def test_corpus_gold_headings_and_omissions(two_pass):
    """EN titles without RU counterpart, the RU section numeral "I", 2-2 and 1-2 beads."""
    for name, expected in [
        ("cprf-presidium-ukraine-victim-2022-libya360", ["[]:[0]", "[]:[1]", "[0]:[2]"]),
        ("roskomsoyuz-revolutionary-renewal", ["[2]:[2]", "[3]:[]", "[4]:[3]"]),
        ("eadaily-cpk-liquidated-2015", ["[]:[0]", "[1,2]:[2,3]", "[6]:[7,8]"]),  # a true 2-2
    ]:
        src, tgt, _ = load(GOLD / name)
        got = [str(b) for b in align_texts(src, tgt, two_pass=two_pass)]
        assert all(bead in got for bead in expected), (name, got)


def test_empty_and_one_sided_inputs():
    assert align_texts([], [], embeddings=False) == []
    # written for the test: short lines, one side only
    assert [str(b) for b in align_texts([], ["Dear comrades!", "Greetings."])] == [
        "[]:[0]", "[]:[1]"]
    assert [str(b) for b in align_texts(["Дорогие товарищи!"], [], embeddings=False)] == [
        "[0]:[]"]


def test_single_pair_is_one_bead():
    # from ucp-cpsu-belarus-solidarity-2020 (sources/ and translations/)
    beads = align_texts(["Он был абсолютно прав."], ["He was absolutely right."],
                        embeddings=False)
    assert [str(b) for b in beads] == ["[0]:[0]"]


@needs_gold
@pytest.mark.parametrize("embeddings", [True, False], ids=["embeddings", "length+anchors"])
def test_locked_beads_come_back_untouched_and_gaps_realign(embeddings):
    src, tgt, gold = load(GOLD / "cprf-presidium-ukraine-victim-2022-libya360")
    # a reviewer approved the first pairing and (oddly) joined two sentences later on
    locked = [Bead((0,), (2,), 0.42), Bead((5, 6), (7, 8), 0.99)]
    beads = align_texts(src, tgt, locked=locked, embeddings=embeddings)
    assert_covers(beads, len(src), len(tgt))
    assert locked[0] in beads and locked[1] in beads
    assert next(b for b in beads if b.src == (0,)).confidence == 0.42
    gaps = [b for b in beads if b not in locked]
    expected = [b for b in gold if not set(b.src) & {0, 5, 6} and not set(b.tgt) & {2, 7, 8}]
    assert pairs_of(expected) <= pairs_of(gaps)


@needs_gold
def test_locked_bead_forces_the_gap_around_it():
    src, tgt, _ = load(GOLD / "ucp-cpsu-belarus-solidarity-2020")
    # a (wrong) lock pairing RU 4 with EN 3..4 leaves RU 3 with nothing but the gap before
    locked = [Bead((4,), (3, 4))]
    beads = align_texts(src, tgt, locked=locked, embeddings=False)
    assert_covers(beads, len(src), len(tgt))
    at = beads.index(locked[0])
    assert [str(b) for b in beads[:at]] == ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[]"]
    assert [str(b) for b in beads[at + 1:]] == [f"[{k}]:[{k}]" for k in range(5, 9)]


@needs_gold
def test_locked_unaligned_segments_are_set_aside():
    src, tgt, gold = load(GOLD / "cprf-presidium-ukraine-victim-2022-libya360")
    # a reviewer confirmed that EN 1 (a subtitle) has no Russian, and one pair further on
    locked = [Bead((), (1,), 0.5), Bead((6,), (8,), 0.9)]
    beads = align_texts(src, tgt, locked=locked, embeddings=False)
    assert_covers(beads, len(src), len(tgt))
    assert locked[0] in beads and locked[1] in beads
    assert pairs_of(beads) == pairs_of(gold)


@pytest.mark.parametrize("locked", [
    [Bead((0,), (5,))],  # target index past the end
    [Bead((1,), (0,)), Bead((0,), (1,))],  # crossing
    [Bead((0, 2), (0,))],  # not adjacent
    [Bead((), ())],
    [Bead((1,), (1,)), Bead((1,), ())],  # overlapping
])
def test_bad_locked_beads_are_refused(locked):
    # written for the test
    src = ["Первая строка.", "Вторая строка.", "Третья строка."]
    tgt = ["First line.", "Second line.", "Third line."]
    with pytest.raises(WorkbenchError):
        align_texts(src, tgt, locked=locked, embeddings=False)


@needs_news
def test_confidence_is_lower_on_wrong_beads():
    """On the news benchmark, beads the gold does not have get lower confidence."""
    right, wrong = [], []
    for folder in sorted(p for p in NEWS.glob("doc0[0-3]*") if p.is_dir()):
        src, tgt, gold = load(folder)
        gold_pairs = pairs_of(gold)
        for bead in align_texts(src, tgt, embeddings=False):
            (right if (bead.src, bead.tgt) in gold_pairs else wrong).append(bead.confidence)
    assert wrong, "expected some errors without embeddings"
    assert sum(wrong) / len(wrong) < sum(right) / len(right) - 0.2
    high = [c for c in right + wrong if c >= 0.95]
    assert sum(c in right for c in high) / len(high) >= 0.99


def _news_lines(limit: int) -> tuple[list[str], list[str], list[Bead]]:
    """News documents concatenated (repeated when needed) with their gold shifted."""
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Bead] = []
    folders = sorted(p for p in NEWS.glob("doc*") if p.is_dir())
    while len(src) < limit:
        for folder in folders:
            s, t, g = load(folder)
            if len(src) + len(s) > limit:
                return src, tgt, gold
            gold += [Bead(tuple(i + len(src) for i in b.src),
                          tuple(j + len(tgt) for j in b.tgt)) for b in g]
            src += s
            tgt += t
    return src, tgt, gold


@needs_news
@pytest.mark.slow
def test_ten_thousand_lines_length_and_anchors():
    src, tgt, gold = _news_lines(10_000)
    assert len(src) > 9_000
    beads = align_texts(src, tgt, embeddings=False)
    assert_covers(beads, len(src), len(tgt))
    assert score([(gold, beads)])["strict_f1"] >= 0.97


@pytest.mark.parametrize("embeddings", [True, False], ids=["embeddings", "length+anchors"])
def test_blank_lines_stand_alone(embeddings):
    # from ucp-cpsu-belarus-solidarity-2020, with empty lines added for the test
    src = ["Дорогие товарищи и друзья!", "", "Он был абсолютно прав.", "   "]
    tgt = ["Dear comrades and friends!", "He was absolutely right.", ""]
    beads = align_texts(src, tgt, embeddings=embeddings)
    assert_covers(beads, len(src), len(tgt))
    assert [str(b) for b in beads] == ["[0]:[0]", "[1]:[]", "[2]:[1]", "[3]:[]", "[]:[2]"]
