"""English: abbreviations and sentence starters, the line patterns of letters and web
pages, function words for language ID. Month names come from CLDR (en, en_GB: "Sept")."""

from __future__ import annotations

import re

from workbench.lang.base import (
    BlockRules,
    LanguagePack,
    SentenceRules,
    StrippedApostrophes,
    words,
)
from workbench.lang.cldr import CONTEXTS, WIDTHS, alternation

# After these a full stop is no sentence end (titles, references); CLDR's abbreviated
# month names ("Aug.", "Sept.") are added to them.
PREFIXES = words(
    "mr mrs ms messrs dr prof st gen col lt sgt capt cmdr adm gov sen rep rev hon jr sr mt "
    "no nos art arts vol vols fig figs pp p ch sec vs cf approx ca dept univ assn bros "
    "comrade"
)

# Words that may start a sentence after a dotted abbreviation such as `U.S.`.
STARTERS = words(
    "The This That These Those It Its In On At We They He She I You But And However "
    "Therefore Thus So A An As For If When While There Here Our Their His Her Today Yet "
    "Also Then After Before Since Now Such What Who Why How All No Not One Some Many Both"
)

FUNCTION_WORDS = words(
    "the of and to in is are was were be been a an that this these those with for on "
    "by from at as it its we our they their you your he she his her not have has had "
    "will shall would should can could who which what all")


STRIPPED_APOSTROPHES = StrippedApostrophes(
    # Contractions that lose their apostrophe when non-ASCII is stripped (’ → ""). Left
    # out: "cant", "wont", "its", "were", "well", "shell" (words in their own right).
    contractions=re.compile(
        r"\b(?:(?:is|are|was|were|do|does|did|has|have|had|could|would|should|must|need)nt|"
        r"(?:they|you)(?:re|ve)|weve|ive|im|[hs]hes|(?:tha|the|wha)(?:ts|res)|"
        r"(?:would|could|should)ve)\b"),
    # A plural noun used as a possessive before these: "workers parties".
    possessives=re.compile(
        r"\b(?:workers|peoples|womens|childrens|soldiers|veterans|farmers|students|nations)"
        r"\s+(?:part(?:y|ies)|movements?|rights|unions?|organi[sz]ations?|power|councils?|"
        r"struggle|class|solidarity|interests?)\b", re.I),
)


def sentence_rules(pack: LanguagePack) -> SentenceRules:
    months = {name.lower() for name in pack.calendar.abbreviations(days=False)}
    return SentenceRules(splitter="rules", prefixes=PREFIXES | months, starters=STARTERS)


def block_rules(pack: LanguagePack) -> BlockRules:
    months = alternation(pack.calendar.names([(c, w) for c in CONTEXTS for w in WIDTHS]))
    return BlockRules(
        continuation_words=words(
            "a an the of to and or but nor with for in on at by from into onto upon as than "
            "that which who whose whom this these those its their our your his her my is are "
            "was were be been has have had will shall would should can could may might must "
            "not so such very about against among between through during without within "
            "under over after before since until towards toward across behind beyond per via"
        ),
        determiners=words("a an the this that these those our their his her its my your"),
        salutation=re.compile(
            r"^(?:(?:my\s+)?dear|comrades?|friends|brothers\s+and\s+sisters|"
            r"ladies\s+and\s+gentlemen)\b.{0,80}[!,:]$", re.I),
        addressee=re.compile(r"^To\s+(?:the|all|our|every|each|comrades?)\b"),
        signature_start=re.compile(
            r"^(?:(?:for\s+and\s+)?on\s+behalf\s+of|signed\s*[:,]|yours\s+(?:sincerely|"
            r"faithfully|fraternally)|with\s+(?:communist|fraternal|comradely)\s+greetings)\b",
            re.I),
        position=re.compile(
            r"^(?:(?:acting|honorary|deputy|vice|first|second|general|executive|party)\s+)*"
            r"(?:chairman|chairwoman|chair|secretary|president|leader|coordinator|spokesman|"
            r"spokesperson|representative|the\s+representative)\b", re.I),
        date_line=re.compile(
            rf"^(?:(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
            rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})\.?,?\s+\d{{4}})\.?$"),
        contact_words=re.compile(r"\b(?:tel|phone|fax|e-?mail|mob|website|www)\b", re.I),
        furniture=re.compile(
            r"^This entry was posted in\b|Bookmark the permalink|"
            r"^\d+\s+(?:Responses?|Comments?|Replies|Thoughts?)\s+(?:to|on)\b|"
            r"(?:^|\s)Pingback:|^Trackback:|^Leave a (?:Reply|Comment)\b|"
            r"^Fill in your details below|^You are commenting using\b|\bLog Out\b|"
            r"^(?:Google|Twitter|Facebook|WordPress\.com)\s+(?:photo|picture|account)$|"
            r"^Connecting to %s$|^Permalink:|^Published (?:on|at)\b|"
            r"^(?:All news|Show more news|More news|Related|Related posts|Share this:?|"
            r"Like this:?|Loading\.\.\.|Print|Email|Share|Tweet|Read more)$|"
            r"^Press \"[^\"]+\",? to read|^\S.* in (?:Facebook|VK|Twitter|Telegram|Instagram)$|"
            r"^Thank you, don'?t show this|^Source:\s|open for (?:further )?(?:endorsement|"
            r"signatures?)|^(?:Tags?|Categories|Filed under|Posted in):|^Notify me of\b|"
            r"^Your email address will not be published"),
        furniture_tail=re.compile(
            r"^(?:This entry was posted in|Leave a (?:Reply|Comment)|"
            r"\d+\s+(?:Responses?|Comments?)\s+to|Permalink:|Share this:?$)"),
    )


PACK = LanguagePack(
    code="en",
    script="Latn",
    letters="abcdefghijklmnopqrstuvwxyz",
    locales=("en", "en_GB"),
    months_capitalised=True,
    sentence_rules=sentence_rules,
    block_rules=block_rules,
    function_words=FUNCTION_WORDS,
    doubles_allowed=frozenset({"that", "had", "is", "do"}),
    stripped_apostrophes=STRIPPED_APOSTROPHES,
)
