"""The "rules" engine: proposals that need no model.

- letterhead lines (addresses, contact lines, damaged lines: `letterhead.py`);
- glossary-only segments: a segment made only of glossary terms (a party name, a
  position, "СОЮЗ КОММУНИСТИЧЕСКИХ ПАРТИЙ – КОММУНИСТИЧЕСКАЯ ПАРТИЯ СОВЕТСКОГО СОЮЗА")
  becomes the terms' canonical English, in capitals when the source is in capitals;
- nothing to translate: a segment without source-language letters ("3.", an e-mail)
  is kept as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import Origin, Proposal, Unit
from workbench.mt.letterhead import damage_reason, tables_for, translate_line
from workbench.mt.proposals import GlossaryLike, Progress, ProposalContext
from workbench.mt.protect import canonical_english, select_hits

SCORE_LETTERHEAD = 0.95
SCORE_GLOSSARY_ONLY = 0.92
SCORE_KEEP = 0.9


NAMES_WITH_ARTICLE = frozenset({"party", "org", "position"})


def of_phrase(english: str, kind: str) -> str:
    """The English of a term that follows another in a Russian genitive chain: "of the
    CPRF", "of the Central Committee"; people and places take no article."""
    if kind not in NAMES_WITH_ARTICLE or english.lower().startswith("the "):
        return f"of {english}"
    return f"of the {english}"


def shouted(text: str) -> bool:
    """A line set in capitals ("СОЮЗ КОММУНИСТИЧЕСКИХ ПАРТИЙ"), not one made of
    abbreviations ("ЦК КПРФ"), which are capitals anyway."""
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    return any(sum(ch.isalpha() for ch in w) > 5 for w in words) and all(
        ch.isupper() for w in words for ch in w if ch.isalpha())


def glossary_only(text: str, glossary: GlossaryLike | None) -> str | None:
    """The English of a segment that consists only of glossary terms (and punctuation,
    digits, dashes between them), or None."""
    if glossary is None or not text.strip():
        return None
    hits = select_hits(glossary.match_source(text))
    if not hits:
        return None
    pieces: list[str] = []
    pos = 0
    for n, hit in enumerate(hits):
        between = text[pos:hit.start]
        english = canonical_english(glossary, hit.term_id)
        if english is None or any(ch.isalpha() for ch in between):
            return None
        if n and between.isspace():  # "Центральный Комитет КПРФ": a genitive chain
            between = " " + of_phrase(english, glossary.term(hit.term_id).kind) + " "
            english = ""
        pieces += [between, english]
        pos = hit.end
    tail = text[pos:]
    if any(ch.isalpha() for ch in tail):
        return None
    out = "".join([*pieces, tail]).strip()
    if shouted(text):
        out = out.upper()
    return out


def line_language(text: str, source_lang: str, languages: tuple[str, ...] | None,
                  target_lang: str = "en") -> str:
    """The language whose pack reads a line: the line's own where its pack has letterhead
    rules (a Ukrainian address in a Russian document), else the source language. Only
    the languages with rules for the pair are told apart, and only for lines in the
    source language's script."""
    from workbench import lang
    from workbench.langid import detect
    from workbench.langid.letters import dominant_script, words_only
    from workbench.settings import DEFAULT_LANGID_LANGUAGES

    script = lang.script_of(source_lang)
    words = words_only(text)
    if words is None or dominant_script(words) != script:
        return source_lang
    with_rules = tuple(code for code in (languages or DEFAULT_LANGID_LANGUAGES)
                       if lang.script_of(code) == script
                       and tables_for(code, target_lang) is not None)
    if len(with_rules) < 2 or source_lang not in with_rules:
        return source_lang
    return detect(text, source_lang, with_rules)


def rule_proposals(text: str, glossary: GlossaryLike | None, source_lang: str = "ru",
                   target_lang: str = "en", *, romanisation: str | None = None,
                   languages: tuple[str, ...] | None = None) -> list[Proposal]:
    """Proposals from the rules for one segment (empty when no rule applies).
    `romanisation` is the project's scheme for names in source-language lines."""
    line = text.strip()
    if not line:
        return []
    line_lang = line_language(line, source_lang, languages) if languages is not None \
        else source_lang
    scheme = romanisation if line_lang == source_lang else None
    result = translate_line(line, line_lang, target_lang, romanisation=scheme)
    if result is not None:
        if result.text is None:  # damaged: say so with an empty text nobody can apply
            return [Proposal("", Origin.RULES, 0.0, "rules: line damaged, not translated",
                             result.issues)]
        detail = f"rules: letterhead {result.rule}"
        if result.romanised_by:
            detail += f" (names romanised by {result.romanised_by})"
        return [Proposal(result.text, Origin.RULES, SCORE_LETTERHEAD, detail, result.issues)]
    english = glossary_only(line, glossary)
    if english is not None:
        return [Proposal(english, Origin.RULES, SCORE_GLOSSARY_ONLY, "rules: glossary terms only")]
    tables = tables_for(source_lang, target_lang)
    if tables is not None and not tables.source_letters.search(line):
        return [Proposal(line, Origin.RULES, SCORE_KEEP,
                         f"rules: nothing to translate (no {source_lang} words)")]
    return []


def is_damaged(proposals: list[Proposal]) -> bool:
    """True when the rules found the segment damaged: no model should guess at it."""
    return any(p.origin is Origin.RULES and p.score == 0.0 for p in proposals)


class RulesEngine:
    """The "rules" engine: letterhead rules, glossary-only segments, nothing to translate.
    A unit with no source text whose English side is a damaged line is told so."""

    name = "rules"
    label = "glossary and letterhead translations"
    batched = False

    def wants(self, unit: Unit, found: Sequence[Proposal], context: ProposalContext) -> bool:
        return bool(unit.source_text.strip()) or bool(damage_reason(unit.target_text))

    def propose(self, units: Sequence[Unit], context: ProposalContext,
                progress: Progress | None = None) -> dict[str, list[Proposal]]:
        src, tgt = context.source_lang, context.target_lang
        out: dict[str, list[Proposal]] = {}
        for unit in units:
            if unit.source_text.strip():
                out[unit.id] = rule_proposals(unit.source_text, context.glossary, src, tgt,
                                              romanisation=context.romanisation,
                                              languages=context.languages or ())
            else:  # e.g. an ASCII-stripped letterhead on the English side: say so
                out[unit.id] = rule_proposals(unit.target_text, None, src, tgt)
        return out
