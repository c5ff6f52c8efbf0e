"""Damage flags, each with a reason a person can check: non-ASCII stripped, mojibake,
mixed-script words, U+FFFD.

Stripping is judged from evidence (contractions without their apostrophe, punctuation left
where words were, a possessive without its apostrophe: the words are the language packs',
`stripped_apostrophes`); the weaker evidence only counts in a text that shows the strong
kind somewhere. `line_damage` says whether a line lost its letters altogether.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence

from workbench import lang
from workbench.lang.script import CYRILLIC_RE, LATIN_RE
from workbench.model import Flag, Segment

ASCII_STRIPPED = "ascii-stripped"
MOJIBAKE = "mojibake"
MIXED_SCRIPT = "mixed-script"
REPLACEMENT_CHAR = "replacement-char"
INVALID_UTF8 = "invalid-utf8"

# Punctuation standing alone where the words between it were removed: "105062, , . .",
# "/.:" (was "тел/факс.:"), ".," at a word start, a full stop glued before "@". A lone
# "/" is no evidence ("and / or", "692-54-76 / 692-54-77").
BARE_PUNCT = re.compile(r"(?:^|\s)(?=[,.;:/]*[,.;:])[,.;:/]+(?=\s|$)|(?:^|\s)\.[/,]|"
                        r"^[.,;:/]+(?=\w)|\S\.@")
# E-mail and web addresses, which keep their punctuation whatever happened to the words.
EMAIL = re.compile(r"[\w.+-]*@[\w-]+(?:\.[\w-]+)*\.?\w*")
URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
VALID_EMAIL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@"
                         r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
# UTF-8 read as cp1251 ("РЎРѕСЋР·") or as Latin-1/cp1252 ("Ð¡Ð¾ÑŽÐ·").
_MOJIBAKE_HINT = re.compile(r"[РСÐÑÃÂâ][^\s]")
_TOKEN = re.compile(r"\S+")


def _unmangle(token: str) -> str | None:
    """The text `token` was before UTF-8 was read in the wrong code page, if it was."""
    for encoding in ("cp1251", "cp1252", "latin-1"):
        try:
            fixed = token.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != token and any(ord(c) > 127 for c in fixed):
            return fixed
    return None


def mojibake_words(text: str) -> list[tuple[str, str]]:
    """(garbled word, what it decodes to) for each mojibake word in `text`."""
    found: list[tuple[str, str]] = []
    if not _MOJIBAKE_HINT.search(text):
        return found
    for m in _TOKEN.finditer(text):
        word = m.group().strip(".,;:!?()[]«»\"'")
        if len(word) >= 2 and _MOJIBAKE_HINT.search(word):
            fixed = _unmangle(word)
            if fixed is not None:
                found.append((word, fixed))
    return found


_WORD = re.compile(r"[^\W\d_]+")


_CYRILLIC = CYRILLIC_RE
_LATIN = LATIN_RE


def mixed_script_words(text: str) -> list[str]:
    """Words with both Cyrillic and Latin letters (look-alikes typed in the wrong layout)."""
    if not (_CYRILLIC.search(text) and _LATIN.search(text)):
        return []
    return [m.group() for m in _WORD.finditer(text)
            if _CYRILLIC.search(m.group()) and _LATIN.search(m.group())]


def _quote(items: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


@functools.cache
def _evidence(kind: str) -> tuple[re.Pattern[str], ...]:
    """The packs' words that show a stripped apostrophe (English today): the text's
    language is not known here, and ASCII text can be any Latin-script language."""
    found = (getattr(pack.stripped_apostrophes, kind) for pack in lang.packs()
             if pack.stripped_apostrophes is not None)
    return tuple(found)


def strong_stripping_evidence(text: str) -> list[str]:
    """What in `text` shows that non-ASCII characters were removed."""
    reasons = []
    contractions = [w for pattern in _evidence("contractions")
                    for w in pattern.findall(text.lower())] if text.isascii() else []
    if contractions:
        reasons.append(f"contraction without its apostrophe: {_quote(contractions)}")
    if text.isascii() and BARE_PUNCT.search(text):
        reasons.append("punctuation left where words were removed")
    return reasons


def line_damage(text: str) -> str | None:
    """Why a line looks like it lost its letters in a conversion, or None: the one answer
    to "is this line damaged" that the letterhead rules and batch translation ask.

    Only lines without letters outside e-mail/web addresses are judged (", , . ." left
    where words were), plus e-mail addresses that can no longer be valid ("kzp.@…").
    """
    for email in EMAIL.findall(text):
        if "@" in email and not VALID_EMAIL.match(email.rstrip(".;,")):
            return f"the e-mail address {email!r} is not valid: letters were probably lost"
    rest = URL.sub(" ", EMAIL.sub(" ", text))
    if any(ch.isalpha() for ch in rest):
        return None
    if BARE_PUNCT.search(rest):
        return "only digits and stray punctuation remain where words were"
    return None


def segment_flags(text: str, *, stripping: bool = True) -> list[Flag]:
    """Flags that one segment shows on its own (`stripping=False`: skip the stripping
    evidence, e.g. for web furniture, which loses links and icons anyway)."""
    flags = []
    reasons = strong_stripping_evidence(text) if stripping else []
    if reasons:
        flags.append(Flag(ASCII_STRIPPED, "non-ASCII characters stripped: " + "; ".join(reasons)))
    garbled = mojibake_words(text)
    if garbled:
        flags.append(Flag(MOJIBAKE, "UTF-8 read in the wrong code page: " + _quote(
            [f"{bad} = {good}" for bad, good in garbled])))
    mixed = mixed_script_words(text)
    if mixed:
        flags.append(Flag(MIXED_SCRIPT, "Cyrillic and Latin letters in one word: "
                          + _quote(mixed)))
    if "\ufffd" in text:
        flags.append(Flag(REPLACEMENT_CHAR, f"{text.count(chr(0xFFFD))} U+FFFD replacement "
                          "character(s): bytes were lost in decoding"))
    return flags


_DOUBLE_SPACE = re.compile(r"\w {2,}\w")


def weak_stripping_flag(text: str) -> Flag | None:
    """In a text already shown to be stripped: a possessive without its apostrophe, or a
    doubled space between words (where a dash or quote stood)."""
    if not text.isascii():
        return None
    reasons = []
    hits = [m.group() for pattern in _evidence("possessives") for m in pattern.finditer(text)]
    if hits:
        reasons.append(f"possessive without its apostrophe: {_quote(hits)}")
    spaces = [m.group() for m in _DOUBLE_SPACE.finditer(text)]
    if spaces:
        reasons.append(f"doubled space where a character was: {_quote(spaces)}")
    if not reasons:
        return None
    return Flag(ASCII_STRIPPED, "non-ASCII characters stripped: " + "; ".join(reasons))


def _offsets(bad: Sequence[tuple[int, int]]) -> str:
    shown = ", ".join(str(byte) for byte, _ in bad[:5])
    return shown + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")


def invalid_utf8_flag(bad: Sequence[tuple[int, int]]) -> Flag:
    """The flag of byte sequences that were not UTF-8 in a UTF-8 file, naming their byte
    offsets in the file (read as U+FFFD: the rest of the text is as written)."""
    return Flag(INVALID_UTF8, f"{len(bad)} byte sequence(s) not UTF-8 at byte offset(s) "
                f"{_offsets(bad)} of the file, read as U+FFFD")


def flag_invalid_utf8(segments: Sequence[Segment],
                      bad: Sequence[tuple[int, int]]) -> list[Segment]:
    """`segments` with the `invalid-utf8` flag on each one holding a bad sequence."""
    out = list(segments)
    for i, seg in enumerate(out):
        here = [b for b in bad if seg.start <= b[1] < seg.end]
        if here:
            out[i] = dataclasses.replace(seg, flags=(*seg.flags, invalid_utf8_flag(here)))
    return out


def document_flags(segment_flag_lists: Sequence[Sequence[Flag]]) -> list[Flag]:
    """One flag per code for a whole side, counting the segments that show it."""
    counts: dict[str, int] = {}
    for flags in segment_flag_lists:
        for code in {f.code for f in flags}:
            counts[code] = counts.get(code, 0) + 1
    return [Flag(code, f"{count} segment(s) flagged {code}") for code, count in counts.items()]
