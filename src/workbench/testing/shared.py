"""Where the data kept outside the repository is: `../shared/` beside the repository
(the WMT news benchmark and the corpus gold must never be copied into it).

Looked up in order: `$WORKBENCH_SHARED`; `shared/` beside the repository; for a clone of a
local checkout (CI clones the working repository into a temporary folder), `shared/`
beside the repository it was cloned from. Tests and benchmarks skip, naming the path,
when none exists.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _origin(repo: Path) -> Path | None:
    try:
        url = subprocess.run(["git", "-C", str(repo), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://")) if url and "://" not in url.replace(
        "file://", "") else None
    return path if path is not None and path.is_dir() else None


def shared_dir(repo: Path = REPO) -> Path:
    env = os.environ.get("WORKBENCH_SHARED")
    if env:
        return Path(env)
    beside = repo.parent / "shared"
    if beside.is_dir():
        return beside
    origin = _origin(repo)
    if origin is not None and (origin.resolve().parent / "shared").is_dir():
        return origin.resolve().parent / "shared"
    return beside


SHARED = shared_dir()
GOLD = SHARED / "corpus" / "gold"  # hand-aligned documents of the corpus
NEWS = SHARED / "bench-data" / "align-news-ruen"  # WMT news, research use only
