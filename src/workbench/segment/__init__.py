"""Blocks and sentences: `segment_side(text, lang) -> (blocks, segments)`.

Text → logical lines (wrapped lines joined) → a block kind per line → blocks → segments:
sentences inside titles, salutations and prose; one segment per line elsewhere (letterhead,
signature and signatory lines, furniture). Each segment gets its language and damage flags.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import Block, BlockKind, Segment

_SENTENCE_KINDS = {BlockKind.BODY, BlockKind.TITLE, BlockKind.ADDRESSEE}


def segment_side(text: str, lang: str, languages: Sequence[str] | None = None
                 ) -> tuple[list[Block], list[Segment]]:
    """Split a side's text into typed blocks and segments with offsets into `text`;
    each segment's language is one of `languages` (`[langid] languages`; None: the
    default set) or `und`."""
    from workbench.corpus.damage import (
        ASCII_STRIPPED,
        segment_flags,
        strong_stripping_evidence,
        weak_stripping_flag,
    )
    from workbench.langid import detect
    from workbench.segment.blocks import classify, group_blocks
    from workbench.segment.lines import logical_lines
    from workbench.segment.rules import rules_for
    from workbench.segment.sentences import split_sentences

    rules = rules_for(lang)
    lines = logical_lines(text, rules)
    kinds = classify(lines, rules)
    blocks, owner = group_blocks(lines, kinds)
    stripped = any(strong_stripping_evidence(line.text) for line, kind in zip(lines, kinds,
                   strict=True) if kind is not BlockKind.FURNITURE)
    segments: list[Segment] = []
    for line, kind, block in zip(lines, kinds, owner, strict=True):
        spans = split_sentences(line.text, lang) if kind in _SENTENCE_KINDS else [
            (0, len(line.text))]
        for s, e in spans:
            seg_text = line.text[s:e]
            # Web furniture loses its links ("tagged , , , ."): no evidence of stripping.
            flags = segment_flags(seg_text, stripping=kind is not BlockKind.FURNITURE)
            if (stripped and kind is not BlockKind.FURNITURE
                    and not any(f.code == ASCII_STRIPPED for f in flags)):
                weak = weak_stripping_flag(seg_text)
                if weak is not None:
                    flags.append(weak)
            segments.append(Segment(seg_text, line.start + s, line.start + e, kind,
                                    detect(seg_text, lang, languages), block,
                                    tuple(flags)))
    return blocks, segments
