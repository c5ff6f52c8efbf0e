"""Fixtures for the TUI tests: a fixed user, and asyncio for the pilot (the corpus copy
they work on is tests/conftest.py's `corpus_copy`)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_USER", "tester")


@pytest.fixture
def anyio_backend() -> str:
    """Pilot tests run on asyncio (through anyio's pytest plugin)."""
    return "asyncio"
