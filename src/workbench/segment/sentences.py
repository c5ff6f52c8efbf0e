"""Sentence boundaries inside one logical line (a paragraph's joined lines).

A generic punctuation splitter: a candidate boundary is terminal punctuation (with any
closing quotes, brackets or `**`) followed by whitespace; each language decides whether a
candidate is a boundary from the token before it and the text after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

CANDIDATE = re.compile(r"[.!?…]+(?:[\"'”’»)\]]|\*\*)*(?=\s)")
OPENERS = "\"'“‘«„([*"

Decider = Callable[[str, str, str], bool]


def previous_token(text: str, end: int) -> str:
    """The whitespace-delimited token ending at `end`, without opening quotes/brackets."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(OPENERS)


def generic_decider(token: str, punct: str, following: str) -> bool:
    """Boundary unless the next word starts lower-case or the token is a single initial."""
    first = following[:1]
    if not first or first.islower():
        return False
    return not ("." in punct and len(token) == 1 and token.isupper())


def split_with(text: str, decide: Decider = generic_decider) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, whitespace trimmed, covering all its words."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in CANDIDATE.finditer(text):
        q = m.end()
        while q < len(text) and text[q].isspace():
            q += 1
        if q >= len(text):
            break
        token = previous_token(text, m.start())
        if decide(token, m.group(), text[q:q + 40]):
            spans.append((start, m.end()))
            start = q
    spans.append((start, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` (one logical line) for `lang`."""
    from workbench.segment.rules import rules_for

    splitter = rules_for(lang).split_sentences
    if splitter is None:
        return split_with(text)
    return splitter(text)
