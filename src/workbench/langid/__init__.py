"""Language of a segment: an ISO 639-1 code from the configured set, or `und` (no letters).

The evidence, strongest first:
1. the line's letters (`letters.py`): its script, and which configured languages of
   that script have every letter it uses (ў is Belarusian, ә Kazakh, ї Ukrainian; ы rules
   out Ukrainian). One candidate left decides.
2. the prior's function words (its pack's `function_words`): a quarter of the words,
   two at least, and no model is needed.
3. the short-text detector (`detector.py`: lingua, limited to the configured set) among
   the candidates left.
4. the document's language, only where the line carries no evidence of its own: the
   detector does not put another candidate clearly ahead of it (`PRIOR_SHARE`). A line
   in another script than the document's takes the first configured language of its
   script as its prior (`ru` for Cyrillic, `en` for Latin in the default set).

So a foreign line in a document keeps its language, and a few Ukrainian lines do not
turn a Russian document Ukrainian (`detect_document` reads the whole text, not its
rarest letters). The configured set is `[langid] languages` in `workbench.toml`
(`workbench.settings`); `languages=None` is the default set.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from workbench.lang.script import CYRILLIC, LATIN
from workbench.langid import detector
from workbench.langid.letters import (
    cyrillic_candidates,
    dominant_script,
    of_script,
    words_only,
)
from workbench.settings import DEFAULT_LANGID_LANGUAGES

__all__ = ["UND", "detect", "detect_document", "detect_lines", "langdetect_ranked"]

UND = "und"
# The prior is kept unless the detector gives another candidate this many times its
# confidence (measured on tests/data/shortlines.tsv and the gold lines: bench_langid.py).
PRIOR_SHARE = 0.1
SHORTLIST = 2  # languages the full models compare after the quick ones
DOCUMENT_CHARS = 20000  # how much of a text `detect_document` reads

_ROMAN = re.compile(r"^[\s(]*[IVXLCDM]+[.)]?\s*$")


def _configured(languages: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(languages) if languages else DEFAULT_LANGID_LANGUAGES


def _candidates(text: str, script: str, languages: tuple[str, ...]) -> list[str]:
    if script == CYRILLIC:
        return cyrillic_candidates(text, languages)
    found = of_script(languages, script)
    if script == LATIN and "sr" in languages and "sr" not in found:
        found.append("sr")  # Serbian is written in both scripts
    return found


def _prior(doc_lang: str, candidates: list[str]) -> str | None:
    if doc_lang in candidates:
        return doc_lang
    return candidates[0] if candidates else None


def detect(text: str, doc_lang: str, languages: Sequence[str] | None = None) -> str:
    """The language of `text`, a line of a document in `doc_lang`; `und` when it has no
    letters."""
    words = words_only(text)
    if words is None:  # "www.example.by": the document's language, if it has one
        return doc_lang if doc_lang != UND else (detect(text.replace(".", " "), UND, languages))
    text = words
    script = dominant_script(text)
    if script is None:
        return UND
    if _ROMAN.match(text):  # a section number takes the document's language
        return doc_lang
    configured = _configured(languages)
    candidates = _candidates(text, script, configured)
    if not candidates:
        return _unconfigured(text, doc_lang)
    if len(candidates) == 1:
        return candidates[0]
    prior = _prior(doc_lang, candidates)
    if prior is not None and _speaks(text, prior):
        return prior  # the prior's own function words: evidence for it, no model needed
    quick = detector.confidences(text, configured, candidates, low=True)
    if prior is not None and _keeps_prior(quick, prior):
        return prior  # the quick models see no evidence against the prior
    # The full models decide between the prior and the quick models' best few (loading
    # the full models of those languages only).
    shortlist = sorted(quick, key=lambda code: -quick[code])[:SHORTLIST]
    if prior is not None and prior not in shortlist:
        shortlist.append(prior)
    ranked = detector.confidences(text, shortlist, shortlist) if len(shortlist) > 1 \
        else quick
    if not ranked:
        return prior or candidates[0]
    if prior is not None and _keeps_prior(ranked, prior):
        return prior
    return max(ranked, key=lambda code: ranked[code])


_WORDS = re.compile(r"[^\W\d_]+")
FUNCTION_SHARE = 0.25  # of a line's words, for its function words to speak for the prior


def _speaks(text: str, code: str) -> bool:
    """A quarter or more of the line's words (two at least) are function words of the
    pack of `code` ("of", "the", "and" for English): the line is in that language."""
    from workbench import lang

    table = lang.get(code).function_words if lang.has_pack(code) else frozenset()
    if not table:
        return False
    words = [w.lower() for w in _WORDS.findall(text)]
    hits = sum(1 for w in words if w in table)
    return hits >= 2 and hits >= FUNCTION_SHARE * len(words)


def _keeps_prior(ranked: dict[str, float], prior: str) -> bool:
    """No candidate is `1 / PRIOR_SHARE` times as likely as the prior (or no ranking)."""
    if not ranked:
        return True
    return ranked.get(prior, 0.0) >= PRIOR_SHARE * max(ranked.values())


def _unconfigured(text: str, doc_lang: str) -> str:
    """A script no configured language is written in: langdetect's best guess."""
    ranked = langdetect_ranked(text)
    return ranked[0][0] if ranked else doc_lang


def detect_document(text: str, languages: Sequence[str] | None = None) -> str:
    """The language of a whole text: its dominant script, then the detector over (the
    start of) the whole text, so a minority of lines in another language does not decide."""
    sample = text[:DOCUMENT_CHARS]
    script = dominant_script(sample)
    if script is None:
        return UND
    configured = _configured(languages)
    candidates = _candidates(sample, script, configured) if script != CYRILLIC else \
        of_script(configured, CYRILLIC)
    if not candidates:
        return _unconfigured(sample, UND)
    if len(candidates) == 1:
        return candidates[0]
    ranked = detector.confidences(" ".join(sample.split())[:DOCUMENT_CHARS], configured,
                                  candidates)
    if not ranked:
        return candidates[0]
    return max(ranked, key=lambda code: ranked[code])


def detect_lines(lines: list[str], languages: Sequence[str] | None = None) -> list[str]:
    """One label per line; the lines together are the document context."""
    doc_lang = detect_document("\n".join(lines), languages)
    return [detect(line, doc_lang, languages) if line.strip() else UND for line in lines]


@functools.cache
def _langdetect():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0
    return detect_langs


def langdetect_ranked(text: str) -> list[tuple[str, float]]:
    """langdetect's (language, probability) list, seed fixed; [] when it cannot tell.
    Kept for scripts no configured language uses, and as the benchmarks' baseline."""
    from langdetect.lang_detect_exception import LangDetectException

    try:
        return [(guess.lang.split("-")[0], guess.prob) for guess in _langdetect()(text)]
    except LangDetectException:
        return []
