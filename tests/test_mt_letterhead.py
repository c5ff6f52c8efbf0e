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


# ---------------------------------------------------------------- on the field's libraries
# Real lines from tests/data/letterheads.tsv (each with the URL of its page) unless a
# comment says the line was written for the test.

@pytest.mark.parametrize(("line", "lang", "english"), [
    ("ул. Быховская 55, г. Минск, Беларусь, 220007", "ru",
     "55 ul. Bykhovskaya, Minsk, 220007, Belarus"),  # postcode last, city after the street
    ("Минская область, г. Минск, ул. Быховская 55", "ru",
     "55 ul. Bykhovskaya, Minsk, Minsk Oblast"),  # region first
    ("Велосипедный переулок д. 7, г. Минск, 220033", "ru", "7 Velosipednyy per., Minsk, 220033"),
    ("Москва, ст. м. Дмитровская, 2-ая Хуторская ул., дом 38 а, строение 9", "ru",
     "38 a 2-aya Khutorskaya ul., Dmitrovskaya metro station, bldg. 9, Moscow"),
    ("190031, Санкт-Петербург, Сенная пл., д.13/52, а/я 427;", "ru",
     "13/52 Sennaya pl., P.O. Box 427, Saint Petersburg, 190031"),
    ("Адрес: Жандосова, 13", "ru", "Address: 13 Zhandosova"),  # no street type
    ("Почтовый адрес: 634061, г.Томск, ул.Герцена, 72-б.", "ru",
     "Postal address: 72-b ul. Gertsena, Tomsk, 634061"),
    ("1-й Нагатинский проезд, д.10 стр. 1,", "ru", "10 1-y Nagatinskiy proyezd, bldg. 1"),
    ("м. Київ, вул. Хрещатик 32-а", "uk", "32-a vul. Khreshchatyk, Kyiv"),
    ("Кіровоградська область, село Аджамка, вулиця Центральна, 64", "uk",
     "64 vul. Tsentralna, Adzhamka village, Kirovohrad Oblast"),
    ("Ақмола облысы, Көкшетау қаласы, Сәтбаева көшесі, 1 «Б»", "kk",
     "1 «B» Sätbaeva St., Kökshetau, Aqmola Region"),
    ("Талдықорған қаласы І. Жансүгіров көшесі №36/Б", "kk",
     "36/B Ī. Zhansügīrov St., Taldykorgan"),
])
def test_addresses_in_other_orders_and_languages(line, lang, english):
    result = translate_line(line, lang)
    assert result is not None and result.rule == "address"
    assert result.text == english


@pytest.mark.parametrize(("line", "english"), [
    ("Тел./факс: 8 (3822) 52-10-01 (многоканальный)", "Tel./fax: +7 382 252-10-01 (multi-line)"),
    ("+7 (495) 646 81 29 (10:00—22:00 по будням)", "+7 495 646-81-29 (10:00—22:00 on weekdays)"),
    ("+7 (727) 339 02 57, +7 (747) 257 17 17", "+7 727 339 0257, +7 747 257 1717"),
    ("Тел. (416-22) 42-44-30; TELEFAX  42-44-50", "Tel. (416-22) 42-44-30; TELEFAX 42-44-50"),
    ("Андрей Шитихин a.shitikhin@mn.ru", "Andrey Shitikhin a.shitikhin@mn.ru"),
    # written for the test: an extension
    ("Тел.: +7 (495) 646-81-29 доб. 123", "Tel.: +7 495 646-81-29 ext. 123"),
])
def test_phone_lines_through_phonenumbers(line, english):
    result = translate_line(line)
    assert result is not None and result.rule == "contact"
    assert result.text == english


@pytest.mark.parametrize(("line", "english"), [
    ("ОГРН 1157746719240, ИНН/КПП 7716800949/ 771601001",
     "OGRN (Primary State Registration Number) 1157746719240, INN/KPP 7716800949/ 771601001"),
    ("(ОГРН 1020400733814, ИНН 0411003512)",
     "(OGRN (Primary State Registration Number) 1020400733814, "
     "INN (Taxpayer Identification Number) 0411003512)"),
    ("28 апреля 2016 года", "28 April 2016"),
    ("№ 2 | Суббота, 11 января 2003 г. |", "No. 2 | Saturday, 11 January 2003 |"),
    ('ООО "Расантехторг"', 'LLC "Rasantekhtorg"'),
])
def test_identifiers_dates_mastheads_and_legal_forms(line, english):
    result = translate_line(line)
    assert result is not None and result.text == english


