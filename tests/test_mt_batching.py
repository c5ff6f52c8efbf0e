"""Batch planning and corpus-wide translation: length-sorted token batches that are the
same wherever they run, each distinct segment translated once, windows of documents
giving what one window gives. The tiny real Argos package, real corpus texts."""

from __future__ import annotations

import shutil

import pytest

from support.argos import isolate_argos
from support.corpus import copy_corpus
from support.paths import EADAILY, REPO, UCP
from test_mt_engine import corpus_sentences
from workbench import ops
from workbench.mt import cache, models
from workbench.mt.argos import LocalTranslator
from workbench.mt.engine import Engine, EngineSettings, plan_batches
from workbench.ops import translate as translate_ops
from workbench.project import open_project
from workbench.store import load_stored


def test_plan_batches_sorts_by_length_and_caps_padded_tokens():
    lengths = [5, 0, 3, 40, 3, 9, 1, 7, 0, 2]
    batches = plan_batches(lengths, 12)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == [i for i, n in enumerate(lengths) if n]  # empties left out
    assert [lengths[i] for i in flat] == sorted(lengths[i] for i in flat)
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert longest * len(batch) <= 12 or len(batch) == 1  # 40 tokens go alone
    assert plan_batches(lengths, 12) == batches  # the same plan every time


def test_batch_size_follows_the_beam_unless_set(monkeypatch):
    # the decoder works on batch × beam rows: a wider beam gets fewer tokens per batch
    assert EngineSettings(beam_size=4).batch_tokens() == 512
    assert EngineSettings(beam_size=2).batch_tokens() == 1024
    assert EngineSettings(beam_size=64).batch_tokens() == 64
    assert EngineSettings(beam_size=4, max_batch_tokens=300).batch_tokens() == 300
    monkeypatch.setenv("WORKBENCH_MT_BATCH_TOKENS", "0")
    assert EngineSettings.from_env(beam_size=4).batch_tokens() == 512
    monkeypatch.setenv("WORKBENCH_MT_BATCH_TOKENS", "2048")
    assert EngineSettings.from_env(beam_size=4).batch_tokens() == 2048


def test_benchmark_model_emits_its_chain_with_a_vocabulary_larger_than_the_model(
        tmp_path, monkeypatch):
    """The benchmark's Argos-sized package (more vocabulary rows than model dimensions)
    decodes exactly the wired number of tokens at every beam, through real CTranslate2."""
    import ctranslate2

    from workbench.testing import argos_tiny

    isolate_argos(monkeypatch, tmp_path / "argos")
    archive = argos_tiny.build_package(tmp_path / "build", corpus_sentences(40), d_model=64,
                                       d_ffn=64, output_tokens=7, model_vocabulary=3000)
    installed = models.install_file(archive)
    translator = ctranslate2.Translator(str(installed.path / "model"))
    engine = Engine(installed, EngineSettings(threads=1))
    tokens = [engine.tokenize(t) for t in corpus_sentences(5)]
    for beam in (1, 4):
        for result in translator.translate_batch(tokens, beam_size=beam,
                                                 max_decoding_length=100):
            assert len(result.hypotheses[0]) == 7
            assert not any(t.startswith("<unused") for t in result.hypotheses[0])


@pytest.fixture
def model(tmp_path, monkeypatch, tiny_zip):
    isolate_argos(monkeypatch, tmp_path / "argos")
    return models.install_file(tiny_zip)


def test_stream_gives_each_batch_once_and_the_same_results_as_translate(model):
    settings = EngineSettings(threads=2, max_batch_tokens=200)
    engine = Engine(model, settings)
    texts = ["", *corpus_sentences(30), "  "]
    seen = []
    results = [None] * len(texts)
    for indices, batch in engine.translate_stream(texts):
        seen += indices
        for i, r in zip(indices, batch, strict=True):
            results[i] = r
    assert sorted(seen) == list(range(len(texts)))
    assert results == engine.translate(texts)
    one_thread = Engine(model, EngineSettings(threads=1, max_batch_tokens=200))
    assert one_thread.translate(texts) == results  # same batches, one core or two


class Counting(LocalTranslator):
    """The real local translator, counting what it is asked to translate."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.calls = 0  # one per window that had something new for the model

    def translate(self, model, settings, texts):
        self.calls += 1
        self.texts += list(texts)
        return super().translate(model, settings, texts)


def test_windows_and_repeats_translate_each_distinct_segment_once(tmp_path, monkeypatch, model):
    monkeypatch.setattr(translate_ops, "_MEMORIES", {})
    monkeypatch.setattr(cache, "_OPEN", {})
    roots = []
    for name in ("one", "many"):
        root = copy_corpus(tmp_path / name, [UCP, EADAILY])
        for n in range(3):  # the same Russian text three times: repeats across documents
            shutil.copy(REPO / "sources" / f"{UCP}.ru.txt", root / "sources" / f"copy{n}.ru.txt")
        roots.append(open_project(root))
    counted = {}
    for project, window in zip(roots, (100_000, 5), strict=True):
        ids = project.document_ids()
        for doc_id in ids:
            ops.load_and_keep(project, doc_id, user="tester")
        counted[window] = Counting()
        if window == 100_000:  # given to the call
            results = list(ops.translate_documents(project, ids, user="tester",
                                                   translator=counted[window],
                                                   window_units=window))
        else:  # by default, the window of where the model runs (a cluster's is larger)
            counted[window].window_units = window
            results = list(ops.translate_documents(project, ids, user="tester",
                                                   translator=counted[window]))
        assert [r.doc_id for r in results] == ids
    one, many = roots
    for doc_id in one.document_ids():
        a, b = load_stored(one, doc_id), load_stored(many, doc_id)
        assert [(u.id, u.target_text, u.proposal) for u in a.units] == \
            [(u.id, u.target_text, u.proposal) for u in b.units]
    sent = counted[100_000].texts
    assert len(sent) == len(set(sent)) > 5  # one window: each distinct segment once
    assert counted[100_000].calls == 1 and counted[5].calls > 1  # the windows were taken
    # small windows: a repeat in a later window comes from the cache, never the model
    assert len(counted[5].texts) == len(set(counted[5].texts)) == len(set(sent))
    filled = [u for u in load_stored(one, "copy2").units if str(u.origin) == "mt"]
    assert filled and all(u.history[-1].action == "translate" for u in filled)
