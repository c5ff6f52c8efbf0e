"""Language packs: what the workbench knows about each language, one module per language.

`get("de")` imports `workbench.lang.de` and returns its `PACK`; the registry finds packs
by module name, so adding a language is adding `workbench/lang/<code>.py` (see
docs/languages.md). A language without a module gets a general pack made from CLDR
(script, months, weekdays, number symbols) with the general sentence splitter, and the
workbench says so once per process and language.
"""

from __future__ import annotations

import functools
import importlib
import logging
import pkgutil
import re

from workbench.lang.base import LanguagePack
from workbench.lang.script import CYRILLIC, LATIN, cldr_script

__all__ = ["LanguagePack", "available", "get", "has_pack", "is_cyrillic_language",
           "script_of"]

UND = "und"
_CODE = re.compile(r"^[a-z]{2,3}$")
log = logging.getLogger(__name__)


def _module_name(code: str) -> str:
    return f"{__name__}.{code}"


@functools.cache
def available() -> tuple[str, ...]:
    """The codes of every shipped pack: the modules of this package named like a language."""
    return tuple(sorted(info.name for info in pkgutil.iter_modules(__path__)
                        if _CODE.match(info.name)))


def has_pack(code: str) -> bool:
    return code in available()


@functools.cache
def _load(code: str) -> LanguagePack:
    module = importlib.import_module(_module_name(code))
    pack = getattr(module, "PACK", None)
    if not isinstance(pack, LanguagePack) or pack.code != code:
        raise TypeError(f"{module.__name__} must define PACK = LanguagePack(code={code!r}, ...)")
    return pack


@functools.cache
def _general(code: str) -> LanguagePack:
    script = cldr_script(code) or LATIN
    pack = LanguagePack(code=code, script=script, generic=True)
    if code != UND:
        log.warning("workbench: no language pack for %r; using general rules (sentences by "
                    "sentencex, months and numbers from CLDR). Add src/workbench/lang/%s.py "
                    "to teach the workbench this language.", code, code)
    return pack


def get(code: str) -> LanguagePack:
    """The pack for `code`; a general one (and a warning, once) when there is none."""
    return _load(code) if has_pack(code) else _general(code)


def script_of(code: str) -> str | None:
    """The script `code` is written in (ISO 15924), from its pack or CLDR; no warning."""
    if has_pack(code):
        return _load(code).script
    return cldr_script(code)


def is_cyrillic_language(code: str) -> bool:
    return script_of(code) == CYRILLIC


def packs() -> list[LanguagePack]:
    """Every shipped pack, in code order."""
    return [_load(code) for code in available()]
