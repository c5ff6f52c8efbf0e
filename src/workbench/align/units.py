"""Units from alignment beads (the texts come from the document's segments), and the
fingerprint that ties a working file's segment indices to the document's segmentation."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

from workbench.align import align_document
from workbench.errors import WorkbenchError
from workbench.model import Bead, BlockKind, Document, HistoryEntry, Origin, Segment, State, Unit

_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def join_segments(segments: Sequence[Segment], indices: Sequence[int]) -> str:
    """Segments' text joined with a space, line breaks inside a segment become spaces."""
    return " ".join(_LINE_BREAK.sub(" ", segments[i].text).strip() for i in indices)


def side_segments(doc: Document, side: str) -> list[Segment]:
    part = doc.source if side == "source" else doc.target
    return [] if part is None else part.segments


def unit_kind(doc: Document, src: Sequence[int], tgt: Sequence[int]) -> BlockKind:
    if src:
        return side_segments(doc, "source")[src[0]].kind
    if tgt:
        return side_segments(doc, "target")[tgt[0]].kind
    return BlockKind.BODY


def source_text_in_target(doc: Document, tgt: Sequence[int], source_lang: str | None) -> bool:
    """Whether target segments with no source counterpart are in the source language: the
    Russian letterhead still at the top of an English file is text to translate, not
    English to review."""
    segments = side_segments(doc, "target")
    return bool(source_lang and tgt and source_lang != (doc.target.lang if doc.target else None)
                and all(segments[i].lang == source_lang for i in tgt))


def unit_from_bead(doc: Document, bead: Bead, unit_id: str, *, user: str, when: str,
                   source_lang: str | None = None) -> Unit:
    """A fresh unit: origin `aligned`; `translated` when it has English, else `initial`.

    A bead of target segments only, written in `source_lang` (default: the source side's
    language), becomes a unit whose source is that text and whose English is still empty."""
    src, tgt = list(bead.src), list(bead.tgt)
    source_lang = source_lang or (doc.source.lang if doc.source else None)
    in_target = not src and source_text_in_target(doc, tgt, source_lang)
    source_text = join_segments(side_segments(doc, "source"), src)
    target_text = join_segments(side_segments(doc, "target"), tgt)
    if in_target:
        source_text, target_text = target_text, ""
    state = State.TRANSLATED if target_text else State.INITIAL
    return Unit(id=unit_id, src=src, tgt=tgt, source_text=source_text, target_text=target_text,
                kind=unit_kind(doc, src, tgt), state=state, origin=Origin.ALIGNED,
                confidence=bead.confidence, source_in_target=in_target,
                created_by=user, created_at=when, changed_by=user, changed_at=when,
                history=[HistoryEntry(when=when, who=user, action="align", target=target_text,
                                      state=state, note=str(bead))])


def one_sided_beads(doc: Document) -> list[Bead]:
    """A document with one side only: one bead per segment of that side (furniture
    excluded). English-only documents thus get units with an empty source whose English
    can be reviewed; Russian-only documents get units waiting for English."""
    if doc.source is not None:
        return [Bead(src=(i,), tgt=(), confidence=1.0) for i, s in
                enumerate(doc.source.segments) if s.kind.aligned_by_default]
    if doc.target is not None:
        return [Bead(src=(), tgt=(i,), confidence=1.0) for i, s in
                enumerate(doc.target.segments) if s.kind.aligned_by_default]
    return []


def align_beads(doc: Document, locked: Sequence[Bead] = (), *,
                embeddings: bool = True, glossary: Any = None) -> list[Bead]:
    """Beads for `doc`: the aligner when both sides exist, else one-sided beads."""
    if doc.source is None or doc.target is None:
        return one_sided_beads(doc)
    return align_document(doc, locked=locked, embeddings=embeddings, glossary=glossary)


def segmentation_key(doc: Document) -> str:
    """Fingerprint of the document's segments (both sides). Unit indices point into these
    segments, so a working file records the key it was aligned with; when the
    segmenter's output changes, operations that use the indices refuse instead of
    attaching the wrong text."""
    digest = hashlib.sha1()
    for side in (doc.source, doc.target):
        for seg in side.segments if side is not None else ():
            digest.update(f"{seg.start}:{seg.end}\x00".encode())
        digest.update(b"|")
    return digest.hexdigest()[:16]


def check_segmentation(doc: Document, recorded: str, shown: str,
                       units: Sequence[Unit] = ()) -> None:
    """Raise when `recorded` (the working file's key) is not the document's current one,
    or when a unit points past the document's segments (a hand-damaged file)."""
    for unit in units:
        for side, indices in (("source", unit.src), ("target", unit.tgt)):
            if indices and max(indices) >= len(side_segments(doc, side)):
                raise WorkbenchError(
                    f"{doc.id} {unit.id}: {side} segment {max(indices)} does not exist "
                    f"(the document has {len(side_segments(doc, side))})", path=shown,
                    fix=f"repair the unit's indices or run `workbench realign {doc.id}`")
    if recorded and recorded != segmentation_key(doc):
        raise WorkbenchError(
            f"{doc.id}: the document's segmentation changed since {shown} was aligned; "
            "unit segment indices no longer match", path=shown,
            fix=f"run `workbench realign {doc.id}` (approved and locked units are checked "
            "and kept) and retry")
