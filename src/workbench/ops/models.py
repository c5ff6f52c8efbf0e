"""`workbench models`: the Argos translation packages installed for this user."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.mt import models
from workbench.mt.models import ModelInfo, install_hint

__all__ = ["ModelInfo", "install_hint", "install_model", "installed_models", "models_folder",
           "remove_model"]


def models_folder() -> Path:
    """Where packages are installed (as argostranslate.settings decides)."""
    return models.packages_dir()


def installed_models() -> tuple[list[ModelInfo], list[Path]]:
    """The installed packages, and stray folders in the packages folder that are none."""
    return models.scan()


def install_model(what: Sequence[str]) -> ModelInfo:
    """Install FILE.argosmodel (offline), or SRC TGT from Argos's package index (online)."""
    if len(what) == 1:
        return models.install_file(what[0])
    if len(what) == 2:
        return models.install_pair(what[0], what[1])
    raise WorkbenchError("give FILE.argosmodel, or two language codes such as `ru en`")


def remove_model(from_code: str, to_code: str) -> list[ModelInfo]:
    return models.remove(from_code, to_code)
