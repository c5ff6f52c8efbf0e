"""Term matching: one trie over all terms per language, walked once over the text.

Source side: each word gives a small set of keys (every lemma pymorphy3 proposes, and
the exact spelling for abbreviations), and the walk follows any of them, so one walk
finds "Коммунистической партии Казахстана" for the form "Коммунистическая партия
Казахстана". Target side: case-folded words; the exact case decides whether a hit is the
canonical, a variant, a forbidden variant or a mis-capitalised name. Overlapping hits
are resolved longest-first (most words, then most characters, then leftmost).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workbench.glossary.lemmas import Keys
from workbench.glossary.tokens import (
    TARGET_GAP_RE,
    Token,
    fix_script,
    fold,
    is_abbreviation,
    joinable,
    tokenize,
)

MAX_LEMMA_PATHS = 32  # lemma combinations inserted per form (ambiguous words multiply)


@dataclass
class Node:
    children: dict[str, Node] = field(default_factory=dict)
    payload: list = field(default_factory=list)  # what ends here


def _insert(root: Node, keys: Iterable[str], item) -> Node:
    node = root
    for key in keys:
        node = node.children.setdefault(key, Node())
    node.payload.append(item)
    return node


@dataclass(frozen=True)
class Candidate:
    """A possible hit before overlap resolution: tokens [first, last] of the text."""

    first: int
    last: int
    start: int
    end: int
    payload: tuple
    detail: str = ""  # "possessive" | "plural" | ""


def resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, longest first; return them in text order."""
    chosen: list[Candidate] = []
    taken: set[int] = set()
    order = sorted(candidates, key=lambda c: (-(c.last - c.first), -(c.end - c.start), c.start))
    for cand in order:
        span = range(cand.first, cand.last + 1)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _extend_quote(text: str, start: int, end: int) -> int:
    """Take in the closing quote of a «»-quoted name the hit opened ("группы «Красный Поворот»")."""
    inside = text[start:end]
    for opening, closing in (("«", "»"), ("“", "”"), ('"', '"')):
        if inside.count(opening) > inside.count(closing) - (opening == closing) \
                and text.startswith(closing, end):
            if opening == closing and inside.count('"') % 2 == 0:
                continue
            return end + 1
    return end


class SourceMatcher:
    """Source-language matcher: lemma keys for words, exact keys for abbreviations."""

    def __init__(self, keyer: Callable[[str], Keys]) -> None:
        self.keyer = keyer
        self.root = Node()

    def form_paths(self, form: str) -> list[tuple[str, ...]]:
        """Key sequences under which a glossary form is stored (all lemma combinations)."""
        options = []
        for tok in tokenize(form):
            if is_abbreviation(tok.text):
                options.append(("a:" + fix_script(tok.text),))
            else:
                options.append(tuple("w:" + k for k in self.keyer(tok.text)))
        if not options:
            return []
        paths = []
        for combo in itertools.product(*options):
            paths.append(combo)
            if len(paths) >= MAX_LEMMA_PATHS:
                break
        return paths

    def add(self, form: str, item) -> None:
        for path in self.form_paths(form):
            _insert(self.root, path, item)

    def token_keys(self, tok: Token) -> tuple[str, ...]:
        keys = tuple("w:" + k for k in self.keyer(tok.text))
        if is_abbreviation(tok.text):
            keys = ("a:" + fix_script(tok.text), *keys)
        return keys

    def candidates(self, text: str) -> list[Candidate]:
        tokens = tokenize(text)
        keys = [self.token_keys(t) for t in tokens]
        root_children = self.root.children
        out: list[Candidate] = []
        for i in range(len(tokens)):
            frontier = [root_children[k] for k in keys[i] if k in root_children]
            j = i
            while frontier:
                for node in frontier:
                    for item in node.payload:
                        end = _extend_quote(text, tokens[i].start, tokens[j].end)
                        out.append(Candidate(i, j, tokens[i].start, end, item))
                j += 1
                if j >= len(tokens) or not joinable(text, tokens[j - 1], tokens[j]):
                    break
                nxt = []
                for node in frontier:
                    for k in keys[j]:
                        child = node.children.get(k)
                        if child is not None and child not in nxt:
                            nxt.append(child)
                frontier = nxt
        return out


@dataclass(frozen=True)
class TargetForm:
    """An English form of an entry: `status` is canonical | variant | forbidden."""

    entry_index: int
    status: str
    text: str
    words: tuple[str, ...]  # the form's words, exact case
    exact_case: bool  # abbreviations ("CPRF") match only in their own case


def _singulars(word: str) -> tuple[str, ...]:
    if len(word) < 3 or not word.endswith("s"):
        return ()
    out = [word[:-1]]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    elif word.endswith("es"):
        out.append(word[:-2])
    return tuple(out)


def _possessive_base(word: str) -> str | None:
    for suffix in ("'s", "’s"):
        if word.endswith(suffix) and len(word) > 2:
            return word[:-2]
    return None


class TargetMatcher:
    """Target-language matcher over case-folded words; case decides the status."""

    def __init__(self) -> None:
        self.root = Node()

    def add(self, form: TargetForm) -> None:
        words = tuple(fold(w) for w in form.words)
        if words:
            _insert(self.root, words, form)

    def candidates(self, text: str, allows: Callable[[int, str], bool]) -> list[Candidate]:
        tokens = tokenize(text)
        folded = [fold(t.text) for t in tokens]
        out: list[Candidate] = []
        root_children = self.root.children
        for i in range(len(tokens)):
            node = root_children.get(folded[i])
            j = i
            prev = self.root
            while True:
                # inflected last word: possessive or plural, where the entry allows it
                for detail, bases in (("possessive", (_possessive_base(folded[j]),)),
                                      ("plural", _singulars(folded[j]))):
                    for base in bases:
                        child = prev.children.get(base) if base else None
                        if child is None:
                            continue
                        forms = tuple(f for f in child.payload if allows(f.entry_index, detail))
                        if forms:
                            out.append(Candidate(i, j, tokens[i].start, tokens[j].end, forms,
                                                 detail))
                if node is None:
                    break
                if node.payload:
                    out.append(Candidate(i, j, tokens[i].start, tokens[j].end,
                                         tuple(node.payload)))
                j += 1
                if j >= len(tokens) or not joinable(text, tokens[j - 1], tokens[j],
                                                    TARGET_GAP_RE):
                    break
                prev, node = node, node.children.get(folded[j])
        return out
