"""Bead scores: length, anchors, embeddings and structure combined into one number.

A bead covering `a` source and `b` target segments scores `(a + b) * q`, where `q` is
its per-segment quality; a segment left unaligned scores `skip`. Weighting by the
number of segments makes a 2-2 bead compete fairly with two 1-1 beads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from workbench.align.partial import partial_match

# Bead shapes (source count, target count) the search considers.
BEAD_TYPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1),
                                           (1, 0), (0, 1))
MAX_SPAN = 3
DOT_MATRIX_CELLS = 4_000_000  # sentence pairs up to which all dot products are computed


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
    merge_penalty: tuple[float, float, float, float] = (0.0, 0.04, 0.05, 0.08)  # 1-1, 1-2, 2-2, 1-3
    split_slope: float = 0.75  # extra 2-2 cost per unit of evidence it splits into 1-1s
    block_penalty: float = 0.5  # crossing a block boundary, or pairing blocks of two kinds
    part_penalty: float = 0.1  # per sentence of a segment a 1-1 bead leaves unmatched
    local_rounds: int = 3  # searches of the local pass (local.py); 0: none
    earn_margin: float = 0.15  # evidence an edge segment of a merge must show (local.py)
    earn_slope: float = 2.0  # cost per segment per unit it falls short of that
    margin_k: int = 0  # > 0: unrelated level per segment from its k nearest neighbours
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
    blank: np.ndarray | None = None  # (n,) True for empty or whitespace-only segments
    # segments of several sentences: index -> (unit vectors (k, d), lengths (k,)) of them
    parts: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    lang: str = ""
    fragment: np.ndarray | None = None  # (n,) True for a piece cut off at an excerpt's edge
    texts: Sequence[str] = ()  # the segments themselves (for joined-text embeddings)

    def __post_init__(self) -> None:
        n = len(self.lengths)
        self.n = n
        self.len_cum = np.concatenate(([0.0], np.cumsum(self.lengths, dtype=np.float64)))
        self.span_vectors: dict[int, np.ndarray] = {}  # unit vector of each span's sum
        self.span_norms: dict[int, np.ndarray] = {}  # length of each span's sum
        if self.vectors is not None and n:
            cum = np.vstack((np.zeros((1, self.vectors.shape[1]), np.float32),
                             np.cumsum(self.vectors, axis=0, dtype=np.float32)))
            for a in range(1, MAX_SPAN + 1):
                span = np.zeros_like(cum)
                span[a:] = cum[a:] - cum[:-a]
                norms = np.maximum(np.linalg.norm(span, axis=1), 1e-9)
                self.span_vectors[a] = span / norms[:, None]
                self.span_norms[a] = norms

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
    """Scores of every bead type ending at each cell (i, j) of a band: i source and j
    target segments used. Cell (i, j) sits at column j - lo[i] of row i."""

    def __init__(self, src: Side, tgt: Side, ratio: float, params: Params,
                 weights: dict[str, tuple[float, float]]) -> None:
        self.src, self.tgt, self.ratio, self.p = src, tgt, ratio, params
        self.weights = weights
        # per segment: (sum of match weights, sum of miss weights) of its keys
        self.src_key_cum = _key_cum(src.keys, weights)
        self.tgt_key_cum = _key_cum(tgt.keys, weights)
        positions: dict[str, list[int]] = {}
        for index, keys in enumerate(tgt.keys):
            for key in keys:
                positions.setdefault(key, []).append(index)
        self.tgt_positions: dict[str, np.ndarray] = {k: np.array(v)
                                                     for k, v in positions.items()}
        self.src_skip = np.full(src.n, params.skip)
        self.tgt_skip = np.full(tgt.n, params.skip)
        self._hub = self._hubness() if params.embed_weight else None
        # score changes of single cells (a, b, i, j), from the local pass (local.py)
        self.adjust: dict[tuple[int, int, int, int], float] = {}

    def _anchor_pairs(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, ...]:
        """(source index, target index, match weight, miss weight) of every key shared by a
        source and a target segment that some bead of the band could pair."""
        n = self.src.n
        rows_s, rows_t, rows_w = [], [], []
        for s, keys in enumerate(self.src.keys):
            t_min = lo[s + 1] - MAX_SPAN
            t_max = hi[min(s + MAX_SPAN, n)]
            for key in keys:
                pos = self.tgt_positions.get(key)
                if pos is None:
                    continue
                pos = pos[(pos >= t_min) & (pos < t_max)]
                if len(pos):
                    rows_s.append(np.full(len(pos), s))
                    rows_t.append(pos)
                    rows_w.append(np.tile(self.weights[key], (len(pos), 1)))
        if not rows_s:
            return np.zeros(0, int), np.zeros(0, int), np.zeros((0, 2))
        return np.concatenate(rows_s), np.concatenate(rows_t), np.vstack(rows_w)

    def band(self, lo: np.ndarray, hi: np.ndarray) -> dict[tuple[int, int], np.ndarray]:
        """Scores (n + 1, W) of every bead type with both sides non-empty; -inf off the band."""
        p, src, tgt = self.p, self.src, self.tgt
        n, width = src.n, int((hi - lo).max()) + 1
        rows = np.arange(n + 1)
        cols = lo[:, None] + np.arange(width)[None, :]  # j of each cell
        in_band = cols <= hi[:, None]
        cols = np.minimum(cols, tgt.n)
        pairs = self._anchor_pairs(lo, hi) if p.anchor_weight else None
        dots = self._dot_cum() if p.embed_weight and src.span_vectors else None
        out: dict[tuple[int, int], np.ndarray] = {}
        for a, b in BEAD_TYPES:
            if not a or not b:
                continue
            ii = np.minimum(np.maximum(rows, a), n)  # cells off the grid get -inf below
            jj = np.minimum(np.maximum(cols, b), tgt.n)
            q = p.length_weight * self._length_loglik(a, b, ii, jj)
            if p.embed_weight and src.span_vectors:
                q += p.embed_weight * (self._cosines(a, b, ii, jj, dots)
                                       - self._baseline(a, b, ii, jj))
                if a == b == 1 and (src.parts or tgt.parts):
                    q = np.maximum(q, partial_match(self, lo, hi, width))
            if pairs is not None:
                q += p.anchor_weight * self._anchor_score(pairs, a, b, lo, ii, jj, width)
            q += p.base - p.merge_cost(a, b)
            if a == b == 2 and p.embed_weight and src.span_vectors and p.split_slope:
                q -= p.split_slope * p.embed_weight * self._split_evidence(ii, jj, dots)
            if src.blocks is not None and tgt.blocks is not None:
                q -= p.block_penalty * self._crosses_structure(a, b, ii, jj)
            score = (a + b) * q
            for (ca, cb, i, j), delta in self.adjust.items():
                if (ca, cb) == (a, b) and 0 <= j - lo[i] < width:
                    score[i, j - lo[i]] += delta
            score[~in_band | (cols < b) | (rows < a)[:, None]] = -np.inf
            out[(a, b)] = score
        return out

    def _baseline(self, a: int, b: int, ii: np.ndarray, jj: np.ndarray) -> np.ndarray | float:
        """The cosine an unrelated pair would have: `embed_mean`, or with `margin_k` that
        shifted per segment by how much its k nearest neighbours on the other side exceed
        the document's average (a margin, as in Artetxe & Schwenk's mining)."""
        p = self.p
        if not p.margin_k or self._hub is None:
            return p.embed_mean
        hs, ht = self._hub
        cs = np.concatenate(([0.0], np.cumsum(hs)))
        ct = np.concatenate(([0.0], np.cumsum(ht)))
        src = (cs[ii] - cs[np.maximum(ii - a, 0)]) / a
        tgt = (ct[jj] - ct[np.maximum(jj - b, 0)]) / b
        return p.embed_mean + (src[:, None] + tgt) / 2

    def _hubness(self) -> tuple[np.ndarray, np.ndarray] | None:
        src, tgt, k = self.src.vectors, self.tgt.vectors, self.p.margin_k
        if not k or src is None or tgt is None or self.src.n * self.tgt.n > DOT_MATRIX_CELLS:
            return None
        sims = src @ tgt.T
        ks, kt = min(k, sims.shape[1]), min(k, sims.shape[0])
        hs = np.sort(sims, axis=1)[:, -ks:].mean(axis=1)
        ht = np.sort(sims, axis=0)[-kt:, :].mean(axis=0)
        return hs - hs.mean(), ht - ht.mean()

    def _length_loglik(self, a: int, b: int, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        return self.length_loglik(self.src.span_length(ii, a)[:, None],
                                  self.tgt.span_length(jj, b))

    def length_loglik(self, lx: np.ndarray, ly: np.ndarray) -> np.ndarray:
        """Gale–Church: the target length against ratio × the source length, as a
        Student-t log-likelihood (heavy tails: loose translations are not impossible)."""
        p = self.p
        mean = self.ratio * lx
        delta = (ly - mean) / np.sqrt(p.length_var * (mean + ly) / 2 + 1.0)
        return -(p.length_dof + 1) / 2 * np.log1p(delta * delta / p.length_dof)

    def _crosses_structure(self, a: int, b: int, ii: np.ndarray, jj: np.ndarray) -> np.ndarray:
        """True where a bead spans two blocks on a side, or pairs blocks of two kinds."""
        src, tgt = self.src, self.tgt
        cross = src.crosses_block(ii, a)[:, None] | tgt.crosses_block(jj.ravel(), b
                                                                     ).reshape(jj.shape)
        if src.kinds is not None and tgt.kinds is not None:
            cross |= tgt.kinds[jj - 1] != src.kinds[ii - 1][:, None]
        return cross

    def _split_evidence(self, ii: np.ndarray, jj: np.ndarray, dots: np.ndarray | None
                        ) -> np.ndarray:
        """How well a 2-2 bead splits into two 1-1 beads: the weaker of its two diagonal
        sentence-pair cosines above the unrelated level. A true 2-2 (boundaries that
        cross) has a poor diagonal; two good 1-1 pairs merged have none."""
        first = self._cosines(1, 1, np.maximum(ii - 1, 1), np.maximum(jj - 1, 1), dots)
        second = self._cosines(1, 1, ii, jj, dots)
        return np.maximum(np.minimum(first, second) - self.p.embed_mean, 0.0)

    def _dot_cum(self) -> np.ndarray | None:
        """2-D cumulative sums of all sentence-pair dot products, when that fits in memory:
        the cosine of any span pair is then four look-ups (a span's vector is the sum of
        its sentences' vectors), instead of a 512-wide product per cell."""
        n, m = self.src.n, self.tgt.n
        src, tgt = self.src.vectors, self.tgt.vectors
        if n * m > DOT_MATRIX_CELLS or src is None or tgt is None:
            return None
        cum = np.zeros((n + 1, m + 1))
        cum[1:, 1:] = (src @ tgt.T).cumsum(0, dtype=np.float64).cumsum(1)
        return cum

    def _cosines(self, a: int, b: int, ii: np.ndarray, jj: np.ndarray,
                 dots: np.ndarray | None) -> np.ndarray:
        if dots is not None:
            i0, j0 = np.maximum(ii - a, 0)[:, None], np.maximum(jj - b, 0)
            i1 = ii[:, None]
            num = dots[i1, jj] - dots[i0, jj] - dots[i1, j0] + dots[i0, j0]
            return num / (self.src.span_norms[a][ii][:, None] * self.tgt.span_norms[b][jj])
        src_vec, tgt_vec = self.src.span_vectors[a], self.tgt.span_vectors[b]
        out = np.empty(jj.shape, dtype=np.float32)
        for start in range(0, len(ii), 256):
            stop = start + 256
            out[start:stop] = np.einsum("id,iwd->iw", src_vec[ii[start:stop]],
                                        tgt_vec[jj[start:stop]])
        return out

    def _anchor_score(self, pairs, a: int, b: int, lo: np.ndarray, ii: np.ndarray,
                      jj: np.ndarray, width: int) -> np.ndarray:
        """Shared anchor weight minus half the unmatched, normalised by the keys present."""
        s_idx, t_idx, wts = pairs
        n = self.src.n
        matched = np.zeros((n + 1, width, 2))
        for da in range(a):
            for db in range(b):
                i = s_idx + 1 + da
                j = t_idx + 1 + db
                ok = i <= n
                i, j, w = i[ok], j[ok], wts[ok]
                col = j - lo[i]
                ok = (col >= 0) & (col < width)
                np.add.at(matched, (i[ok], col[ok]), w[ok])
        tx = self.src_key_cum[ii] - self.src_key_cum[np.maximum(ii - a, 0)]  # (n+1, 2)
        ty = self.tgt_key_cum[jj] - self.tgt_key_cum[np.maximum(jj - b, 0)]  # (n+1, W, 2)
        both = np.minimum(matched, np.minimum(tx[:, None, :], ty))
        unmatched = tx[:, None, 1] + ty[..., 1] - 2 * both[..., 1]
        return (both[..., 0] - 0.5 * unmatched) / (1 + 0.5 * (tx[:, None, 0] + ty[..., 0]))


def _key_cum(keys: list[set[str]], weights: dict[str, tuple[float, float]]) -> np.ndarray:
    totals = np.array([[sum(weights[k][c] for k in ks) for c in (0, 1)] for ks in keys])
    return np.vstack((np.zeros((1, 2)), np.cumsum(totals.reshape(-1, 2), axis=0)))


_TYPE_SET = set(BEAD_TYPES)


def is_fragment(texts: Sequence[str], k: int) -> bool:
    """Whether segment k is a piece of a sentence cut off where an excerpt ends or begins:
    the last segment ending in a letter with no closing punctuation, or the first one
    starting in lower case. Such a piece carries too little evidence to be sure of."""
    text = texts[k].strip()
    if not text:
        return False
    if k == len(texts) - 1 and len(texts) > 1 and text[-1].isalpha():
        return True
    return k == 0 and len(texts) > 1 and text[0].islower()


def make_side(texts: Sequence[str], keys: list[set[str]], vectors: np.ndarray | None,
              blocks: Sequence[int] | None = None, kinds: Sequence[int] | None = None,
              lang: str = "") -> Side:
    lengths = np.array([len(t) for t in texts], dtype=np.float64)
    return Side(lengths=lengths, keys=keys, vectors=vectors, lang=lang, texts=tuple(texts),
                fragment=np.array([is_fragment(texts, k) for k in range(len(texts))],
                                  dtype=bool),
                blocks=None if blocks is None else np.asarray(blocks),
                kinds=None if kinds is None else np.asarray(kinds),
                blank=np.array([not t.strip() for t in texts], dtype=bool))
