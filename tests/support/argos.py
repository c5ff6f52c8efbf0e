"""The tiny Argos package built on the corpus lines, and an Argos home of one's own."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from support.paths import REPO
from workbench.testing.argos_tiny import argos_env, cached_package, corpus_lines


def tiny_package(base: Path) -> Path:
    """The tiny random-weight ru→en package, built once under `base` and reused."""
    return cached_package(base, corpus_lines(REPO))


def isolate_argos(monkeypatch: pytest.MonkeyPatch, home: Path) -> ModuleType:
    """Point `argostranslate.settings` at `home` for one test (env vars first, in case this
    is the first import; then the module attributes it read at import)."""
    for key, value in argos_env(home).items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    from argostranslate import settings

    data = home / "data" / "argos-translate"
    packages = data / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    (home / "cache" / "downloads").mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(settings, "data_dir", data)
    monkeypatch.setattr(settings, "package_data_dir", packages)
    monkeypatch.setattr(settings, "package_dirs", [packages])
    monkeypatch.setattr(settings, "local_package_index", data / "index.json")
    monkeypatch.setattr(settings, "downloads_dir", home / "cache" / "downloads")
    return settings
