"""Aligning two lists of segments: features once, gaps between locked beads, band, search."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from workbench.align import anchors
from workbench.align.confidence import bead_features, calibrate
from workbench.align.languages import char_ratio
from workbench.align.local import Embed, refine
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
FRAGMENT_CAP = 0.5  # a bead with a piece of a cut-off sentence is never more sure than this
SURE = 0.99  # length+anchors pairs this confident are kept when embeddings are asked for
RATIO_PRIOR_CHARS = 2000.0  # the ratio estimate leans on the prior until this much text


def estimate_ratio(src: Sequence[str], tgt: Sequence[str], prior: float) -> float:
    """Target/source character ratio of this pair, shrunk towards the language-pair prior."""
    lx = sum(map(len, src))
    ly = sum(map(len, tgt))
    ratio = (ly + RATIO_PRIOR_CHARS * prior) / (lx + RATIO_PRIOR_CHARS)
    return float(min(max(ratio, prior / 2), prior * 2))


def check_locked(locked: Sequence[Bead], n: int, m: int) -> tuple[list[Bead], list[Bead]]:
    """(paired locked beads in order, 1-0/0-1 locked beads), after checking that every bead
    is in range, a run of adjacent segments, and neither overlaps nor crosses another."""
    seen_src: set[int] = set()
    seen_tgt: set[int] = set()
    for bead in locked:
        if not bead.src and not bead.tgt:
            raise WorkbenchError(f"locked bead {bead} is empty", fix="drop it")
        for values, size, seen in ((bead.src, n, seen_src), (bead.tgt, m, seen_tgt)):
            if any(not 0 <= v < size for v in values):
                raise WorkbenchError(f"locked bead {bead} points outside the {size} segments",
                                     fix="realign without that lock")
            if values and list(values) != list(range(values[0], values[0] + len(values))):
                raise WorkbenchError(f"locked bead {bead} is not a run of adjacent segments")
            if seen & set(values):
                raise WorkbenchError(f"locked bead {bead} overlaps another locked bead",
                                     fix="unlock one of them")
            seen.update(values)
    paired = sorted((b for b in locked if b.src and b.tgt), key=lambda b: b.src[0])
    for before, after in itertools.pairwise(paired):
        if after.tgt[0] < before.tgt[0]:
            raise WorkbenchError(f"locked beads {before} and {after} cross",
                                 fix="unlock one of them")
    return paired, [b for b in locked if not (b.src and b.tgt)]


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


def _subset(side: Side, index: Sequence[int]) -> Side:
    """The segments at `index` (in order)."""
    rows = np.asarray(index, dtype=int)
    return Side(lengths=side.lengths[rows], keys=[side.keys[k] for k in rows],
                vectors=None if side.vectors is None else side.vectors[rows],
                blocks=None if side.blocks is None else side.blocks[rows],
                kinds=None if side.kinds is None else side.kinds[rows],
                blank=None if side.blank is None else side.blank[rows],
                fragment=None if side.fragment is None else side.fragment[rows],
                parts={new: side.parts[old] for new, old in enumerate(index)
                       if old in side.parts},
                lang=side.lang, texts=tuple(side.texts[k] for k in rows) if side.texts else ())


def _blank(side: Side) -> np.ndarray:
    return side.blank if side.blank is not None else np.zeros(side.n, dtype=bool)


def _set_aside(src: Side, tgt: Side, standalone: Sequence[Bead],
               align: Callable[[Side, Side, dict[int, int], dict[int, int]], list[Bead]]
               ) -> list[Bead]:
    """Align without the segments of the 1-0/0-1 beads `standalone`, then put those beads
    back in order. `align` gets the remaining sides and old → new index maps."""
    out_src = {i for b in standalone for i in b.src}
    out_tgt = {j for b in standalone for j in b.tgt}
    keep_src = [k for k in range(src.n) if k not in out_src]
    keep_tgt = [k for k in range(tgt.n) if k not in out_tgt]
    inner = align(_subset(src, keep_src), _subset(tgt, keep_tgt),
                  {k: p for p, k in enumerate(keep_src)}, {k: p for p, k in enumerate(keep_tgt)})
    beads = [dataclasses.replace(b, src=tuple(keep_src[k] for k in b.src),
                                 tgt=tuple(keep_tgt[k] for k in b.tgt)) for b in inner]
    inserts = []
    for bead in standalone:
        side = "src" if bead.src else "tgt"
        index = getattr(bead, side)[0]
        pos = next((p for p, b in enumerate(beads) if getattr(b, side)
                    and getattr(b, side)[0] > index), len(beads))
        inserts.append((pos, side == "tgt", index, bead))
    inserts.sort(key=lambda x: x[:3])
    out: list[Bead] = []
    k = 0
    for pos, item in enumerate([*beads, None]):
        while k < len(inserts) and inserts[k][0] == pos:
            out.append(inserts[k][3])
            k += 1
        if item is not None:
            out.append(item)
    return out


def align_sides(src: Side, tgt: Side, *, ratio: float, params: Params,
                locked: Sequence[Bead] = (), embed: Embed | None = None) -> list[Bead]:
    """Align prepared sides, realigning only the gaps between `locked` beads.

    Locked 1-0/0-1 beads and empty segments are set aside first (they pair with nothing,
    so they must not cut or pull the search); locked pairs split it into gaps. With
    `embed` (texts → vectors), the merges found are checked by the local pass."""
    weights = anchors.key_weights(src.keys, tgt.keys)
    paired, nulls = check_locked(locked, src.n, tgt.n)
    locked_src = {i for b in locked for i in b.src}
    locked_tgt = {j for b in locked for j in b.tgt}
    blanks = [Bead((int(k),), (), 1.0) for k in np.flatnonzero(_blank(src))
              if k not in locked_src]
    blanks += [Bead((), (int(k),), 1.0) for k in np.flatnonzero(_blank(tgt))
               if k not in locked_tgt]
    if not nulls and not blanks:
        return _align_around(src, tgt, paired, ratio, params, weights, embed)

    def inner(s: Side, t: Side, pos_src: dict[int, int], pos_tgt: dict[int, int]):
        moved = [Bead(tuple(pos_src[i] for i in b.src), tuple(pos_tgt[j] for j in b.tgt),
                      b.confidence) for b in paired]
        return _align_around(s, t, moved, ratio, params, weights, embed)

    return _set_aside(src, tgt, [*nulls, *blanks], inner)


def _align_around(src: Side, tgt: Side, paired: Sequence[Bead], ratio: float, params: Params,
                  weights: dict[str, tuple[float, float]], embed: Embed | None) -> list[Bead]:
    """Locked pairs (checked, in order) as they are; the gaps between them aligned."""
    beads: list[Bead] = []
    s0 = t0 = 0
    for bead in [*paired, None]:
        s1 = src.n if bead is None else bead.src[0]
        t1 = tgt.n if bead is None else bead.tgt[0]
        beads += _align_gap(_subset(src, range(s0, s1)), _subset(tgt, range(t0, t1)), s0, t0,
                            ratio, params, weights, embed)
        if bead is not None:
            beads.append(bead)
            s0, t0 = bead.src[-1] + 1, bead.tgt[-1] + 1
    return beads


def _align_gap(src: Side, tgt: Side, s0: int, t0: int, ratio: float, params: Params,
               weights: dict[str, tuple[float, float]], embed: Embed | None) -> list[Bead]:
    if src.n == 0 or tgt.n == 0:  # one-sided: nothing to pair, every segment stands alone
        return ([Bead((s0 + i,), (), 1.0) for i in range(src.n)]
                + [Bead((), (t0 + j,), 1.0) for j in range(tgt.n)])

    def scorer_for(a: Side, b: Side) -> Scorer:
        return Scorer(a, b, ratio, params, weights)

    lo, hi = _band(src, tgt, scorer_for)
    scorer = scorer_for(src, tgt)
    path = search(scorer, lo, hi)
    mode = "embeddings" if params.embed_weight and src.vectors is not None else "length"
    first = path
    if mode == "embeddings" and embed is not None and src.texts and tgt.texts:
        path = refine(scorer, lo, hi, path, embed, search)
    beads: list[Bead] = []
    for features, (a, b, i, j) in zip(evidence(scorer, path, lo, first), path.steps,
                                      strict=True):
        conf = calibrate(features, mode)
        if _has_fragment(src, i - a, i) or _has_fragment(tgt, j - b, j):
            conf = min(conf, FRAGMENT_CAP)
        beads.append(Scored(tuple(range(s0 + i - a, s0 + i)),
                            tuple(range(t0 + j - b, t0 + j)),
                            round(conf, 4), tuple(features), mode))
    return beads


def _has_fragment(side: Side, start: int, stop: int) -> bool:
    return side.fragment is not None and bool(side.fragment[start:stop].any())


@dataclasses.dataclass(frozen=True)
class Scored(Bead):
    """A bead with the evidence its confidence was computed from (for fitting the
    calibration; `align_texts` returns plain beads)."""

    features: tuple[float, ...] = ()
    mode: str = ""


def evidence(scorer: Scorer, path, lo: np.ndarray, first=None) -> list[np.ndarray]:
    """Features of each bead of `path` (see `confidence.bead_features`); `first`, the
    path before the local pass, gives each bead's posterior before it."""
    src, tgt, p = scorer.src, scorer.tgt, scorer.p
    band = path.band
    one = band[(1, 1)] / 2 if band is not None else None
    out = []
    for (a, b, i, j), post in zip(path.steps, path.confidences, strict=True):
        lengths = [src.lengths[k] for k in range(i - a, i)] + [
            tgt.lengths[k] for k in range(j - b, j)]
        if a and b:
            quality = float(band[(a, b)][i, j - lo[i]]) / (a + b) if band is not None else 0.0
            cosine = 0.0
            if src.vectors is not None and tgt.vectors is not None and p.embed_weight:
                x = src.vectors[i - a:i].sum(axis=0)
                y = tgt.vectors[j - b:j].sum(axis=0)
                cosine = float(x @ y / max(np.linalg.norm(x) * np.linalg.norm(y), 1e-9))
                cosine = p.embed_weight * (cosine - p.embed_mean)  # in USE's units
            length = float(scorer.length_loglik(np.array([src.lengths[i - a:i].sum()]),
                                                np.array([tgt.lengths[j - b:j].sum()]))[0])
        else:
            quality, length = 0.0, 0.0
            cosine = _best_alternative(one, lo, i, j, a) if one is not None else 0.0
        before = (post if first is None or first is path or first.posterior is None
                  else first.posterior(a, b, i, j))
        out.append(bead_features(post, null=not (a and b), merge=a + b > 2, quality=quality,
                                 cosine=cosine, length=length, shortest=min(lengths),
                                 first=before))
    return out


