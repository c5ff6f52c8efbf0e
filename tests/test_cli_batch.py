"""Batch review from the CLI and the review trail, as a reviewer sees them on the real
corpus (aligned without embeddings): ranges, --all, --state, --min-confidence, the QA
gate and --force, `units --json/--wide`, `history --json`, one low-confidence threshold
from workbench.toml."""

from __future__ import annotations

import json

import pytest

from support.cli import run
from support.corpus import copy_corpus, fresh_copy
from support.paths import PAIRED
from workbench import ops, store
from workbench.model import State
from workbench.project import open_project


@pytest.fixture
def root(aligned_corpus, tmp_path):
    return fresh_copy(aligned_corpus, tmp_path / "project")


def units(root):
    return store.load_stored(open_project(root), PAIRED).units


def test_a_range_approves_every_unit_between_in_document_order(root, capsys):
    ids = [u.id for u in units(root)]
    first, last = ids[4], ids[9]
    assert run(root, "approve", PAIRED, f"{first}-{last}", "--force") == 0
    out = capsys.readouterr().out
    approved = {u.id for u in units(root) if u.state is State.REVIEWED}
    wanted = {u.id for u in units(root)[4:10] if u.target_text.strip()}
    assert approved == wanted and f"approved {len(wanted)} unit(s) in {PAIRED}" in out
    assert all(uid in out for uid in wanted)


def test_all_skips_units_without_english_and_says_so(root, capsys):
    empty = [u.id for u in units(root) if not u.target_text.strip()]
    assert empty, "the Russian letterhead lines have no English yet"
    assert run(root, "lock", PAIRED, "--all") == 0
    assert all(u.locked for u in units(root))
    assert run(root, "approve", PAIRED, "--all", "--force") == 0
    out = capsys.readouterr().out
    assert f"skipped (no English): {' '.join(empty)}" in out
    assert {u.id for u in units(root) if u.state is State.TRANSLATED} == set()


def test_state_and_min_confidence_filters(root, capsys):
    high = [u.id for u in units(root) if u.confidence is not None and u.confidence >= 0.9
            and u.target_text.strip() and u.state is State.TRANSLATED]
    assert high
    assert run(root, "approve", PAIRED, "--state", "translated", "--min-confidence", "0.9",
               "--force") == 0
    assert {u.id for u in units(root) if u.state is State.REVIEWED} == set(high)
    assert run(root, "sign-off", PAIRED, "--state", "reviewed", "--force") == 0
    assert {u.id for u in units(root) if u.state is State.FINAL} == set(high)
    assert run(root, "reject", PAIRED, "--state", "final", "--reason", "tone") == 0
    assert {u.id for u in units(root) if u.state is State.REJECTED} == set(high)
    assert run(root, "approve", PAIRED, "--state", "nonsense") == 2
    assert "no state 'nonsense'" in capsys.readouterr().err


def test_approving_english_with_qa_errors_warns_and_needs_force(root, capsys):
    glossary = ops.project_glossary(open_project(root))
    bad = next(u.id for u in units(root) if u.source_text.strip() and u.target_text.strip()
               and glossary.match_source(u.source_text))
    # English that lost the source's glossary term: a QA error (term-missing)
    assert run(root, "edit", PAIRED, bad, "An English line without the term.") == 0
    issues = ops.check_project(open_project(root), [PAIRED])
    assert any(i.unit_id == bad and i.severity.value == "error" for i in issues)
    capsys.readouterr()
    assert run(root, "approve", PAIRED, bad) == 2
    err = capsys.readouterr().err
    assert f"error: {PAIRED} {bad} has a QA error" in err
    assert "nothing was approved" in err and "--force" in err
    assert store.load_stored(open_project(root), PAIRED).unit(bad).state is State.TRANSLATED
    assert run(root, "approve", PAIRED, bad, "--force") == 0
    captured = capsys.readouterr()
    assert f"warning: {PAIRED} {bad} has a QA error" in captured.err
    assert f"approved 1 unit(s) in {PAIRED}: {bad}" in captured.out


def test_an_unknown_unit_points_to_units_not_to_align(root, capsys):
    assert run(root, "approve", PAIRED, "u999") == 2
    err = capsys.readouterr().err
    assert f"`workbench units {PAIRED}` lists them" in err and "workbench align" not in err


def test_units_json_and_wide_never_truncate(root, capsys):
    assert run(root, "units", PAIRED, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    stored = units(root)
    assert [u["id"] for u in listed] == [u.id for u in stored]
    longest = max(stored, key=lambda u: len(u.target_text))
    assert len(longest.target_text) > 50
    entry = next(u for u in listed if u["id"] == longest.id)
    assert entry["target"] == longest.target_text and entry["match"] == "aligned"
    assert run(root, "units", PAIRED, "--wide") == 0
    wide = capsys.readouterr().out
    assert " ".join(longest.target_text.split()) in wide
    assert run(root, "units", PAIRED) == 0
    assert " ".join(longest.target_text.split()) not in capsys.readouterr().out  # cut at 50


def test_history_in_full_with_notes_in_words(root, capsys):
    unit = max((u for u in units(root) if u.src and u.tgt), key=lambda u: len(u.target_text))
    new = unit.target_text + " And one more sentence to make it longer than seventy."
    assert run(root, "edit", PAIRED, unit.id, new) == 0
    assert run(root, "approve", PAIRED, unit.id, "--force") == 0
    capsys.readouterr()
    assert run(root, "history", PAIRED, unit.id) == 0
    out = capsys.readouterr().out
    assert new in out  # not cut
    assert f"source sentence {unit.src[0] + 1}" in out and "[" + str(unit.src[0]) not in out
    assert run(root, "history", PAIRED, unit.id, "--json") == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in entries] == ["align", "edit", "approve"]
    assert entries[1]["english"] == new and entries[1]["english_changed"]
    assert entries[2]["english"] == new and not entries[2]["english_changed"]
    assert entries[0]["stored_note"].startswith("[")


def test_align_reports_low_confidence_by_the_project_threshold(tmp_path, capsys):
    root = copy_corpus(tmp_path / "c", [PAIRED])
    (root / "workbench.toml").write_text("[review]\nlow_confidence = 0.99\n", encoding="utf-8")
    assert run(root, "align", PAIRED, "--no-embeddings") == 0
    out = capsys.readouterr().out
    low = [u for u in units(root) if u.confidence is not None and u.confidence < 0.99]
    assert low and f"{len(low)} with confidence below 0.99" in out
