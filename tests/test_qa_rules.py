"""Every QA rule on real corpus lines (sources/, translations/, gold .sents)."""

from pathlib import Path

import pytest

from support.paths import GOLD, REPO
from workbench.glossary import load_glossary
from workbench.model import Severity
from workbench.qa import RULE_IDS, check_consistency, check_target_text, check_unit
from workbench.qa.numbers import numbers
from workbench.qa.run import term_renderings


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary.yaml")


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def starting(all_lines: list[str], prefix: str) -> int:
    return next(i for i, t in enumerate(all_lines) if t.startswith(prefix))


def rules(issues):
    return [i.rule for i in issues]


needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason=f"corpus gold absent: {GOLD}")
EADAILY_RU = ROSKOM_RU = ROSKOM_EN = []
if GOLD.is_dir():
    EADAILY_RU = lines(GOLD / "eadaily-cpk-liquidated-2015" / "ru.sents")
    ROSKOM_RU = lines(GOLD / "roskomsoyuz-revolutionary-renewal" / "ru.sents")
    ROSKOM_EN = lines(GOLD / "roskomsoyuz-revolutionary-renewal" / "en.sents")
UCP_RU = lines(REPO / "sources" / "ucp-cpsu-belarus-solidarity-2020.ru.txt")
UCP_EN = lines(REPO / "translations" / "ucp-cpsu-belarus-solidarity-2020.en.txt")


def test_every_rule_has_an_id_and_severity():
    assert set(RULE_IDS) == {"term-missing", "term-forbidden", "term-capitalisation",
                             "empty-target", "untranslated", "numbers", "doubled-words",
                             "unbalanced", "term-inconsistent", "tag-mismatch"}


@needs_gold
def test_a_good_unit_has_no_issue(glossary):
    # eadaily: "… 27 августа 1998 года …" ↔ "… on Aug 27 1998 …": dates normalised
    src = EADAILY_RU[4]
    tgt = ("The Communist Party of Kazakhstan was registered on Aug 27 1998 and reregistered "
           "in 2003.")
    assert check_unit(src, tgt, glossary) == []
    # roskomsoyuz: names with their abbreviations in brackets count once
    assert check_unit(ROSKOM_RU[2], ROSKOM_EN[2], glossary) == []


@needs_gold
def test_numbers_and_dates(glossary):
    assert numbers("27 августа 1998 года", "ru") == numbers("Aug 27 1998", "en")
    assert numbers("в ноябре 2022 г.", "ru") == numbers("in November 2022", "en")
    # "the forthcoming march of workers" (tcc-cpsu-appeal-1998): no date without a number
    assert numbers("a March to Moscow", "en") == {}
    src = EADAILY_RU[1]  # "Об этом 4 сентября …": the English drops the date
    tgt = ("Kazakh mass media quote the spokesman of the court Kuandyk Yeshimet as saying that "
           "the verdict has been passed on the basis of the Justice Ministry’s suit.")
    (issue,) = [i for i in check_unit(src, tgt, glossary) if i.rule == "numbers"]
    assert issue.severity == Severity.ERROR and "4, 9" in issue.message


def test_term_missing_counts_occurrences(glossary):
    # the Russian of ucp-cpsu-belarus-solidarity-2020 has its title twice, the English once
    src = "\n".join(UCP_RU[:4])
    at = starting(UCP_EN, "Address of the Union")
    tgt = "\n".join(UCP_EN[at:at + 2])  # "Address of the Union of Communist parties-CPSU\nto …"
    assert tgt.endswith("parties of the world")
    missing = [i for i in check_unit(src, tgt, glossary) if i.rule == "term-missing"]
    ucp = next(i for i in missing if "[ucp-cpsu]" in i.message)
    assert "2 occurrences, 1 rendered" in ucp.message
    assert ucp.fix == "Union of Communist Parties – CPSU"
    # one occurrence, one rendering: fine
    one = [i for i in check_unit(UCP_RU[0], tgt, glossary) if i.rule == "term-missing"]
    assert not [i for i in one if "[ucp-cpsu]" in i.message]


@needs_gold
def test_term_missing_when_the_name_is_dropped(glossary):
    # eadaily ru.sents line 3 names the Justice Ministry; an English without it is flagged
    src = EADAILY_RU[2]
    tgt = "The ministry’s inspection of the party’s activities has detected violations."
    issues = [i for i in check_unit(src, tgt, glossary) if i.rule == "term-missing"]
    assert {i.fix for i in issues} == {"Ministry of Justice of Kazakhstan",
                                       "Communist Party of Kazakhstan"}