def _best_alternative(one: np.ndarray, lo: np.ndarray, i: int, j: int, a: int) -> float:
    """Best 1-1 quality the search could have given the segment of a 1-0 (a = 1) or
    0-1 bead ending at cell (i, j): high when it turned a good pairing down."""
    if a:
        row = one[i]
        finite = row[np.isfinite(row)]
    else:
        rows = np.arange(len(lo))
        cols = j - lo
        ok = (cols >= 0) & (cols < one.shape[1])
        vals = one[rows[ok], cols[ok]]
        finite = vals[np.isfinite(vals)]
    return float(finite.max()) if len(finite) else -1.0


def glossary_terms(glossary: Any, side: str) -> Callable[[str], list[str]] | None:
    """Term ids a glossary finds in a text (`match_source` / `match_target`), or None."""
    if glossary is None:
        return None
    match = glossary.match_source if side == "source" else glossary.match_target
    return lambda text: [hit.term_id for hit in match(text)]


def prepare_side(texts: Sequence[str], lang: str, *,
                 term_ids: Callable[[str], Sequence[str]] | None = None,
                 blocks: Sequence[int] | None = None, kinds: Sequence[int] | None = None) -> Side:
    """Features of one side without vectors: lengths, anchor keys, structure."""
    return make_side(texts, anchors.side_keys(texts, lang, term_ids), None, blocks, kinds,
                     lang)


