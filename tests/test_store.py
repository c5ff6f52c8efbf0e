"""Working files: XLIFF 2.1 round trip, diff-friendly layout, version check, safe ids."""

from __future__ import annotations

import pytest

from support.corpus import line_project, store_aligned
from support.paths import ENGLISH_ONLY, PAIRED
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.model import HistoryEntry, Origin, Proposal, State
from workbench.ops.translate import approved_pairs
from workbench.store.atomic import atomic_write


@pytest.fixture
def project(tmp_path):
    return line_project(tmp_path)


def test_round_trip_keeps_every_field(project):
    wf = store_aligned(project, PAIRED)
    unit = wf.units[1]
    # English written for the test: markup characters, a CR, a control character, spaces
    unit.target_text = ' <b>"Tom" & Jerry</b>\r\nline\x01 two  '
    unit.state, unit.reject_reason = State.REJECTED, "wrong <term> & style"
    unit.locked, unit.confidence = True, 0.8125
    unit.origin = Origin.MT
    unit.proposal = Proposal(text="machine text", origin=Origin.MT, score=0.42,
                             detail="argos ru→en 1.9")
    unit.history.append(HistoryEntry(when="2026-01-02T03:04:05Z", who="Zoë", action="reject",
                                     target=unit.target_text, state=State.REJECTED,
                                     note="why: <x>"))
    store.save(project, wf, user="t")
    store.workfile._cache.clear()  # read the file itself, not this process's cached copy
    again = ops.load_or_align(project, PAIRED)
    assert again.stored and again.version == wf.version == 2
    assert again.units[0] == wf.units[0] and again.units[2:] == wf.units[2:]
    got = again.units[1]
    assert got.target_text == unit.target_text  # <cp hex="0001"/> in <target>
    # metadata cannot carry XML-forbidden characters: the history keeps U+FFFD instead
    assert got.history[-1].target == unit.target_text.replace("\x01", "\ufffd")
    got.history[-1].target = unit.target_text
    assert got == unit
    assert again.next_id == wf.next_id


def test_file_is_pretty_xliff21_and_a_change_is_a_small_diff(project):
    wf = store_aligned(project, PAIRED)
    path = store.working_path(project, PAIRED)
    before = path.read_text(encoding="utf-8").splitlines()
    assert before[1].startswith('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"')
    assert 'version="2.1"' in before[1] and 'srcLang="ru" trgLang="en"' in before[1]
    assert sum(1 for line in before if line.lstrip().startswith("<unit ")) == len(wf.units)
    ops.approve(project, PAIRED, ["u5"], user="rev")
    after = path.read_text(encoding="utf-8").splitlines()
    import difflib

    changed = [d for d in difflib.unified_diff(before, after, lineterm="", n=0)
               if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    # version line, state (meta + segment), changed-by/at, one history entry; whether the
    # creation and approval fall in the same second changes a line or two: a small diff
    # either way, against the ~40 lines per unit of the file
    assert 4 <= len(changed) <= 18, changed


def test_stale_save_is_refused_and_changes_nothing(project):
    store_aligned(project, PAIRED)
    first = ops.load_or_align(project, PAIRED)
    second = ops.load_or_align(project, PAIRED)
    first.units[0].target_text = "first session's English"
    store.save(project, first, user="a")
    saved = store.working_path(project, PAIRED).read_bytes()
    second.units[0].target_text = "second session's English"
    with pytest.raises(WorkbenchError, match="changed on disk since it was loaded"):
        store.save(project, second, user="b")
    assert store.working_path(project, PAIRED).read_bytes() == saved


@pytest.mark.parametrize("bad", ["../sources/x", "/etc/passwd", "a/b", "..", ""])
def test_ids_leaving_the_corpus_are_refused(project, bad):
    with pytest.raises(WorkbenchError):
        ops.load_or_align(project, bad)
    with pytest.raises(WorkbenchError):
        ops.approve(project, bad, ["u1"], user="x")


def test_nothing_stored_means_units_from_alignment_not_saved(project):
    wf = ops.load_or_align(project, ENGLISH_ONLY)
    doc = project.document(ENGLISH_ONLY)
    assert not wf.stored and not store.working_path(project, ENGLISH_ONLY).exists()
    # an English-only document: one unit per English segment, source empty, translated
    assert [u.tgt for u in wf.units] == [[i] for i in range(len(doc.target.segments))]
    assert all(u.source_text == "" and u.state is State.TRANSLATED for u in wf.units)
    assert wf.units[0].target_text == doc.target.segments[0].text
    assert [u.id for u in wf.units[:3]] == ["u1", "u2", "u3"]


def test_approved_pairs_lists_reviewed_and_final_units_with_both_sides(project):
    wf = store_aligned(project, PAIRED)
    ops.approve(project, PAIRED, ["u2", "u3"], user="rev")
    ops.sign_off(project, PAIRED, ["u3"], user="lead")
    pairs = approved_pairs(project)
    assert pairs == [(wf.units[1].source_text, wf.units[1].target_text, PAIRED, "u2"),
                     (wf.units[2].source_text, wf.units[2].target_text, PAIRED, "u3")]
    assert store.stored_ids(project) == [PAIRED]


def test_broken_working_file_gives_a_clear_error(project):
    store_aligned(project, PAIRED)
    path = store.working_path(project, PAIRED)
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(WorkbenchError, match=r"translations/.*\.xlf:\d+: is not well-formed"):
        ops.load_or_align(project, PAIRED)


def test_atomic_write_leaves_no_temporary_file_and_save_cleans_stale_ones(project, tmp_path):
    target = tmp_path / "f.txt"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".f.txt")] == []
    wf = store_aligned(project, PAIRED)
    stale = wf.path.parent / f".{wf.path.name}.abc123.tmp"  # what a killed writer leaves
    stale.write_bytes(b"<half")
    ops.approve(project, PAIRED, ["u1"], user="x")
    assert not stale.exists()


def test_a_save_by_another_writer_is_seen_despite_the_cache(project):
    store_aligned(project, PAIRED)
    mine = ops.load_or_align(project, PAIRED)  # cached in this process
    path = store.working_path(project, PAIRED)
    # another process rewrites the file (same size: only one character differs)
    text = path.read_text(encoding="utf-8").replace('type="version">1<', 'type="version">2<')
    tmp = path.with_name("other-writer.tmp")
    english = mine.units[0].target_text
    tmp.write_text(text.replace(f"<target>{english}</target>",
                                f"<target>{english.swapcase()}</target>", 1), encoding="utf-8")
    tmp.replace(path)
    again = ops.load_or_align(project, PAIRED)
    assert again.version == 2
    assert again.units[0].target_text == mine.units[0].target_text.swapcase()
