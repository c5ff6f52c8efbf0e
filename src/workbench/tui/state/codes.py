"""Inline codes as the English editor shows them: tags a translator reads, kept whole.

OmegaT shows another tool's markup as numbered tags (`<g1>` … `</g1>`, `<x2/>`), memoQ as
numbered tag markers; both keep a tag whole while the text around it is edited, and
insert "the next missing tag" of the source with one key. Here a code is shown as its
token (`workbench.inline.token`: ⟨1⟩ … ⟨/1⟩ a pair, ⟨2/⟩ a standalone code, ¦ a segment
boundary) — the same the unit table and the QA messages name it by — and this module
says where the tokens of a line are, where a cursor may stand, how far a deletion must
reach so that it takes a token whole, and which code is the next one missing. Saving
turns the tokens back into the unit's placeholders, exactly. No Textual import here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from workbench.inline import (
    BASE,
    CLOSE,
    OPEN,
    InlineCode,
    code_indices,
    missing_codes,
    numbers,
    placeholder,
    token,
)

Span = tuple[int, int]


@dataclass(frozen=True)
class EditorCodes:
    """One unit's codes as tokens. `tokens[i]` shows code `i`; `takes[t]` are the codes
    the occurrences of token `t` stand for, in order (several only where codes share a
    token, as segment boundaries all show ¦: the first ¦ of the English is the first
    boundary)."""

    tokens: tuple[str, ...] = ()
    takes: tuple[tuple[str, tuple[int, ...]], ...] = ()
    pattern: regex.Pattern[str] | None = None

    def show(self, text: str) -> str:
        """The stored English (placeholders) as the editor shows it (tokens)."""
        if not self.tokens:
            return text
        out = []
        for ch in text:
            i = ord(ch) - BASE
            out.append(self.tokens[i] if 0 <= i < len(self.tokens) else ch)
        return "".join(out)

    def store(self, shown: str) -> str:
        """The editor's text with its tokens back as the unit's placeholders."""
        if self.pattern is None:
            return shown
        takes = dict(self.takes)
        seen: dict[str, int] = {}

        def back(match: regex.Match[str]) -> str:
            indices = takes[match.group()]
            k = seen.get(match.group(), 0)
            seen[match.group()] = k + 1
            return placeholder(indices[min(k, len(indices) - 1)])

        return self.pattern.sub(back, shown)

    def spans(self, line: str) -> list[Span]:
        """[start, end) of each token in `line`."""
        if self.pattern is None:
            return []
        return [m.span() for m in self.pattern.finditer(line)]

    def inside(self, line: str, column: int) -> Span | None:
        """The token `column` falls strictly inside (a cursor there would split it)."""
        return next(((s, e) for s, e in self.spans(line) if s < column < e), None)

    def snap(self, line: str, column: int, toward: str = "nearest") -> int:
        """`column` moved out of a token: to its start ("left"), end ("right") or the
        nearer edge ("nearest", the end on a tie)."""
        span = self.inside(line, column)
        if span is None:
            return column
        start, end = span
        if toward == "left" or (toward == "nearest" and column - start < end - column):
            return start
        return end

    def looks_like_code(self, stored: str) -> str:
        """A token written as plain text in the stored English (it would be read as the
        code on saving), or "" when there is none."""
        found = self.pattern.search(stored) if self.pattern is not None else None
        return found.group() if found else ""


@lru_cache(maxsize=256)
def _editor_codes(codes: tuple[InlineCode, ...], target: str) -> EditorCodes:
    if not codes:
        return EditorCodes()
    shown = numbers(codes)
    tokens = tuple(token(code, shown[i]) for i, code in enumerate(codes))
    # Codes sharing a token are taken in the order the English has them, then the rest.
    order = list(dict.fromkeys(code_indices(target, codes)))
    order += [i for i in range(len(codes)) if i not in order]
    takes: dict[str, list[int]] = {}
    for i in order:
        takes.setdefault(tokens[i], []).append(i)
    alternatives = sorted(takes, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(t) for t in alternatives))
    return EditorCodes(tokens, tuple((t, tuple(v)) for t, v in takes.items()), pattern)


def editor_codes(codes: Sequence[InlineCode], target: str = "") -> EditorCodes:
    """The tokens of a unit with `codes` whose stored English is `target`."""
    return _editor_codes(tuple(codes), target)


@dataclass(frozen=True)
class Insertion:
    """What "insert the next missing code" puts in: `before` at the cursor (or the start
    of the selection) and `after` at the end of the selection ("" for a single code)."""

    before: str
    after: str = ""
    names: str = ""  # the tokens inserted, for the message


def next_missing(source: str, target: str, codes: Sequence[InlineCode],
                 *, selection: bool = False) -> Insertion | None:
    """The next code of the source (in its order) that the English lacks, or None.

    With text selected, an opening code whose closing code is missing too wraps the
    selection (memoQ's and OmegaT's habit for a paired tag)."""
    missing = missing_codes(source, target, codes)
    if not missing:
        return None
    view = editor_codes(codes, target)
    first = missing[0]
    code = codes[first]
    if selection and code.kind == OPEN:
        close = next((i for i in missing if codes[i].kind == CLOSE
                      and codes[i].pair == code.pair), None)
        if close is not None:
            return Insertion(view.tokens[first], view.tokens[close],
                             f"{view.tokens[first]}…{view.tokens[close]}")
    return Insertion(view.tokens[first], "", view.tokens[first])

