"""The search: a dynamic program over a band of cells, and bead posteriors for confidence.

Cell (i, j) means "i source and j target segments aligned so far". Row i holds the
cells j in [lo[i], hi[i]]; a full search has lo = 0, hi = m everywhere, a banded one
follows a coarse path. The best path (Viterbi) gives the beads; a forward–backward
pass over the same cells (scores divided by a temperature) gives each bead's posterior
probability, which is its confidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from workbench.align.signals import BEAD_TYPES, Scorer

_NEG = -np.inf
_ZERO_ONE = BEAD_TYPES.index((0, 1))


@dataclass
class Path:
    """Beads as (a, b, i, j): a source and b target segments, ending at cell (i, j)."""

    steps: list[tuple[int, int, int, int]]
    confidences: list[float]
    score: float
    band: dict[tuple[int, int], np.ndarray] | None = None  # the scores searched
    # posterior of any bead (a, b, i, j) under the scores searched
    posterior: Callable[[int, int, int, int], float] | None = None


def _shifted(values: np.ndarray, lo_from: int, lo_to: int, length: int, b: int) -> np.ndarray:
    """`values` (a row starting at column lo_from) read at columns j - b for j in
    [lo_to, lo_to + length); −inf where that row has no cell."""
    out = np.full(length, _NEG)
    start = max(lo_to, lo_from + b)
    stop = min(lo_to + length, lo_from + b + len(values))
    if start < stop:
        out[start - lo_to:stop - lo_to] = values[start - b - lo_from:stop - b - lo_from]
    return out


def search(scorer: Scorer, lo: np.ndarray, hi: np.ndarray,
           with_confidence: bool = True) -> Path:
    """Best path through the band, with posterior confidences of its beads."""
    n, m = scorer.src.n, scorer.tgt.n
    temp = scorer.p.temperature
    band = scorer.band(lo, hi)
    tgt_cum = np.concatenate(([0.0], np.cumsum(scorer.tgt_skip)))  # 0-1 beads
    lengths = hi - lo + 1
    paired = [(t, a, b) for t, (a, b) in enumerate(BEAD_TYPES) if a]
    best: list[np.ndarray] = []
    back: list[np.ndarray] = []
    fwd: list[np.ndarray] = []
    for i in range(n + 1):
        size, low = int(lengths[i]), int(lo[i])
        g = np.full(size, _NEG)
        gf = np.full(size, _NEG)
        arg = np.full(size, -1, dtype=np.int8)
        if i == 0:
            g[0] = gf[0] = 0.0  # lo[0] == 0
        for t, a, b in paired:
            if a > i:
                continue
            s = (band[(a, b)][i, :size] if b else
                 np.full(size, scorer.src_skip[i - 1]))
            cand = _shifted(best[i - a], int(lo[i - a]), low, size, b) + s
            better = cand > g
            g = np.where(better, cand, g)
            arg[better] = t
            if with_confidence:
                gf = np.logaddexp(gf, _shifted(fwd[i - a], int(lo[i - a]), low, size, b)
                                  + s / temp)
        cum = tgt_cum[low:low + size]
        shifted = g - cum
        acc = np.maximum.accumulate(shifted)
        back.append(np.where(shifted >= acc, arg, _ZERO_ONE))
        best.append(cum + acc)
        if with_confidence:
            fwd.append(cum / temp + np.logaddexp.accumulate(gf - cum / temp))
    steps = []
    i, j = n, m
    while i or j:
        a, b = BEAD_TYPES[int(back[i][j - lo[i]])]
        steps.append((a, b, i, j))
        i, j = i - a, j - b
    steps.reverse()
    total = float(best[n][m - lo[n]])
    if not with_confidence:
        return Path(steps, [1.0] * len(steps), total)
    bwd = _backward(band, scorer, lo, lengths, tgt_cum, temp)
    z = fwd[n][m - lo[n]]
    src_null, tgt_null = _null_marginals(scorer, fwd, bwd, lo, lengths, temp)

    def posterior(a: int, b: int, i: int, j: int) -> float:
        """Probability, over all paths through the band, of the bead ending at (i, j)."""
        if not (a and b):
            # a run of unaligned segments can be ordered many ways; what matters (and what
            # the confidence says) is that this segment is unaligned at all
            log_p = src_null[i - 1] if a else tgt_null[j - 1]
        else:
            if not (0 <= j - lo[i] < lengths[i] and 0 <= j - b - lo[i - a] < lengths[i - a]):
                return 0.0
            log_p = (fwd[i - a][j - b - lo[i - a]] + band[(a, b)][i, j - lo[i]] / temp
                     + bwd[i][j - lo[i]])
        return float(min(max(np.exp(log_p - z), 0.0), 1.0))

    confidences = [posterior(*step) for step in steps]
    return Path(steps, confidences, total, band, posterior)


def _null_marginals(scorer: Scorer, fwd, bwd, lo, lengths, temp
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Log-sum, over all paths, of those leaving each source / target segment unaligned."""
    n, m = scorer.src.n, scorer.tgt.n
    src_null = np.full(n, _NEG)
    tgt_null = np.full(m, _NEG)
    for i in range(n + 1):
        size, low = int(lengths[i]), int(lo[i])
        if i:
            into = _shifted(fwd[i - 1], int(lo[i - 1]), low, size, 0)
            src_null[i - 1] = np.logaddexp.reduce(into + scorer.src_skip[i - 1] / temp + bwd[i])
        if size > 1:  # 0-1 bead from cell j to j + 1 inside row i, for target segment j
            vals = fwd[i][:-1] + scorer.tgt_skip[low:low + size - 1] / temp + bwd[i][1:]
            tgt_null[low:low + size - 1] = np.logaddexp(tgt_null[low:low + size - 1], vals)
    return src_null, tgt_null


def _backward(band, scorer: Scorer, lo, lengths, tgt_cum, temp) -> list[np.ndarray]:
    """Log-sum of all path completions from each cell to (n, m)."""
    n = scorer.src.n
    m = scorer.tgt.n
    bwd: list[np.ndarray] = [np.empty(0)] * (n + 1)
    for i in range(n, -1, -1):
        size, low = int(lengths[i]), int(lo[i])
        h = np.full(size, _NEG)
        if i == n:
            h[m - low] = 0.0
        for a, b in BEAD_TYPES:
            if not a or i + a > n:
                continue
            nxt_low, nxt_size = int(lo[i + a]), int(lengths[i + a])
            s = (band[(a, b)][i + a, :nxt_size] if b else
                 np.full(nxt_size, scorer.src_skip[i + a - 1]))
            # cell j of row i reaches cell j + b of row i + a
            h = np.logaddexp(h, _shifted(bwd[i + a] + s / temp, nxt_low, low, size, -b))
        cum = tgt_cum[low:low + size] / temp
        # B[j] = logsumexp_{k >= j} (H[k] + cum[k]) - cum[j]
        bwd[i] = np.logaddexp.accumulate((h + cum)[::-1])[::-1] - cum
    return bwd
