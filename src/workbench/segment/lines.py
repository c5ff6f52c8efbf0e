"""Logical lines: a paragraph's physical lines joined where a line was only wrapped.

A line break inside a paragraph is kept (the lines are separate segments) unless the next
line starts lower-case, or the line ends in a word that cannot end a phrase ("of", "в") or
in a determiner + capitalised word ("hold an International / Solidarity Forum"). List
items, contact lines, web furniture, signature and date lines always stand alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from workbench.corpus.normalise import normalise_simple
from workbench.segment.rules import BlockRules, all_rules

LIST_MARKER = re.compile(r"^(?:[•·▪◦‣●■□➢►*]|[-–—](?=\s)|\d{1,3}[.)](?=\s)|[a-z][.)](?=\s))\s*")
TERMINAL = re.compile(r"[.!?…:;](?:[\"'”’»)\]]|\*\*)*$")
CRAWLER_PREFIX = re.compile(
    r"(?:date|published|updated|time)[:=]?\s+\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?Z?)?"
    r"(?=\s|$)", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass
class Line:
    """A logical line: [start, end) into the side's text, whitespace trimmed."""

    start: int
    end: int
    para: int  # index of the paragraph (run of non-blank lines) it is in
    text: str  # the original text, possibly with newlines
    norm: str  # normalised view, newlines as spaces: what the rules match
    forced_furniture: bool = False  # e.g. a crawler's "date 2022-02-24" prefix


def _physical_lines(text: str):
    """(start, end, paragraph) of each non-blank physical line, whitespace trimmed."""
    para, blank_before, pos = -1, True, 0
    for raw in text.split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        if not raw.strip():
            blank_before = True
            continue
        if blank_before:
            para += 1
            blank_before = False
        s += len(raw) - len(raw.lstrip())
        e -= len(raw) - len(raw.rstrip())
        yield s, e, para


def standalone(norm: str, rules: BlockRules) -> bool:
    """A line that is its own segment whatever is around it."""
    if "@" in norm or LIST_MARKER.match(norm):
        return True
    if len(norm) > 300:  # contact, furniture, signature and date lines are short
        return False
    for r in all_rules(rules):
        if (r.contact_words.search(norm) or r.furniture.search(norm)
                or r.signature_start.match(norm) or r.date_line.match(norm)):
            return True
    return False


def _continues(prev: str, nxt: str, rules: BlockRules, prev_alone: bool,
               next_alone: bool) -> bool:
    """Does physical line `nxt` continue `prev` (a hard wrap inside one sentence)?"""
    if prev_alone or next_alone:
        return False
    first = next((c for c in nxt if c.isalnum()), "")
    if first.islower():
        return True
    if TERMINAL.search(prev):
        return False
    tokens = prev.split()
    if not tokens or not _WORD.fullmatch(tokens[-1]):  # "May 8", "Moscow,": no hard wrap
        return False
    if tokens[-1] in rules.continuation_words:  # as written: "may" wraps, "May" does not
        return True
    return (len(tokens) >= 2 and tokens[-2].lower() in rules.determiners
            and tokens[-1][:1].isupper())


def logical_lines(text: str, rules: BlockRules) -> list[Line]:
    """The side's logical lines in order."""
    pieces: list[tuple[int, int, int, bool]] = []
    for s, e, para in _physical_lines(text):
        m = CRAWLER_PREFIX.match(text, s, e)
        if m and m.end() < e:
            pieces.append((s, m.end(), para, True))
            s = m.end()
            while s < e and text[s].isspace():
                s += 1
        elif m:
            pieces.append((s, e, para, True))
            continue
        pieces.append((s, e, para, False))
    lines: list[Line] = []
    per_para = Counter(para for _s, _e, para, _f in pieces)
    last_physical = ""  # the normalised last physical line of lines[-1]
    last_alone = False
    for s, e, para, forced in pieces:
        norm = normalise_simple(text[s:e])
        prev = lines[-1] if lines else None
        same_para = (prev is not None and not forced and not prev.forced_furniture
                     and prev.para == para)
        # Only a line with a neighbour in its paragraph needs the (costlier) check.
        alone = per_para[para] > 1 and standalone(norm, rules)
        if (prev is not None and same_para
                and _continues(last_physical, norm, rules, last_alone, alone)):
            prev.end = e
            prev.text = text[prev.start:e]
            prev.norm = prev.norm + " " + norm
        else:
            lines.append(Line(s, e, para, text[s:e], norm, forced))
        last_physical = norm
        last_alone = alone
    return lines
