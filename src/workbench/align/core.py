"""Aligning two lists of segments: features once, gaps between locked beads, band, search."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from workbench.align import anchors
from workbench.align.languages import char_ratio
from workbench.align.search import search
from workbench.align.signals import (
    EMBEDDING_PARAMS,
    LENGTH_PARAMS,
    Params,
    Scorer,
    Side,
    make_side,
)
from workbench.errors import WorkbenchError
from workbench.model import Bead

FULL_CELLS = 40_000  # up to ~200 × 200 the search covers every cell
COARSE_CHUNKS = 400  # above that, a first pass aligns chunks of segments to find a band
RATIO_PRIOR_CHARS = 2000.0  # the ratio estimate leans on the prior until this much text


def estimate_ratio(src: Sequence[str], tgt: Sequence[str], prior: float) -> float:
    """Target/source character ratio of this pair, shrunk towards the language-pair prior."""
    lx = sum(map(len, src))
    ly = sum(map(len, tgt))
    ratio = (ly + RATIO_PRIOR_CHARS * prior) / (lx + RATIO_PRIOR_CHARS)
    return float(min(max(ratio, prior / 2), prior * 2))


def check_locked(locked: Sequence[Bead], n: int, m: int) -> list[Bead]:
    """Locked beads sorted, in range, not overlapping and not crossing (else WorkbenchError)."""
    beads = sorted(locked, key=lambda b: (min(b.src, default=-1), min(b.tgt, default=-1)))
    last_src, last_tgt = -1, -1
    for bead in beads:
        if not bead.src and not bead.tgt:
            raise WorkbenchError(f"locked bead {bead} is empty", fix="drop it")
        for values, size in ((bead.src, n), (bead.tgt, m)):
            if any(not 0 <= v < size for v in values):
                raise WorkbenchError(f"locked bead {bead} points outside the {size} segments",
                                     fix="realign without that lock")
            if values and list(values) != list(range(values[0], values[0] + len(values))):
                raise WorkbenchError(f"locked bead {bead} is not a run of adjacent segments")
        if (bead.src and bead.src[0] <= last_src) or (bead.tgt and bead.tgt[0] <= last_tgt):
            raise WorkbenchError(f"locked bead {bead} overlaps or crosses another locked bead",
                                 fix="unlock one of them")
        last_src = bead.src[-1] if bead.src else last_src
        last_tgt = bead.tgt[-1] if bead.tgt else last_tgt
    return beads


def _band(side_src: Side, side_tgt: Side, scorer_for: Callable[[Side, Side], Scorer]
          ) -> tuple[np.ndarray, np.ndarray]:
    """Rows' column windows: everything when small, else around a coarse chunk alignment."""
    n, m = side_src.n, side_tgt.n
    if (n + 1) * (m + 1) <= FULL_CELLS:
        return np.zeros(n + 1, int), np.full(n + 1, m)
    k = math.ceil(max(n, m) / COARSE_CHUNKS)
    coarse_src, coarse_tgt = _chunk(side_src, k), _chunk(side_tgt, k)
    cn, cm = coarse_src.n, coarse_tgt.n
    path = search(scorer_for(coarse_src, coarse_tgt), np.zeros(cn + 1, int),
                  np.full(cn + 1, cm), with_confidence=False)
    width = k + 8  # the coarse path is right to within a chunk or so
    lo = np.full(n + 1, m)
    hi = np.zeros(n + 1, int)
    for a, b, ci, cj in path.steps:
        r0, r1 = min((ci - a) * k, n), min(ci * k, n)
        c0, c1 = max((cj - b) * k - width, 0), min(cj * k + width, m)
        lo[r0:r1 + 1] = np.minimum(lo[r0:r1 + 1], c0)
        hi[r0:r1 + 1] = np.maximum(hi[r0:r1 + 1], c1)
    lo[0], hi[n] = 0, m
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return lo, hi


def _chunk(side: Side, k: int) -> Side:
    """A side of chunks of k consecutive segments (lengths and keys summed, vectors pooled)."""
    starts = range(0, side.n, k)
    lengths = np.array([side.lengths[s:s + k].sum() for s in starts])
    keys = [set().union(*side.keys[s:s + k]) for s in starts]
    vectors = None
    if side.vectors is not None:
        pooled = np.add.reduceat(side.vectors, np.arange(0, side.n, k), axis=0)
        vectors = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
    return Side(lengths=lengths, keys=keys, vectors=vectors)


def _slice(side: Side, start: int, stop: int) -> Side:
    return _subset(side, np.arange(start, stop))


def _subset(side: Side, index: np.ndarray) -> Side:
    """The segments at `index` (blank flags dropped: callers take blanks out first)."""
    return Side(lengths=side.lengths[index], keys=[side.keys[k] for k in index],
                vectors=None if side.vectors is None else side.vectors[index],
                blocks=None if side.blocks is None else side.blocks[index],
                kinds=None if side.kinds is None else side.kinds[index],
                blank=None if side.blank is None else side.blank[index])


