"""Language of a segment: `ru`, `en`, another ISO 639-1 code, or `und` (no letters).

Script decides where it can (Cyrillic → a language whose pack has letters no other
Cyrillic pack has, as і ї є ґ for Ukrainian, else the document's Cyrillic language, else
Russian); for Latin-script lines the document's language is the prior (short lines, and
lines with its pack's function words, take it);
langdetect (fixed seed, imported lazily, once) decides only what is left: long lines
without that evidence, or lines with letters the prior language does not use.
"""

from __future__ import annotations

import functools
import re

from workbench import lang
from workbench.lang.script import ACCENTED_LATIN_CLASS, CYRILLIC, CYRILLIC_CLASS

UND = "und"
DEFAULT_CYRILLIC = "ru"  # a Cyrillic line with no other language's letters


# Short Latin lines (a name, a date, "Moscow,") take the document's language.
SHORT_WORDS = 8
_ROMAN = re.compile(r"^[\s(]*[IVXLCDM]+[.)]?\s*$")
_WORD = re.compile(r"[^\W\d_]+")


_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(CYRILLIC_CLASS)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ACCENTED_LATIN = re.compile(ACCENTED_LATIN_CLASS)


@functools.cache
def cyrillic_markers() -> tuple[tuple[str, frozenset[str]], ...]:
    """(language, letters no other Cyrillic pack has) for each Cyrillic pack but the
    default: "ї є ґ" mark Ukrainian, "ў" Belarusian."""
    packs = [p for p in lang.packs() if p.script == CYRILLIC and p.letters]
    out = []
    for pack in packs:
        if pack.code == DEFAULT_CYRILLIC:
            continue
        others = set().union(*(set(p.letters) for p in packs if p is not pack))
        own = frozenset(c for ch in set(pack.letters) - others for c in (ch, ch.upper()))
        if own:
            out.append((pack.code, own))
    return tuple(out)


def _scripts(text: str) -> tuple[int, int, int, set[str]]:
    """(Cyrillic letters, Latin letters, other letters, the non-ASCII Latin letters)."""
    if text.isascii():
        lat = len(_ASCII_LETTER.findall(text))
        return 0, lat, 0, set()
    letters = len(_LETTER.findall(text))
    if not letters:
        return 0, 0, 0, set()
    cyr = len(_CYRILLIC.findall(text))
    accented = _ACCENTED_LATIN.findall(text)
    lat = len(_ASCII_LETTER.findall(text)) + len(accented)
    return cyr, lat, max(0, letters - cyr - lat), {c.lower() for c in accented}


@functools.cache
def _detector():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0
    return detect_langs


def langdetect_ranked(text: str) -> list[tuple[str, float]]:
    """langdetect's (language, probability) list, seed fixed; [] when it cannot tell."""
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return [(guess.lang.split("-")[0], guess.prob) for guess in _detector()(text)]
    except LangDetectException:
        return []


def _cyrillic_lang(text: str, doc_lang: str) -> str:
    counts = [(sum(text.count(c) for c in letters), code)
              for code, letters in cyrillic_markers()]
    best = max(counts, key=lambda c: c[0], default=(0, ""))
    if best[0]:
        return best[1]
    return doc_lang if lang.is_cyrillic_language(doc_lang) else DEFAULT_CYRILLIC


def _function_word_share(words: list[str], code: str) -> float:
    table = lang.get(code).function_words if lang.has_pack(code) else frozenset()
    if not table or not words:
        return 0.0
    return sum(1 for w in words if w.lower() in table) / len(words)


def _latin_lang(text: str, doc_lang: str, accented: set[str]) -> str:
    words = _WORD.findall(text)
    latin_doc = doc_lang != UND and not lang.is_cyrillic_language(doc_lang)
    prior = doc_lang if latin_doc else "en"  # Latin lines in a Cyrillic text: English first
    foreign_letters = len(accented) >= 2  # "México" is no evidence; "Çağırıyor" is
    if not foreign_letters and (len(words) <= SHORT_WORDS
                                or _function_word_share(words, prior) >= 0.1):
        return prior
    ranked = langdetect_ranked(text)
    if not ranked:
        return prior
    best, best_prob = ranked[0]
    if foreign_letters:
        return best if best_prob >= 0.5 else prior
    prior_prob = dict(ranked).get(prior, 0.0)
    return prior if prior_prob >= 0.15 else best


def detect(text: str, doc_lang: str) -> str:
    """ISO 639-1 code of `text` in a document in `doc_lang`; `und` when it has no letters."""
    cyr, lat, other, accented = _scripts(text)
    if not (cyr or lat or other):
        return UND
    if _ROMAN.match(text):  # a section number takes the document's language
        return doc_lang if doc_lang != UND else UND
    if cyr >= lat and cyr >= other:
        return _cyrillic_lang(text, doc_lang)
    if lat >= other:
        return _latin_lang(text, doc_lang, accented)
    ranked = langdetect_ranked(text)
    return ranked[0][0] if ranked else UND


def detect_document(text: str) -> str:
    """The language of a whole text: its dominant script, langdetect for Latin texts."""
    cyr, lat, other, _accented = _scripts(text)
    if not (cyr or lat or other):
        return UND
    if cyr >= lat and cyr >= other:
        return _cyrillic_lang(text, UND)
    ranked = langdetect_ranked(text[:20000])
    return ranked[0][0] if ranked else UND


def detect_lines(lines: list[str]) -> list[str]:
    """One label per line; the lines together are the document context."""
    doc_lang = detect_document("\n".join(lines))
    return [detect(line, doc_lang) if line.strip() else UND for line in lines]
