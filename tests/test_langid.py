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


# ---------------------------------------------------------------- short real lines
# tests/data/shortlines.tsv: 1–8-word real lines from stored public pages (URL per line).

import csv  # noqa: E402
from collections import defaultdict  # noqa: E402

from support.paths import REPO as _REPO  # noqa: E402

SHORTLINES = _REPO / "tests" / "data" / "shortlines.tsv"


def _shortlines() -> list[dict[str, str]]:
    with SHORTLINES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_shortlines_file_has_real_rows_with_urls():
    rows = _shortlines()
    assert len(rows) >= 300
    assert all(r["url"].startswith("http") and r["line"].strip() for r in rows)
    langs = {r["lang"] for r in rows}
    assert {"ru", "en", "uk", "be", "kk", "bg", "sr", "de", "fr", "es", "it", "pt", "tr",
            "pl", "ro", "lt", "lv", "et", "sv", "el"} <= langs


def test_short_lines_in_documents_of_their_own_language():
    by_lang: dict[str, list[str]] = defaultdict(list)
    for row in _shortlines():
        by_lang[row["lang"]].append(row["line"])
    right = total = 0
    for code, lines in by_lang.items():
        labels = detect_lines(lines)
        right += sum(label == code for label in labels)
        total += len(lines)
    assert right / total >= 0.97


def test_a_few_ukrainian_belarusian_kazakh_lines_do_not_flip_a_russian_document():
    rows = _shortlines()
    russian = [r["line"] for r in rows if r["lang"] == "ru"][:148]
    others = [(r["line"], r["lang"]) for r in rows if r["lang"] in ("uk", "be", "kk")][:19]
    lines = russian + [line for line, _ in others]
    assert detect_document("\n".join(lines)) == "ru"
    labels = detect_lines(lines)
    assert sum(label == "ru" for label in labels[:148]) >= 145
    own = sum(label == code for label, (_, code) in zip(labels[148:], others, strict=True))
    # the foreign lines keep their language (2 of the 19 are Kazakh in Latin script,
    # which no model here knows)
    assert own >= 15


@pytest.mark.parametrize(("line", "code"), [
    # real lines from tests/data/shortlines.tsv: the letters alone decide
    ("Брэнды, якіх ніхто не чакаў", "be"),
    ("Онымен бірге мәслихат депутаттары да сайланады.", "kk"),
    ("Україна, місто Київ", "uk"),
])
def test_own_letters_decide_in_any_document(line, code):
    assert any(r["line"] == line and r["lang"] == code for r in _shortlines())
    for doc_lang in ("ru", "en", "uk", "und"):
        assert detect(line, doc_lang) == code


def test_the_configured_set_limits_the_labels():
    # Written for the test: Ukrainian letters in a project that knows only ru and en.
    assert detect("Їхня партія", "ru", ["ru", "en"]) == "ru"
    assert detect("Їхня партія", "ru") == "uk"
    assert detect("Vive la révolution prolétarienne, camarades!", "en", ["ru", "en"]) == "en"


def test_addresses_on_the_web_are_no_evidence():
    # Written for the test: a Belarusian caption with a domain name.
    assert detect("Фота з сайта example.by", "be") == "be"
    assert detect("www.example.org", "ru") in ("en", "ru")
