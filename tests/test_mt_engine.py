"""The batched CTranslate2 engine on a tiny real Argos package (random weights: gibberish
output, but deterministic), on real corpus sentences."""

import pytest

from support.argos import isolate_argos
from support.paths import REPO
from workbench.errors import WorkbenchError
from workbench.mt import models
from workbench.mt.engine import Engine, EngineSettings, get_engine


@pytest.fixture
def model(tmp_path, monkeypatch, tiny_zip):
    isolate_argos(monkeypatch, tmp_path / "argos")
    return models.install_file(tiny_zip)


def corpus_sentences(n: int = 40) -> list[str]:
    text = (REPO / "sources" / "ucp-cpsu-belarus-solidarity-2020.ru.txt").read_text("utf-8")
    out = []
    for line in text.splitlines():
        out += [s.strip() + "." for s in line.split(". ") if s.strip()]
    return out[:n]


def test_default_settings_are_sound():
    s = EngineSettings()
    assert s.device == "cpu" and s.beam_size == 2 and s.threads == 0
    assert s.resolved_compute_type() == "int8"


def test_settings_from_env(monkeypatch):
    monkeypatch.setenv("WORKBENCH_MT_BEAM", "4")
    monkeypatch.setenv("WORKBENCH_MT_THREADS", "1")
    s = EngineSettings.from_env(beam_size=None, threads=2)
    assert (s.beam_size, s.threads) == (4, 2)
    monkeypatch.setenv("WORKBENCH_MT_BEAM", "four")
    with pytest.raises(WorkbenchError, match="WORKBENCH_MT_BEAM"):
        EngineSettings.from_env()


def test_batch_keeps_order_and_matches_one_by_one(model):
    engine = Engine(model, EngineSettings(threads=1, compute_type="float32", max_batch_tokens=100,
                                          chunk_batches=2))
    sentences = corpus_sentences()
    calls = []
    batched = engine.translate(sentences, progress=calls.append)
    assert len(batched) == len(sentences)
    assert sum(calls) == len(sentences) and len(calls) > 1  # several length-sorted calls
    single = [engine.translate([s])[0] for s in sentences[:8]]
    assert [r.text for r in batched[:8]] == [r.text for r in single]
    assert all(0.0 < r.confidence <= 1.0 for r in batched)
    assert any(r.text for r in batched)


def test_deterministic_and_empty_segments(model):
    engine = Engine(model, EngineSettings(threads=1))
    sentences = corpus_sentences(6)
    first = engine.translate(["", *sentences, "   "])
    again = engine.translate(["", *sentences, "   "])
    assert first == again
    assert first[0].text == "" and first[-1].text == ""


def test_engine_is_loaded_once_and_reloaded_after_reinstall(model, tiny_zip):
    settings = EngineSettings(threads=1)
    engine = get_engine(model, settings)
    assert get_engine(model, settings) is engine
    bin_path = model.path / "model" / "model.bin"
    import os

    os.utime(bin_path, ns=(1, 1))  # as a reinstall would change the weights file
    assert get_engine(model, settings) is not engine


def test_package_without_sentencepiece_is_refused(model):
    (model.path / "sentencepiece.model").unlink()
    with pytest.raises(WorkbenchError, match="sentencepiece"):
        Engine(model, EngineSettings(threads=1))