def _without_blanks(src: Side, tgt: Side, s0: int, t0: int, align) -> list[Bead] | None:
    """Align with empty segments taken out, then put each back as its own 1-0/0-1 bead
    (an empty line has nothing to translate; it must not pull a bead apart)."""
    blank_src = np.flatnonzero(src.blank) if src.blank is not None else np.zeros(0, int)
    blank_tgt = np.flatnonzero(tgt.blank) if tgt.blank is not None else np.zeros(0, int)
    if not len(blank_src) and not len(blank_tgt):
        return None
    keep_src = np.flatnonzero(~src.blank)
    keep_tgt = np.flatnonzero(~tgt.blank)
    inner = align(_subset(src, keep_src), _subset(tgt, keep_tgt))
    beads = [Bead(tuple(s0 + int(keep_src[k]) for k in b.src),
                  tuple(t0 + int(keep_tgt[k]) for k in b.tgt), b.confidence) for b in inner]
    inserts: list[tuple[int, int, Bead]] = []
    for order, (blanks, side) in enumerate(((blank_src, "src"), (blank_tgt, "tgt"))):
        offset = s0 if side == "src" else t0
        for k in blanks:
            index = offset + int(k)
            pos = next((p for p, b in enumerate(beads) if getattr(b, side)
                        and getattr(b, side)[0] > index), len(beads))
            bead = Bead((index,), (), 1.0) if side == "src" else Bead((), (index,), 1.0)
            inserts.append((pos, order, bead))
    out: list[Bead] = []
    pending = sorted(inserts, key=lambda x: (x[0], x[1], x[2].src or x[2].tgt))
    for pos, bead in enumerate([*beads, None]):
        out += [b for p, _, b in pending if p == pos]
        if bead is not None:
            out.append(bead)
    return out


def align_sides(src: Side, tgt: Side, *, ratio: float, params: Params,
                locked: Sequence[Bead] = ()) -> list[Bead]:
    """Align prepared sides, realigning only the gaps between `locked` beads."""
    weights = anchors.key_weights(src.keys, tgt.keys)
    beads: list[Bead] = []
    s0 = t0 = 0
    for bead in [*check_locked(locked, src.n, tgt.n), None]:
        s1 = bead.src[0] if bead and bead.src else (src.n if bead is None else s0)
        t1 = bead.tgt[0] if bead and bead.tgt else (tgt.n if bead is None else t0)
        beads += _align_gap(_slice(src, s0, s1), _slice(tgt, t0, t1), s0, t0, ratio, params,
                            weights)
        if bead is not None:
            beads.append(bead)
            s0 = bead.src[-1] + 1 if bead.src else s1
            t0 = bead.tgt[-1] + 1 if bead.tgt else t1
    return beads


def _align_gap(src: Side, tgt: Side, s0: int, t0: int, ratio: float, params: Params,
               weights: dict[str, tuple[float, float]]) -> list[Bead]:
    if src.n == 0 or tgt.n == 0:  # one-sided: nothing to pair, every segment stands alone
        return ([Bead((s0 + i,), (), 1.0) for i in range(src.n)]
                + [Bead((), (t0 + j,), 1.0) for j in range(tgt.n)])
    with_blanks = _without_blanks(src, tgt, s0, t0, lambda a, b: _align_gap(
        a, b, 0, 0, ratio, params, weights))
    if with_blanks is not None:
        return with_blanks

    def scorer_for(a: Side, b: Side) -> Scorer:
        return Scorer(a, b, ratio, params, weights)

    lo, hi = _band(src, tgt, scorer_for)
    path = search(scorer_for(src, tgt), lo, hi)
    return [Bead(tuple(range(s0 + i - a, s0 + i)), tuple(range(t0 + j - b, t0 + j)),
                 round(conf, 4))
            for (a, b, i, j), conf in zip(path.steps, path.confidences, strict=True)]


def prepare_side(texts: Sequence[str], lang: str, *, embeddings: bool,
                 term_ids: Callable[[str], Sequence[str]] | None = None,
                 blocks: Sequence[int] | None = None, kinds: Sequence[int] | None = None,
                 cache_path: str | None = None) -> Side:
    """Features of one side: lengths, anchor keys, and (if asked) embedding vectors."""
    vectors = None
    if embeddings and texts:
        from workbench.align.embeddings import embed

        vectors = embed(list(texts), cache_path=cache_path)
    return make_side(texts, anchors.side_keys(texts, lang, term_ids), vectors, blocks, kinds)


def align_texts(src: Sequence[str], tgt: Sequence[str], *, embeddings: bool = True,
                locked: Sequence[Bead] = (), source_lang: str = "ru", target_lang: str = "en",
                params: Params | None = None, cache_path: str | None = None) -> list[Bead]:
    """Beads in order covering every index of both lists once, each with a confidence."""
    params = params or (EMBEDDING_PARAMS if embeddings else LENGTH_PARAMS)
    src_side = prepare_side(src, source_lang, embeddings=embeddings, cache_path=cache_path)
    tgt_side = prepare_side(tgt, target_lang, embeddings=embeddings, cache_path=cache_path)
    ratio = estimate_ratio(src, tgt, char_ratio(source_lang, target_lang))
    return align_sides(src_side, tgt_side, ratio=ratio, params=params, locked=locked)
