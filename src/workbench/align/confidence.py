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
  side is a short fragment (little text: little evidence).

The weights were fitted by `bench/fit_align_confidence.py` on harder cases made from
half of the news benchmark's documents (`workbench.testing.align_cases`, seeds 101–103,
with that half's own gold) and checked on the other half and on the corpus gold, which
the fit never saw; see docs/alignment.md. One weight vector per mode: with embeddings,
and length + anchors only. The map is monotone: a higher posterior never lowers the
confidence (the fit keeps that weight positive).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FEATURES = ("bias", "log_odds", "log_odds_null", "quality", "cosine", "cosine_null",
            "length", "null", "merge", "short")
SHORT_CHARS = 25  # a side this short (a fragment, a heading) carries little evidence
LOG_ODDS_CAP = 9.0

# Fitted weights, in the order of FEATURES (bench/fit_align_confidence.py --write).
WEIGHTS: dict[str, tuple[float, ...]] = {
    "embeddings": (
        2.2982, 1.2886, -0.4963, -0.0183, -0.0861,
        -0.0029, 0.2876, -1.1997, -2.693, -0.6197),
    "length": (
        -0.2513, 0.9596, 0.016, 0.6623, 0.0,
        0.9946, 0.1995, -0.2541, 0.3535, -0.014),
}


def log_odds(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return float(np.clip(np.log(p / (1 - p)), -LOG_ODDS_CAP, LOG_ODDS_CAP))


def bead_features(posterior: float, *, null: bool, merge: bool, quality: float,
                  cosine: float, length: float, shortest: float) -> np.ndarray:
    """The evidence of one bead as the model reads it (see FEATURES)."""
    lo = log_odds(posterior)
    short = 1.0 if shortest < SHORT_CHARS else 0.0
    return np.array([1.0, lo, lo if null else 0.0, 0.0 if null else quality,
                     0.0 if null else cosine, cosine if null else 0.0,
                     0.0 if null else length, float(null), float(merge), short])


def calibrate(features: np.ndarray, mode: str) -> float:
    """Probability that the bead is right, from its features (rows: beads, or one bead)."""
    z = np.asarray(features) @ np.asarray(WEIGHTS[mode])
    return float(1.0 / (1.0 + np.exp(-z)))


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
