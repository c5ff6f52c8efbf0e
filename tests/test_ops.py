"""Review operations: states, who/when, history, structure edits, realignment."""

from __future__ import annotations

import re
import subprocess

import pytest

from support.corpus import line_project, stand_in_align, store_aligned
from support.paths import PAIRED
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.model import Origin, Proposal, State
from workbench.ops.export import export_documents

ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def project(tmp_path):
    return line_project(tmp_path)


@pytest.fixture
def paired(project):
    store_aligned(project, PAIRED)
    return project


def unit(project, unit_id):
    return ops.load_or_align(project, PAIRED).unit(unit_id)


def test_approve_sign_off_record_who_and_when(paired):
    changed = ops.approve(paired, PAIRED, ["u3", "u4"], user="Reviewer")
    assert [u.id for u in changed] == ["u3", "u4"]
    u3 = unit(paired, "u3")
    assert u3.state is State.REVIEWED and u3.changed_by == "Reviewer"
    assert ISO.match(u3.changed_at)
    assert (u3.history[-1].action, u3.history[-1].who, u3.history[-1].state) == \
        ("approve", "Reviewer", State.REVIEWED)
    ops.sign_off(paired, PAIRED, ["u3"], user="Lead")
    assert unit(paired, "u3").state is State.FINAL
    # approving a final unit leaves it final and reports no change
    assert ops.approve(paired, PAIRED, ["u3"], user="Reviewer") == []
    assert unit(paired, "u3").state is State.FINAL
    assert [h.action for h in ops.history(paired, PAIRED, "u3")] == ["align", "approve",
                                                                    "sign-off"]


def test_edit_sets_manual_english_and_needs_new_approval(paired):
    ops.approve(paired, PAIRED, ["u2"], user="r")
    ops.edit(paired, PAIRED, "u2", "BELARUSIAN COMMUNISTS NEED FRATERNAL SOLIDARITY!", user="t")
    u2 = unit(paired, "u2")
    assert u2.target_text == "BELARUSIAN COMMUNISTS NEED FRATERNAL SOLIDARITY!"
    assert (u2.state, u2.origin) == (State.TRANSLATED, Origin.MANUAL)
    ops.edit(paired, PAIRED, "u2", "", user="t")
    assert unit(paired, "u2").state is State.INITIAL


def test_user_mistakes_raise_and_change_nothing(paired):
    path = store.working_path(paired, PAIRED)
    ops.edit(paired, PAIRED, "u4", "", user="t")
    before = path.read_bytes()
    with pytest.raises(WorkbenchError, match="no unit 'u999'"):
        ops.approve(paired, PAIRED, ["u1", "u999"], user="r")
    with pytest.raises(WorkbenchError, match="u4 has no English to approve"):
        ops.approve(paired, PAIRED, ["u1", "u4"], user="r")  # all or nothing
    with pytest.raises(WorkbenchError, match="needs a reason"):
        ops.reject(paired, PAIRED, ["u1"], reason="  ", user="r")
    assert path.read_bytes() == before


def test_reject_keeps_the_reason_and_blocks_sign_off(paired):
    ops.reject(paired, PAIRED, ["u5"], reason="mistranslates the party name", user="r")
    u5 = unit(paired, "u5")
    assert (u5.state, u5.reject_reason) == (State.REJECTED, "mistranslates the party name")
    with pytest.raises(WorkbenchError, match="rejected"):
        ops.sign_off(paired, PAIRED, ["u5"], user="lead")
    ops.approve(paired, PAIRED, ["u5"], user="r")
    assert (unit(paired, "u5").state, unit(paired, "u5").reject_reason) == (State.REVIEWED, "")


def test_apply_proposals_fills_only_empty_untouched_units(paired):
    ops.edit(paired, PAIRED, "u6", "", user="t")  # a person emptied it: not refilled
    ops.shift(paired, PAIRED, "u4", side="target", direction="down", user="t")
    wf = ops.load_or_align(paired, PAIRED)
    empty = [u.id for u in wf.units if not u.target_text and u.id != "u6"]
    assert empty == ["u4"]
    proposal = Proposal(text="Proposed English.", origin=Origin.MT, score=0.7, detail="test")
    n = ops.apply_proposals(paired, PAIRED, {uid: proposal for uid in [*empty, "u6", "u1"]},
                            user="mt")
    assert n == len(empty)
    for uid in empty:
        got = unit(paired, uid)
        assert (got.target_text, got.origin, got.state) == ("Proposed English.", Origin.MT,
                                                            State.TRANSLATED)
        assert got.proposal.text == "Proposed English." and got.history[-1].action == "translate"
    assert unit(paired, "u6").target_text == ""
    assert unit(paired, "u1").target_text != "Proposed English."


