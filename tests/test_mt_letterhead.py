"""Letterhead rules and BGN/PCGN romanisation, on the real letterhead lines of the corpus."""

from pathlib import Path

import pytest

from support.paths import REPO
from workbench.lang.romanise import bgn_pcgn_ru as romanize_ru
from workbench.model import Origin, Severity
from workbench.mt.letterhead import damage_reason, translate_line
from workbench.mt.rules import rule_proposals

UCP_EN = REPO / "translations" / "ucp-cpsu-belarus-solidarity-2020.en.txt"
PPA_EN = REPO / "translations" / "political-prisoners-appeal.en.txt"


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _ucp_letterhead() -> list[str]:
    """The Russian letterhead at the top of the ucp English file (before the English title)."""
    lines = _lines(UCP_EN)
    end = next(i for i, line in enumerate(lines) if line.startswith("THE COMMUNISTS OF BELARUS"))
    return lines[:end]


def test_ucp_letterhead_is_the_four_lines_we_expect():
    head = _ucp_letterhead()
    assert len(head) == 4
    assert head[0].startswith("СОЮЗ КОММУНИСТИЧЕСКИХ ПАРТИЙ")


def test_ucp_address_becomes_an_english_postal_address():
    line = next(x for x in _ucp_letterhead() if "127051" in x)
    result = translate_line(line)
    assert result is not None and result.rule == "address"
    assert result.text == "3 Malyy Sukharevskiy per., Moscow, 127051, Russia"


def test_ucp_phone_line_keeps_the_numbers_and_translates_the_label():
    line = next(x for x in _ucp_letterhead() if x.startswith("тел"))
    result = translate_line(line)
    assert result is not None and result.rule == "contact"
    # phonenumbers writes each number as Russia writes it internationally; no digit is lost
    assert result.text == "Tel./fax: +7 495 692-54-76, +7 495 692-17-69"


def test_ucp_email_line_is_kept_as_is():
    line = next(x for x in _ucp_letterhead() if "@" in x)
    proposals = rule_proposals(line, None)
    assert proposals and proposals[0].text == "e-mail: Skp-kpss@mail.ru"
    assert proposals[0].origin is Origin.RULES and proposals[0].score > 0.9


def test_ucp_party_name_needs_the_glossary():
    name = _ucp_letterhead()[0]
    assert translate_line(name) is None  # names are not guessed by the address rules
    assert rule_proposals(name, None) == []


def test_damaged_ascii_letterhead_is_reported_not_translated():
    head = _lines(PPA_EN)[:4]  # the letterhead before "An Appeal"
    assert head[-1].startswith("E-mail:")
    for line in head:
        result = translate_line(line)
        assert result is not None and result.rule == "damaged", line
        assert result.text is None
        assert result.issues[0].severity is Severity.ERROR
        proposal = rule_proposals(line, None)[0]
        assert proposal.score == 0.0 and proposal.text == ""  # flagged, nothing to apply
        assert "damaged" in proposal.issues[0].message


def test_no_other_line_of_the_corpus_is_called_damaged():
    damaged = []
    for folder in ("sources", "translations"):
        for path in sorted((REPO / folder).glob("*.txt")):
            for line in _lines(path):
                if damage_reason(line):
                    damaged.append((path.name, line))
    assert {name for name, _ in damaged} == {"political-prisoners-appeal.en.txt"}
    assert len(damaged) == 4


def test_body_sentences_get_no_rule():
    for line in _lines(REPO / "sources" / "ucp-cpsu-belarus-solidarity-2020.ru.txt")[:10]:
        result = translate_line(line)
        assert result is None, line


# Addresses and labels below are written for the test (formats seen on Russian letterheads).
@pytest.mark.parametrize(("line", "english"), [
    ("123056, Москва, ул. Большая Грузинская, д. 12, стр. 2",
     "12 ul. Bol’shaya Gruzinskaya, bldg. 2, Moscow, 123056"),
    ("г. Ульяновск, ул. Гончарова 5", "5 ul. Goncharova, Ulyanovsk"),  # GeoNames' name
    ("Россия, 190000, г. Санкт-Петербург, Невский просп., д. 10, оф. 4",
     "10 Nevskiy prosp., office 4, Saint Petersburg, 190000, Russia"),
])
def test_address_variants(line, english):
    result = translate_line(line)
    assert result is not None and result.text == english


@pytest.mark.parametrize(("line", "english"), [
    ("Тел.: 8 (800) 555-35-35; эл. почта: info@example.org",
     "Tel.: +7 800 555-35-35; E-mail: info@example.org"),
    ("факс: +7 (495) 000-00-00", "Fax: +7 495 000-00-00"),
    ("факс: 42-44-50", "Fax: 42-44-50"),  # a local number nobody can place: as written
    ("Телефон/факс: +7 495 692 54 76", "Tel./fax: +7 495 692-54-76"),
])
def test_contact_label_variants(line, english):
    result = translate_line(line)
    assert result is not None and result.text == english


def test_a_line_with_unknown_russian_words_is_left_to_other_engines():
    # written for the test: a label followed by words no rule knows
    assert translate_line("тел.: звоните вечером") is None


@pytest.mark.parametrize(("ru", "latin"), [
    ("Малый Сухаревский", "Malyy Sukharevskiy"),
    ("Ельцин", "Yel’tsin"),
    ("Подъезд", "Pod”yezd"),
    ("Щёлково", "Shchëlkovo"),
    ("Юрьев-Польский", "Yur’yev-Pol’skiy"),
    ("МОСКВА", "MOSKVA"),
    ("Хабаровск", "Khabarovsk"),
    ("Заозёрный", "Zaozërnyy"),
])
def test_bgn_pcgn(ru, latin):
    assert romanize_ru(ru) == latin


@pytest.mark.parametrize(("line", "english"), [
    # positions and party names in Russian genitive chains (written for this test from
    # the glossary's forms)
    ("Центральный Комитет КПРФ",
     "Central Committee of the Communist Party of the Russian Federation"),
    ("Председатель ЦК КПРФ",
     "Chairman of the Central Committee of the Communist Party of the Russian Federation"),
    ("КПРФ", "Communist Party of the Russian Federation"),  # an abbreviation is no shouting
])
def test_glossary_only_lines_read_as_english(line, english):
    from workbench.project import open_project

    glossary = open_project(REPO).glossary()
    (proposal,) = rule_proposals(line, glossary)
    assert (proposal.text, proposal.origin) == (english, Origin.RULES)
