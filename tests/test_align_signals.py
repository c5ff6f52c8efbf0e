"""Anchors, language tables, scoring of alignments, and the embedding cache."""

from __future__ import annotations

import pytest

from support.paths import GLOSSARY, GOLD
from workbench.align.anchors import segment_keys
from workbench.align.evaluate import parse_bead, read_beads, score
from workbench.align.languages import months_in, transliterate
from workbench.errors import WorkbenchError
from workbench.model import Bead

needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason=f"corpus gold absent: {GOLD}")

# Lines from eadaily-cpk-liquidated-2015 (corpus gold), Russian and its English.
RU_DATE = "Коммунистическая партия была зарегистрирована 27 августа 1998 года, затем " \
          "перерегистрирована в 2003 году."
EN_DATE = "The Communist Party of Kazakhstan was registered on Aug 27 1998 and reregistered " \
          "in 2003."
RU_NAME = "«После разбирательства суд удовлетворил иск, решение суда вошло в силу», — " \
          "отметил Ешимет."
EN_NAME = "So, we decided to satisfy their claim,” Yeshimet said."


def test_numbers_and_months_survive_translation():
    shared = segment_keys(RU_DATE, "ru") & segment_keys(EN_DATE, "en")
    assert {"n:27", "n:1998", "n:2003", "m:8"} <= shared


def test_names_meet_through_transliteration_and_quotes_count():
    shared = segment_keys(RU_NAME, "ru") & segment_keys(EN_NAME, "en")
    assert any(k.startswith("c:") for k in shared)  # Ешимет ~ Yeshimet
    assert "q:" in shared
    assert transliterate("Ешимет", "ru") == "eshimet"


def test_contacts_are_anchors():
    # written for the test
    ru = "Пишите: info@example.org, www.example.org/news, тел. +7 (495) 123-45-67."
    en = "Write to info@example.org, http://example.org/news, phone +7 495 1234567."
    shared = segment_keys(ru, "ru") & segment_keys(en, "en")
    assert {"e:info@example.org", "u:example.org/news", "p:1234567"} <= shared


def test_months_are_not_verbs():
    assert months_in("You may march on.", "en") == set()
    assert months_in("In May and March.", "en") == {5, 3}
    assert months_in("в мае и в марте, 4 сентября", "ru") == {5, 3, 9}


def test_vecalign_scores():
    gold = [parse_bead(x) for x in ["[]:[0]", "[0]:[1]", "[1,2]:[2,3]", "[3]:[4]"]]
    assert score([(gold, gold)])["strict_f1"] == 1.0
    test = [parse_bead(x) for x in ["[]:[0]", "[0]:[1]", "[1]:[2]", "[2]:[3]", "[3]:[4]"]]
    got = score([(gold, test)])
    # precision: 3 of 5 beads exact, 5 of 5 overlap; recall (no 0-1): 2 of 3 exact
    assert got["strict_p"] == pytest.approx(3 / 5)
    assert got["lax_p"] == 1.0
    assert got["strict_r"] == pytest.approx(2 / 3)
    assert got["lax_r"] == 1.0


@needs_gold
def test_read_gold_and_bad_line(tmp_path):
    beads = read_beads(GOLD / "eadaily-cpk-liquidated-2015" / "gold.align")
    assert beads[2] == Bead((1, 2), (2, 3))
    bad = tmp_path / "bad.align"
    bad.write_text("[0]:[0]\n0-1\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as err:
        read_beads(bad)
    assert err.value.line == 2


def test_embeddings_are_cached_in_memory_and_on_disk(tmp_path, monkeypatch):
    from workbench.align import embeddings

    texts = ["Он был абсолютно прав.", "He was absolutely right."]  # from the ucp pair
    cache = tmp_path / "vectors.sqlite"
    embeddings.clear_memory()
    first = embeddings.embed(texts, cache_path=cache)
    assert first.shape == (2, 512)
    assert float(first[0] @ first[1]) > 0.5  # a translation pair is close
    embeddings.clear_memory()

    def no_model():
        raise AssertionError("the model should not be asked again")

    monkeypatch.setattr(embeddings, "_get_model", no_model)
    again = embeddings.embed(texts, cache_path=cache)  # from disk
    assert (again == first).all()
    assert (embeddings.embed(texts[::-1]) == first[::-1]).all()  # from memory


def test_glossary_terms_become_anchors():
    from workbench.align.core import glossary_terms, prepare_side
    from workbench.glossary import load_glossary

    path = GLOSSARY
    if not path.is_file():
        pytest.skip(f"no project glossary at {path}")
    glossary = load_glossary(path)
    # from ucp-cpsu-belarus-solidarity-2020
    ru = "СССР был воплощением вековой мечты человечества – пусть несовершенного, раннего, " \
         "но социализма."
    en = "The USSR was the embodiment of an age-old dream of humanity - even if imperfect, " \
         "early, but socialism."
    src = prepare_side([ru], "ru", term_ids=glossary_terms(glossary, "source"))
    tgt = prepare_side([en], "en", term_ids=glossary_terms(glossary, "target"))
    shared = {k for k in src.keys[0] & tgt.keys[0] if k.startswith("g:")}
    assert shared, (src.keys, tgt.keys)
