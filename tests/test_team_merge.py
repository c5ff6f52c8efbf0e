"""The unit-level merge of working files (the git merge driver), on real corpus text:
changes of two clones made through the real operations, merged by the real driver from
the files they saved. English strings below are written for the tests."""

from __future__ import annotations

import shutil

import pytest

from support.team import WHEN, make_clones
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.formats.xlf import serialize
from workbench.formats.xlf_units import split_units
from workbench.model import State
from workbench.team.units import check_units


@pytest.fixture
def clones(tmp_path):
    return make_clones(tmp_path)


def conflict_units(wf):
    return [u for u in wf.units if u.conflict is not None]


def test_changes_to_different_units_merge(clones):
    ops.edit(clones.a, clones.doc_id, "u2", "Anna's English for u2", user="anna")
    ops.approve(clones.a, clones.doc_id, ["u3"], user="anna")
    ops.edit(clones.b, clones.doc_id, "u7", "Boris's English for u7", user="boris")
    ops.reject(clones.b, clones.doc_id, ["u8"], reason="wrong term", user="boris")
    ops.lock(clones.b, clones.doc_id, ["u3"], user="boris")
    merged, report = clones.merge()
    assert not conflict_units(merged)
    assert merged.unit("u2").target_text == "Anna's English for u2"
    u3 = merged.unit("u3")
    assert (u3.state, u3.locked) == (State.REVIEWED, True)  # approve here, lock there
    assert [h.action for h in u3.history] == ["align", "approve", "lock"]
    assert merged.unit("u7").target_text == "Boris's English for u7"
    assert (merged.unit("u8").state, merged.unit("u8").reject_reason) == \
        (State.REJECTED, "wrong term")
    a_version = clones.load(clones.a)  # (the merged file is now a's)
    assert merged.version == a_version.version
    assert report.from_theirs == 2 and report.merged == 1 and not report.conflicts


def test_a_unit_changed_on_both_sides_keeps_both_versions(clones):
    ops.edit(clones.a, clones.doc_id, "u5", "Anna's English", user="anna")
    ops.approve(clones.a, clones.doc_id, ["u5"], user="anna")
    ops.edit(clones.b, clones.doc_id, "u5", "Boris's English", user="boris")
    b_wf = clones.load(clones.b)
    merged, report = clones.merge()
    u5 = merged.unit("u5")
    assert u5.conflict is not None and u5.conflict.anchor == "u5"
    assert report.conflicts == ["u5"] and report.conflict_units == 1
    # what is shown waits for review: never an approval nobody gave for it
    assert u5.state is State.TRANSLATED and u5.target_text == "Anna's English"
    first, second = u5.conflict.versions
    assert (first[0].target_text, first[0].state, first[0].changed_by) == \
        ("Anna's English", State.REVIEWED, "anna")
    assert (second[0].target_text, second[0].state, second[0].changed_by) == \
        ("Boris's English", State.TRANSLATED, "boris")
    assert second[0].changed_at == b_wf.unit("u5").changed_at
    # the history is the union of both, ordered by time, then why it is a conflict
    actions = [(h.who, h.action) for h in u5.history]
    assert actions[0] == ("aligner", "align")
    assert {("anna", "edit"), ("anna", "approve"), ("boris", "edit")} <= set(actions)
    assert actions[-1] == ("merger", "conflict")
    assert [h.when for h in u5.history] == sorted(h.when for h in u5.history)
    # no git conflict markers, and the file survives save and load as it is
    text = clones.path(clones.a).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    store.workfile._cache.clear()
    assert ops.load_or_align(clones.a, clones.doc_id).unit("u5") == u5


def test_an_approval_of_english_the_other_side_changed_becomes_a_conflict(clones):
    ops.approve(clones.a, clones.doc_id, ["u6"], user="rita")
    ops.edit(clones.b, clones.doc_id, "u6", "New English nobody approved", user="tom")
    merged, _ = clones.merge()
    u6 = merged.unit("u6")
    assert u6.conflict is not None and u6.state is not State.REVIEWED
    states = {(v[0].state, v[0].target_text) for v in u6.conflict.versions}
    assert (State.REVIEWED, clones.load(clones.base).unit("u6").target_text) in states
    assert (State.TRANSLATED, "New English nobody approved") in states