def test_forbidden_variant_with_fix(glossary):
    line = lines(REPO / "translations" / "political-prisoners-appeal.en.txt")[-1]
    assert line.startswith("Chairman of the Central Comittee")
    (issue,) = check_unit("", line, glossary)
    assert issue.rule == "term-forbidden" and issue.severity == Severity.ERROR
    assert issue.fix == "Chairman of the Central Committee"
    assert line[issue.start:issue.end] == "Chairman of the Central Comittee"


def test_capitalisation_of_names(glossary):
    line = "On behalf of the Communist party of Ukraine:"  # ucp-cpsu-belarus-solidarity-2020
    assert line in UCP_EN
    (issue,) = check_unit("", line, glossary)
    assert (issue.rule, issue.severity, issue.fix) == (
        "term-capitalisation", Severity.WARNING, "Communist Party of Ukraine")


def test_untranslated_and_cyrillic(glossary):
    # the English file carries the Russian letterhead of the sender
    letterhead = UCP_EN[starting(UCP_EN, "СОЮЗ КОММУНИСТИЧЕСКИХ")]
    assert "untranslated" in rules(check_unit(letterhead, letterhead, glossary))
    address = UCP_EN[starting(UCP_EN, "Россия, 127051")]
    assert "untranslated" in rules(check_unit("Россия, 127051, г.Москва", address, glossary))
    phone = "+7 (495) 692-54-76, +7 (495) 692-17-69"  # from its letterhead: digits only
    assert check_unit(phone, phone, glossary) == []


@needs_gold
def test_empty_target(glossary):
    assert rules(check_unit(EADAILY_RU[3], "  ", glossary)) == ["empty-target"]


def test_doubled_words(glossary):
    title = lines(REPO / "translations" / "cprf-presidium-ukraine-victim-2022-libya360.en.txt")[0]
    (issue,) = [i for i in check_unit("", title, glossary) if i.rule == "doubled-words"]
    assert issue.fix == "of the Central Committee"
    assert title[issue.start:issue.end] == ("of the Central Committee of the Central Committee")


def test_unbalanced_brackets(glossary):
    text = lines(REPO / "translations" / "lugansk-forum-invitation-2015.en.txt")
    line = next(t for t in text if t.startswith("You are commenting") and t.endswith(")"))
    (issue,) = check_unit("", line, glossary)
    assert issue.rule == "unbalanced" and "()" in issue.message
    # a quotation the source leaves open as well is not the translation's fault
    src = "«После разбирательства суд удовлетворил иск"  # eadaily, first half of a sentence
    assert "unbalanced" not in rules(check_unit(src, "“The ministry’s inspection", glossary))


def test_english_only_document_checks(glossary):
    text = (REPO / "translations" / "tcc-cpsu-appeal-1998.en.txt").read_text(encoding="utf-8")
    issues = check_target_text(text, glossary, doc_id="tcc-cpsu-appeal-1998")
    forbidden = {(text[i.start:i.end], i.fix) for i in issues if i.rule == "term-forbidden"}
    assert forbidden == {
        ("Temporary Central Committee Communist Party of the Soviet Union",
         "Temporary Central Committee of the CPSU"),
        ("Communist Party of Soviet Union", "Communist Party of the Soviet Union")}
    assert all(i.doc_id == "tcc-cpsu-appeal-1998" for i in issues)


def test_inconsistency_across_the_corpus(glossary):
    renderings = {}
    for doc_id in ("anticommunism-wont-pass", "ucp-cpsu-belarus-solidarity-2020"):
        text = (REPO / "translations" / f"{doc_id}.en.txt").read_text(encoding="utf-8")
        for term_id, rs in term_renderings(text, glossary, doc_id, None).items():
            renderings.setdefault(term_id, []).extend(rs)
    issues = check_consistency(renderings, glossary)
    by_term = {i.message.split("]")[0].lstrip("["): i for i in issues}
    pmr = by_term["pmr-cp"]
    assert pmr.fix == "Pridnestrovian Communist Party" and pmr.doc_id == "anticommunism-wont-pass"
    assert "Transdnestrian" in pmr.message
    assert {"cp-abkhazia", "cp-south-ossetia", "pck"} <= set(by_term)
    # capitalisation alone ("Communist party of Kazakhstan") is not an inconsistency
    assert "cp-kazakhstan" not in by_term
