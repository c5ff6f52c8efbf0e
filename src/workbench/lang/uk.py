"""Ukrainian: abbreviations ("м. Київ", "вул.", "у 2020 р."), date lines from CLDR's
patterns, its letters (і ї є ґ), name keys for the aligner. Month and weekday names come
from CLDR (nominative and genitive) and pymorphy3 (the other cases: "у травні")."""

from __future__ import annotations

from workbench.lang.base import BlockRules, LanguagePack, SentenceRules, words
from workbench.lang.cldr import date_lines

# Before a name or a number a full stop after these never ends a sentence: місто, село,
# селище міського типу, вулиця, провулок, проспект, площа, набережна, бульвар, будинок,
# квартира, офіс, корпус, товариш, імені, академік, професор, доцент, член, стаття,
# частина, том, дивись, наприклад, телефон.
PREFIXES = words(
    "м с смт вул пров просп пл наб бульв буд кв оф корп тов ім акад проф доц чл ст ч т "
    "див напр тел")
# After a number "м." is a unit (метр) and may end a sentence.
UNITS_AFTER_NUMBER = words("м")
# These end a sentence before a capital: рік, роки, область, район, тисяча, мільйон,
# мільярд, гривня, копійка, долар, "і т. д.", "і т. п.", "та ін.", пункт.
ABBREVIATIONS = words("р рр обл р-н тис млн млрд грн коп дол д п ін т.д т.п")


def sentence_rules(pack: LanguagePack) -> SentenceRules:
    return SentenceRules(splitter="rules", prefixes=PREFIXES,
                         units_after_number=UNITS_AFTER_NUMBER, abbreviations=ABBREVIATIONS)


def block_rules(pack: LanguagePack) -> BlockRules:
    return BlockRules(date_line=date_lines(pack.calendar, pack.numbers))


PACK = LanguagePack(
    code="uk",
    script="Cyrl",
    letters="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    locales=("uk",),
    inflect_months=True,
    sentence_rules=sentence_rules,
    block_rules=block_rules,
    name_keys="name-key-cyrillic",
    extra_group_symbols=" ",  # "1 000", as in Russian
)
