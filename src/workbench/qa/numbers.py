"""Numbers as QA compares them: every digit run, thousands joined as the language's pack
groups them ("1 000" in Russian = "1,000" in English = "1.000" in German = 1000), other
separators ignored ("66,53" = "66.53"), and month names next to a number counted as the
month's number, so "27 августа 1998", "Aug 27 1998" and "27. August 1998" carry the same
numbers {27, 8, 1998}: months are compared as months across languages ("Mai" = "May").

Month names and number symbols come from the language pack (CLDR); a language without a
pack has CLDR's, and one CLDR does not know still has its digits compared.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import regex

from workbench import lang

WORD_OR_NUMBER = regex.compile(r"\p{L}+|\d+")


@functools.cache
def _grouped(code: str) -> re.Pattern[str]:
    """A number with its thousands grouped by one of the language's group separators."""
    groups = re.escape(lang.get(code).numbers.group)
    return re.compile(rf"(?<![\d.,])\d{{1,3}}(?:[{groups}]\d{{3}})+(?!\d)")


def _join_groups(text: str, code: str) -> str:
    """`text` with grouped thousands written without their separators."""
    return _grouped(code).sub(lambda m: re.sub(r"\D", "", m.group()), text)


def numbers(text: str, code: str) -> Counter[int]:
    """The multiset of numbers a text states (digits, and months beside a number)."""
    calendar = lang.get(code).calendar
    tokens = [m.group() for m in WORD_OR_NUMBER.finditer(_join_groups(text, code))]
    found: Counter[int] = Counter()
    for i, tok in enumerate(tokens):
        if tok.isdigit():
            found[int(tok)] += 1
            continue
        month = calendar.month_of(tok)
        if month is None:
            continue
        near = tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]
        if any(t.isdigit() for t in near):  # "March to Moscow" is no date
            found[month] += 1
    return found