def test_accept_replaces_english_keeping_the_proposal_origin(paired):
    before = unit(paired, "u6")
    assert before.target_text
    proposal = Proposal(text="Chosen English.", origin=Origin.TM, score=0.83,
                        detail="tm fuzzy: test")
    got = ops.accept(paired, PAIRED, "u6", proposal, user="translator")
    stored = unit(paired, "u6")
    assert (stored.target_text, stored.origin, stored.state) == ("Chosen English.", Origin.TM,
                                                                 State.TRANSLATED)
    assert stored.proposal.score == 0.83 and got.history[-1].action == "accept"
    assert stored.history[-1].who == "translator"
    # a person's choice: the batch fill never overwrites it
    assert ops.apply_proposals(paired, PAIRED, {"u6": proposal}, user="mt") == 0
    with pytest.raises(WorkbenchError):
        ops.accept(paired, PAIRED, "u6", Proposal("", Origin.MT, 0.0), user="translator")


def test_split_merge_keep_ids_stable_and_never_reuse(paired):
    wf = ops.load_or_align(paired, PAIRED)
    merged = ops.merge(paired, PAIRED, ["u2", "u3"], user="t")
    assert (merged.id, merged.src, merged.tgt) == ("u2", [1, 2], [1, 2])
    assert merged.source_text == f"{wf.units[1].source_text} {wf.units[2].source_text}"
    assert "u3" not in [u.id for u in ops.load_or_align(paired, PAIRED).units]
    first, second = ops.split(paired, PAIRED, "u2", src_at=1, tgt_at=1, user="t")
    assert (first.id, first.src, first.tgt) == ("u2", [1], [1])
    assert second.id == f"u{len(wf.units) + 1}" and (second.src, second.tgt) == ([2], [2])
    ids = [u.id for u in ops.load_or_align(paired, PAIRED).units]
    assert ids.index(second.id) == ids.index("u2") + 1 and "u3" not in ids
    with pytest.raises(WorkbenchError, match="not adjacent"):
        ops.merge(paired, PAIRED, ["u1", "u5"], user="t")
    with pytest.raises(WorkbenchError, match="cannot split"):
        ops.split(paired, PAIRED, "u1", src_at=1, tgt_at=1, user="t")


def test_shift_moves_a_segment_and_locked_units_refuse(paired):
    before = ops.load_or_align(paired, PAIRED)
    changed = ops.shift(paired, PAIRED, "u4", side="target", direction="down", user="t")
    assert [u.id for u in changed] == ["u4", "u5"]
    now = ops.load_or_align(paired, PAIRED)
    assert now.unit("u4").tgt == [] and now.unit("u5").tgt == [3, 4]
    assert now.unit("u5").target_text == (f"{before.unit('u4').target_text} "
                                          f"{before.unit('u5').target_text}")
    ops.shift(paired, PAIRED, "u5", side="target", direction="up", user="t")
    assert ops.load_or_align(paired, PAIRED).unit("u4").tgt == [3]
    ops.lock(paired, PAIRED, ["u6"], user="t")
    with pytest.raises(WorkbenchError, match="u6 is locked"):
        ops.shift(paired, PAIRED, "u5", side="source", direction="down", user="t")
    with pytest.raises(WorkbenchError, match="u6 is locked"):
        ops.merge(paired, PAIRED, ["u6", "u7"], user="t")


def test_realign_keeps_approved_and_edited_units(paired, monkeypatch):
    monkeypatch.setattr("workbench.ops.working.align_beads", stand_in_align)  # the one place
    ops.merge(paired, PAIRED, ["u2", "u3"], user="t")  # a structural change, then approve it
    ops.approve(paired, PAIRED, ["u2"], user="r")
    ops.edit(paired, PAIRED, "u8", "A person's English.", user="t")
    wf = ops.realign(paired, PAIRED, user="r")
    got = {u.id: u for u in wf.units}
    assert got["u2"].locked and got["u2"].src == [1, 2] and got["u2"].state is State.REVIEWED
    assert got["u8"].target_text == "A person's English."
    # units whose bead did not change keep id and history; the new beads get new ids
    assert got["u1"].history[0].action == "align"
    n = len(ops.load_or_align(paired, PAIRED).units)
    assert len(wf.units) == n and len({u.id for u in wf.units}) == n
    # the stand-in pairs the gap after the merged bead 1:1 again: new ids, never reused
    assert any(int(u.id[1:]) > 50 for u in wf.units)


