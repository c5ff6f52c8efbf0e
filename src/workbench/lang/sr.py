"""Serbian: its Cyrillic letters (ђ ј љ њ ћ џ; no й, щ, ъ, ы, ь, э, ю, я, ё) for language
ID. Serbian is also written in Latin script (Gaj's Latin alphabet); language ID reads such a
line through the detector's Serbo-Croatian models (see `workbench.langid`)."""

from __future__ import annotations

from workbench.lang.base import LanguagePack

PACK = LanguagePack(
    code="sr",
    script="Cyrl",
    letters="абвгдђежзијклљмнњопрстћуфхцчџш",
    locales=("sr",),
)