def test_a_line_the_rules_cannot_render_whole_is_left_to_mt_with_its_parts_kept():
    from workbench.mt.letterhead import protected_spans
    from workbench.mt.protect import protect, verify

    line = ("Кроме того, в этот день будет вестись личный приём граждан по по адресу: "
            "г. Могилёв, пер. Комиссариатский, д. 5, каб. 313.")
    assert translate_line(line) is None
    spans = protected_spans(line)
    assert [s.english for s in spans] == ["5 per. Komissariatskiy, room 313, Mogilëv"]
    prot = protect(line, None, [(s.start, s.end, s.english, s.kind) for s in spans])
    assert prot.text.endswith("по адресу: 5 per. Komissariatskiy, room 313, Mogilëv.")
    assert verify("Besides, on that day ... at 5 per. Komissariatskiy, room 313, Mogilëv.",
                  prot) == []
    (issue,) = verify("Besides, citizens will be received.", prot)
    assert issue.rule == "mt-letterhead-part" and "Mogilëv" in issue.message


def test_the_romanisation_scheme_is_a_setting(tmp_path):
    from workbench.errors import WorkbenchError
    from workbench.lang.romanise import schemes
    from workbench.ops import open_project, propose_file

    assert {"bgn_pcgn", "wikipedia", "ua_2010", "bgn_pcgn_be", "bgn_pcgn_kk"} <= set(schemes())
    line = "Москва, улица Авиаконструктора Миля, дом 3"  # from a real line, shortened
    default = translate_line(line)
    wiki = translate_line(line, romanisation="wikipedia")
    assert default is not None and default.text == "3 ul. Aviakonstruktora Milya, Moscow"
    assert wiki is not None and wiki.text == "3 ul. Aviakonstruktora Milya, Moscow"
    assert translate_line("г. Ельцин, ул. Щёлковская, 1",  # written for the test
                          romanisation="wikipedia").text == "1 ul. Shchyolkovskaya, Yeltsin"
    (tmp_path / "sources").mkdir()
    (tmp_path / "workbench.toml").write_text('[letterhead]\nromanisation = "wikipedia"\n')
    path = tmp_path / "lines.txt"
    path.write_text("г. Ельцин, ул. Щёлковская, 1\n", encoding="utf-8")
    (item,) = propose_file(path, project=open_project(tmp_path), engines="rules")
    assert item.proposals[0].text == "1 ul. Shchyolkovskaya, Yeltsin"
    (tmp_path / "workbench.toml").write_text('[letterhead]\nromanisation = "nope"\n')
    with pytest.raises(WorkbenchError, match="unknown romanisation scheme 'nope'"):
        propose_file(path, project=open_project(tmp_path), engines="rules")


@pytest.mark.parametrize(("line", "lang", "english"), [
    ("КЕМЕРОВСКАЯ ОБЛАСТЬ", "ru", "KEMEROVO OBLAST"),  # real lines (letterheads.tsv)
    ("МАРИИНСКИЙ МУНИЦИПАЛЬНЫЙ РАЙОН", "ru", "MARIINSKY MUNICIPAL DISTRICT"),
    ("Забайкальский край", "ru", "Zabaykalsky Krai"),  # written for the test (the issue's)
    ("Минская область", "ru", "Minsk Oblast"),  # written for the test
    ("ФЕДЕРАЦИЯ ПРОФСОЮЗОВ АМУРСКОЙ ОБЛАСТИ", "ru",
     "FEDERATION OF TRADE UNIONS OF AMUR OBLAST"),  # a body of a region: real lines
    ("АДМИНИСТРАЦИЯ МАРИИНСКОГО МУНИЦИПАЛЬНОГО РАЙОНА", "ru",
     "ADMINISTRATION OF MARIINSKY MUNICIPAL DISTRICT"),
    ("Аким Костанайского района", "ru", "Akim of Kostanay District"),
])
def test_region_lines(line, lang, english):
    result = translate_line(line, lang)
    assert result is not None and result.text == english
