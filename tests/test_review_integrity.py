"""An approval means what it says: approve, sign-off and reject name the English the
person saw (refused when another session changed it), sign-off needs `reviewed`, and
English made only of invisible characters cannot be approved. Real corpus, real store,
the CLI as a real subprocess where a script would use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support.corpus import aligned_corpus_copy, fresh_copy
from support.paths import PAIRED
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.model import State
from workbench.project import open_project


@pytest.fixture(scope="module")
def aligned_corpus(tmp_path_factory):
    return aligned_corpus_copy(tmp_path_factory.mktemp("corpus"), [PAIRED])


@pytest.fixture
def root(aligned_corpus, tmp_path):
    return fresh_copy(aligned_corpus, tmp_path / "project")


def pair_units(root) -> list[str]:
    wf = store.load_stored(open_project(root), PAIRED)
    return [u.id for u in wf.units if u.source_text and u.target_text]


def on_disk(root, unit_id):
    store.workfile._cache.clear()  # the file itself, not this process's cached parse
    return store.load_stored(open_project(root), PAIRED).unit(unit_id)


def working_bytes(root) -> bytes:
    return (root / "translations" / f"{PAIRED}.xlf").read_bytes()


def cli(root, *argv, user="rita", stdin: bytes | None = None):
    env = {**os.environ, "WORKBENCH_USER": user}
    return subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), *argv],
                          capture_output=True, input=stdin, env=env, timeout=120)


# ---------------------------------------------------------------- the English seen


@pytest.mark.parametrize("action", ["approve", "sign_off", "reject"])
def test_a_review_of_english_changed_meanwhile_is_refused(root, action):
    project = open_project(root)
    uid = pair_units(root)[0]
    seen = on_disk(root, uid).target_text
    if action == "sign_off":
        ops.approve(project, PAIRED, [uid], user="rita")
    ops.edit(project, PAIRED, uid, "Dear comrades, changed by Boris.", user="boris")
    before = working_bytes(root)
    kwargs = {"reason": "wrong name"} if action == "reject" else {}
    with pytest.raises(WorkbenchError) as err:
        getattr(ops, action)(project, PAIRED, [uid], user="rita", expected={uid: seen},
                             **kwargs)
    assert "changed by boris" in str(err.value) and "nothing was saved" in str(err.value)
    assert working_bytes(root) == before
    assert on_disk(root, uid).state is State.TRANSLATED


def test_the_english_seen_is_approved_and_a_hash_works_like_the_text(root):
    project = open_project(root)
    first, second = pair_units(root)[:2]
    english = {uid: on_disk(root, uid).target_text for uid in (first, second)}
    changed = ops.approve(project, PAIRED, [first], user="rita", expected=english)
    assert [u.id for u in changed] == [first]
    changed = ops.approve(project, PAIRED, [second], user="rita",
                          expected_hash={second: ops.english_hash(english[second])})
    assert [u.id for u in changed] == [second]
    with pytest.raises(WorkbenchError):
        ops.sign_off(project, PAIRED, [first], user="lena",
                     expected_hash={first: ops.english_hash("something else")})
    assert on_disk(root, first).state is State.REVIEWED


def test_cli_script_reads_hashes_and_approves_only_what_it_read(root):
    first, second = pair_units(root)[:2]
    listing = cli(root, "units", PAIRED, "--jsonl")
    assert listing.returncode == 0, listing.stderr
    rows = {row["id"]: row for row in map(json.loads, listing.stdout.decode().splitlines())}
    assert rows[first]["english_hash"] == ops.english_hash(rows[first]["english"])
    # another person edits the first unit after the script read it
    assert cli(root, "edit", PAIRED, first, "Edited by Boris.", user="boris").returncode == 0
    before = working_bytes(root)
    out = cli(root, "approve", PAIRED, first, second, "--expect-hash",
              rows[first]["english_hash"], "--expect-hash", rows[second]["english_hash"])
    assert out.returncode == 2
    err = out.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "changed by boris" in err and first in err
    assert working_bytes(root) == before  # all or nothing: the second was not approved
    out = cli(root, "approve", PAIRED, second, "--expect-hash", rows[second]["english_hash"])
    assert out.returncode == 0 and on_disk(root, second).state is State.REVIEWED
    out = cli(root, "sign-off", PAIRED, second, "--expect-english", "-",
              stdin=rows[second]["english"].encode())
    assert out.returncode == 0, out.stderr
    assert on_disk(root, second).state is State.FINAL


def test_cli_expect_options_are_checked_against_the_units_given(root):
    first, second = pair_units(root)[:2]
    out = cli(root, "approve", PAIRED, first, second, "--expect-english", "x")
    assert out.returncode == 2 and b"one unit" in out.stderr
    out = cli(root, "approve", PAIRED, first, second, "--expect-hash", "ab")
    assert out.returncode == 2 and b"once per UNIT" in out.stderr
    out = cli(root, "reject", PAIRED, first, "--reason", "no", "--expect-english", "not it")
    assert out.returncode == 2 and on_disk(root, first).state is State.TRANSLATED


# ---------------------------------------------------------------- state rules


def test_sign_off_needs_reviewed_unless_the_project_says_otherwise(root):
    project = open_project(root)
    first, second = pair_units(root)[:2]
    before = working_bytes(root)
    with pytest.raises(WorkbenchError) as err:
        ops.sign_off(project, PAIRED, [first], user="lena")
    assert "not reviewed" in str(err.value) and "signoff_requires_review" in str(err.value)
    assert working_bytes(root) == before
    ops.approve(project, PAIRED, [first], user="rita")
    assert [u.id for u in ops.sign_off(project, PAIRED, [first], user="lena")] == [first]
    (root / "workbench.toml").write_text("[review]\nsignoff_requires_review = false\n")
    relaxed = open_project(root)
    assert [u.id for u in ops.sign_off(relaxed, PAIRED, [second], user="lena")] == [second]


@pytest.mark.parametrize("invisible", ["\u200b", "\ufeff", " \u2060\u00ad ", "\u200e\u3164"])
def test_english_of_invisible_characters_cannot_be_approved_or_signed_off(root, invisible):
    project = open_project(root)
    uid = pair_units(root)[0]
    unit = ops.edit(project, PAIRED, uid, invisible, user="boris")
    assert unit.state is State.INITIAL  # no English, as for empty English
    (root / "workbench.toml").write_text("[review]\nsignoff_requires_review = false\n")
    project = open_project(root)
    for action in (ops.approve, ops.sign_off):
        with pytest.raises(WorkbenchError) as err:
            action(project, PAIRED, [uid], user="rita")
        assert "invisible characters" in str(err.value)
    assert on_disk(root, uid).state is State.INITIAL


# ---------------------------------------------------------------- text typed or piped in


@pytest.mark.parametrize("text, code", [
    ("Dear \x1b[31mcomrades", "U+001B"), ("bell\x07", "U+0007"), ("nul\x00here", "U+0000"),
])
def test_edit_refuses_control_characters_from_the_command_line(root, text, code):
    uid = pair_units(root)[0]
    before = working_bytes(root)
    if "\x00" in text:  # a NUL cannot be an argument: it comes through stdin
        out = cli(root, "edit", PAIRED, uid, "-", stdin=text.encode())
    else:
        out = cli(root, "edit", PAIRED, uid, text)
    err = out.stderr.decode()
    assert out.returncode == 2 and len(err.strip().splitlines()) == 1
    assert f"{PAIRED} {uid}" in err and code in err and "\x1b" not in err
    assert working_bytes(root) == before


def test_invalid_utf8_piped_or_as_argument_is_refused_naming_the_unit(root):
    uid = pair_units(root)[0]
    before = working_bytes(root)
    out = cli(root, "edit", PAIRED, uid, "-", stdin=b"Dear comrades \xff\xfe broken")
    assert out.returncode == 2 and b"lone surrogate" in out.stderr and uid.encode() in out.stderr
    out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), "edit", PAIRED,
                          uid, os.fsdecode(b"bad \xc3 byte")], capture_output=True, timeout=120)
    assert out.returncode == 2 and b"not valid UTF-8" in out.stderr
    assert b"Traceback" not in out.stderr
    assert working_bytes(root) == before
    # tab and newline are text; the export of the document still works afterwards
    out = cli(root, "edit", PAIRED, uid, "-", stdin=b"Line one\twith a tab\nline two")
    assert out.returncode == 0
    assert on_disk(root, uid).target_text == "Line one\twith a tab\nline two"
    for fmt in ("xliff2", "xliff12", "tmx", "txt"):
        (out,) = ops.export_documents(open_project(root), [PAIRED], fmt, user="rita")
        out.text.encode("utf-8")


def test_reject_reason_is_checked_like_english(root):
    uid = pair_units(root)[0]
    out = cli(root, "reject", PAIRED, uid, "--reason", "bad \x1b[2J name")
    assert out.returncode == 2 and b"U+001B" in out.stderr
    assert on_disk(root, uid).state is State.TRANSLATED
