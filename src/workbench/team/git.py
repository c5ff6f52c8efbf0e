"""The git commands team work needs, run with the real `git` binary (any remote git
speaks to: a server, a shared folder, a bare repository beside the clone)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.project import CACHE_FOLDER

DRIVER = "workbench"
DRIVER_NAME = "workbench: merge working files unit by unit"
ATTRIBUTES = ("translations/*.xlf merge=workbench",)
# what running sessions leave beside the work: locks, temporary files, exports, and the
# project's cache folder (computed again from the files; never shared)
IGNORED = ("translations/.*.lock", "translations/.*.tmp", "exports/", f"{CACHE_FOLDER}/")


@dataclass
class Git:
    """A git work tree (`root`) and the environment its commands run in."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)
    timeout: float = 120.0  # for commands that talk to the remote

    @classmethod
    def find(cls, folder: Path, *, env: dict[str, str] | None = None) -> Git | None:
        """The work tree holding `folder`, or None when it is in none."""
        git = cls(folder, env or {})
        out = git.run("rev-parse", "--show-toplevel", check=False)
        if out.returncode != 0:
            return None
        return cls(Path(out.stdout.strip()), env or {})

    def run(self, *args: str, check: bool = True, remote: bool = False,
            extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """Run `git ARGS` in the work tree. With `check`, a failure raises WorkbenchError
        naming the command and git's own first line."""
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", **self.env,
               **(extra_env or {})}
        if remote and "GIT_SSH_COMMAND" not in env:
            env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"  # never wait for a password
        try:
            done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True,
                                  text=True, timeout=self.timeout if remote else None,
                                  check=False)
        except FileNotFoundError:
            raise WorkbenchError("git is not installed",
                                 fix="install git (e.g. `apt-get install git`)") from None
        except subprocess.TimeoutExpired:
            return subprocess.CompletedProcess(["git", *args], 124, "",
                                               f"timed out after {self.timeout:.0f} s")
        if check and done.returncode != 0:
            raise WorkbenchError(f"`git {' '.join(args[:2])}` failed: {first_line(done)}",
                                 path=self.root, fix="see `git status`; your files are as "
                                 "they were")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def path_of(self, path: Path) -> str:
        """`path` relative to the work tree, as git pathspecs want it."""
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    @property
    def git_dir(self) -> Path:
        return Path(self.out("rev-parse", "--absolute-git-dir"))


def first_line(done: subprocess.CompletedProcess[str]) -> str:
    """git's message, shortened to its first meaningful line."""
    for line in (done.stderr + "\n" + done.stdout).splitlines():
        line = line.strip()
        if line and not line.startswith(("hint:", "Auto-merging")):
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return f"exit status {done.returncode}"


def driver_command() -> str:
    """How git runs the merge driver: this Python, so the clone's own workbench merges."""
    return f"{shlex.quote(sys.executable)} -m workbench merge-driver %O %A %B %P"


def configure_driver(git: Git) -> None:
    """Register the unit-level merge driver in the clone's git config (not committed:
    each clone names its own Python)."""
    git.run("config", f"merge.{DRIVER}.name", DRIVER_NAME)
    git.run("config", f"merge.{DRIVER}.driver", driver_command())


def ensure_lines(path: Path, lines: tuple[str, ...], header: str) -> bool:
    """Append the missing `lines` to a text file (created if absent); True if changed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in present]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    text += f"# {header}\n" + "".join(f"{line}\n" for line in missing)
    path.write_text(text, encoding="utf-8")
    return True
