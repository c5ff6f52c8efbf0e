"""The normalised view and its offset map, on real corpus lines."""

from support.paths import REPO
from workbench.corpus.normalise import normalise


def _line(rel: str, startswith: str) -> str:
    text = (REPO / rel).read_text(encoding="utf-8")
    return next(line for line in text.split("\n") if line.startswith(startswith))


def test_typographic_quotes_dashes_and_nbsp():
    tcc = (REPO / "translations/tcc-cpsu-appeal-1998.en.txt").read_text(encoding="utf-8")
    para = next(line for line in tcc.split("\n") if line.startswith("\u00a0 Today"))
    view = normalise(para)
    assert view.text.startswith("  Today from us")
    line = _line("sources/eadaily-cpk-liquidated-2015.ru.txt", "По словам")
    view = normalise(line)
    assert '"После разбирательства' in view.text and '", - отметил' in view.text
    assert "«" not in view.text and "—" not in view.text


def test_offsets_map_back_to_the_original():
    line = _line("translations/anticommunism-wont-pass.en.txt", "A ridiculous")
    view = normalise("…" + line)
    assert view.text.startswith("...A ridiculous")
    for needle in ("can't", "Aldamjarov", "Communist party of Kazakhstan"):
        i = view.text.find(needle)
        if i < 0:
            continue
        s, e = view.span_to_original(i, i + len(needle))
        assert normalise(("…" + line)[s:e]).text == needle
    assert view.to_original(0) == 0 and view.to_original(3) == 1
    assert view.to_original(len(view.text)) == len(line) + 1


def test_latin_lookalikes_inside_cyrillic_words_become_cyrillic():
    line = _line("sources/ucp-cpsu-belarus-solidarity-2020.ru.txt", "Когда-то")
    # Damage a real word the way a wrong keyboard layout does: Latin "o" and "a".
    damaged = line.replace("Союзу", "Сoюзу").replace("Маркса", "Mapкca")
    view = normalise(damaged)
    assert "Союзу" in view.text and "Маркса" in view.text
    assert len(view.text) == len(damaged)
    # Latin words stay Latin.
    assert normalise("КПСС and CPSU").text == "КПСС and CPSU"


def test_nfc_composition_keeps_offsets():
    decomposed = "Communist Party of Me\u0301xico"  # "México" with a combining accent
    view = normalise(decomposed)
    assert view.text == "Communist Party of México"
    i = view.text.index("x")
    assert decomposed[view.to_original(i)] == "x"
