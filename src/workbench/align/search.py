"""The search: a dynamic program over a band of cells, and bead posteriors for confidence.

Cell (i, j) means "i source and j target segments aligned so far". Row i holds the
cells j in [lo[i], hi[i]]; a full search has lo = 0, hi = m everywhere, a banded one
follows a coarse path. The best path (Viterbi) gives the beads; a forward–backward
pass over the same cells (scores divided by a temperature) gives each bead's posterior
probability, which is its confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.align.signals import BEAD_TYPES, Scorer

_PAIRED = tuple(t for t in BEAD_TYPES if t[0] and t[1])
_NEG = -np.inf


@dataclass
class Path:
    """Beads as (a, b, i, j): a source and b target segments, ending at cell (i, j)."""

    steps: list[tuple[int, int, int, int]]
    confidences: list[float]
    score: float


def _row_input(rows_v, lo, i, a, b, js):
    """Values of row i - a at columns js - b (−inf outside that row's window)."""
    prev = rows_v[i - a]
    idx = js - b - lo[i - a]
    ok = (idx >= 0) & (idx < len(prev))
    out = np.full(len(js), _NEG)
    out[ok] = prev[idx[ok]]
    return out


def search(scorer: Scorer, lo: np.ndarray, hi: np.ndarray,
           with_confidence: bool = True) -> Path:
    """Best path through the band, with posterior confidences of its beads."""
    n, m = scorer.src.n, scorer.tgt.n
    temp = scorer.p.temperature
    tgt_cum = np.concatenate(([0.0], np.cumsum(scorer.tgt_skip)))  # 0-1 beads
    src_skip = scorer.src_skip
    scores: list[dict[tuple[int, int], np.ndarray]] = []
    best: list[np.ndarray] = []
    back: list[np.ndarray] = []
    fwd: list[np.ndarray] = []
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i] + 1)
        row = scorer.row(i, lo[i], hi[i]) if i else {}
        if i:
            row[(1, 0)] = np.full(len(js), src_skip[i - 1])
        scores.append(row)
        g = np.full(len(js), _NEG)
        gf = np.full(len(js), _NEG)
        arg = np.full(len(js), -1, dtype=np.int8)
        if i == 0:
            g[js == 0] = 0.0
            gf[js == 0] = 0.0
        for t, (a, b) in enumerate(BEAD_TYPES):
            if not a or (a, b) not in row:
                continue
            s = row[(a, b)]
            cand = _row_input(best, lo, i, a, b, js) + s
            better = cand > g
            g = np.where(better, cand, g)
            arg[better] = t
            if with_confidence:
                gf = np.logaddexp(gf, _row_input(fwd, lo, i, a, b, js) + s / temp)
        cum = tgt_cum[js]
        shifted = g - cum
        acc = np.maximum.accumulate(shifted)
        arg = np.where(shifted >= acc, arg, len(BEAD_TYPES) - 1)  # else: a 0-1 bead
        best.append(cum + acc)
        back.append(arg)
        if with_confidence:
            fwd.append(cum / temp + np.logaddexp.accumulate(gf - cum / temp))
    steps = []
    i, j = n, m
    while i or j:
        t = int(back[i][j - lo[i]])
        a, b = BEAD_TYPES[t]
        steps.append((a, b, i, j))
        i, j = i - a, j - b
    steps.reverse()
    total = float(best[n][m - lo[n]])
    if not with_confidence:
        return Path(steps, [1.0] * len(steps), total)
    bwd = _backward(scores, lo, hi, n, tgt_cum, temp)
    z = fwd[n][m - lo[n]]
    confidences = []
    for a, b, i, j in steps:
        s = scores[i][(a, b)][j - lo[i]] if a else scorer.tgt_skip[j - 1]
        start = fwd[i - a][j - b - lo[i - a]]
        post = np.exp(start + s / temp + bwd[i][j - lo[i]] - z)
        confidences.append(float(min(max(post, 0.0), 1.0)))
    return Path(steps, confidences, total)


def _backward(scores, lo, hi, n, tgt_cum, temp) -> list[np.ndarray]:
    """Log-sum of all path completions from each cell to (n, m)."""
    m = int(hi[n])
    bwd: list[np.ndarray | None] = [None] * (n + 1)
    for i in range(n, -1, -1):
        js = np.arange(lo[i], hi[i] + 1)
        h = np.full(len(js), _NEG)
        if i == n:
            h[js == m] = 0.0
        for a, b in BEAD_TYPES:
            if not a or i + a > n or (a, b) not in scores[i + a]:
                continue
            nxt, s = bwd[i + a], scores[i + a][(a, b)]
            idx = js + b - lo[i + a]
            ok = (idx >= 0) & (idx < len(nxt))
            cand = np.full(len(js), _NEG)
            cand[ok] = nxt[idx[ok]] + s[idx[ok]] / temp
            h = np.logaddexp(h, cand)
        cum = tgt_cum[js] / temp
        # B[j] = logsumexp_{k >= j} (H[k] + cum[k]) - cum[j]
        rev = np.logaddexp.accumulate((h + cum)[::-1])[::-1]
        bwd[i] = rev - cum
    return bwd  # type: ignore[return-value]
