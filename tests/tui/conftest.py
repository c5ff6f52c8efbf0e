"""Fixtures for the TUI tests: a copy of the real corpus to work on, a fixed user."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import REPO


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """sources/, translations/ (texts only, no working files) and glossary.yaml in tmp_path."""
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copytree(REPO / "translations", root / "translations",
                    ignore=shutil.ignore_patterns("*.xlf", "*.lock", "*.tmp*"))
    shutil.copy(REPO / "glossary.yaml", root / "glossary.yaml")
    return root


@pytest.fixture(autouse=True)
def _user(monkeypatch):
    monkeypatch.setenv("WORKBENCH_USER", "tester")


@pytest.fixture
def anyio_backend():
    """Pilot tests run on asyncio (through anyio's pytest plugin)."""
    return "asyncio"
