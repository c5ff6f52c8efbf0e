"""Confidence that means what it says: the probability that a bead is exactly right.

The search's posterior (forward–backward over all alignments) ranks beads well but is
not a probability one can read as such: it is high for a short fragment that nothing
else competes for, and for a segment left unaligned because its embedding is poor. So
each bead's evidence is read off the search, and a logistic model maps it to a
probability:

- the posterior (as log-odds), and how far the bead's own quality sits above zero;
- the cosine of its two sides' embeddings above the unrelated level (low when the
  embeddings disagree); for a 1-0/0-1 bead, the best pairing it turned down instead;
- its length fit (Gale–Church), whether it is a merge or stands alone, and whether a
  side is a short fragment (little text: little evidence);
- its posterior before the local pass rescored the merges (`local.py`): where the two
  passes disagree, the bead is less sure.

The weights were fitted by `bench/fit_align_confidence.py` on harder cases made from
half of the news benchmark's documents (`workbench.testing.align_cases`, seeds 101–120,
with that half's own gold) and checked on the other half and on the corpus gold, which
the fit never saw; see docs/alignment.md. One weight vector per mode: with embeddings,
and length + anchors only. The map is monotone: a higher posterior never lowers the
confidence (the fit keeps those weights positive).

A bead that joins segments or leaves one out, or one the search chose only after the
local pass (its posterior before was under one half), is never above `SHAPE_CAP`: those
are the beads whose errors look sure (in the fit data, one merge in 600 at the highest
posterior was wrong, and 4 of the 57 1-1 pairs the local pass made, against no other
1-1 pair above log-odds 3 of 9,000), so 0.99 and above is kept for 1-1 pairs both
passes agree on, and means "no need to look".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FEATURES = ("bias", "log_odds", "log_odds_null", "quality", "cosine", "cosine_null",
            "length", "null", "merge", "short", "log_odds_first")
SHAPE_CAP = 0.985  # most a merge or a 1-0/0-1 bead can be
SHORT_CHARS = 25  # a side this short (a fragment, a heading) carries little evidence
LOG_ODDS_CAP = 9.0

# Fitted weights, in the order of FEATURES (bench/fit_align_confidence.py --write).
WEIGHTS: dict[str, tuple[float, ...]] = {
    "embeddings": (
        2.225, 0.7441, -0.2136, 0.5759, 0.2721,
        0.2209, 0.1734, 0.251, -2.0172, 0.9341, 0.2671),
    "length": (
        -0.9733, 0.4516, -0.1748, 1.8671, 0.0,
        3.359, 0.1304, -0.4346, 0.7372, 0.2016, 0.4516),
}


def log_odds(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return float(np.clip(np.log(p / (1 - p)), -LOG_ODDS_CAP, LOG_ODDS_CAP))


def bead_features(posterior: float, *, null: bool, merge: bool, quality: float,
                  cosine: float, length: float, shortest: float,
                  first: float | None = None) -> np.ndarray:
    """The evidence of one bead as the model reads it (see FEATURES). `first` is the
    bead's posterior before the local pass rescored merges (the same when it did not)."""
    lo = log_odds(posterior)
    short = 1.0 if shortest < SHORT_CHARS else 0.0
    return np.array([1.0, lo, lo if null else 0.0, 0.0 if null else quality,
                     0.0 if null else cosine, cosine if null else 0.0,
                     0.0 if null else length, float(null), float(merge), short,
                     lo if first is None else log_odds(first)])


def calibrate(features: np.ndarray, mode: str) -> float:
    """Probability that the bead is right, from its features (one bead)."""
    x = np.asarray(features)
    p = float(1.0 / (1.0 + np.exp(-(x @ np.asarray(WEIGHTS[mode])))))
    if (x[FEATURES.index("null")] or x[FEATURES.index("merge")]
            or x[FEATURES.index("log_odds_first")] < 0):
        p = min(p, SHAPE_CAP)
    return p


def fit(rows: Sequence[np.ndarray], right: Sequence[bool], *, l2: float = 1.0,
        steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method (L2 on all weights but the bias), with
    the posterior's weights kept non-negative so the map stays monotone."""
    x = np.vstack(rows)
    y = np.asarray(right, dtype=float)
    w = np.zeros(x.shape[1])
    w[1] = 1.0
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        w[1] = max(w[1], 0.05)
        w[2] = max(w[2], -w[1] + 0.05)
        w[10] = max(w[10], 0.0)
        if np.abs(step).max() < 1e-8:
            break
    return w


def expected_calibration_error(confidences: Sequence[float], right: Sequence[bool],
                               bins: int = 10) -> tuple[float, list[tuple[float, float, int,
                                                                         float, float]]]:
    """ECE over equal-width bins, and each bin's (low, high, beads, mean confidence,
    accuracy)."""
    conf = np.asarray(confidences, dtype=float)
    ok = np.asarray(right, dtype=float)
    table = []
    ece = 0.0
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        inside = (conf >= low) & ((conf < high) if k < bins - 1 else (conf <= high))
        count = int(inside.sum())
        if not count:
            continue
        mean, acc = float(conf[inside].mean()), float(ok[inside].mean())
        ece += count / len(conf) * abs(mean - acc)
        table.append((low, high, count, mean, acc))
    return ece, table
