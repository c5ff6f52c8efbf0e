"""Numbers as QA compares them: every digit run, separators ignored ("1 000" = "1,000",
"66,53" = "66.53"), and month names next to a number counted as the month's number, so
"27 августа 1998" and "Aug 27 1998" carry the same numbers {27, 8, 1998}.

Month names live in per-language tables; a language without a table still has its
digits compared.
"""

from __future__ import annotations

from collections import Counter

import regex

# Month stems per language: a word starting with the stem (case-insensitive) is the month.
MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "ru": (("январ",), ("феврал",), ("март",), ("апрел",), ("мая", "май", "мае"), ("июн",),
           ("июл",), ("август",), ("сентябр",), ("октябр",), ("ноябр",), ("декабр",)),
    "en": (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
           ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
           ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
           ("december", "dec")),
}
# English abbreviations must be the whole word ("Mar", "Aug."); stems only for Russian.
WHOLE_WORD = {"en"}

WORD_OR_NUMBER = regex.compile(r"\p{L}+|\d+")


def _month(word: str, lang: str) -> int | None:
    table = MONTHS.get(lang)
    if not table:
        return None
    low = word.lower()
    for number, names in enumerate(table, start=1):
        for name in names:
            if (low == name) if lang in WHOLE_WORD else low.startswith(name):
                return number
    return None


def numbers(text: str, lang: str) -> Counter[int]:
    """The multiset of numbers a text states (digits, and months beside a number)."""
    tokens = [m.group() for m in WORD_OR_NUMBER.finditer(text)]
    found: Counter[int] = Counter()
    for i, tok in enumerate(tokens):
        if tok.isdigit():
            found[int(tok)] += 1
            continue
        month = _month(tok, lang)
        if month is None:
            continue
        near = tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]
        if any(t.isdigit() for t in near):  # "March to Moscow" is no date
            found[month] += 1
    return found