def _with_vectors(side: Side, texts: Sequence[str], needed: Sequence[int],
                  embed: Embed, dim: int) -> Side:
    """The side with embedding vectors for the `needed` segments (zeros elsewhere: those
    segments are in kept beads and never scored)."""
    vectors = np.zeros((side.n, dim), dtype=np.float32)
    sentences = {k: spans for k in needed
                 if len(spans := _sentences(texts[k], side.lang)) > 1}
    extra = [texts[k][s:e] for k, spans in sentences.items() for s, e in spans]
    if len(needed):
        out = embed([texts[k] for k in needed] + extra)
        vectors[list(needed)] = out[:len(needed)]
        start = len(needed)
        parts = {}
        for k, spans in sentences.items():
            parts[k] = (out[start:start + len(spans)],
                        np.array([e - s for s, e in spans], dtype=np.float64))
            start += len(spans)
        return dataclasses.replace(side, vectors=vectors, parts=parts)
    return dataclasses.replace(side, vectors=vectors)


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside one segment (a line that joins several sentences)."""
    if not lang or len(text) < 40:
        return []
    from workbench.segment.sentences import split_sentences

    return split_sentences(text, lang)


def _sure_inside(beads: Sequence[Bead], locked: Sequence[Bead]) -> list[Bead]:
    """Pairs of a length+anchors pass sure enough to keep: confidence SURE or above, and
    so are the beads on either side of them (a drop or a merge next door is where that
    pass goes wrong, so the pairs at the edge of an unsure stretch are realigned)."""
    sure = [bool(b.src and b.tgt and b.confidence >= SURE) for b in beads]
    return [b for k, b in enumerate(beads)
            if sure[k] and (k == 0 or sure[k - 1]) and (k + 1 == len(beads) or sure[k + 1])
            and b not in locked]


def align_prepared(src_texts: Sequence[str], tgt_texts: Sequence[str], src: Side, tgt: Side,
                   *, ratio: float, embeddings: bool, locked: Sequence[Bead] = (),
                   params: Params | None = None, cache_path: str | None = None,
                   two_pass: bool = False, model: str | None = None) -> list[Bead]:
    """Align sides prepared without vectors.

    With embeddings, every segment is embedded by `model` (default: the one that covers
    both languages, `embeddings.model_for`; none does: length and anchors only). With
    `two_pass`, a length+anchors pass comes first and its pairs at confidence SURE or
    above are kept without embedding them: faster on long, clean pairs."""
    from workbench.align import embeddings as emb

    name = (model or emb.model_for(src.lang, tgt.lang)) if embeddings else None
    if name is None:
        return align_sides(src, tgt, ratio=ratio, params=params or LENGTH_PARAMS, locked=locked)
    keep = list(locked)
    if two_pass:
        first = align_sides(src, tgt, ratio=ratio, params=LENGTH_PARAMS, locked=locked)
        keep += _sure_inside(first, locked)
    kept_src = {i for b in keep for i in b.src}
    kept_tgt = {j for b in keep for j in b.tgt}
    spec = emb.MODELS[name]

    def embed(texts: Sequence[str]) -> np.ndarray:
        return emb.embed(texts, cache_path=cache_path, model=name)

    src = _with_vectors(src, src_texts, [k for k in range(src.n) if k not in kept_src],
                        embed, spec.dim)
    tgt = _with_vectors(tgt, tgt_texts, [k for k in range(tgt.n) if k not in kept_tgt],
                        embed, spec.dim)
    return align_sides(src, tgt, ratio=ratio, params=in_units(params or EMBEDDING_PARAMS,
                                                                spec),
                       locked=keep, embed=embed)


def in_units(params: Params, spec: Any) -> Params:
    """`params` for an embedding model whose cosines are not USE's: its unrelated level,
    and the embedding weight times how much narrower its cosines spread."""
    from workbench.align import embeddings as emb

    if spec.name == emb.DEFAULT:
        return params
    return dataclasses.replace(params, embed_mean=spec.unrelated,
                               embed_weight=params.embed_weight * spec.scale)


def align_texts(src: Sequence[str], tgt: Sequence[str], *, embeddings: bool = True,
                locked: Sequence[Bead] = (), source_lang: str = "ru", target_lang: str = "en",
                params: Params | None = None, cache_path: str | None = None,
                two_pass: bool = False, glossary: Any = None,
                model: str | None = None) -> list[Bead]:
    """Beads in order covering every index of both lists once, each with a confidence.
    A glossary (`workbench.glossary.Glossary`) makes its terms anchors; `model` names
    the embedding model (`embeddings.MODELS`; default: the one covering both languages)."""
    beads = align_scored(src, tgt, embeddings=embeddings, locked=locked,
                         source_lang=source_lang, target_lang=target_lang, params=params,
                         cache_path=cache_path, two_pass=two_pass, glossary=glossary,
                         model=model)
    return [b if type(b) is Bead else Bead(b.src, b.tgt, b.confidence) for b in beads]


def align_scored(src: Sequence[str], tgt: Sequence[str], *, embeddings: bool = True,
                 locked: Sequence[Bead] = (), source_lang: str = "ru", target_lang: str = "en",
                 params: Params | None = None, cache_path: str | None = None,
                 two_pass: bool = False, glossary: Any = None,
                 model: str | None = None) -> list[Bead]:
    """`align_texts`, with each computed bead a `Scored` bead carrying its evidence."""
    src_side = prepare_side(src, source_lang, term_ids=glossary_terms(glossary, "source"))
    tgt_side = prepare_side(tgt, target_lang, term_ids=glossary_terms(glossary, "target"))
    ratio = estimate_ratio(src, tgt, char_ratio(source_lang, target_lang))
    return align_prepared(src, tgt, src_side, tgt_side, ratio=ratio, embeddings=embeddings,
                          locked=locked, params=params, cache_path=cache_path,
                          two_pass=two_pass, model=model)
