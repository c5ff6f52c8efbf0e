"""Who is working: recorded in every history entry."""

from __future__ import annotations

import functools
import getpass
import os
import subprocess


def current_user(explicit: str | None = None) -> str:
    """`--user NAME`, else `$WORKBENCH_USER`, else git's `user.name`, else the login name."""
    for candidate in (explicit, os.environ.get("WORKBENCH_USER")):
        if candidate and candidate.strip():
            return candidate.strip()
    return _git_user() or _login_name()


@functools.cache
def _git_user() -> str:
    try:
        out = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                             timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
