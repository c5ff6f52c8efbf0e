"""Kazakh (Cyrillic script): its letters (ә ғ қ ң ө ұ ү һ і beside the Russian alphabet)
for language ID. Months, weekdays and numbers are CLDR's; sentences use the general
splitter."""

from __future__ import annotations

from workbench.lang.base import LanguagePack

PACK = LanguagePack(
    code="kk",
    script="Cyrl",
    # The 42 letters of the Cyrillic Kazakh alphabet (1940 reform; the Russian letters
    # stay for loanwords).
    letters="аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    locales=("kk",),
    name_keys="name-key-cyrillic",
)
