"""Inline codes of other tools' markup (XLIFF `x`/`g`/`ph`/`pc`/`sc`/`ec`/`mrk`, TMX
`bpt`/`ept`/`ph`/`it`/`hi`), and segment boundaries inside a unit.

A unit's texts stay plain `str`: each code is ONE placeholder character from the
Supplementary Private Use Area-A, `chr(BASE + i)` for the unit's code `i`
(`Unit.codes[i]`), in the source and in the English alike. So a code can be moved or
deleted but never half-deleted, offsets (QA, glossary hits) stay offsets into the text,
and code that treats texts as text (diff, merge, search, undo) needs to know nothing.
A unit without codes is exactly as before: such characters in it are plain text.

The codecs (`workbench.formats.markup`) turn markup into placeholders and back; the
element a code came from is kept, so it goes back out as the same markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BASE = 0xF0000
OPEN, CLOSE, STANDALONE, BREAK = "open", "close", "standalone", "break"


@dataclass(frozen=True)
class InlineCode:
    """One inline code. `kind`: open / close (a pair shares `pair`), standalone, or break
    (a segment boundary: `data` is the text between the segments, `id` the id of the
    segment after it). `element` is the markup it came from ("g", "x", "bpt", "pc",
    "ph", "tmx:ph" …), `data` the native code it stands for (`<br/>`), `attrs` the other
    attributes to write back."""

    kind: str
    id: str
    element: str
    data: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    pair: str = ""

    def attr(self, name: str, default: str = "") -> str:
        return next((v for k, v in self.attrs if k == name), default)


def placeholder(index: int) -> str:
    return chr(BASE + index)


def index_of(ch: str, codes: Sequence[InlineCode]) -> int | None:
    """The code a character stands for in a unit with `codes`, or None (plain text)."""
    i = ord(ch) - BASE
    return i if 0 <= i < len(codes) else None


def code_indices(text: str, codes: Sequence[InlineCode]) -> list[int]:
    """The codes in `text`, in order."""
    if not codes:
        return []
    return [i for ch in text if (i := index_of(ch, codes)) is not None]


def has_codes(text: str, codes: Sequence[InlineCode]) -> bool:
    return bool(codes) and any(index_of(ch, codes) is not None for ch in text)


def plain(text: str, codes: Sequence[InlineCode]) -> str:
    """The text without its codes (a segment boundary becomes the text between the
    segments): what matching, search and a plain-text format see."""
    if not codes:
        return text
    out = []
    for ch in text:
        i = index_of(ch, codes)
        if i is None:
            out.append(ch)
        elif codes[i].kind == BREAK:
            out.append(codes[i].data)
    return "".join(out)


def token(code: InlineCode, number: int) -> str:
    """How a person sees a code: ⟨1⟩ … ⟨/1⟩ for a pair, ⟨2/⟩ standalone, ¦ a segment
    boundary (the TUI, messages)."""
    if code.kind == BREAK:
        return "¦"
    if code.kind == OPEN:
        return f"⟨{number}⟩"
    if code.kind == CLOSE:
        return f"⟨/{number}⟩"
    return f"⟨{number}/⟩"


def numbers(codes: Sequence[InlineCode]) -> list[int]:
    """The number each code is shown with: a pair shares one; breaks get 0."""
    shown: list[int] = []
    pairs: dict[str, int] = {}
    n = 0
    for code in codes:
        if code.kind == BREAK:
            shown.append(0)
        elif code.kind in (OPEN, CLOSE) and code.pair in pairs:
            shown.append(pairs[code.pair])
        else:
            n += 1
            if code.kind in (OPEN, CLOSE):
                pairs[code.pair] = n
            shown.append(n)
    return shown


def visible(text: str, codes: Sequence[InlineCode]) -> str:
    """The text with each code as its token (for messages and plain displays)."""
    if not codes:
        return text
    shown = numbers(codes)
    return "".join(token(codes[i], shown[i]) if (i := index_of(ch, codes)) is not None
                   else ch for ch in text)


def split_segments(text: str, codes: Sequence[InlineCode]) -> list[tuple[str, InlineCode | None]]:
    """The text cut at its segment boundaries: (segment text, the boundary before it)."""
    parts: list[tuple[str, InlineCode | None]] = []
    start, before = 0, None
    for pos, ch in enumerate(text):
        i = index_of(ch, codes)
        if i is not None and codes[i].kind == BREAK:
            parts.append((text[start:pos], before))
            start, before = pos + 1, codes[i]
    parts.append((text[start:], before))
    return parts


def missing_codes(source: str, target: str, codes: Sequence[InlineCode]) -> list[int]:
    """The codes the target has fewer times than the source, in the source's order (what
    "insert the next missing tag" of a CAT tool inserts, and QA reports as missing)."""
    src, tgt = code_indices(source, codes), code_indices(target, codes)
    return [i for i in dict.fromkeys(src) if tgt.count(i) < src.count(i)]


def mismatches(source: str, target: str, codes: Sequence[InlineCode]) -> list[str]:
    """What is wrong with the target's codes against the source's: missing, extra,
    doubled, a pair closed before it opens. Empty when they agree (order may differ:
    English word order moves codes)."""
    if not codes:
        return []
    src, tgt = code_indices(source, codes), code_indices(target, codes)
    shown = numbers(codes)
    problems = []

    def name(i: int) -> str:
        return token(codes[i], shown[i])

    missing = missing_codes(source, target, codes)
    extra = [i for i in dict.fromkeys(tgt) if tgt.count(i) > src.count(i)]
    if missing:
        problems.append("missing in the English: " + " ".join(name(i) for i in missing))
    if extra:
        problems.append("not in the source (or doubled): " + " ".join(name(i) for i in extra))
    open_at: dict[str, int] = {}
    for pos, i in enumerate(tgt):
        code = codes[i]
        if code.kind == OPEN:
            open_at.setdefault(code.pair, pos)
        elif code.kind == CLOSE:
            partner = next((j for j in src if codes[j].kind == OPEN
                            and codes[j].pair == code.pair), None)
            if partner is not None and partner in tgt and code.pair not in open_at:
                problems.append(f"{name(i)} closes before {name(partner)} opens")
    return problems
