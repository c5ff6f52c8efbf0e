"""Bulgarian: its letters (no ё, ы, э; ъ is a vowel) for language ID; months, weekdays
and numbers from CLDR, sentences by the general splitter."""

from __future__ import annotations

from workbench.lang.base import LanguagePack

PACK = LanguagePack(
    code="bg",
    script="Cyrl",
    letters="абвгдежзийклмнопрстуфхцчшщъьюя",
    locales=("bg",),
)
