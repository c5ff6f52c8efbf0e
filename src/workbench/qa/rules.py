"""QA rules on one unit (source text ↔ target text). Each rule is a small function
declared once, by its decorator, with an id, a severity and a description
(`workbench.qa.registry`); it yields findings with a message and, where one is known, a
fix (the replacement text). The runner (`workbench.qa.run`) makes them issues."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex

from workbench import lang
from workbench.glossary import Entry, Glossary, TargetHit
from workbench.inline import InlineCode, mismatches
from workbench.lang import is_cyrillic_language
from workbench.model import Severity, TermHit
from workbench.qa.numbers import numbers
from workbench.qa.registry import Finding, corpus_rule, unit_rule


@dataclass
class Context:
    """What the rules look at; term hits are computed once and shared."""

    source: str
    target: str
    glossary: Glossary | None
    source_lang: str = "ru"
    target_lang: str = "en"
    codes: tuple[InlineCode, ...] = ()  # the unit's inline codes (placeholders in the texts)
    _source_hits: list[TermHit] | None = field(default=None, repr=False)
    _target_hits: list[TargetHit] | None = field(default=None, repr=False)
    _target_all: list[TargetHit] | None = field(default=None, repr=False)

    @property
    def source_hits(self) -> list[TermHit]:
        if self._source_hits is None:
            self._source_hits = self.glossary.match_source(self.source) if self.glossary else []
        return self._source_hits

    @property
    def target_hits(self) -> list[TargetHit]:
        if self._target_hits is None:
            self._target_hits = self.glossary.target_hits(self.target) if self.glossary else []
        return self._target_hits

    @property
    def target_all(self) -> list[TargetHit]:
        """Every target match, nested ones included ("Communist Party" inside "Communist
        Party of Kazakhstan" renders a generic "Коммунистическая партия")."""
        if self._target_all is None:
            self._target_all = (self.glossary.target_hits(self.target, overlapping=True)
                                if self.glossary else [])
        return self._target_all

    def term(self, term_id: str) -> Entry:
        """The glossary entry of a term some hit found (so there is a glossary)."""
        if self.glossary is None:
            raise LookupError(f"no glossary to look up {term_id!r} in")
        return self.glossary.term(term_id)


# ---------------------------------------------------------------- terminology
APPOSITION_GAP = regex.compile(r"[\s(\[«\"“]*")


def _occurrences(text: str, hits: list[TermHit]) -> Counter[str]:
    """Occurrences per term; a name followed by its own abbreviation in brackets
    ("Организации пермских коммунистов (ОПК)") is one occurrence."""
    counts: Counter[str] = Counter()
    previous: TermHit | None = None
    for h in hits:
        if not (previous is not None and previous.term_id == h.term_id
                and APPOSITION_GAP.fullmatch(text[previous.end:h.start])):
            counts[h.term_id] += 1
        previous = h
    return counts


@unit_rule("term-missing", Severity.ERROR,
           "a source term whose English is missing (per occurrence)")
def term_missing(ctx: Context) -> Iterable[Finding]:
    """Each source occurrence of a term needs one rendering (canonical, variant, or a
    forbidden or mis-capitalised one, which other rules report)."""
    wanted = _occurrences(ctx.source, ctx.source_hits)
    if not wanted:
        return
    found = Counter(h.entry.id for h in ctx.target_all)
    first_text: dict[str, str] = {}
    for h in ctx.source_hits:
        first_text.setdefault(h.term_id, h.text)
    for term_id, count in wanted.items():
        have = found.get(term_id, 0)
        if have >= count:
            continue
        entry = ctx.term(term_id)
        times = f" ({count} occurrences, {have} rendered)" if count > 1 else ""
        yield Finding(f"«{first_text[term_id]}» [{term_id}] has no '{entry.en}' in the "
                      f"translation{times}", fix=entry.en)


@unit_rule("term-forbidden", Severity.ERROR,
           "a forbidden English variant (fix: the canonical)", needs_source=False)
def term_forbidden(ctx: Context) -> Iterable[Finding]:
    for h in ctx.target_hits:
        if h.status == "forbidden":
            fix = h.entry.en + (h.hit.text[-2:] if h.suffix == "possessive" else "")
            yield Finding(f"'{h.hit.text}' is a forbidden rendering of [{h.entry.id}]; "
                          f"use '{h.entry.en}'", fix=fix, start=h.hit.start, end=h.hit.end)


@unit_rule("term-capitalisation", Severity.WARNING,
           "a glossary name capitalised differently (fix: the listed form)", needs_source=False)
def term_capitalisation(ctx: Context) -> Iterable[Finding]:
    for h in ctx.target_hits:
        if h.status == "miscased":
            yield Finding(f"'{h.hit.text}' is capitalised differently from the glossary "
                          f"[{h.entry.id}]", fix=h.cased_fix, start=h.hit.start, end=h.hit.end)


# ---------------------------------------------------------------- generic checks
LETTER = regex.compile(r"\p{L}")
CYRILLIC = regex.compile(r"\p{Cyrillic}")


@unit_rule("empty-target", Severity.ERROR, "the translation is empty")
def empty_target(ctx: Context) -> Iterable[Finding]:
    if not ctx.target.strip() and regex.search(r"[\p{L}\p{N}]", ctx.source):
        yield Finding("the translation is empty")


@unit_rule("untranslated", Severity.ERROR,
           "the translation equals the source or is still Cyrillic")
def untranslated(ctx: Context) -> Iterable[Finding]:
    target = ctx.target.strip()
    letters = LETTER.findall(target)
    if not letters:
        return
    cross_script = is_cyrillic_language(ctx.source_lang) and not is_cyrillic_language(
        ctx.target_lang)
    if target == ctx.source.strip() and not (cross_script and not CYRILLIC.search(target)):
        # (a Latin-script source line - a Roman numeral, a name, an e-mail - stays as is)
        yield Finding("the translation equals the source text")
        return
    if not is_cyrillic_language(ctx.target_lang):
        share = len(CYRILLIC.findall(target)) / len(letters)
        if share > 0.5:
            yield Finding(f"the translation is still in Cyrillic ({share:.0%} of its letters)")


@unit_rule("numbers", Severity.ERROR, "numbers or dates differ (months normalised)")
def numbers_differ(ctx: Context) -> Iterable[Finding]:
    src = numbers(ctx.source, ctx.source_lang)
    tgt = numbers(ctx.target, ctx.target_lang)
    if src == tgt:
        return
    missing = sorted((src - tgt).elements())
    extra = sorted((tgt - src).elements())
    parts = []
    if missing:
        parts.append("missing in the translation: " + ", ".join(map(str, missing)))
    if extra:
        parts.append("not in the source: " + ", ".join(map(str, extra)))
    yield Finding("numbers or dates differ (" + "; ".join(parts) + ")")


# Repeated words or phrases ("the the", "of the Central Committee of the Central Committee").
DOUBLED = regex.compile(r"\b(\p{L}+(?:\s+\p{L}+){0,4})\s+\1\b", regex.IGNORECASE)


@unit_rule("doubled-words", Severity.WARNING, "a word or phrase repeated",
           needs_source=False)
def doubled_words(ctx: Context) -> Iterable[Finding]:
    ok = lang.get(ctx.target_lang).doubles_allowed
    for m in DOUBLED.finditer(ctx.target):
        phrase = m.group(1)
        if phrase.lower() in ok:
            continue
        yield Finding(f"'{phrase}' is repeated", fix=phrase, start=m.start(), end=m.end())


PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("“", "”"), ("„", "“"))


