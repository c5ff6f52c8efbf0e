"""Term matching with the shipped glossary on real corpus texts: Russian in any
inflection (lemma trie), abbreviations exact, longest-first; English case-aware."""

import pytest

from support.paths import GOLD, REPO
from workbench.glossary import load_glossary


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary.yaml")


def ids(hits):
    return [h.term_id for h in hits]


def read(rel: str) -> str:
    return (REPO / rel).read_text(encoding="utf-8")


def test_shipped_glossary_has_the_corpus_names(glossary):
    assert len(glossary) >= 60
    for term_id in ("cprf", "ucp-cpsu", "cpsu", "central-committee", "presidium-cc",
                    "chairman-cc", "first-secretary-cc", "acting-first-secretary-cc",
                    "party-chairman", "honorary-chairman", "cp-kazakhstan", "rcwp",
                    "ucp-russia", "pmr-cp", "syrian-cp", "almaty-economic-court"):
        assert glossary.term(term_id).en
    assert glossary.term("chairman-cc").ru[0] == "Председатель ЦК"
    assert "КПРФ" in glossary.term("cprf").abbr


def test_russian_inflections_in_a_real_text(glossary):
    text = read("sources/eadaily-cpk-liquidated-2015.ru.txt")
    hits = glossary.match_source(text)
    assert ids(hits) == ["almaty-economic-court", "communist-party", "press-service-head",
                         "kz-media", "kz-justice-ministry", "cp-kazakhstan", "communist-party",
                         "mazhilis", "cppk"]
    by_text = {h.text: h.term_id for h in hits}
    assert by_text["Коммунистическую партию Казахстана"] == "cp-kazakhstan"  # accusative
    assert by_text["Коммунистической партии"] == "communist-party"  # genitive
    assert by_text["Мажилисе"] == "mazhilis"  # prepositional
    assert by_text["Специализированный межрайонный экономический суд Алма-Аты"] \
        == "almaty-economic-court"  # hyphenated Алма-Аты for the form "Алма-Аты"
    for h in hits:
        assert text[h.start:h.end] == h.text


def test_abbreviations_and_quoted_names(glossary):
    text = read("sources/roskomsoyuz-revolutionary-renewal.ru.txt")
    hits = glossary.match_source(text)
    assert ids(hits).count("ucp-russia") == 2 and ids(hits).count("rcwp") == 2
    red = next(h for h in hits if h.term_id == "red-turn")
    assert red.text == "группы «Красный Поворот»"  # closing quote taken in
    assert {h.text for h in hits if h.form == "abbr"} >= {"ОКП", "РКРП", "ОПК", "ОКПИ", "КИ"}
    coalition = next(h for h in hits if h.term_id == "coalition-communists-internationalists")
    assert coalition.text == "коалиции коммунистов-интернационалистов"


def test_name_with_dash_and_abbreviation(glossary):
    text = read("sources/ucp-cpsu-belarus-solidarity-2020.ru.txt")
    hits = glossary.match_source(text)
    ucp = [h.text for h in hits if h.term_id == "ucp-cpsu"]
    assert ucp == ["Союза коммунистических партий – КПСС"] * 2
    assert "cpusa" in ids(hits)  # "Компартии США"


def test_issue_examples_and_longest_first(glossary):
    # the inflected forms the glossary must match (written for the test, not corpus text)
    text = ("Председателя ЦК КПРФ, Центральным Комитетом, "
            "Коммунистической партии Российской Федерации")
    assert ids(glossary.match_source(text)) == ["chairman-cc", "cprf", "central-committee",
                                                "cprf"]
    nested = glossary.match_source("Коммунистическую партию Казахстана", overlapping=True)
    assert {"cp-kazakhstan", "communist-party"} <= set(ids(nested))


def test_abbreviations_are_case_sensitive_and_words_are_not(glossary):
    # written for the test
    assert glossary.match_source("кпрф и цк") == []
    assert ids(glossary.match_source("КОММУНИСТИЧЕСКАЯ ПАРТИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ")) == ["cprf"]


