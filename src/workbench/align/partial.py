"""A segment of several sentences whose counterpart renders only some of them.

When one side joins sentences into one line and the other side leaves one of them out,
the right bead is still 1-1, but the whole line's embedding and length match its partner
poorly, and the search would rather split the pair into a 1-0 and a 0-1 bead. Here a 1-1
bead is also scored on the best run of consecutive sentences of the longer segment,
each sentence left out costing `Params.part_penalty`, and more when that sentence has a
counterpart nearby (then the segment's sentences belong to different beads): the pair
keeps its bead when part of it is a translation, and pays for the part that is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from workbench.align.signals import Scorer

MAX_PARTS = 8  # longer segments are scored whole only


def _runs(vectors: np.ndarray, lengths: np.ndarray, support: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every run of consecutive sentences but the whole: unit vectors, lengths, how many
    sentences each leaves out, and the best cosine a left-out sentence has with any
    segment of the other side nearby (`support`, one per sentence)."""
    k = len(lengths)
    out_vec, out_len, out_left, out_support = [], [], [], []
    for start in range(k):
        for stop in range(start + 1, k + 1):
            if stop - start == k:
                continue
            total = vectors[start:stop].sum(axis=0)
            out_vec.append(total / max(float(np.linalg.norm(total)), 1e-9))
            out_len.append(float(lengths[start:stop].sum()))
            out_left.append(k - (stop - start))
            out_support.append(max(np.concatenate((support[:start], support[stop:]))))
    return (np.array(out_vec), np.array(out_len), np.array(out_left, dtype=float),
            np.array(out_support))


def _found(support: np.ndarray, unrelated: float) -> np.ndarray:
    """(runs, 1): how clearly a left-out sentence has a counterpart nearby after all (then
    the segment is not partly untranslated: its sentences are split across beads)."""
    return np.maximum(support - unrelated, 0.0)[:, None]


def partial_match(scorer: Scorer, lo: np.ndarray, hi: np.ndarray, width: int) -> np.ndarray:
    """(n + 1, width) quality of each 1-1 cell scored on its best partial run (length and
    embedding terms, minus the left-out sentences); −inf where neither side has parts."""
    p, src, tgt = scorer.p, scorer.src, scorer.tgt
    out = np.full((src.n + 1, width), -np.inf)
    if src.vectors is None or tgt.vectors is None:
        return out
    for index, (vectors, lengths) in src.parts.items():
        if len(lengths) > MAX_PARTS:
            continue
        row = index + 1
        first, last = max(int(lo[row]), 1), int(hi[row])
        if last < first:
            continue
        partners = np.arange(first - 1, last)
        support = (vectors @ tgt.vectors[partners].T).max(axis=1)
        run_vec, run_len, left, elsewhere = _runs(vectors, lengths, support)
        cos = run_vec @ tgt.vectors[partners].T  # (runs, partners)
        q = (p.embed_weight * (cos - p.embed_mean - _found(elsewhere, p.embed_mean))
             + p.length_weight * scorer.length_loglik(run_len[:, None],
                                                      tgt.lengths[partners][None, :])
             - p.part_penalty * left[:, None])
        cols = np.arange(first, last + 1) - int(lo[row])
        out[row, cols] = np.maximum(out[row, cols], q.max(axis=0))
    for index, (vectors, lengths) in tgt.parts.items():
        if len(lengths) > MAX_PARTS:
            continue
        col = index + 1
        rows = np.flatnonzero((lo <= col) & (hi >= col))
        rows = rows[rows >= 1]
        if not len(rows):
            continue
        support = (vectors @ src.vectors[rows - 1].T).max(axis=1)
        run_vec, run_len, left, elsewhere = _runs(vectors, lengths, support)
        cos = run_vec @ src.vectors[rows - 1].T  # (runs, partners)
        q = (p.embed_weight * (cos - p.embed_mean - _found(elsewhere, p.embed_mean))
             + p.length_weight * scorer.length_loglik(src.lengths[rows - 1][None, :],
                                                      run_len[:, None])
             - p.part_penalty * left[:, None])
        cols = col - lo[rows]
        out[rows, cols] = np.maximum(out[rows, cols], q.max(axis=0))
    return out
