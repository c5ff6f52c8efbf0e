"""Opening a project: the folder, its settings, and the store that keeps what reading its
documents computed between runs (`workbench.reading`, `workbench.store.reads`)."""

from __future__ import annotations

import os
from pathlib import Path

from workbench import project as projects
from workbench.project import Project
from workbench.store.reads import read_cache


def open_project(root: str | Path | None = None) -> Project:
    """The project at `root`, or the nearest one upward from the working folder (see
    `workbench.project.open_project`), reading its documents through its cache."""
    project = projects.open_project(root)
    project.reads = read_cache(project)
    return project


def enclosing_project(root: str | Path | None = None) -> Project | None:
    """The project a command on a file runs in: the one at `root` or `$WORKBENCH_ROOT`,
    else the one around the working folder, else None (a file outside any project: the
    default languages). A project that is there but cannot be opened (a broken
    workbench.toml) is an error, not a silent fall back to the defaults."""
    if root is None and not os.environ.get("WORKBENCH_ROOT") and projects.find_root() is None:
        return None
    return open_project(root)
