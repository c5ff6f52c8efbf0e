"""A second, tighter pass over the merges the search chose and the segments it left alone.

The search scores a multi-segment side by the normalised sum of its segments' vectors:
every segment weighs the same, so a short line truly part of a merge ("Startsev
recalls:") drags the sum away from its partner, and a merge is judged as a whole, so
a segment with no counterpart can ride along in it when the rest matches well. Here the
text of each such side is embedded as one string (Vecalign's overlap embeddings, but
only for the few beads in question), and every edge segment of it (first or last) must
earn its place. Its evidence is the sum of

- the gain: how much adding it moves the joined text's embedding towards the partner,
  per share of the side's text it is (a translated segment moves it closer, one the
  partner lacks moves it away; a short one moves it little either way, so its share
  counts as at least `MIN_SHARE`), and
- a margin (Artetxe & Schwenk's, as in margin-based bitext mining): its best cosine
  with a sentence of the partner, minus the mean of its `KNN` best cosines with the
  sentences around the partner. A raw cosine says little (a loose translation of a
  short line can score lower than an unrelated line on the same topic); standing out
  from its neighbourhood says more.

Below `Params.earn_margin` a merge pays `Params.earn_slope` per unit short, per segment
of the bead; a merge whose edges all earn is scored with its joined-text cosine in
place of the summed one. The beads checked are every merge on the path, the merges left
when one edge segment is taken out, and a bead grown by a neighbouring 1-0/0-1 segment;
the search then runs again with those cells rescored, for a few rounds while it finds
merges not yet checked. All of this is measured in docs/alignment.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from workbench.align.search import Path
    from workbench.align.signals import Scorer, Side

MIN_SHARE = 0.1  # a shorter segment moves the joined embedding too little to measure
KNN = 4  # nearest sentences whose mean cosine is a segment's usual level (the margin's base)
NEIGHBOURHOOD = 5  # segments either side of the partner where those neighbours are sought
Cell = tuple[int, int, int, int]  # (a, b, i, j): a source, b target segments ending at (i, j)
Embed = Callable[[Sequence[str]], np.ndarray]


def candidate_cells(path: Path, shapes: set[tuple[int, int]]) -> set[Cell]:
    """Merges on the path, their one-edge-shorter merges, and beads grown by a neighbour
    the path left unaligned."""
    cells: set[Cell] = set()
    steps = path.steps
    for k, (a, b, i, j) in enumerate(steps):
        if a and b and a + b > 2:
            cells.add((a, b, i, j))
            for sub in _shrunk((a, b, i, j)):
                if sub[0] + sub[1] > 2:
                    cells.add(sub)
        if a and b:
            continue
        for other in (k - 1, k + 1):
            if not 0 <= other < len(steps):
                continue
            oa, ob, oi, oj = steps[other]
            if not (oa and ob):
                continue
            grown = ((oa + a, ob + b, oi + (a if other < k else 0),
                      oj + (b if other < k else 0)))
            if grown[:2] in shapes:
                cells.add(grown)
    return cells


def _shrunk(cell: Cell) -> list[Cell]:
    """The cells one edge segment smaller: first or last source, first or last target."""
    a, b, i, j = cell
    out = []
    if a > 1:
        out += [(a - 1, b, i, j), (a - 1, b, i - 1, j)]
    if b > 1:
        out += [(a, b - 1, i, j), (a, b - 1, i, j - 1)]
    return out


def _spans(cell: Cell) -> tuple[tuple[int, int], tuple[int, int]]:
    a, b, i, j = cell
    return (i - a, i), (j - b, j)


def adjustments(scorer: Scorer, cells: set[Cell], embed: Embed) -> dict[Cell, float]:
    """Score change (over the bead's a + b segments) of each cell: the shortfall of edge
    segments that do not earn their place, or, when they all do, the joined-text cosine
    in place of the summed one."""
    p = scorer.p
    src_texts, tgt_texts = scorer.src.texts, scorer.tgt.texts
    if scorer.src.vectors is None or scorer.tgt.vectors is None:
        return {}
    own_vectors = (scorer.src.vectors, scorer.tgt.vectors)
    wanted: dict[tuple[int, int, int], str] = {}
    for cell in cells:
        (s0, s1), (t0, t1) = _spans(cell)
        for side, lo, hi, side_texts in ((0, s0, s1, src_texts), (1, t0, t1, tgt_texts)):
            for start, stop in [(lo, hi), (lo + 1, hi), (lo, hi - 1)]:
                if stop - start > 1:
                    wanted[(side, start, stop)] = " ".join(side_texts[start:stop])
    keys = list(wanted)
    vectors = embed([wanted[k] for k in keys]) if keys else np.zeros((0, 1))
    joined = dict(zip(keys, vectors, strict=True))
    sides = (scorer.src, scorer.tgt)

    def vec(side: int, start: int, stop: int) -> np.ndarray:
        if stop - start == 1:
            return own_vectors[side][start]
        return joined[(side, start, stop)]

    out: dict[Cell, float] = {}
    for cell in cells:
        a, b, i, j = cell
        spans = _spans(cell)
        cos_joined = float(vec(0, *spans[0]) @ vec(1, *spans[1]))
        cos_summed = float(sides[0].span_vectors[a][i] @ sides[1].span_vectors[b][j])
        shortfall = 0.0
        for side in (0, 1):
            start, stop = spans[side]
            if stop - start < 2:
                continue
            partner = vec(1 - side, *spans[1 - side])
            other = sides[1 - side]
            t0, t1 = spans[1 - side]
            sentences = _sentence_vectors(other, t0, t1)
            around = _sentence_vectors(other, max(t0 - NEIGHBOURHOOD, 0),
                                       min(t1 + NEIGHBOURHOOD, other.n))
            total = float(sides[side].lengths[start:stop].sum()) or 1.0
            for edge, rest in ((start, (start + 1, stop)), (stop - 1, (start, stop - 1))):
                share = max(float(sides[side].lengths[edge]) / total, MIN_SHARE)
                gain = (cos_joined - float(vec(side, *rest) @ partner)) / share
                own = own_vectors[side][edge]
                best = float((sentences @ own).max())
                usual = float(np.sort(around @ own)[-KNN:].mean())
                evidence = p.embed_weight * (gain + best - usual)  # in USE's units
                shortfall += max(p.earn_margin - evidence, 0.0)
        delta = -p.earn_slope * shortfall
        if not shortfall:
            delta += p.embed_weight * (cos_joined - cos_summed)
        out[cell] = (a + b) * delta
    return out


def _sentence_vectors(side: Side, start: int, stop: int) -> np.ndarray:
    """Vectors of the sentences of segments start..stop-1 (a segment's own vector when
    it is one sentence)."""
    vectors = side.vectors
    assert vectors is not None  # the local pass runs with embeddings only
    rows = [side.parts[k][0] if k in side.parts else vectors[k][None, :]
            for k in range(start, stop)]
    return np.vstack(rows)


def refine(scorer: Scorer, lo: np.ndarray, hi: np.ndarray, path: Path, embed: Embed,
           search: Callable[..., Path]) -> Path:
    """The path after rescoring its merges and their alternatives with joined-text
    embeddings, searched again until no new merge turns up (`Params.local_rounds` times at
    most; 0 turns the pass off)."""
    from workbench.align.signals import BEAD_TYPES

    shapes = set(BEAD_TYPES)
    done: set[Cell] = set()
    for _ in range(scorer.p.local_rounds):
        cells = {c for c in candidate_cells(path, shapes) if c not in done
                 and _in_band(c, lo, hi)}
        if not cells:
            break
        scorer.adjust.update(adjustments(scorer, cells, embed))
        done |= cells
        path = search(scorer, lo, hi)
    return path


def _in_band(cell: Cell, lo: np.ndarray, hi: np.ndarray) -> bool:
    a, b, i, j = cell
    return a <= i < len(lo) and b <= j and lo[i] <= j <= hi[i]
