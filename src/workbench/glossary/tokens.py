"""Tokens with offsets into the original text, and the token-level normalisation the
matchers share (ё/е, Latin look-alike letters inside Cyrillic words).

Hyphenated words are split at the hyphen ("Алма-Аты" → "Алма", "Аты"): each part is
lemmatised on its own, which is what pymorphy3 does best, and a glossary form written
with or without the hyphen matches both spellings.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from workbench.lang import script

# A token: letters and digits, with inner apostrophes kept ("Workers’", "won't").
TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’][\p{L}]+)*")
# What may stand between two tokens of one term: spaces, hyphens and dashes, quotes.
# Sentence and clause punctuation (.,;:!?) and brackets end a term.
GAP_RE = regex.compile(r"[\s\-‐‑‒–—«»“”„\"'’*]*")
MAX_GAP = 6  # longer gaps ("word     word" in ASCII-art) end a term as well

# Latin letters that look like Cyrillic ones (the table `corpus.normalise` uses too);
# used only inside words that also have Cyrillic letters ("Kоммунистическая" with a
# Latin K is Russian).
LATIN_TO_CYRILLIC = str.maketrans(script.LATIN_TO_CYRILLIC)
CYRILLIC_RE = regex.compile(script.CYRILLIC_CLASS)
LATIN_RE = regex.compile(script.LATIN_CLASS)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text: `text` exactly as in the text, [start, end) offsets."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


# English names may hold commas ("Forum of Communist, Socialist, Workers’ … Forces"); a
# comma can only join words that a listed form joins with one, so allowing it is safe.
TARGET_GAP_RE = regex.compile(r"[\s\-‐‑‒–—«»“”„\"'’*,]*")


def gap_ok(gap: str, gap_re: regex.Pattern = GAP_RE) -> bool:
    """May this text stand between two words of one term?"""
    if len(gap) > MAX_GAP or "\n\n" in gap:
        return False
    return gap_re.fullmatch(gap) is not None


def joinable(text: str, left: Token, right: Token, gap_re: regex.Pattern = GAP_RE) -> bool:
    """May `left` and `right` belong to one term? Only spaces, dashes and quotes between."""
    return gap_ok(text[left.end:right.start], gap_re)


def fix_script(word: str) -> str:
    """Map Latin look-alikes to Cyrillic in a word that mixes both scripts."""
    if CYRILLIC_RE.search(word) and LATIN_RE.search(word):
        return word.translate(LATIN_TO_CYRILLIC)
    return word


def fold(word: str) -> str:
    """Case- and ё-insensitive key of a word (after the script fix); ’ and ' are one."""
    return fix_script(word).lower().replace("ё", "е").replace("’", "'")


def is_abbreviation(word: str) -> bool:
    """An abbreviation is matched exactly: two or more letters, all capitals ("ЦК", "КПРФ",
    "CPRF"), or capitals with lower-case letters inside ("КПоЮ") but not a capitalised
    word ("Партия")."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    uppers = sum(c.isupper() for c in letters)
    return uppers == len(letters) or (uppers >= 2 and not letters[0].islower()
                                      and letters[1].isupper())


def is_abbreviation_form(form: str) -> bool:
    """A form made of abbreviations (and numbers): "ЦК КПРФ", "СКП-КПСС", "PKP-1930"."""
    words = [t.text for t in tokenize(form) if any(c.isalpha() for c in t.text)]
    return bool(words) and all(is_abbreviation(w) for w in words)
