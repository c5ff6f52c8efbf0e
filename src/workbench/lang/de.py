"""German: abbreviations, ordinal dates ("am 3. Mai"), date lines from CLDR's patterns,
function words for language ID. Month and weekday names come from CLDR (de, de_AT:
"Jänner", de_CH); German capitalises them, as every noun."""

from __future__ import annotations

from workbench.lang.base import BlockRules, LanguagePack, SentenceRules, words
from workbench.lang.cldr import date_lines

# Abbreviations after which a full stop never ends a sentence: titles before a name,
# "Nr. 5", "ca. 5", "bzw.", "vgl."; CLDR's abbreviated month and day names ("Okt.",
# "Mo.") are added as written. Dotted ones ("z. B.", "d. h.", "u. a.") are single letters
# with a full stop, which never end a sentence.
PREFIXES = words(
    "dr prof dipl ing hr hrn fr frl nr nrn str st abs art bd bde hrsg jh jhd mio mrd tsd "
    "ca bzw vgl ggf evtl inkl zzgl exkl bspw sog gem lt gez ehem urspr verh geb gest "
    "tel fax allg bzgl betr max min mind rd"
)
# These end a sentence before a capital ("… Bücher usw. Dann kam …").
ABBREVIATIONS = words("usw etc ff")

FUNCTION_WORDS = words(
    "der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind "
    "war waren wird werden wurde wurden hat haben hatte sein zu von mit für auf aus bei "
    "nach über unter vor durch gegen ohne um im am zum zur vom ins sich es er sie wir ihr "
    "ich auch noch nur schon wie als wenn dass daß so mehr sehr alle dieser diese dieses")


def sentence_rules(pack: LanguagePack) -> SentenceRules:
    return SentenceRules(splitter="rules", prefixes=PREFIXES, abbreviations=ABBREVIATIONS,
                         cased_prefixes=frozenset(pack.calendar.abbreviations()),
                         prefix_endings=("str",))  # "Hauptstr. 5"


def block_rules(pack: LanguagePack) -> BlockRules:
    return BlockRules(date_line=date_lines(pack.calendar, pack.numbers))


PACK = LanguagePack(
    code="de",
    script="Latn",
    letters="abcdefghijklmnopqrstuvwxyzäöüß",
    locales=("de", "de_AT", "de_CH"),
    months_capitalised=True,
    sentence_rules=sentence_rules,
    block_rules=block_rules,
    function_words=FUNCTION_WORDS,
)
