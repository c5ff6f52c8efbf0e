"""Aligning a corpus document: structure first, furniture out, indices into its segments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.align.core import align_prepared, estimate_ratio, glossary_terms, prepare_side
from workbench.align.languages import char_ratio
from workbench.errors import WorkbenchError
from workbench.model import Bead, BlockKind, Document, Segment

_KIND_CODES = {kind: code for code, kind in enumerate(BlockKind)}


def _aligned(segments: Sequence[Segment]) -> list[int]:
    """Indices of the segments that take part in alignment (all but web furniture)."""
    return [k for k, seg in enumerate(segments) if seg.kind.aligned_by_default]


def align_document(doc: Document, *, locked: Sequence[Bead] = (), embeddings: bool = True,
                   glossary: Any = None) -> list[Bead]:
    """Beads over `doc.source.segments` / `doc.target.segments` (furniture in none).

    Block kinds and boundaries of both sides enter the search: a bead that pairs blocks
    of different kinds or spans two blocks pays `Params.block_penalty` per segment, so
    only strong evidence crosses a boundary. Locked beads come back as they were.
    """
    if doc.source is None or doc.target is None:
        missing = "source" if doc.source is None else "target"
        raise WorkbenchError(f"document {doc.id} has no {missing} side to align",
                             fix=f"add its {missing} text first")
    sides = []
    maps = []
    for name, side in (("source", doc.source), ("target", doc.target)):
        index = _aligned(side.segments)
        segs = [side.segments[k] for k in index]
        sides.append(prepare_side([s.text for s in segs], side.lang,
                                  term_ids=glossary_terms(glossary, name),
                                  blocks=[s.block for s in segs],
                                  kinds=[_KIND_CODES[s.kind] for s in segs]))
        maps.append(index)
    src_map, tgt_map = maps
    src_pos = {k: p for p, k in enumerate(src_map)}
    tgt_pos = {k: p for p, k in enumerate(tgt_map)}
    compact_locked = {}
    for bead in locked:
        compact = Bead(tuple(src_pos[k] for k in bead.src if k in src_pos),
                       tuple(tgt_pos[k] for k in bead.tgt if k in tgt_pos), bead.confidence)
        if compact.src or compact.tgt:
            compact_locked[(compact.src, compact.tgt)] = (compact, bead)
    src_texts = [doc.source.segments[k].text for k in src_map]
    tgt_texts = [doc.target.segments[k].text for k in tgt_map]
    ratio = estimate_ratio(src_texts, tgt_texts, char_ratio(doc.source.lang, doc.target.lang))
    beads = align_prepared(src_texts, tgt_texts, sides[0], sides[1], ratio=ratio,
                           embeddings=embeddings, locked=[c for c, _ in compact_locked.values()])
    out = []
    for bead in beads:
        original = compact_locked.get((bead.src, bead.tgt))
        if original is not None and bead == original[0]:
            out.append(original[1])
        else:
            out.append(Bead(tuple(src_map[p] for p in bead.src),
                            tuple(tgt_map[p] for p in bead.tgt), bead.confidence))
    return out