def test_align_document_saves_a_fresh_alignment(project, monkeypatch):
    monkeypatch.setattr("workbench.align.units.align_document", stand_in_align)
    monkeypatch.setattr("workbench.ops.working.align_beads",
                        lambda doc, locked=(), **_: stand_in_align(doc, locked))
    wf = ops.align_document(project, PAIRED, user="aligner")
    assert wf.stored and store.working_path(project, PAIRED).is_file()
    assert wf.units[0].created_by == "aligner" and wf.units[0].history[0].action == "align"


def test_current_user_order(monkeypatch):
    monkeypatch.setenv("WORKBENCH_USER", "env-user")
    assert ops.current_user("cli-user") == "cli-user"
    assert ops.current_user() == "env-user"
    monkeypatch.delenv("WORKBENCH_USER")
    git = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True)
    assert ops.current_user() == (git.stdout.strip() or ops.user._login_name())


def test_changed_segmentation_is_refused_then_realign_finds_kept_units(paired, monkeypatch):
    monkeypatch.setattr("workbench.ops.working.align_beads", stand_in_align)  # the one place
    ops.approve(paired, PAIRED, ["u6", "u8"], user="r")
    ops.edit(paired, PAIRED, "u9", "A person's English.", user="t")
    before = ops.load_or_align(paired, PAIRED)
    english = paired.target_path(PAIRED)
    # a line written for the test, added on top: every English segment index moves by one
    english.write_text("Translated by the test.\n" + english.read_text(encoding="utf-8"),
                       encoding="utf-8")
    with pytest.raises(WorkbenchError, match="segmentation changed"):
        ops.split(paired, PAIRED, "u1", src_at=1, tgt_at=0, user="t")
    with pytest.raises(WorkbenchError, match="segmentation changed"):
        export_documents(paired, [PAIRED], "txt", user="t")
    wf = ops.realign(paired, PAIRED, user="r")
    for uid in ("u6", "u8", "u9"):
        old, new = before.unit(uid), wf.unit(uid)
        assert new.tgt == [i + 1 for i in old.tgt] and new.src == old.src
        assert (new.target_text, new.state) == (old.target_text, old.state)
    assert wf.unit("u6").history[-1].action == "relocate"
    ops.split(paired, PAIRED, wf.units[0].id, src_at=1, tgt_at=0, user="t")  # fits again


def test_an_edit_made_on_stale_english_is_refused_and_saves_nothing(paired):
    """Two people: Alice read u3, Bob changed and approved it; Alice's save must not
    silently overwrite Bob's approved English."""
    alice_saw = unit(paired, "u3").target_text
    ops.edit(paired, PAIRED, "u3", "Bob's English.", user="Bob")
    ops.approve(paired, PAIRED, ["u3"], user="Bob")
    with pytest.raises(WorkbenchError, match="changed by Bob"):
        ops.edit(paired, PAIRED, "u3", "Alice's English.", user="Alice", expected=alice_saw)
    with pytest.raises(WorkbenchError, match="changed by Bob"):
        ops.accept(paired, PAIRED, "u3", Proposal("MT English.", Origin.MT, 0.5),
                   user="Alice", expected=alice_saw)
    kept = unit(paired, "u3")
    assert (kept.target_text, kept.state) == ("Bob's English.", State.REVIEWED)
    ops.edit(paired, PAIRED, "u3", "Alice's English.", user="Alice", expected="Bob's English.")
    assert unit(paired, "u3").target_text == "Alice's English."


def test_an_operation_that_changes_nothing_leaves_the_file_alone(paired):
    path = store.working_path(paired, PAIRED)
    ops.approve(paired, PAIRED, ["u3"], user="r")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    ops.approve(paired, PAIRED, ["u3"], user="r")  # approved already
    ops.edit(paired, PAIRED, "u3", unit(paired, "u3").target_text, user="r")  # same English
    ops.lock(paired, PAIRED, ["u4"], user="r", locked=False)  # not locked
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_imported_english_is_kept_like_a_persons_edit():
    from workbench.model import HistoryEntry, Unit
    from workbench.ops.alignment import kept

    unit_ = Unit(id="u1", src=[0], tgt=[0], source_text="x", target_text="y",
                 history=[HistoryEntry(when="2026-11-21T00:00:00Z", who="t", action="import")])
    assert kept(unit_)
    unit_.state = State.REJECTED
    assert not kept(unit_)
