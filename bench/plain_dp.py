"""Baseline: a plain dynamic program over the same USE embeddings as the workbench.

No band, no anchors, no length model, no tuned weights: bead types 1-1, 1-2, 2-1, 2-2,
1-3, 3-1, 1-0, 0-1; a bead of a source and b target segments costs a × b × (1 − cosine
of its sides' summed vectors), as in Vecalign (without its normalisation); leaving a
segment out costs half of what pairing two unrelated segments would (the mean cosine of
all sentence pairs of the input, measured on the pair itself).
The benchmark runs it in the same process as the workbench aligner, on the same vectors.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.align.embeddings import embed
from workbench.model import Bead

TYPES = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 0), (0, 1))


def _spans(vectors: np.ndarray, size: int) -> np.ndarray:
    """Row k: the unit vector of the sum of the `size` vectors ending before k."""
    cum = np.vstack((np.zeros((1, vectors.shape[1])), np.cumsum(vectors, axis=0)))
    out = np.zeros_like(cum)
    out[size:] = cum[size:] - cum[:-size]
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def plain_dp(src: Sequence[str], tgt: Sequence[str]) -> list[Bead]:
    n, m = len(src), len(tgt)
    if not n or not m:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    x, y = embed(list(src)), embed(list(tgt))
    skip = (1.0 - float((x @ y.T).mean())) / 2  # half the cost of an unrelated pair
    sx = {a: _spans(x, a) for a in (1, 2, 3)}
    sy = {b: _spans(y, b) for b in (1, 2, 3)}
    cost = np.full((n + 1, m + 1), np.inf)
    back = np.zeros((n + 1, m + 1, 2), dtype=int)
    cost[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in TYPES:
                if a > i or b > j or (a == b == 0):
                    continue
                prev = cost[i - a, j - b]
                if not np.isfinite(prev):
                    continue
                step = a * b * (1.0 - float(sx[a][i] @ sy[b][j])) if a and b else skip
                if prev + step < cost[i, j]:
                    cost[i, j] = prev + step
                    back[i, j] = (a, b)
    beads = []
    i, j = n, m
    while i or j:
        a, b = back[i, j]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return beads[::-1]
