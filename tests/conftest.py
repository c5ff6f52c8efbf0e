"""Fixtures every test may use: a copy of the shipped corpus to change, an aligned corpus
to copy, the tiny Argos package (both built once per session), an Argos home of the
test's own. The helpers behind them, and the paths of the corpus and the shared data,
are in tests/support/."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from support.argos import isolate_argos, tiny_package
from support.corpus import aligned_corpus_copy, copy_corpus


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """sources/, translations/ (texts and metadata, no working files) and glossary.yaml,
    copied into a folder of the test's own."""
    return copy_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def aligned_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus with its paired document aligned and saved, built once per session: a
    template that tests copy (`support.corpus.fresh_copy`) and never change."""
    return aligned_corpus_copy(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def tiny_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny random-weight ru→en Argos package (real format, gibberish output)."""
    return tiny_package(tmp_path_factory.getbasetemp())


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """argostranslate's settings pointed at an empty home of this test's own."""
    return isolate_argos(monkeypatch, tmp_path / "argos")
