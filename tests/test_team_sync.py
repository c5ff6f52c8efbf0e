"""End to end with real git: a bare "server" repository and three clones in a temporary
folder; translators and reviewers change the same and different units, split and
merge, and `workbench sync` in different orders (the CLI in subprocesses, the merge
driver run by git itself). Afterwards every clone has the same working files, every
approval and edit is there or is a reported conflict, and every file loads.
English strings below are written for the tests."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import copy_corpus
from support.paths import PAIRED
from workbench import store
from workbench.model import State
from workbench.project import open_project
from workbench.team.units import check_units

pytestmark = pytest.mark.slow

ROLES = """[team]
reviewers = ["anna", "boris"]
signers = ["anna", "boris"]

[review]
four_eyes = true
"""


def git_env(tmp: Path) -> dict[str, str]:
    """git as on a fresh machine: no global or system configuration of the developer's."""
    config = tmp / "gitconfig"
    config.touch()
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0"}


def git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


def wb(clone: Path, *args: str, user: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], cwd=clone,
                          env={**env, "WORKBENCH_USER": user}, capture_output=True,
                          text=True, timeout=300, check=False)


def ok(done: subprocess.CompletedProcess, code: int = 0) -> str:
    assert done.returncode == code, (done.returncode, done.stdout, done.stderr)
    return done.stdout


def working_file(clone: Path):
    store.workfile._cache.clear()
    return store.load_stored(open_project(clone), PAIRED)


def digest(clone: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((clone / "translations").glob("*.xlf"))}


@pytest.fixture
def team(tmp_path):
    """The server, anna's clone (who set the project up and aligned the document), and
    boris's and clara's clones of it."""
    env = git_env(tmp_path)
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(server), env=env)
    anna = copy_corpus(tmp_path / "anna", [PAIRED])
    (anna / "workbench.toml").write_text(ROLES, encoding="utf-8")
    git(anna, "init", "-q", "-b", "main", env=env)
    clones = {"anna": anna, "boris": tmp_path / "boris", "clara": tmp_path / "clara"}
    git(anna, "config", "user.name", "anna", env=env)
    git(anna, "config", "user.email", "anna@example.org", env=env)
    ok(wb(anna, "team", "init", "--remote", str(server), user="anna", env=env))
    ok(wb(anna, "align", PAIRED, "--no-embeddings", user="anna", env=env))
    out = ok(wb(anna, "sync", user="anna", env=env))
    assert "sent" in out
    for name in ("boris", "clara"):
        git(tmp_path, "clone", "-q", str(server), str(clones[name]), env=env)
        git(clones[name], "config", "user.name", name, env=env)
        git(clones[name], "config", "user.email", f"{name}@example.org", env=env)
        ok(wb(clones[name], "sync", user=name, env=env), 1)  # nothing to do
    return clones, server, env


def test_three_clones_converge_keeping_every_approval_and_edit(team):
    clones, _server, env = team
    anna, boris, clara = clones["anna"], clones["boris"], clones["clara"]
    wf = working_file(anna)
    paired = [u.id for u in wf.units if u.src and u.tgt and u.target_text]
    ids = [u.id for u in wf.units]
    first, second, third, fourth, fifth = paired[:5]

    def run(clone, *args, user, code=0):
        return ok(wb(clone, *args, user=user, env=env), code)

    # round 1: different units and the same ones
    run(anna, "edit", PAIRED, first, "Anna's English for the first unit.", user="anna")
    run(anna, "edit", PAIRED, second, "Anna's English for the second unit.", user="anna")
    run(boris, "approve", PAIRED, second, third, user="boris")
    run(clara, "edit", PAIRED, first, "Clara's English for the first unit.", user="clara")
    run(clara, "split", PAIRED, fourth, "--source", "1", "--target", "0", user="clara")
    refused = wb(clara, "approve", PAIRED, fifth, user="clara", env=env)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip().count("\n") == 0  # one line
    assert "clara may not approve: [team] reviewers" in refused.stderr
    assert "sent" in run(boris, "sync", user="boris")
    out = run(anna, "sync", user="anna", code=3)  # second: edited here, approved there
    assert "merged by unit" in out and "conflict" in out
    out = run(clara, "sync", user="clara", code=3)  # first: two translators' English
    assert "received" in out and "sent" in out

    found = json.loads(run(clara, "conflicts", "--json", user="clara", code=1))
    by_anchor = {c["anchor"]: c for c in found}
    assert set(by_anchor) == {first, second}
    english = {v["units"][0]["english"] for v in by_anchor[first]["versions"]}
    assert english == {"Anna's English for the first unit.",
                       "Clara's English for the first unit."}
    states = {(v["units"][0]["state"], v["who"]) for v in by_anchor[second]["versions"]}
    assert states == {("translated", "anna"), ("reviewed", "boris")}

    # round 2: settle the conflicts, merge and split elsewhere, sign off; other order
    run(clara, "resolve", PAIRED, first, "--edit", "Clara and Anna agreed on this.",
        user="clara")
    boris_version = next(v["version"] for v in by_anchor[second]["versions"]
                         if v["who"] == "boris")
    run(clara, "resolve", PAIRED, second, "--take", str(boris_version), user="clara")
    assert "sent" in run(clara, "sync", user="clara")
    run(anna, "merge", PAIRED, ids[-6], ids[-5], user="anna")
    assert "received" in run(anna, "sync", user="anna")
    run(boris, "split", PAIRED, ids[-3], "--source", "0", "--target", "0", user="boris",
        code=2)  # nothing to split off: refused, nothing saved
    run(boris, "merge", PAIRED, ids[-3], ids[-2], user="boris")
    run(boris, "sync", user="boris")
    four_eyes = wb(boris, "sign-off", PAIRED, third, user="boris", env=env)
    assert four_eyes.returncode == 2 and "four_eyes" in four_eyes.stderr
    run(anna, "sync", user="anna")
    run(anna, "sign-off", PAIRED, third, user="anna")
    run(anna, "sync", user="anna")
    run(boris, "sync", user="boris")
    run(clara, "sync", user="clara")
    for name in ("anna", "boris", "clara"):
        run(clones[name], "sync", user=name, code=1)  # everyone has everything

    # the same working files everywhere, loading, valid, with no conflict left
    digests = [digest(c) for c in (anna, boris, clara)]
    assert digests[0] == digests[1] == digests[2] and digests[0]
    for clone in (anna, boris, clara):
        assert ok(wb(clone, "conflicts", user="x", env=env)).strip() == "no conflicts"
        assert ok(wb(clone, "units", PAIRED, user="x", env=env))
        assert git(clone, "status", "--porcelain", env=env) == ""
    final = working_file(anna)
    check_units(final.units, "final")
    u_first, u_second, u_third = final.unit(first), final.unit(second), final.unit(third)
    assert u_first.target_text == "Clara and Anna agreed on this."
    history = {(h.who, h.action) for h in u_first.history}
    assert {("anna", "edit"), ("clara", "edit"), ("clara", "resolve")} <= history
    assert u_second.state is State.REVIEWED and u_second.changed_by == "clara"
    assert ("boris", "approve") in {(h.who, h.action) for h in u_second.history}
    assert ("anna", "edit") in {(h.who, h.action) for h in u_second.history}
    assert u_third.state is State.FINAL
    assert [(h.who, h.action) for h in u_third.history][-2:] == [("boris", "approve"),
                                                                 ("anna", "sign-off")]
    now = [u.id for u in final.units]
    assert ids[-5] not in now and ids[-2] not in now  # merged away on two clones
    assert fourth in now and len(now) == len(set(now)) and final.next_id > len(ids) + 1
    assert "<<<<<<<" not in (anna / "translations" / f"{PAIRED}.xlf").read_text()


