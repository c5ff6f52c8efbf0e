"""Sentence splitting inside a paragraph (first version: razdel for both languages)."""

from __future__ import annotations

import re

_PARA = re.compile(r"[^\n]+(?:\n[^\S\n]*\S[^\n]*)*")


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Runs of non-blank lines, as (start, end) with surrounding whitespace trimmed."""
    spans = []
    for m in _PARA.finditer(text):
        s, e = m.start(), m.end()
        chunk = text[s:e]
        if not chunk.strip():
            continue
        s += len(chunk) - len(chunk.lstrip())
        e -= len(chunk) - len(chunk.rstrip())
        spans.append((s, e))
    return spans


def split_sentences(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    return [(start + s.start, start + s.stop) for s in sentenize(text[start:end])]
