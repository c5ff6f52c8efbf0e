"""Blocks and sentences: `segment_side(text, lang) -> (blocks, segments)`."""

from __future__ import annotations

from workbench.model import Block, BlockKind, Segment


def segment_side(text: str, lang: str) -> tuple[list[Block], list[Segment]]:
    """Split a side's text into typed blocks and segments with offsets into `text`."""
    from workbench.langid import detect
    from workbench.segment.sentences import split_paragraphs, split_sentences

    blocks: list[Block] = []
    segments: list[Segment] = []
    for start, end in split_paragraphs(text):
        blocks.append(Block(BlockKind.BODY, start, end))
        for s, e in split_sentences(text, start, end, lang):
            seg_text = text[s:e]
            segments.append(Segment(seg_text, s, e, BlockKind.BODY, detect(seg_text, lang),
                                    len(blocks) - 1))
    return blocks, segments
