"""Belarusian: its letters (ў, і) for language ID and name keys for the aligner; the
rest (months, numbers, the general sentence splitter) is CLDR's and the defaults. A pack
this small is what adding a language takes at the least."""

from __future__ import annotations

from workbench.lang.base import LanguagePack

PACK = LanguagePack(
    code="be",
    script="Cyrl",
    letters="абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    locales=("be",),
    name_keys="name-key-cyrillic",
)
