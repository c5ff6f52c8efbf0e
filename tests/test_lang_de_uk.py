"""A German or a Ukrainian project: sentences, QA numbers, language ID, anchors and
letterhead rules ask the de and uk packs. Every text here was written for the test."""

from __future__ import annotations

import pytest

from workbench.align.anchors import segment_keys
from workbench.corpus.damage import line_damage
from workbench.langid import detect, detect_document
from workbench.mt import letterhead
from workbench.qa.numbers import numbers
from workbench.qa.run import check_unit
from workbench.segment import segment_side


def _sentences(text: str, code: str) -> list[str]:
    _blocks, segments = segment_side(text + "\n", code)
    return [s.text for s in segments]


def test_german_ordinal_dates_titles_and_initials_do_not_end_sentences():
    text = ("Die Konferenz fand am 3. Mai 2020 in Berlin statt. Dr. Müller eröffnete sie, "
            "Prof. K. H. Schmidt sprach z. B. über die Lage. Sie endete am So. 4. Okt. 2020. "
            "Danach gab es Bücher, Hefte usw. Alle gingen in die Hauptstr. 5 zurück.")
    assert _sentences(text, "de") == [
        "Die Konferenz fand am 3. Mai 2020 in Berlin statt.",
        "Dr. Müller eröffnete sie, Prof. K. H. Schmidt sprach z. B. über die Lage.",
        "Sie endete am So. 4. Okt. 2020.",
        "Danach gab es Bücher, Hefte usw.",
        "Alle gingen in die Hauptstr. 5 zurück.",
    ]


def test_german_number_at_a_sentence_end_still_ends_it():
    assert _sentences("Das war 1998. Dann kam die Wende.", "de") == [
        "Das war 1998.", "Dann kam die Wende."]


def test_ukrainian_city_street_initials_and_years():
    text = ("Засідання відбулося в м. Київ на вул. Хрещатик, 22. Т. Г. Шевченко писав про це. "
            "Делегати пройшли 100 м. Потім почалася дискусія про 2020 р. і т. д. "
            "Наступного дня відбулося голосування.")
    assert _sentences(text, "uk") == [
        "Засідання відбулося в м. Київ на вул. Хрещатик, 22.",
        "Т. Г. Шевченко писав про це.",
        "Делегати пройшли 100 м.",
        "Потім почалася дискусія про 2020 р. і т. д.",
        "Наступного дня відбулося голосування.",
    ]


@pytest.mark.parametrize(("source", "source_lang", "target"), [
    ("Die Konferenz fand am 3. Mai 2020 statt.", "de", "The conference took place on 3 May 2020."),
    ("Die Konferenz fand am 3. Mai 2020 statt.", "de", "The conference took place May 3, 2020."),
    ("Конференція відбулася 3 травня 2020 р.", "uk", "The conference took place on May 3, 2020."),
    ("У травні 2020 р. відбулася конференція.", "uk", "The conference took place in May 2020."),
    ("Es kamen 1.000 Delegierte.", "de", "1,000 delegates came."),
])
def test_months_compare_as_months_across_languages(source, source_lang, target):
    issues = check_unit(source, target, None, source_lang=source_lang, target_lang="en")
    assert [i for i in issues if i.rule == "numbers"] == []


def test_a_wrong_day_or_month_is_still_a_number_error():
    issues = check_unit("Die Konferenz fand am 4. Mai 2020 statt.",
                        "The conference took place on 3 May 2020.", None,
                        source_lang="de", target_lang="en")
    (issue,) = [i for i in issues if i.rule == "numbers"]
    assert "4" in issue.message and "3" in issue.message
    assert numbers("im Juni 2020", "de") != numbers("in May 2020", "en")


def test_language_id_of_ukrainian_and_german_lines():
    assert detect("Ми підтримуємо їхню боротьбу.", "ru") == "uk"  # ї: a Ukrainian letter
    assert detect("Ми вітаємо делегатів.", "uk") == "uk"  # no marker: the document's
    assert detect("Berlin, 3. Mai", "de") == "de"
    assert detect_document("Засідання відбулося в Києві. Ми підтримуємо їхню позицію.") == "uk"


def test_anchors_pair_a_german_date_with_an_english_one():
    shared = segment_keys("am 3. Mai 2020", "de") & segment_keys("on 3 May 2020", "en")
    assert {"n:3", "m:5", "n:2020"} <= shared
    # Ukrainian names meet their Latin spelling through the pack's name-key scheme
    keys = segment_keys("Виступив Олександр Шевченко", "uk")
    assert keys & segment_keys("Oleksandr Shevchenko spoke", "en")


def test_letterhead_rules_exist_only_where_a_pack_has_the_vocabulary():
    assert letterhead.tables_for("de", "en") is None
    ukrainian = letterhead.tables_for("uk", "en")
    assert ukrainian is not None and ukrainian.romanised_by.startswith("Ukrainian national")
    tables = letterhead.tables_for("ru", "en")
    assert tables is not None and tables.romanised_by == "BGN/PCGN 1947 (Russian)"


def test_one_answer_to_is_this_line_damaged():
    assert letterhead.damage_reason is line_damage
    assert line_damage("105062, , . .") is not None
    assert line_damage("+7 (495) 692-54-76 / 692-54-77") is None  # two phones, not damage
