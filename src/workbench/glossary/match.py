"""Term matching: one trie over all terms per language, walked once over the text.

Source side: each word gives a small set of keys (every lemma pymorphy3 proposes, and
the exact spelling for abbreviations), and the walk follows any of them, so one walk
finds "Коммунистической партии Казахстана" for the form "Коммунистическая партия
Казахстана". Target side: case-folded words; the exact case decides whether a hit is the
canonical, a variant, a forbidden variant or a mis-capitalised name. Overlapping hits
are resolved longest-first (most words, then most characters, then leftmost).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from workbench.glossary.lemmas import Keys
from workbench.glossary.tokens import (
    TARGET_GAP_RE,
    TOKEN_RE,
    fix_script,
    fold,
    gap_ok,
    is_abbreviation,
    joinable,
    tokenize,
)

# What a source-side match carries: the entry's index and how it matched ("full" | "abbr").
SourceItem = tuple[int, str]


@dataclass(eq=False, slots=True)  # identity, not structure: nodes are compared in walks
class Node:
    children: dict[str, Node] = field(default_factory=dict)
    payload: list[Any] = field(default_factory=list)  # what ends here


def _insert(root: Node, keys: Iterable[str], item: Any) -> Node:
    node = root
    for key in keys:
        node = node.children.setdefault(key, Node())
    node.payload.append(item)
    return node


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible hit before overlap resolution: tokens [first, last] of the text."""

    first: int
    last: int
    start: int
    end: int
    payload: tuple[Any, ...]  # a SourceItem, or the TargetForms that end here
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
    if end >= len(text) or text[end] not in "»”\"":
        return end
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
        self._keys: dict[str, tuple[str, ...]] = {}
        self._starts: dict[str, tuple[Node, ...]] = {}
        self._steps: dict[tuple[tuple[Node, ...], str], tuple[Node, ...]] = {}
        self._payloads: dict[tuple[Node, ...], tuple[SourceItem, ...]] = {}

    def form_options(self, form: str) -> list[tuple[str, ...]]:
        """Per word of a glossary form, the keys it may be reached by (its lemmas, or its
        exact spelling for an abbreviation)."""
        options: list[tuple[str, ...]] = []
        for tok in tokenize(form):
            if is_abbreviation(tok.text):
                options.append(("a:" + fix_script(tok.text),))
            else:
                options.append(tuple("w:" + k for k in self.keyer(tok.text)))
        return options

    def form_key(self, form: str) -> tuple[str, ...]:
        """The most probable lemma sequence of a form: two forms with one key are one term."""
        return tuple(keys[0] for keys in self.form_options(form))

    def add(self, form: str, item: SourceItem) -> None:
        self.insert(self.form_options(form), item)

    def insert(self, options: list[tuple[str, ...]], item: SourceItem) -> None:
        """Insert a form; a word's alternative lemmas lead to one shared node, so a walk
        never forks over the lemma combinations of one form."""
        node = self.root
        for alternatives in options:
            child = next((node.children[k] for k in alternatives if k in node.children), None)
            if child is None:
                child = Node()
            for k in alternatives:
                node.children.setdefault(k, child)
            node = child
        if item not in node.payload:
            node.payload.append(item)
        self._keys.clear()
        self._starts.clear()
        self._steps.clear()
        self._payloads.clear()

    def word_keys(self, word: str) -> tuple[str, ...]:
        """Trie keys of a text word (cached per spelling: most words recur)."""
        keys = self._keys.get(word)
        if keys is None:
            keys = tuple("w:" + k for k in self.keyer(word))
            if is_abbreviation(word):
                keys = ("a:" + fix_script(word), *keys)
            self._keys[word] = keys
        return keys

    def _start_nodes(self, word: str) -> tuple[Node, ...]:
        """Trie nodes a word leads to from the root (most words lead nowhere: cached)."""
        nodes = self._starts.get(word)
        if nodes is None:
            children = self.root.children
            found: list[Node] = []
            for k in self.word_keys(word):
                child = children.get(k)
                if child is not None and child not in found:
                    found.append(child)
            nodes = self._starts[word] = tuple(found)
        return nodes

    def _items(self, frontier: tuple[Node, ...]) -> tuple[SourceItem, ...]:
        items = self._payloads.get(frontier)
        if items is None:
            unique: dict[SourceItem, None] = {}
            for node in frontier:
                for item in node.payload:
                    unique.setdefault(item, None)
            items = self._payloads[frontier] = tuple(unique)
        return items

    def _step(self, frontier: tuple[Node, ...], word: str) -> tuple[Node, ...]:
        """The nodes reached from `frontier` by `word` (memoised: a walk is dict lookups)."""
        key = (frontier, word)
        nxt = self._steps.get(key)
        if nxt is None:
            keys = self.word_keys(word)
            found: list[Node] = []
            for node in frontier:
                for k in keys:
                    child = node.children.get(k)
                    if child is not None and child not in found:
                        found.append(child)
            nxt = self._steps[key] = tuple(found)
        return nxt

    def walk(self, text: str) -> tuple[list[int], list[int], list[tuple[int, int, SourceItem]]]:
        """Token starts, token ends, and every (first, last, item) match in the text."""
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in TOKEN_RE.finditer(text):
            words.append(m.group())
            s, e = m.span()
            starts.append(s)
            ends.append(e)
        n = len(words)
        out: list[tuple[int, int, SourceItem]] = []
        start_nodes, items_of, step = self._start_nodes, self._items, self._step
        for i in range(n):
            frontier = start_nodes(words[i])
            j = i
            while frontier:
                for item in items_of(frontier):
                    out.append((i, j, item))
                j += 1
                if j >= n:
                    break
                gap = text[ends[j - 1]:starts[j]]
                if gap != " " and not gap_ok(gap):
                    break
                frontier = step(frontier, words[j])
        return starts, ends, out

    def candidates(self, text: str) -> list[Candidate]:
        starts, ends, found = self.walk(text)
        return [Candidate(i, j, starts[i], _extend_quote(text, starts[i], ends[j]), item)
                for i, j, item in found]

    def resolved(self, text: str) -> list[tuple[int, int, SourceItem]]:
        """Non-overlapping matches, longest first (words, then characters, then leftmost):
        (start, end, item) in text order."""
        starts, ends, found = self.walk(text)
        if not found:
            return []
        found.sort(key=lambda c: (c[0] - c[1], starts[c[0]] - ends[c[1]], c[0]))
        taken = bytearray(len(starts))
        chosen = []
        for i, j, item in found:
            if any(taken[i:j + 1]):
                continue
            taken[i:j + 1] = b"\x01" * (j + 1 - i)
            chosen.append((starts[i], _extend_quote(text, starts[i], ends[j]), item))
        chosen.sort(key=lambda c: c[0])
        return chosen


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
                if j >= len(tokens):
                    break
                initial = len(tokens[j - 1].text) == 1 and text[tokens[j - 1].end] == "."
                if not (initial or joinable(text, tokens[j - 1], tokens[j], TARGET_GAP_RE)):
                    break  # (an initial's full stop joins: "U.S.")
                prev, node = node, node.children.get(folded[j])
        return out
