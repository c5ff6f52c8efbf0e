"""Language packs: discovery by module name, the general fallback, scripts, CLDR months,
weekdays and number symbols, romanisation schemes."""

from __future__ import annotations

import logging
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench import lang
from workbench.errors import WorkbenchError
from workbench.lang import script
from workbench.lang.romanise import romaniser


@pytest.fixture
def fresh_registry() -> Iterator[None]:
    """Forget which packs were found and loaded, before and after the test."""
    caches = (lang.available, lang._load, lang._general)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


def test_shipped_packs_are_found_by_module_name():
    assert {"be", "de", "en", "ru", "uk"} <= set(lang.available())
    for code in lang.available():
        pack = lang.get(code)
        assert pack.code == code and not pack.generic
    # helper modules of the package are no languages
    assert not {"base", "cldr", "script"} & set(lang.available())


def test_adding_a_language_is_one_module(tmp_path: Path, monkeypatch, fresh_registry):
    # Written for the test: a minimal Esperanto pack in a folder of its own, found because
    # its module is named by its code; CLDR gives it months and number symbols.
    (tmp_path / "eo.py").write_text(
        "from workbench.lang.base import LanguagePack\n"
        "PACK = LanguagePack(code='eo', script='Latn', letters='abcĉdefgĝhĥijĵklmnoprsŝtuŭvz')\n",
        encoding="utf-8")
    monkeypatch.setattr(lang, "__path__", [*lang.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "workbench.lang.eo", raising=False)
    assert "eo" in lang.available()
    pack = lang.get("eo")
    assert not pack.generic and pack.script == "Latn"
    assert pack.calendar.month_of("majo") == 5
    assert pack.sentences.splitter == "general"


def test_a_language_without_a_pack_falls_back_and_says_so_once(caplog, fresh_registry):
    with caplog.at_level(logging.WARNING, logger="workbench.lang"):
        first = lang.get("sw")
        second = lang.get("sw")
        lang.get("und")  # no letters: nothing to say
    assert first is second and first.generic
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "'sw'" in said[0] and "sentencex" in said[0]
    assert first.calendar.month_of("Mei") == 5  # CLDR's Swahili months all the same


def test_script_ranges_are_the_unicode_cyrillic_letters():
    # every character Unicode names CYRILLIC, but the phonetic small capital in the
    # Phonetic Extensions block (U+1D2B)
    named = {chr(c) for c in range(0x10000) if unicodedata.name(chr(c), "").startswith("CYRILLIC")
             and not 0x1D00 <= c <= 0x1DBF}
    assert all(script.is_cyrillic(ch) for ch in named)
    in_blocks = {chr(c) for a, b in script.CYRILLIC_BLOCKS for c in range(a, b + 1)}
    assert all("CYRILLIC" in unicodedata.name(ch) for ch in in_blocks if ch.isalpha())
    assert script.CYRILLIC_RE.search("Ґ") and not script.CYRILLIC_RE.search("G")
    assert script.LATIN_RE.search("ş") and not script.LATIN_RE.search("ш")


def test_script_of_a_language_from_its_pack_or_cldr():
    assert lang.script_of("uk") == "Cyrl" and lang.script_of("de") == "Latn"
    assert lang.is_cyrillic_language("bg") and lang.is_cyrillic_language("kk")
    assert not lang.is_cyrillic_language("uz") and not lang.is_cyrillic_language("und")


def test_lookalikes_follow_the_languages_letters():
    assert "i" not in lang.get("ru").lookalikes  # Russian has no і
    assert lang.get("uk").lookalikes["i"] == "і"
    assert lang.get("en").lookalikes == {}


@pytest.mark.parametrize(("code", "word", "month"), [
    ("ru", "мае", 5), ("ru", "январём", 1), ("ru", "МАЯ", 5), ("ru", "сент.", 9),
    ("ru", "мартов", None), ("ru", "майор", None), ("ru", "октябрьского", None),
    ("en", "May", 5), ("en", "may", None), ("en", "Sept.", 9), ("en", "MARCH", 3),
    ("de", "Mai", 5), ("de", "Jänner", 1), ("de", "März", 3), ("de", "Okt.", 10),
    ("uk", "травні", 5), ("uk", "листопада", 11), ("uk", "січень", 1),
    ("be", "жніўня", 8),
])
def test_month_names_from_cldr_and_pymorphy3(code, word, month):
    assert lang.get(code).calendar.month_of(word) == month


def test_weekdays_monday_first():
    assert lang.get("de").calendar.weekday_of("Montag") == 1
    assert lang.get("ru").calendar.weekday_of("среду") == 3  # "в среду"
    assert lang.get("en").calendar.weekday_of("Sunday") == 7


def test_number_symbols_and_ordinal_dates_from_cldr():
    de, en, ru = (lang.get(c).numbers for c in ("de", "en", "ru"))
    assert (de.decimal, en.decimal, ru.decimal) == (",", ".", ",")
    assert "." in de.group and "," in en.group and " " in ru.group and "\u00a0" in ru.group
    assert de.ordinal_day and not en.ordinal_day and not ru.ordinal_day


@pytest.mark.parametrize(("code", "line", "is_date"), [
    # written for the test, in the languages' CLDR date patterns
    ("de", "3. Mai 2020", True), ("de", "Sonntag, 3. Mai 2020", True),
    ("de", "03.05.2020", True), ("de", "3. Mai ist schön", False),
    ("uk", "3 травня 2020 р.", True), ("uk", "3 травня 2020", True),
])
def test_date_lines_from_cldr_patterns(code, line, is_date):
    assert bool(lang.get(code).blocks.date_line.match(line)) is is_date


def test_english_abbreviations_keep_cldr_month_abbreviations_but_not_may():
    prefixes = lang.get("en").sentences.prefixes
    assert {"jan", "feb", "aug", "sep", "sept", "dec", "dr", "mr"} <= prefixes
    assert "may" not in prefixes and "sat" not in prefixes


def test_romanisation_schemes_by_name():
    assert romaniser("bgn-pcgn-1947-ru")("Щёлково") == "Shchëlkovo"
    assert romaniser("name-key-cyrillic")("Їжак") == "izhak"
    assert lang.get("ru").romanisation == "bgn-pcgn-1947-ru"
    with pytest.raises(WorkbenchError, match="unknown romanisation scheme"):
        romaniser("iuliia:wikipedia")
