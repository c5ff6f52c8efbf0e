"""Bead scores: length, anchors, embeddings and structure combined into one number.

A bead covering `a` source and `b` target segments scores `(a + b) * q`, where `q` is
its per-segment quality; a segment left unaligned scores `skip`. Weighting by the
number of segments makes a 2-2 bead compete fairly with two 1-1 beads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Bead shapes (source count, target count) the search considers.
BEAD_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1),
                                           (1, 0), (0, 1))
MAX_SPAN = 3


@dataclass(frozen=True)
class Params:
    """Weights of the signals. Two presets: with embeddings, and length + anchors only."""

    embed_weight: float = 1.0
    embed_mean: float = 0.35  # cosine of a typical unrelated pair (USE v3, ru–en)
    length_weight: float = 0.04
    length_var: float = 6.0  # Gale–Church variance per character
    length_dof: float = 4.0  # Student-t tail: loose translations are not impossible
    anchor_weight: float = 0.15
    base: float = 0.0  # per-segment quality bonus of any pairing
    skip: float = -0.05  # per-segment score of a 1-0 or 0-1 bead
    merge_penalty: tuple[float, float, float, float] = (0.0, 0.04, 0.20, 0.08)  # 1-1, 1-2, 2-2, 1-3
    block_penalty: float = 0.5  # crossing a block boundary, or pairing blocks of two kinds
    temperature: float = 0.1  # softness of the posterior behind confidence

    def merge_cost(self, a: int, b: int) -> float:
        if a == 1 and b == 1:
            return self.merge_penalty[0]
        if a + b == 3:
            return self.merge_penalty[1]
        return self.merge_penalty[2] if a == b else self.merge_penalty[3]


EMBEDDING_PARAMS = Params()
LENGTH_PARAMS = Params(embed_weight=0.0, base=0.5, skip=0.1, length_weight=0.08,
                       anchor_weight=0.3, merge_penalty=(0.0, 0.15, 0.3, 0.2))


@dataclass
class Side:
    """Per-segment features of one side, with span sums for spans of 1..MAX_SPAN segments."""

    lengths: np.ndarray  # (n,) characters
    keys: list[set[str]]
    vectors: np.ndarray | None = None  # (n, d) unit vectors
    blocks: np.ndarray | None = None  # (n,) block index
    kinds: np.ndarray | None = None  # (n,) block kind code

    def __post_init__(self) -> None:
        n = len(self.lengths)
        self.n = n
        self.len_cum = np.concatenate(([0.0], np.cumsum(self.lengths, dtype=np.float64)))
        self.span_vectors: dict[int, np.ndarray] = {}
        if self.vectors is not None and n:
            cum = np.vstack((np.zeros((1, self.vectors.shape[1]), np.float32),
                             np.cumsum(self.vectors, axis=0, dtype=np.float32)))
            for a in range(1, MAX_SPAN + 1):
                span = np.zeros_like(cum)
                span[a:] = cum[a:] - cum[:-a]
                norms = np.linalg.norm(span, axis=1, keepdims=True)
                self.span_vectors[a] = span / np.maximum(norms, 1e-9)

    def span_length(self, ends: np.ndarray, a: int) -> np.ndarray:
        return self.len_cum[ends] - self.len_cum[np.maximum(ends - a, 0)]

    def crosses_block(self, ends: np.ndarray, a: int) -> np.ndarray:
        """True where the span of `a` segments ending before `ends` spans two blocks."""
        if self.blocks is None or a == 1:
            return np.zeros(len(ends), bool)
        first = np.clip(ends - a, 0, max(self.n - 1, 0))
        last = np.clip(ends - 1, 0, max(self.n - 1, 0))
        return self.blocks[first] != self.blocks[last]


class Scorer:
    """Scores of every bead type ending at a cell (i, j): i source and j target segments used."""

    def __init__(self, src: Side, tgt: Side, ratio: float, params: Params,
                 weights: dict[str, tuple[float, float]]) -> None:
        self.src, self.tgt, self.ratio, self.p = src, tgt, ratio, params
        self.weights = weights
        # per segment: (sum of match weights, sum of miss weights) of its keys
        self.src_key_total = np.array([[sum(weights[k][c] for k in ks) for c in (0, 1)]
                                       for ks in src.keys]).reshape(-1, 2)
        tgt_total = np.array([[sum(weights[k][c] for k in ks) for c in (0, 1)]
                              for ks in tgt.keys]).reshape(-1, 2)
        self.tgt_key_cum = np.vstack((np.zeros((1, 2)), np.cumsum(tgt_total, axis=0)))
        self.tgt_positions: dict[str, list[int]] = {}
        for index, keys in enumerate(tgt.keys):
            for key in keys:
                self.tgt_positions.setdefault(key, []).append(index)
        self.src_skip = np.full(src.n, params.skip)
        self.tgt_skip = np.full(tgt.n, params.skip)

    def _anchor_matches(self, i: int, a: int, lo: int, hi: int) -> np.ndarray:
        """Weight of target keys per target segment in [lo - MAX_SPAN, hi) shared with the
        source span of `a` segments ending at i."""
        hits = np.zeros((hi - lo + MAX_SPAN, 2))
        keys = set().union(*self.src.keys[i - a:i])
        base = lo - MAX_SPAN
        for key in keys:
            for t in self.tgt_positions.get(key, ()):
                if base <= t < hi:
                    hits[t - base] += self.weights[key]
        return hits

    def row(self, i: int, lo: int, hi: int) -> dict[tuple[int, int], np.ndarray]:
        """Scores of every bead type with both sides non-empty ending at (i, j), j in [lo, hi]."""
        p, src, tgt = self.p, self.src, self.tgt
        js = np.arange(lo, hi + 1)
        out: dict[tuple[int, int], np.ndarray] = {}
        for a in range(1, min(i, MAX_SPAN) + 1):
            lx = src.span_length(np.array([i]), a)[0]
            hits_cum = None
            tx, tx_miss = self.src_key_total[i - a:i].sum(axis=0)
            if p.anchor_weight:
                hits = (self._anchor_matches(i, a, lo, hi) if tx > 0
                        else np.zeros((hi - lo + MAX_SPAN, 2)))
                hits_cum = np.vstack((np.zeros((1, 2)), np.cumsum(hits, axis=0)))
            src_cross = a > 1 and src.blocks is not None and src.blocks[i - a] != src.blocks[i - 1]
            for b in range(1, MAX_SPAN + 1):
                if (a, b) not in _TYPE_SET:
                    continue
                jj = np.maximum(js, b)
                ly = tgt.span_length(jj, b)
                mean = self.ratio * lx
                delta = (ly - mean) / np.sqrt(p.length_var * (mean + ly) / 2 + 1.0)
                q = -p.length_weight * (p.length_dof + 1) / 2 * np.log1p(
                    delta * delta / p.length_dof)
                if p.embed_weight and src.span_vectors:
                    cos = tgt.span_vectors[b][jj] @ src.span_vectors[a][i]
                    q += p.embed_weight * (cos - p.embed_mean)
                if hits_cum is not None:
                    # hits index t - (lo - MAX_SPAN); span [j - b, j) → [j-b-lo+M, j-lo+M)
                    end = js - lo + MAX_SPAN
                    matched = hits_cum[end] - hits_cum[end - b]
                    ty = self.tgt_key_cum[jj] - self.tgt_key_cum[jj - b]
                    match = np.minimum(matched[:, 0], np.minimum(tx, ty[:, 0]))
                    miss_match = np.minimum(matched[:, 1], np.minimum(tx_miss, ty[:, 1]))
                    unmatched = tx_miss + ty[:, 1] - 2 * miss_match
                    q += p.anchor_weight * (match - 0.5 * unmatched) / (1 + 0.5 * (tx + ty[:, 0]))
                q += p.base - p.merge_cost(a, b)
                if src.blocks is not None and tgt.blocks is not None:
                    cross = tgt.crosses_block(jj, b) | src_cross
                    if src.kinds is not None and tgt.kinds is not None:
                        cross |= tgt.kinds[jj - 1] != src.kinds[i - 1]
                    q -= p.block_penalty * cross
                score = (a + b) * q
                score[js < b] = -np.inf
                out[(a, b)] = score
        return out


_TYPE_SET = set(BEAD_TYPES)


def make_side(texts: Sequence[str], keys: list[set[str]], vectors: np.ndarray | None,
              blocks: Sequence[int] | None = None, kinds: Sequence[int] | None = None) -> Side:
    lengths = np.array([len(t) for t in texts], dtype=np.float64)
    return Side(lengths=lengths, keys=keys, vectors=vectors,
                blocks=None if blocks is None else np.asarray(blocks),
                kinds=None if kinds is None else np.asarray(kinds))
