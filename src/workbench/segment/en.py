"""English: the tables the block rules read, and the sentence splitter (rules, no NLP
library): abbreviations, initials (`N. O. Glagoleva`, `V.I. Lenin`), `Mr.Nazarbaev`,
`U.S.`, quotes."""

from __future__ import annotations

import re

from workbench.segment.rules import LanguageRules, compile_words, register
from workbench.segment.sentences import split_with

# After these a full stop is no sentence end (titles, references, months).
ABBREVIATIONS = compile_words(
    "mr mrs ms messrs dr prof st gen col lt sgt capt cmdr adm gov sen rep rev hon jr sr mt "
    "no nos art arts vol vols fig figs pp p ch sec vs cf approx ca dept univ assn bros "
    "jan feb mar apr jun jul aug sep sept oct nov dec comrade"
)

# Words that may start a sentence after a dotted abbreviation such as `U.S.`.
SENTENCE_STARTERS = compile_words(
    "The This That These Those It Its In On At We They He She I You But And However "
    "Therefore Thus So A An As For If When While There Here Our Their His Her Today Yet "
    "Also Then After Before Since Now Such What Who Why How All No Not One Some Many Both"
)

_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")


def decide(token: str, punct: str, following: str) -> bool:
    """Is the candidate after `token` + `punct` a sentence end, given the `following` text?"""
    first = following[:1]
    if not first or first.islower() or first in ",;:":
        return False
    if "." not in punct:  # ! ? … followed by a capital, digit or quote
        return True
    word = token.rstrip(".")
    if len(word) == 1 and word.isalpha():  # an initial: N. O. Glagoleva
        return False
    if _DOTTED.fullmatch(word):  # V.I. Lenin, U.S. authorities, e.g.
        next_word = re.match(r"[\w']+", following)
        return bool(next_word) and next_word.group() in SENTENCE_STARTERS
    return word.lower() not in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    return split_with(text, decide)


RULES = register(LanguageRules(
    code="en",
    continuation_words=compile_words(
        "a an the of to and or but nor with for in on at by from into onto upon as than "
        "that which who whose whom this these those its their our your his her my is are "
        "was were be been has have had will shall would should can could may might must "
        "not so such very about against among between through during without within under "
        "over after before since until towards toward across behind beyond per via"
    ),
    determiners=compile_words("a an the this that these those our their his her its my your"),
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
        rf"^(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
        rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}})\.?$"),
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
    split_sentences=split_sentences,
    sentence_starters=SENTENCE_STARTERS,
))
