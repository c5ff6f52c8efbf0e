"""Glossary terms in machine translation: protect, restore, verify.

A model does not know the project's glossary (a known limit of Argos models, see
https://github.com/LibreTranslate/LibreTranslate/issues/775), so each Russian term a
segment contains (matched as the glossary matches, inflected forms included) is
replaced, before translation, by its canonical English inline; models copy Latin-script
names through. After translation each term's English is looked for (case and spacing
tolerant) and written back in its canonical form. A term that is still missing gives
the proposal an Issue: never silently wrong. The parts of a letterhead line the rules
could render (an address inside a sentence, phone numbers, dates) are protected the
same way, so a line the rules cannot render whole is never half-translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.errors import WorkbenchError
from workbench.model import Issue, Severity, TermHit
from workbench.mt.proposals import GlossaryLike


@dataclass(frozen=True)
class ProtectedTerm:
    term_id: str
    source: str  # the Russian as it occurs in the segment
    english: str  # the canonical English


@dataclass(frozen=True)
class Protected:
    """A segment ready for the model: `text` has each term's English inlined."""

    original: str
    text: str
    terms: tuple[ProtectedTerm, ...]


def select_hits(hits: list[TermHit]) -> list[TermHit]:
    """Non-overlapping hits, longer terms first (a party name wins over the word "party")."""
    chosen: list[TermHit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def canonical_english(glossary: GlossaryLike, term_id: str) -> str | None:
    try:
        entry = glossary.term(term_id)
    except (KeyError, WorkbenchError):
        return None
    english = getattr(entry, "en", None) if entry is not None else None
    return english or None


RULES_TERM = "rules:"  # term ids of the parts the letterhead rules rendered


def protect(text: str, glossary: GlossaryLike | None,
            rendered: Sequence[tuple[int, int, str, str]] = ()) -> Protected:
    """Inline the canonical English of every glossary term found in `text`, and the
    English of the parts the letterhead rules rendered (`rendered`: start, end, English,
    kind: an address, a phone number, a date), which win where they overlap a term."""
    found: list[tuple[int, int, str, str]] = [
        (start, end, english, RULES_TERM + kind) for start, end, english, kind in rendered]
    if glossary is not None:
        for hit in select_hits(glossary.match_source(text)):
            english = canonical_english(glossary, hit.term_id)
            if english is not None and all(hit.end <= s or hit.start >= e
                                           for s, e, _, _ in found):
                found.append((hit.start, hit.end, english, hit.term_id))
    pieces: list[str] = []
    terms: list[ProtectedTerm] = []
    pos = 0
    for start, end, english, term_id in sorted(found):
        pieces.append(text[pos:start])
        pieces.append(english)
        terms.append(ProtectedTerm(term_id, text[start:end], english))
        pos = end
    pieces.append(text[pos:])
    return Protected(text, "".join(pieces), tuple(terms))


def _loose(english: str) -> re.Pattern:
    words = [re.escape(w) for w in english.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.I)


def restore(translation: str, protected: Protected) -> str:
    """Write each term's English back in its canonical form (case, spacing)."""
    out = translation
    for term in protected.terms:
        out = _loose(term.english).sub(_literal(term.english), out)
    return out


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that is `text` as it stands (no backslash escapes)."""
    return lambda _match: text


def verify(translation: str, protected: Protected) -> list[Issue]:
    """An Issue for each glossary term whose canonical English the translation lacks."""
    issues: list[Issue] = []
    remaining = translation
    for term in protected.terms:
        match = _loose(term.english).search(remaining)
        if match:  # consume it, so a term used twice must appear twice
            remaining = remaining[:match.start()] + " " + remaining[match.end():]
            continue
        if term.term_id.startswith(RULES_TERM):
            issues.append(Issue(
                rule="mt-letterhead-part", severity=Severity.WARNING,
                message=f"the {term.term_id[len(RULES_TERM):]} {term.source!r} should read "
                        f"{term.english!r}, which the machine translation lacks", fix=None))
            continue
        issues.append(Issue(
            rule="mt-glossary-term", severity=Severity.WARNING,
            message=f"glossary term {term.source!r} ({term.term_id}) should read "
                    f"{term.english!r}, which the machine translation lacks",
            fix=None))
    return issues