def test_approve_here_sign_off_there_of_the_same_english_is_no_conflict(clones):
    ops.approve(clones.a, clones.doc_id, ["u4"], user="rita")
    ops.approve(clones.b, clones.doc_id, ["u4"], user="rita")
    ops.sign_off(clones.b, clones.doc_id, ["u4"], user="lead")
    merged, _ = clones.merge()
    u4 = merged.unit("u4")
    assert u4.conflict is None and u4.state is State.FINAL
    assert [h.action for h in u4.history].count("sign-off") == 1


def test_the_same_change_on_both_sides_merges(clones):
    for project in (clones.a, clones.b):
        ops.edit(project, clones.doc_id, "u9", "The same English", user="anna")
    merged, _ = clones.merge()
    assert merged.unit("u9").conflict is None
    assert merged.unit("u9").target_text == "The same English"


def test_structural_changes_to_different_units_merge_and_ids_are_not_reused(clones):
    doc = clones.doc_id
    ops.merge(clones.a, doc, ["u10", "u11"], user="anna")
    ops.split(clones.a, doc, "u10", src_at=0, tgt_at=1, user="anna")  # a: new u51
    ops.merge(clones.b, doc, ["u20", "u21"], user="boris")
    ops.split(clones.b, doc, "u20", src_at=0, tgt_at=1, user="boris")  # b: new u51 too
    merged, report = clones.merge()
    assert not conflict_units(merged)
    check_units(merged.units, "merged")
    ids = [u.id for u in merged.units]
    assert "u11" not in ids and "u21" not in ids  # merged away on either side
    assert report.renumbered and report.renumbered[0][0] == "u51"
    renumbered = merged.unit(report.renumbered[0][1])
    assert renumbered.history[-1].action == "renumber"
    assert merged.next_id > max(int(i[1:]) for i in ids)
    # document order: each split's second part right after its first
    assert ids.index("u51") == ids.index("u10") + 1
    assert ids.index(renumbered.id) == ids.index("u20") + 1


def test_split_here_edit_there_of_the_same_unit_is_a_conflict(clones):
    doc = clones.doc_id
    ops.merge(clones.base, doc, ["u12", "u13"], user="aligner")  # a 0:2 unit to split
    for clone in (clones.a, clones.b):
        shutil.copy(clones.path(clones.base), clones.path(clone))
    ops.split(clones.a, doc, "u12", src_at=0, tgt_at=1, user="anna")
    ops.edit(clones.b, doc, "u12", "Boris rewrote both sentences.", user="boris")
    merged, _report = clones.merge()
    check_units(merged.units, "merged")
    region = ops.conflict_regions(merged.units)[0]
    assert set(region.unit_ids) == {"u12", "u51"}
    mine, theirs = region.versions
    assert [u.id for u in mine.units] == ["u12", "u51"]
    assert [u.target_text for u in theirs.units] == ["Boris rewrote both sentences."]


def test_merge_here_approval_of_the_merged_away_unit_there_is_a_conflict(clones):
    doc = clones.doc_id
    ops.merge(clones.a, doc, ["u14", "u15"], user="anna")
    ops.approve(clones.b, doc, ["u15"], user="rita")
    merged, _ = clones.merge()
    region = ops.conflict_regions(merged.units)[0]
    assert region.unit_ids == ("u14",)
    approved = [u for v in region.versions for u in v.units if u.state is State.REVIEWED]
    assert [(u.id, u.changed_by) for u in approved] == [("u15", "rita")]