def _unbalanced(text: str) -> list[str]:
    out = []
    for opening, closing in PAIRS:
        if opening == "„":  # German-style quotes close with “, counted above
            continue
        if text.count(opening) != text.count(closing):
            out.append(opening + closing)
    if text.count('"') % 2:
        out.append('""')
    return out


@unit_rule("unbalanced", Severity.WARNING, "unbalanced quotes or brackets",
           needs_source=False)
def unbalanced_quotes(ctx: Context) -> Iterable[Finding]:
    """Brackets and quotes opened and not closed; when the source is unbalanced the same
    way (a quotation running over two segments), the translation is not blamed."""
    bad = _unbalanced(ctx.target)
    if ctx.source:
        src_bad = set(_unbalanced(ctx.source))
        quotes = {"«»", "“”", '""'}
        bad = [b for b in bad if b not in src_bad and not (b in quotes and src_bad & quotes)]
    if bad:
        yield Finding("unbalanced " + ", ".join(bad) + " in the translation")


TERM_INCONSISTENT = corpus_rule(
    "term-inconsistent", Severity.WARNING,
    "a term rendered by different listed forms across the documents checked together")


# ---------------------------------------------------------------- inline codes
@unit_rule("tag-mismatch", Severity.ERROR,
           "the English's inline codes (tags of another tool's markup) differ from the source's")
def tag_mismatch(ctx: Context) -> Iterable[Finding]:
    for problem in mismatches(ctx.source, ctx.target, ctx.codes):
        yield Finding(f"inline codes: {problem}")
