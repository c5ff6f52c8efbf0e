"""End to end in a real terminal: `workbench` under tmux on a copy of the corpus, from the
corpus screen to an approved unit, then a phrase found with the concordance (ctrl+k), the
hit opened, approved, undone and redone; checked on screen (capture-pane) and on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid

import pytest
from tui_helpers import UCP

from workbench import store
from workbench.model import State
from workbench.project import open_project

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed (apt-get install tmux; .ci/run does)"),
]


ENGLISH = "UNION OF COMMUNIST PARTIES – COMMUNIST PARTY OF THE SOVIET UNION"


class Tmux:
    """A detached tmux session on its own server socket (never the user's server)."""

    def __init__(self, cwd, command: list[str], env: dict[str, str], size=(80, 24)) -> None:
        self.socket = f"wb-e2e-{uuid.uuid4().hex[:8]}"
        args = ["new-session", "-d", "-s", "wb", "-x", str(size[0]), "-y", str(size[1]),
                "-c", str(cwd)]
        for key, value in env.items():
            args += ["-e", f"{key}={value}"]
        self.run(*args, " ".join(command))
        self.run("set-option", "-s", "escape-time", "0")  # Escape is Escape, not a prefix

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                             capture_output=True,
                             text=True, timeout=20, check=True)
        return out.stdout

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "wb", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "wb", "-l", text)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "wb")

    def wait_for(self, text: str, timeout: float = 90.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.3)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")

    def wait_closed(self, timeout: float = 20.0) -> bool:
        """Whether the program ended (its session, and so the tmux server, went away)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            probe = subprocess.run(["tmux", "-L", self.socket, "has-session", "-t", "wb"],
                                   capture_output=True, timeout=20)
            if probe.returncode != 0:
                return True
            time.sleep(0.3)
        return False

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=20)


def on_disk(root):
    return store.load_stored(open_project(root), UCP).units


def unit_on_disk(root, unit_id: str):
    return next(u for u in on_disk(root) if u.id == unit_id)


def test_workbench_in_tmux_from_corpus_screen_to_an_approved_unit(corpus_copy):
    env = {"WORKBENCH_USER": "e2e-reviewer", "TERM": "xterm-256color",
           "PATH": os.environ.get("PATH", "")}
    tmux = Tmux(corpus_copy, [sys.executable, "-m", "workbench"], env)
    try:
        shown = tmux.wait_for("documents in corpus/")
        assert "ucp-cpsu-belarus-solidarity-2…" in shown  # ids shortened to the column
        tmux.keys("/")
        tmux.wait_for("filter: id, title or damage")  # the box is open (keys go there)
        tmux.type("belarus")
        tmux.keys("Enter")
        tmux.wait_for("· ucp-cpsu-belarus-solidarity-2020: ")  # the status line names it
        tmux.keys("Enter")
        shown = tmux.wait_for("· 0 reviewed", timeout=120)  # aligned (embeddings on)
        assert "not saved yet" in shown
        assert "│" in shown  # the side-by-side table is drawn
        # Translate the first unit (the sender's letterhead) in place, then approve it.
        tmux.keys("e")
        tmux.wait_for("Save & leave")  # the editor's keys in the footer: it has the focus
        tmux.keys("C-a")  # select all: the typed English replaces what was there
        tmux.type(ENGLISH)
        tmux.keys("Escape")
        tmux.wait_for("e Edit")  # the document screen's keys again: the editor closed
        tmux.keys("a")
        shown = tmux.wait_for("1 reviewed")
        assert "✓" in shown
        units = store.load_stored(open_project(corpus_copy), UCP).units
        approved = [u for u in units if u.state is State.REVIEWED]
        assert len(approved) == 1 and approved[0].changed_by == "e2e-reviewer"
        assert approved[0].id == units[0].id and approved[0].target_text == ENGLISH
        # Concordance: search a phrase, jump to the hit, approve it, undo, redo.
        tmux.keys("C-k")
        tmux.wait_for("sides: both")
        time.sleep(0.5)  # the query box takes the focus right after the screen is drawn
        tmux.type("fraternal solidarity")
        tmux.keys("Enter")
        tmux.wait_for("1 unit(s) · Enter opens")  # the hit is listed
        tmux.keys("Enter")
        shown = tmux.wait_for("1 reviewed")  # back on the document screen, at the hit
        hit = next(u for u in on_disk(corpus_copy) if "FRATERNAL SOLIDARITY" in u.target_text)
        assert hit.state is State.TRANSLATED
        tmux.keys("a")
        tmux.wait_for("2 reviewed")
        assert unit_on_disk(corpus_copy, hit.id).state is State.REVIEWED
        tmux.keys("u")
        tmux.wait_for("1 reviewed")
        assert unit_on_disk(corpus_copy, hit.id).state is State.TRANSLATED
        tmux.keys("U")
        tmux.wait_for("2 reviewed")
        redone = unit_on_disk(corpus_copy, hit.id)
        assert redone.state is State.REVIEWED and redone.changed_by == "e2e-reviewer"
        assert [h.action for h in redone.history][-3:] == ["approve", "undo", "redo"]
        tmux.keys("C-q")
        assert tmux.wait_closed(), "ctrl+q did not quit the workbench"
    finally:
        tmux.kill()