def test_overlapping_shifts_are_a_conflict_never_a_broken_file(clones):
    doc = clones.doc_id
    ops.shift(clones.a, doc, "u17", side="target", direction="up", user="anna")
    ops.shift(clones.b, doc, "u16", side="target", direction="down", user="boris")
    merged, report = clones.merge()
    check_units(merged.units, "merged")
    assert report.conflicts
    for region in ops.conflict_regions(merged.units):
        for version in region.versions:
            check_units(list(version.units), f"version {version.number}")


def test_taking_a_version_settles_the_region_and_keeps_every_history(clones):
    doc = clones.doc_id
    ops.merge(clones.a, doc, ["u14", "u15"], user="anna")
    ops.approve(clones.b, doc, ["u15"], user="rita")
    clones.merge()
    changed = ops.resolve_conflict(clones.a, doc, "u14", user="lead", version=2)
    wf = clones.load(clones.a)
    assert [u.id for u in changed] == ["u14", "u15"] and not conflict_units(wf)
    assert wf.unit("u15").state is State.REVIEWED  # rita's approval, restored
    assert wf.unit("u14").history[-1].action == "resolve"
    assert "merge" in [h.action for h in wf.unit("u14").history]  # the other side's work
    check_units(wf.units, "resolved")
    with pytest.raises(WorkbenchError, match="not in a conflict"):
        ops.resolve_conflict(clones.a, doc, "u14", user="lead", version=1)


def test_editing_a_unit_in_conflict_settles_it(clones):
    doc = clones.doc_id
    ops.edit(clones.a, doc, "u5", "Anna's English", user="anna")
    ops.edit(clones.b, doc, "u5", "Boris's English", user="boris")
    clones.merge()
    with pytest.raises(WorkbenchError, match="in a conflict"):
        ops.approve(clones.a, doc, ["u5"], user="rita")
    with pytest.raises(WorkbenchError, match="in a conflict"):
        ops.split(clones.a, doc, "u5", src_at=1, tgt_at=0, user="rita")
    ops.resolve_conflict(clones.a, doc, "u5", user="clara", text="Clara's English")
    u5 = clones.load(clones.a).unit("u5")
    assert u5.conflict is None and u5.target_text == "Clara's English"
    assert [h.action for h in u5.history][-2:] == ["resolve", "edit"]
    ops.approve(clones.a, doc, ["u5"], user="rita")


def test_a_conflict_merged_again_keeps_every_version(clones):
    """A conflict left unsettled in one clone while the other changes the unit again."""
    doc = clones.doc_id
    ops.edit(clones.a, doc, "u5", "Anna's English", user="anna")
    ops.edit(clones.b, doc, "u5", "Boris's English", user="boris")
    clones.merge()  # a now has the conflict; b is the other clone's base from here
    shutil.copy(clones.path(clones.b), clones.path(clones.base))
    ops.edit(clones.b, doc, "u5", "Boris again", user="boris")
    merged, _ = clones.merge()
    texts = {v[0].target_text for v in merged.unit("u5").conflict.versions}
    assert {"Anna's English", "Boris's English", "Boris again"} <= texts


def test_both_sides_adding_the_file_merge_without_a_base(clones, tmp_path):
    doc = clones.doc_id
    ops.edit(clones.a, doc, "u2", "Anna's English", user="anna")
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    shutil.copy(empty, clones.path(clones.base))
    merged, _report = clones.merge()
    # every other unit was aligned identically on both sides: merged, not in conflict
    assert [u.id for u in conflict_units(merged)] == ["u2"]


def test_a_file_in_another_layout_is_parsed_whole_with_the_same_result(clones):
    doc = clones.doc_id
    ops.edit(clones.a, doc, "u2", "Anna's English", user="anna")
    ops.edit(clones.b, doc, "u3", "Boris's English", user="boris")
    expected, _ = clones.merge()
    # b's file as another tool might have rewritten it: a comment, other indentation
    shutil.copy(clones.path(clones.base), clones.path(clones.a))
    ops.edit(clones.a, doc, "u2", "Anna's English", user="anna")
    text = clones.path(clones.b).read_text(encoding="utf-8")
    text = text.replace("<xliff ", "<!-- rewritten -->\n<xliff ", 1).replace("\n    ", "\n\t")
    clones.path(clones.b).write_text(text, encoding="utf-8")
    assert split_units(text.encode(), path="b") is None
    merged, _ = clones.merge()
    assert [(u.id, u.target_text, u.state) for u in merged.units] == \
        [(u.id, u.target_text, u.state) for u in expected.units]


