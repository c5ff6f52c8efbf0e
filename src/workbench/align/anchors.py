"""Anchors: tokens that survive translation unchanged or predictably.

Each segment gets a set of keys ("n:1998", "m:8", "u:example.org", "c:vshn", …); a bead
whose two sides share keys is more likely right, one whose keys are unmatched less so.
Keys are built the same way on both sides, so the matching itself is language-blind.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from workbench.align.languages import months_in, transliterate

# How much a shared key is worth, and what share of that an unmatched key costs: a number
# or an e-mail rarely vanishes in translation; a capitalised word often does ("Party").
KIND_WEIGHT = {"n": 1.0, "m": 0.6, "u": 1.5, "e": 1.5, "p": 1.5, "!": 0.4, "?": 0.5,
               "q": 0.3, "c": 0.6, "g": 1.0}
MISS_SHARE = {"n": 1.0, "m": 1.0, "u": 1.0, "e": 1.0, "p": 1.0, "!": 0.5, "?": 0.5,
              "q": 0.3, "c": 0.25, "g": 0.5}

_URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"“”]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_QUOTES = "«»“”„\""


def _skeleton(latin: str) -> str:
    """Consonant skeleton of a romanised word: spelling variants of one name agree on it."""
    s = latin.lower()
    for a, b in (("shch", "sh"), ("kh", "h"), ("ts", "c"), ("ph", "f"), ("ck", "k"),
                 ("w", "v"), ("c", "k"), ("q", "k"), ("x", "ks"), ("zh", "j")):
        s = s.replace(a, b)
    s = re.sub(r"[^a-z]", "", s)
    s = re.sub(r"[aeiouyjh]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def _name_keys(text: str, lang: str) -> set[str]:
    """Keys for capitalised words (names, acronyms), skipping the sentence-initial word."""
    keys = set()
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if len(word) < 2 or not word[0].isupper():
            continue
        acronym = word.isupper() and len(word) <= 6
        if index == 0 and not acronym:
            continue
        if not acronym and len(word) < 4:
            continue
        skeleton = _skeleton(transliterate(word, lang))
        if len(skeleton) >= 3 or (acronym and len(skeleton) >= 2):
            keys.add("c:" + skeleton[:4])
    return keys


def segment_keys(text: str, lang: str) -> set[str]:
    """The anchor keys of one segment."""
    keys: set[str] = set()
    rest = text
    for url in _URL.findall(rest):
        keys.add("u:" + re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/.,;"))
    rest = _URL.sub(" ", rest)
    for email in _EMAIL.findall(rest):
        keys.add("e:" + email.lower())
    rest = _EMAIL.sub(" ", rest)
    for phone in _PHONE.findall(rest):
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 7 and not re.fullmatch(r"(1[89]|20)\d\d(1[89]|20)\d\d", digits):
            keys.add("p:" + digits[-7:])
            rest = rest.replace(phone, " ")
    for number in _NUMBER.findall(rest):
        digits = re.sub(r"[.,]", "", number).lstrip("0") or "0"
        keys.add("n:" + digits)
    keys |= {f"m:{month}" for month in months_in(rest, lang)}
    if "!" in rest:
        keys.add("!:")
    if "?" in rest:
        keys.add("?:")
    if any(q in rest for q in _QUOTES):
        keys.add("q:")
    keys |= _name_keys(rest, lang)
    return keys


def side_keys(texts: Sequence[str], lang: str,
              term_ids: Callable[[str], Sequence[str]] | None = None) -> list[set[str]]:
    """Anchor keys of every segment of a side; `term_ids` adds glossary terms ("g:<id>")."""
    out = []
    for text in texts:
        keys = segment_keys(text, lang)
        if term_ids is not None:
            keys |= {"g:" + term for term in term_ids(text)}
        out.append(keys)
    return out


def key_weights(src_keys: Sequence[set[str]], tgt_keys: Sequence[set[str]]
                ) -> dict[str, tuple[float, float]]:
    """(match weight, miss weight) of each key: by kind, damped when a key is frequent."""
    df: dict[str, list[int]] = {}
    for side, keysets in enumerate((src_keys, tgt_keys)):
        for keys in keysets:
            for key in keys:
                df.setdefault(key, [0, 0])[side] += 1
    weights = {}
    for key, counts in df.items():
        weight = KIND_WEIGHT[key[0]] / math.sqrt(max(counts))
        weights[key] = (weight, weight * MISS_SHARE[key[0]])
    return weights
