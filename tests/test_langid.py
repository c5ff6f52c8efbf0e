"""Language ID: every gold line, the issue's examples, and the corpus segments."""

import pytest

from support.paths import GOLD, REPO
from workbench.langid import detect, detect_document, detect_lines
from workbench.project import open_project


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold corpus not present")
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_gold_line(lang):
    for folder in sorted(GOLD.iterdir()):
        lines = (folder / f"{lang}.sents").read_text(encoding="utf-8").splitlines()
        labels = detect_lines(lines)
        wrong = [(line, label) for line, label in zip(lines, labels, strict=True)
                 if label != lang]
        assert wrong == [], (folder.name, wrong)


@pytest.mark.parametrize("line", ["Moscow,", "August 18, 2020", "Palestinian Communist Party",
                                  "Communist Party of México", "PADS, Algeria"])
def test_short_english_lines_take_the_document_language(line):
    assert detect(line, "en") == "en"


def test_corpus_segments_in_context():
    project = open_project(REPO)
    ucp = project.document("ucp-cpsu-belarus-solidarity-2020").target.segments
    assert [s.lang for s in ucp[:3]] == ["ru", "ru", "ru"]  # the Russian letterhead
    assert ucp[-2].text == "Moscow," and ucp[-2].lang == "en"
    assert ucp[-1].text == "August 18, 2020" and ucp[-1].lang == "en"
    lugansk = project.document("lugansk-forum-invitation-2015").target.segments
    pingback = next(s for s in lugansk if "Pingback" in s.text)
    assert pingback.lang == "tr"
    roman = next(s for s in project.document("roskomsoyuz-revolutionary-renewal").source.segments
                 if s.text == "I")
    assert roman.lang == "ru"
    stripped = project.document("political-prisoners-appeal").target.segments
    assert stripped[0].text == "105062, , . ." and stripped[0].lang == "und"


def test_no_letters_is_und_and_cyrillic_variants():
    assert detect("105062, , . .", "en") == "und"
    assert detect("  ", "ru") == "und"
    # Written for the test: Ukrainian and Belarusian letters.
    assert detect("Їхня партія", "ru") == "uk"
    assert detect("Беларуская мова ў школе", "ru") == "be"


def test_latin_lines_in_a_russian_document():
    # A real English sentence of the corpus, inside a Russian document.
    line = "The steps taken are aimed at guaranteeing peace in Donbass."
    assert detect(line, "ru") == "en"
    assert detect("e-mail: Skp-kpss@mail.ru", "ru") == "en"


def test_long_foreign_line_in_an_english_document():
    # Written for the test (French).
    line = "Vive la révolution prolétarienne, camarades et amis de la France entière!"
    assert detect(line, "en") == "fr"


def test_document_language():
    assert detect_document((REPO / "sources/eadaily-cpk-liquidated-2015.ru.txt")
                           .read_text("utf-8")) == "ru"
    assert detect_document((REPO / "translations/tcc-cpsu-appeal-1998.en.txt")
                           .read_text("utf-8")) == "en"
    assert detect_document("12, 34.") == "und"
