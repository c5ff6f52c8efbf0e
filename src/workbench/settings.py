"""Project settings (`workbench.toml`) and environment settings, read and validated in
one place: every layer asks here instead of parsing its own section or variable.

```toml
[languages]
source = "ru"
target = "en"

[review]
low_confidence = 0.8              # below this an alignment is "low confidence"
signoff_requires_review = true    # sign-off only from `reviewed`
four_eyes = false                 # the signer did not write or approve that English

[team]
reviewers = []                    # who may approve and reject (empty: anyone)
signers = []                      # who may sign off (empty: anyone)

[langid]
languages = ["ru", "en", "uk", …] # the languages a line may be labelled with (the first
                                  # of each script is that script's default)

[letterhead]
romanisation = "bgn_pcgn"         # names in the source language's letterhead lines: any
                                  # iuliia scheme ("wikipedia", "icao_doc_9303", …) or
                                  # one of workbench.lang.romanise.schemes()
```

An unknown section or key is an error (a typo must not silently keep a default).
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from workbench.errors import WorkbenchError, read_text

CONFIG_NAME = "workbench.toml"

# Languages a short line may be labelled with unless the project says otherwise.
DEFAULT_LANGID_LANGUAGES: tuple[str, ...] = (
    "ru", "en", "uk", "be", "kk", "bg", "sr", "de", "fr", "es", "it", "pt", "tr", "pl",
    "ro", "lt", "lv", "et", "sv", "el")


@dataclass(frozen=True)
class ReviewSettings:
    low_confidence: float = 0.8
    signoff_requires_review: bool = True
    four_eyes: bool = False


@dataclass(frozen=True)
class TeamSettings:
    reviewers: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()


@dataclass(frozen=True)
class LangidSettings:
    languages: tuple[str, ...] = DEFAULT_LANGID_LANGUAGES


@dataclass(frozen=True)
class LetterheadSettings:
    romanisation: str = "bgn_pcgn"


@dataclass(frozen=True)
class Settings:
    source_lang: str = "ru"
    target_lang: str = "en"
    review: ReviewSettings = field(default_factory=ReviewSettings)
    team: TeamSettings = field(default_factory=TeamSettings)
    langid: LangidSettings = field(default_factory=LangidSettings)
    letterhead: LetterheadSettings = field(default_factory=LetterheadSettings)
    path: Path | None = None  # the file they were read from, if any


SECTIONS: dict[str, type] = {"review": ReviewSettings, "team": TeamSettings,
                             "langid": LangidSettings, "letterhead": LetterheadSettings}


def _is_code(value: object) -> bool:
    return isinstance(value, str) and value.isalpha() and 2 <= len(value) <= 3


def _convert(value: Any, default: Any, where: str, path: Path) -> Any:
    """`value` as the type of `default`, or a WorkbenchError naming the key."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        raise WorkbenchError(f"{where} must be true or false, not {value!r}", path=path)
    if isinstance(default, float):
        if isinstance(value, int | float) and not isinstance(value, bool) and \
                math.isfinite(value) and 0.0 <= value <= 1.0:
            return float(value)
        raise WorkbenchError(f"{where} must be a number from 0 to 1, not {value!r}", path=path)
    if isinstance(default, tuple):
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        raise WorkbenchError(f"{where} must be a list of names, e.g. [\"anna\", \"boris\"]",
                             path=path)
    if isinstance(default, str):
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise WorkbenchError(f"{where} must be a non-empty string, not {value!r}", path=path)
    raise AssertionError(f"no conversion for {type(default)}")


def _section(kind: type, table: Any, name: str, path: Path) -> Any:
    if not isinstance(table, Mapping):
        raise WorkbenchError(f"[{name}] must be a table", path=path)
    known = {f.name: f for f in fields(kind)}
    values = {}
    for key, value in table.items():
        if key not in known:
            raise WorkbenchError(f"[{name}] has no setting {key!r}", path=path,
                                 fix=f"known: {', '.join(known)}")
        values[key] = _convert(value, getattr(kind(), key), f"[{name}] {key}", path)
    return kind(**values)


def load_settings(root: Path) -> Settings:
    """The settings of the project at `root` (defaults where `workbench.toml` is absent)."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return Settings()
    try:
        config = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise WorkbenchError(f"is not valid TOML: {exc}", path=path,
                             fix='write e.g. [languages] source = "ru" target = "en"') from None
    langs = config.get("languages", {})
    if not isinstance(langs, Mapping) or set(langs) - {"source", "target"}:
        raise WorkbenchError("[languages] takes `source` and `target`", path=path)
    source, target = langs.get("source", "ru"), langs.get("target", "en")
    for value in (source, target):
        if not _is_code(value):
            raise WorkbenchError(f"[languages] has {value!r}, not a language code", path=path,
                                 fix='use ISO 639-1 codes, e.g. source = "ru"')
    sections = {}
    for name, table in config.items():
        if name == "languages":
            continue
        if name not in SECTIONS:
            raise WorkbenchError(f"has an unknown section [{name}]", path=path,
                                 fix=f"known: languages, {', '.join(SECTIONS)}")
        sections[name] = _section(SECTIONS[name], table, name, path)
    langid = sections.get("langid")
    if langid is not None:
        bad = [code for code in langid.languages if not _is_code(code)]
        if bad:
            raise WorkbenchError(f"[langid] languages has {bad[0]!r}, not a language code",
                                 path=path)
        sections["langid"] = LangidSettings(tuple(c.lower() for c in langid.languages))
    return Settings(source_lang=source.lower(), target_lang=target.lower(), path=path,
                    **sections)


# ---------------------------------------------------------------- environment

T = TypeVar("T")


def _env(name: str, default: T, parse: Callable[[str], T], ok: Callable[[T], bool],
         what: str) -> T:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value: T | None
    try:
        value = parse(raw.strip())
    except ValueError:
        value = None
    if value is None or not ok(value):
        raise WorkbenchError(f"${name} must be {what}, not {raw!r}",
                             fix=f"set it to {what} or unset it")
    return value


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole-number environment setting within [minimum, maximum]."""
    what = (f"a whole number from {minimum} to {maximum}" if maximum is not None
            else f"a whole number ≥ {minimum}")
    return _env(name, default, int,
                lambda v: v >= minimum and (maximum is None or v <= maximum), what)


def env_float(name: str, default: float, *, minimum: float = 0.0,
              maximum: float | None = None) -> float:
    """A finite number environment setting within [minimum, maximum] (never nan/inf)."""
    what = (f"a number from {minimum:g} to {maximum:g}" if maximum is not None
            else f"a number ≥ {minimum:g}")
    return _env(name, default, float,
                lambda v: math.isfinite(v) and v >= minimum
                and (maximum is None or v <= maximum), what)


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """An environment setting that must be one of `choices`."""
    return _env(name, default, str, lambda v: v in choices, "one of " + ", ".join(choices))
