"""Undo and redo of every action of a session (`ops.recording` / `ops.revert`, used by the
TUI's `DocumentSession`), on a copy of the real corpus, read back from disk each time.

What is checked: each action undone leaves the working file as it was before (and redo
as it was after); an undo after a split or merge never reverts anything but the action
it undoes; undoing an accepted proposal gives the unit back its earlier origin so
`translate` fills it again; nobody's later change is ever undone (refused, one line
saying who changed what, nothing saved) — also when the later change came from the CLI
in another process.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import UCP
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.model import Origin, Proposal, State
from workbench.project import open_project
from workbench.tui.state.session import DocumentSession


@pytest.fixture
def project(corpus_copy: Path):
    return open_project(corpus_copy)


@pytest.fixture
def session(project) -> DocumentSession:
    s = DocumentSession(project, UCP, "anna", embeddings=False)
    s.load()
    s.ensure_stored()
    s.load()
    return s


def disk(project) -> list[tuple]:
    """What a person sees of every unit on disk (history actions without the trail)."""
    units = store.load_stored(project, UCP).units
    return [(u.id, u.src, u.tgt, u.source_text, u.target_text, u.state, u.origin, u.locked,
             u.reject_reason, u.proposal and (u.proposal.text, u.proposal.origin),
             [h.action for h in u.history if h.action not in ("undo", "redo")])
            for u in units]


def with_english(session: DocumentSession, n: int = 0):
    return [u for u in session.units if u.source_text.strip() and u.target_text.strip()][n]


def splittable(session: DocumentSession):
    return next(u for u in session.units
                if (len(u.src) > 1 or len(u.tgt) > 1) and not u.locked)


ACTIONS = {
    "edit": lambda s: s.edit(with_english(s).id, "Edited English."),
    "accept": lambda s: s.accept(with_english(s, 1).id, Proposal(
        "Proposed English.", Origin.MT, 0.5, "test")),
    "approve": lambda s: s.approve(with_english(s, 2).id),
    "sign-off": lambda s: s.sign_off(with_english(s, 3).id),
    "reject": lambda s: s.reject(with_english(s, 4).id, "wrong party name"),
    "lock": lambda s: s.lock(with_english(s, 5).id),
    "split": lambda s: s.split(splittable(s).id),
    "merge": lambda s: s.merge(with_english(s, 6).id),
    "shift": lambda s: s.shift(with_english(s, 7).id, "target", "up"),
}


PREPARE = {"sign-off": lambda s: s.approve(with_english(s, 3).id)}  # sign off what is approved


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_action_is_undone_and_redone_exactly(session, project, action):
    if action in PREPARE:
        PREPARE[action](session)
    before = disk(project)
    ACTIONS[action](session)
    after = disk(project)
    assert after != before
    step = session.undo()
    assert step is not None and step.action.startswith(action.split("-")[0])
    assert disk(project) == before
    assert session.redo() is not None
    assert disk(project) == after
    assert session.undo() is not None  # and back once more
    assert disk(project) == before
    assert [u.id for u in session.units] == [row[0] for row in before]  # shown = on disk


def test_a_qa_fix_is_undone_as_an_edit(session, project):
    unit = next(u for u in session.units for i in session.issues(u.id)
                if i.fix is not None and i.start is not None)
    fixable = next(i for i in session.issues(unit.id) if i.fix is not None and i.start is not None)
    before = disk(project)
    assert session.apply_fix(unit.id, fixable)
    assert session.undo().action == "qa-fix"
    assert disk(project) == before


def test_undo_after_a_merge_never_reverts_another_unit(session, project):
    """A QA-fix-like edit on one unit, then a merge elsewhere: undo takes back the merge
    only (today's bug reverted the older edit), the second undo the edit."""
    edited = with_english(session, 0).id
    session.edit(edited, "First English, edited.")
    after_edit = disk(project)
    session.merge(with_english(session, 6).id)
    assert session.undo().action == "merge"
    assert disk(project) == after_edit  # the edit is still there
    assert session.undo().action == "edit"
    assert store.load_stored(project, UCP).unit(edited).target_text != "First English, edited."


def test_undo_of_an_accepted_proposal_lets_translate_fill_the_unit_again(session, project):
    empty = next(u for u in session.units if not u.target_text.strip()
                 and u.source_text.strip() and u.origin is Origin.ALIGNED)
    best = ops.best_usable(session.propose([empty.id])[empty.id])
    assert best is not None, "the letterhead rules propose English for the letterhead"
    session.accept(empty.id, best)
    assert store.load_stored(project, UCP).unit(empty.id).origin is best.origin
    session.undo()
    back = store.load_stored(project, UCP).unit(empty.id)
    assert (back.target_text, back.origin, back.state) == ("", Origin.ALIGNED, State.INITIAL)
    dry = ops.translate_document(project, UCP, user="anna", engines=("rules",), dry_run=True)
    filled = ops.translate_document(project, UCP, user="anna", engines=("rules",))
    assert dry.filled == filled.filled >= 1  # what --dry-run promises is what happens
    assert store.load_stored(project, UCP).unit(empty.id).target_text == best.text


def test_undo_refuses_to_take_back_a_reviewers_later_approval_from_the_cli(session, project):
    """Session A edits u31, reviewer B approves it from the CLI (another process), A
    presses undo: refused with one line saying who did what since; nothing changes."""
    unit = with_english(session, 8)
    session.edit(unit.id, "A's English.")
    env = {**os.environ, "WORKBENCH_USER": "boris"}
    done = subprocess.run([sys.executable, "-m", "workbench", "--root", str(project.root),
                           "approve", UCP, unit.id], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    before = disk(project)
    with pytest.raises(WorkbenchError) as refused:
        session.undo()
    message = str(refused.value)
    assert "\n" not in message
    assert f"boris approved {unit.id}" in message and "nothing was changed" in message
    assert disk(project) == before
    saved = store.load_stored(project, UCP).unit(unit.id)
    assert (saved.target_text, saved.state) == ("A's English.", State.REVIEWED)
    assert session.undo() is None  # the refused step is dropped: it is not A's to undo


def test_redo_refuses_when_someone_changed_the_unit_since(session, project):
    unit = with_english(session, 2)
    session.approve(unit.id)
    session.undo()
    ops.edit(project, UCP, unit.id, "Someone else's English.", user="carla")
    with pytest.raises(WorkbenchError, match=f"carla edited {unit.id}"):
        session.redo()
    assert store.load_stored(project, UCP).unit(unit.id).state is State.TRANSLATED


def test_the_trail_says_what_was_undone_and_redone(session, project):
    unit = with_english(session, 2)
    session.approve(unit.id)
    session.undo()
    session.redo()
    history = store.load_stored(project, UCP).unit(unit.id).history
    assert [h.action for h in history][-3:] == ["approve", "undo", "redo"]
    assert "before the approve by anna" in history[-2].note


def test_a_change_recorded_by_one_session_is_put_back_by_the_core_alone(project):
    """ops.recording / ops.revert are the core facility: no session needed."""
    units = ops.load_and_keep(project, UCP, user="anna", embeddings=False).units
    target = next(u for u in units if u.target_text.strip())
    with ops.recording() as changes:
        ops.lock(project, UCP, [target.id], user="anna")
    (change,) = changes
    assert change.unit_ids == [target.id] and change.action == "lock"
    redo = ops.revert(project, change, user="anna")
    assert not store.load_stored(project, UCP).unit(target.id).locked
    ops.revert(project, dataclasses.replace(redo), user="anna", action="redo")
    assert store.load_stored(project, UCP).unit(target.id).locked
