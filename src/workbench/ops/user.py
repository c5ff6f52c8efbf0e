"""Who is working: recorded in every history entry."""

from __future__ import annotations

import functools
import getpass
import os
import subprocess

from workbench.chars import check_storable
from workbench.errors import WorkbenchError

MAX_USER_LENGTH = 100


def current_user(explicit: str | None = None) -> str:
    """`--user NAME`, else `$WORKBENCH_USER`, else git's `user.name`, else the login name.
    A name given is checked: it is written into every history entry and lock file."""
    for candidate, where in ((explicit, "--user"), (os.environ.get("WORKBENCH_USER"),
                                                     "$WORKBENCH_USER")):
        if candidate and candidate.strip():
            return check_user(candidate.strip(), where)
    return _git_user() or _login_name()


def check_user(name: str, where: str) -> str:
    """`name` when it can be recorded as who did something: one line of at most
    MAX_USER_LENGTH characters, nothing a terminal would act on."""
    if len(name) > MAX_USER_LENGTH:
        raise WorkbenchError(f"{where} is {len(name)} characters long; the limit is "
                             f"{MAX_USER_LENGTH}", fix="use a shorter name")
    one_line = check_storable(name, where)
    if "\t" in one_line or "\n" in one_line:
        raise WorkbenchError(f"{where} must be one line without tabs, not {name!r}",
                             fix="use a plain name, e.g. anna")
    return one_line


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