def test_yo_and_latin_lookalikes(glossary):
    # written for the test: е for ё, and a Latin "K" and "o" inside Cyrillic words
    assert ids(glossary.match_source("Почетного председателя партии")) == ["honorary-chairman"]
    hits = glossary.match_source("Kоммунистическую партию Казахстана")
    assert ids(hits) == ["cp-kazakhstan"] and hits[0].start == 0


def test_terms_do_not_cross_sentence_punctuation(glossary):
    # written for the test
    assert glossary.match_source("Коммунистическая. Партия Казахстана") == []


def test_english_statuses_on_real_lines(glossary):
    line = "On behalf of the Communist party of Ukraine:"  # ucp-cpsu-belarus-solidarity-2020
    (hit,) = glossary.target_hits(line)
    assert (hit.entry.id, hit.status, hit.cased_fix) == (
        "cp-ukraine", "miscased", "Communist Party of Ukraine")
    sig = "Chairman of the Central Comittee N. O. Glagoleva"  # political-prisoners-appeal
    (hit,) = glossary.target_hits(sig)
    assert (hit.entry.id, hit.status) == ("chairman-cc", "forbidden")
    (hit,) = glossary.target_hits("Transdnestrian Communist party")  # anticommunism-wont-pass
    assert (hit.entry.id, hit.status) == ("pmr-cp", "miscased")
    assert hit.cased_fix == "Transdnestrian Communist Party"


def test_english_possessive_and_plural(glossary):
    text = "the verdict has been passed on the basis of the Justice Ministry’s suit."  # eadaily
    (hit,) = glossary.target_hits(text)
    assert hit.hit.text == "Justice Ministry’s" and hit.status == "variant"
    tcc = "We ask Central Committees of all Communist Parties existing on the territories of USSR"
    got = {(h.entry.id, h.hit.text) for h in glossary.target_hits(tcc)}
    assert ("central-committee", "Central Committees") in got  # the entry allows plurals
    assert ("communist-party", "Communist Parties") not in got  # this one does not


def test_english_abbreviations_exact_and_common_nouns_skipped(glossary):
    # written for the test
    assert glossary.match_target("the cprf and a communist party") == []
    (hit,) = glossary.target_hits("COMMUNIST PARTY OF KAZAKHSTAN")
    assert hit.status == "canonical"  # capitals in a heading are no capitalisation error
    hits = glossary.match_target("The CPRF is committed")  # cprf-presidium … libya360
    assert [(h.term_id, h.form) for h in hits] == [("cprf", "variant")]


def test_gold_terms_are_found(glossary):
    """Every party/org/position row of the gold terms.tsv is matched in its ru.sents."""
    missed = []
    for tsv in sorted(GOLD.glob("*/terms.tsv")):
        text = (tsv.parent / "ru.sents").read_text(encoding="utf-8")
        hits = glossary.match_source(text)
        for row in tsv.read_text(encoding="utf-8").splitlines()[1:]:
            ru, _en, kind = row.split("\t")
            if not ru or kind not in ("party", "org", "position"):
                continue
            start = text.find(ru)
            assert start >= 0, ru
            if not any(h.start < start + len(ru) and start < h.end for h in hits):
                missed.append(ru)
    assert missed == []


def test_invisible_characters_and_decomposed_letters(glossary):
    # written for the test: a soft hyphen and a zero-width space inside words (as web
    # pages have them), and ё decomposed (NFD); offsets stay in the original text
    import unicodedata

    text = ("ликвидации Комму\u00adнистической партии Казах\u200bстана, "
            + unicodedata.normalize("NFD", "Почётного председателя партии"))
    hits = glossary.match_source(text)
    assert ids(hits) == ["cp-kazakhstan", "honorary-chairman"]
    assert text[hits[0].start:hits[0].end] == "Комму\u00adнистической партии Казах\u200bстана"
    assert hits[1].end == len(text)
    (en,) = glossary.target_hits("the Communist\u00a0Party of Kaz\u00adakhstan’s")
    assert en.hit.text == "Communist\u00a0Party of Kaz\u00adakhstan’s"
    assert (en.entry.id, en.status) == ("cp-kazakhstan", "canonical")