def test_a_broken_file_is_refused_and_this_clones_file_left_as_it_was(clones):
    ops.edit(clones.a, clones.doc_id, "u2", "Anna's English", user="anna")
    before = clones.path(clones.a).read_bytes()
    clones.path(clones.b).write_text(
        clones.path(clones.b).read_text(encoding="utf-8").replace("</unit>", "</unt>", 1),
        encoding="utf-8")
    with pytest.raises(WorkbenchError, match="not well-formed"):
        clones.merge()
    assert clones.path(clones.a).read_bytes() == before


def test_a_realignment_on_changed_texts_against_a_split_is_refused(clones):
    doc = clones.doc_id
    ops.merge(clones.a, doc, ["u10", "u11"], user="anna")
    wf = clones.load(clones.b)
    wf.segmentation = "other-segmentation"
    store.save(clones.b, wf, user="boris")
    before = clones.path(clones.a).read_bytes()
    with pytest.raises(WorkbenchError, match="realigned"):
        clones.merge()
    assert clones.path(clones.a).read_bytes() == before


def test_unit_texts_cut_from_a_file_are_its_units(clones):
    """The codec's unit-by-unit access agrees with its whole-file parse."""
    from workbench.formats.xlf_units import parse_unit_text, read_header

    ops.edit(clones.a, clones.doc_id, "u5", "Anna's English", user="anna")
    ops.edit(clones.b, clones.doc_id, "u5", "Boris's English", user="boris")
    merged, _ = clones.merge()
    data = serialize([merged]).encode("utf-8")
    parts = split_units(data, path="x")
    assert parts is not None and list(parts.units) == [u.id for u in merged.units]
    assert [parse_unit_text(t, path="x") for t in parts.units.values()] == merged.units
    header = read_header(parts, path="x")
    assert (header.version, header.next_id, header.segmentation) == \
        (merged.version, merged.next_id, merged.segmentation)
    assert WHEN in data.decode()


def test_conflicts_cli_lists_versions_and_import_leaves_conflict_units_alone(clones, capsys,
                                                                            tmp_path):
    from workbench.cli import main

    doc = clones.doc_id
    ops.edit(clones.a, doc, "u5", "Anna's English", user="anna")
    ops.edit(clones.b, doc, "u5", "Boris's English", user="boris")
    exported = tmp_path / "b.xlf"  # boris's file, approved in another tool
    exported.write_text(clones.path(clones.b).read_text(encoding="utf-8").replace(
        'state="translated"', 'state="reviewed"'), encoding="utf-8")
    clones.merge()
    root = str(clones.a.root)
    assert main(["--root", root, "conflicts"]) == 1
    out = capsys.readouterr().out
    assert f"{doc} u5: units u5, 2 versions" in out
    assert "version 1: anna" in out and "version 2: boris" in out
    assert "Anna's English" in out and "Boris's English" in out
    assert "1 conflict(s), 1 unit(s) in 1 document(s)" in out
    report = ops.import_file(clones.a, exported, user="rita")
    assert (doc, "u5", "in a conflict between two clones' work here (`workbench "
            "conflicts`)") in report.conflicts
    assert clones.load(clones.a).unit("u5").conflict is not None
    assert main(["--root", root, "--user", "lead", "resolve", doc, "u5", "--take", "3"]) == 2
    assert "there is no version 3" in capsys.readouterr().err
    assert main(["--root", root, "--user", "lead", "resolve", doc, "u5", "--take", "2"]) == 0
    assert main(["--root", root, "conflicts", doc, "--json"]) == 0
    assert capsys.readouterr().out.strip().endswith("[]")
