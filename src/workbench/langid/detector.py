"""The short-text detector: lingua-language-detector, limited to the configured languages.

Why lingua: on real 1–8-word lines (tests/data/shortlines.tsv, `bench/bench_langid.py`)
it is far ahead of langdetect, which was trained on long texts. It is loaded lazily,
once per process and language set, and only when a line's letters do not decide.

- Accuracy mode: lingua's high-accuracy mode (1- to 5-gram models) for lines shorter than
  `LONG_CHARS`, its low-accuracy mode (trigrams only, a fraction of the memory and
  loading time) for longer lines and whole documents, as lingua's documentation advises;
  `$WORKBENCH_LANGID_ACCURACY=low` uses the low mode for every line (less memory and a
  faster start, less accurate on short lines).
- Serbian in Latin script: lingua's Serbian model is Cyrillic only; its Croatian and
  Bosnian models are the Latin-script Serbo-Croatian ones. Where the set has `sr` but
  not `hr` or `bs`, those models are added and their answer folded into `sr` (one
  macrolanguage, ISO 639-3 `hbs`); likewise for `hr` or `bs` alone.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from workbench.settings import env_choice

LONG_CHARS = 120  # lingua: "low accuracy mode … for texts of more than 120 characters"
SERBO_CROATIAN = ("sr", "hr", "bs")


def accuracy() -> str:
    return env_choice("WORKBENCH_LANGID_ACCURACY", "high", ("high", "low"))


def _folds(languages: Sequence[str]) -> dict[str, str]:
    """lingua code → configured code, for the Serbo-Croatian members the set lacks."""
    members = [code for code in SERBO_CROATIAN if code in languages]
    if len(members) != 1:
        return {}
    return {code: members[0] for code in SERBO_CROATIAN if code != members[0]}


@functools.cache
def _lingua(languages: tuple[str, ...], low: bool) -> tuple[Any, dict[Any, str]] | None:
    """(detector, lingua Language → configured code), or None when lingua knows fewer
    than two of the languages."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    folds = _folds(languages)
    wanted: dict[Any, str] = {}
    for code in (*languages, *folds):
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is None:
            continue  # a language lingua has no model for: letters and priors decide it
        wanted[Language.from_iso_code_639_1(iso)] = folds.get(code, code)
    if len(wanted) < 2:
        return None
    builder = LanguageDetectorBuilder.from_languages(*wanted)
    if low:
        builder = builder.with_low_accuracy_mode()
    return builder.build(), wanted


def confidences(text: str, languages: Sequence[str], candidates: Sequence[str], *,
                low: bool = False) -> dict[str, float]:
    """lingua's confidence for each of `candidates` (from the detector for the whole
    configured set, renormalised over the candidates); {} when it cannot tell."""
    low = low or accuracy() == "low" or len(text) >= LONG_CHARS
    built = _lingua(tuple(languages), low)
    if built is None:
        return {}
    detector, codes = built
    out: dict[str, float] = {}
    for value in detector.compute_language_confidence_values(text):
        code = codes.get(value.language)
        if code is not None and code in candidates:
            out[code] = out.get(code, 0.0) + value.value
    total = sum(out.values())
    if total <= 0:
        return {}
    return {code: value / total for code, value in out.items()}
