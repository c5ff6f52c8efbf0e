"""Sentence boundaries inside one logical line (a paragraph's joined lines), by the
splitter the language's pack names:

- "rules": a candidate boundary is terminal punctuation (with any closing quotes,
  brackets or `**`) followed by whitespace; the pack's prefixes, abbreviations, initials,
  sentence starters and ordinal dates ("3. Mai") decide whether it is one (en, de, uk);
- "razdel": razdel's sentences (loaded lazily), re-joined where razdel split after a
  prefix, an abbreviation or an initial the pack knows (ru);
- "general": sentencex's rules for the language (loaded lazily): the fallback for a
  language without a pack or without sentence rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from workbench import lang
from workbench.lang.base import LanguagePack, SentenceRules

CANDIDATE = re.compile(r"[.!?…]+(?:[\"'”’»)\]]|\*\*)*(?=\s)")
OPENERS = "\"'“‘«„([*"

Span = tuple[int, int]
# (token before the punctuation, the punctuation, up to 40 characters after the space,
# up to 40 characters before the token) → is it a sentence end?
Decider = Callable[[str, str, str, str], bool]

_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")  # U.S, e.g, z.B, т.д
_NUMBER_BEFORE = re.compile(r"\d\s+$")
_NEXT_WORD = re.compile(r"[\w']+")
_NEXT_LETTERS = re.compile(r"[^\W\d_]+")


def previous_token(text: str, end: int) -> str:
    """The whitespace-delimited token ending at `end`, without opening quotes/brackets."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(OPENERS)


def generic_decider(token: str, punct: str, following: str, before: str = "") -> bool:
    """Boundary unless the next word starts lower-case or the token is a single initial."""
    first = following[:1]
    if not first or first.islower():
        return False
    return not ("." in punct and len(token) == 1 and token.isupper())


def split_with(text: str, decide: Decider = generic_decider) -> list[Span]:
    """(start, end) of each sentence of `text`, whitespace trimmed, covering all its words."""
    spans: list[Span] = []
    start = 0
    for m in CANDIDATE.finditer(text):
        q = m.end()
        while q < len(text) and text[q].isspace():
            q += 1
        if q >= len(text):
            break
        token = previous_token(text, m.start())
        token_start = m.start() - len(token)
        if decide(token, m.group(), text[q:q + 40], text[max(0, token_start - 40):token_start]):
            spans.append((start, m.end()))
            start = q
    spans.append((start, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def rules_decider(pack: LanguagePack) -> Decider:
    """The decider of the "rules" splitter, reading `pack`'s sentence rules."""
    rules = pack.sentences
    ordinal_day = pack.numbers.ordinal_day

    def decide(token: str, punct: str, following: str, before: str) -> bool:
        first = following[:1]
        if not first or first.islower() or first in ",;:":
            return False
        if "." not in punct:  # ! ? … followed by a capital, digit or quote
            return True
        word = token.rstrip(".")
        low = word.lower()
        if low in rules.units_after_number and _NUMBER_BEFORE.search(before):
            return not first.isdigit()  # "у 2020 р. Потім"
        if (low in rules.prefixes or word in rules.cased_prefixes  # Dr. Smith, м. Київ
                or (rules.prefix_endings and low.endswith(rules.prefix_endings))):
            return False
        if low in rules.abbreviations:  # "usw. Dann", "і т. д. Потім"
            return not first.isdigit()
        if rules.initials and len(word) == 1 and word.isalpha():  # N. O. Glagoleva, z. B.
            return False
        if _DOTTED.fullmatch(word):  # V.I. Lenin, U.S. authorities, e.g.
            next_word = _NEXT_WORD.match(following)
            return next_word is not None and next_word.group() in rules.starters
        if ordinal_day and word.isdigit() and len(word) <= 2:  # "am 3. Mai"
            month = _NEXT_LETTERS.match(following)
            if month and pack.calendar.month_of(month.group()) is not None:
                return False
        return True

    return decide


_LAST_WORD = re.compile(r"(?:^|[\s(«\"])(?:(\d+)\s+)?([\w-]+)\.$")


def _joins_next(sentence: str, following: str, rules: SentenceRules) -> bool:
    """Did razdel split after a prefix, an abbreviation or an initial that does not end
    `sentence`?"""
    m = _LAST_WORD.search(sentence)
    if not m:
        return False
    number, word = m.group(1), m.group(2)
    if rules.initials and len(word) == 1 and word.isupper():  # an initial: Г. А. Зюганов
        return True
    lower = word.lower()
    if lower in rules.prefixes and not (lower in rules.units_after_number and number):
        return True  # г. Москва; but "в 2022 г." may end one
    first = following[:1]
    return ((lower in rules.abbreviations or lower in rules.units_after_number)
            and (first.islower() or first.isdigit()))


def split_razdel(text: str, rules: SentenceRules) -> list[Span]:
    """razdel's sentences, re-joined where razdel split after a prefix or initial."""
    from razdel import sentenize

    spans: list[Span] = []
    for sent in sentenize(text):
        if spans and _joins_next(text[spans[-1][0]:spans[-1][1]], sent.text, rules):
            spans[-1] = (spans[-1][0], sent.stop)
        else:
            spans.append((sent.start, sent.stop))
    return spans


def split_general(text: str, code: str) -> list[Span]:
    """sentencex's sentences for `code` (its own fallback chain for languages it lacks),
    re-joined where one starts with a lower-case letter: sentencex splits after an
    abbreviation it does not know ("2020 r. w Warszawie"), and no sentence starts so."""
    from sentencex import get_sentence_boundaries

    spans: list[Span] = []
    for b in get_sentence_boundaries(code, text):
        s, e = _trim(text, b["start_index"], b["end_index"])
        if e <= s:
            continue
        if spans and text[s].islower():
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


_DECIDERS: dict[str, Decider] = {}


def split_sentences(text: str, code: str) -> list[Span]:
    """Sentence spans of `text` (one logical line) in language `code`."""
    pack = lang.get(code)
    splitter = pack.sentences.splitter
    if splitter == "rules":
        decide = _DECIDERS.get(code)
        if decide is None:
            decide = _DECIDERS[code] = rules_decider(pack)
        return split_with(text, decide)
    if splitter == "razdel":
        return split_razdel(text, pack.sentences)
    return split_general(text, code)