def test_offline_keeps_the_work_committed_and_sync_can_be_retried(team, tmp_path):
    clones, server, env = team
    anna = clones["anna"]
    wf = working_file(anna)
    unit = next(u.id for u in wf.units if u.target_text)
    ok(wb(anna, "edit", PAIRED, unit, "Written on a train.", user="anna", env=env))
    away = tmp_path / "server-away.git"
    server.rename(away)
    done = wb(anna, "sync", user="anna", env=env)
    assert done.returncode == 4, done.stdout + done.stderr
    assert "offline" in done.stdout and "committed here" in done.stdout
    assert git(anna, "status", "--porcelain", env=env) == ""  # the work is in a commit
    assert "Written on a train." in git(anna, "show", "HEAD", env=env)
    again = wb(anna, "sync", user="anna", env=env)
    assert again.returncode == 4  # still offline, nothing lost, nothing doubled
    away.rename(server)
    assert "sent" in ok(wb(anna, "sync", user="anna", env=env))
    boris = clones["boris"]
    assert "received" in ok(wb(boris, "sync", user="boris", env=env))
    assert working_file(boris).unit(unit).target_text == "Written on a train."


def test_a_conflict_outside_the_working_files_stops_the_merge_safely(team):
    clones, _server, env = team
    anna, boris = clones["anna"], clones["boris"]
    for clone, name in ((anna, "anna"), (boris, "boris")):
        glossary = clone / "glossary.yaml"
        glossary.write_text(glossary.read_text(encoding="utf-8").replace(
            "\n", f"\n# {name} was here\n", 1), encoding="utf-8")
    ok(wb(anna, "sync", "--all", user="anna", env=env))
    head = git(boris, "rev-parse", "HEAD", env=env)
    done = wb(boris, "sync", "--all", user="boris", env=env)
    assert done.returncode == 2
    assert "glossary.yaml" in done.stderr and "your work is committed" in done.stderr
    assert not (boris / ".git" / "MERGE_HEAD").exists()
    assert "<<<<<<<" not in (boris / "glossary.yaml").read_text(encoding="utf-8")
    # boris's change is committed on top of what he had; anna's waits on the server
    assert git(boris, "rev-parse", "HEAD~1", env=env) == head
    assert "boris was here" in git(boris, "show", "HEAD:glossary.yaml", env=env)
    assert "anna was here" in git(boris, "show", "origin/main:glossary.yaml", env=env)
    assert git(boris, "status", "--porcelain", env=env) == ""


def test_sync_refuses_outside_git_and_explains(tmp_path):
    root = copy_corpus(tmp_path / "alone", [PAIRED])
    env = git_env(tmp_path)
    done = wb(root, "sync", user="anna", env=env)
    assert done.returncode == 2 and "team init" in done.stderr
    shutil.rmtree(root)


def test_a_clone_of_an_empty_server_sends_its_first_work(tmp_path):
    """No working file yet: sync commits what there is (with --all, the project files)."""
    env = git_env(tmp_path)
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(server), env=env)
    git(tmp_path, "clone", "-q", str(server), str(tmp_path / "dora"), env=env)
    dora = copy_corpus(tmp_path / "dora", [PAIRED])
    git(dora, "config", "user.name", "dora", env=env)
    git(dora, "config", "user.email", "dora@example.org", env=env)
    out = ok(wb(dora, "sync", "--all", user="dora", env=env))
    assert "committed your work" in out and "sent" in out
    assert ok(wb(dora, "sync", user="dora", env=env), 1).startswith("nothing to do")
    tracked = git(dora, "ls-files", env=env).split()
    assert ".gitattributes" in tracked and f"sources/{PAIRED}.meta.yaml" in tracked
    assert not [name for name in tracked if name.endswith(".lock")]
