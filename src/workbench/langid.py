"""Language of a segment: script first, the document's language as the prior for short
Latin-script lines, langdetect (fixed seed, loaded lazily) only where those cannot decide."""

from __future__ import annotations

import functools
import unicodedata


def _script_counts(text: str) -> tuple[int, int, int]:
    """(Cyrillic letters, Latin letters, other letters)."""
    cyr = lat = other = 0
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            cyr += 1
        elif name.startswith("LATIN"):
            lat += 1
        else:
            other += 1
    return cyr, lat, other


@functools.cache
def _detector():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0
    return detect_langs


def detect(text: str, doc_lang: str) -> str:
    """ISO 639-1 code of `text`, `und` when it has no letters."""
    cyr, lat, other = _script_counts(text)
    if not (cyr or lat or other):
        return "und"
    if cyr >= lat and cyr >= other:
        return "ru" if doc_lang != "uk" else doc_lang
    if lat >= other and doc_lang in ("en", "ru"):
        return "en" if doc_lang == "en" or lat < 40 else _langdetect(text, doc_lang)
    return _langdetect(text, doc_lang)


def _langdetect(text: str, doc_lang: str) -> str:
    try:
        langs = _detector()(text)
    except Exception:
        return doc_lang
    return langs[0].lang.split("-")[0] if langs else doc_lang


def detect_document(text: str) -> str:
    """The language of a whole text: its dominant script, langdetect for Latin texts."""
    cyr, lat, other = _script_counts(text)
    if not (cyr or lat or other):
        return "und"
    if cyr >= lat and cyr >= other:
        return "ru"
    return _langdetect(text, "en")


def detect_lines(lines: list[str]) -> list[str]:
    """One label per line; the lines together are the document context."""
    doc_lang = detect_document("\n".join(lines))
    return [detect(line, doc_lang) if line.strip() else "und" for line in lines]
