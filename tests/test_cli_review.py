"""The review CLI on the shipped corpus (real segmenter and aligner, embeddings off for
speed): approve, sign-off, reject, history, export in every format, import, errors."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from support.cli import run
from support.corpus import fresh_copy
from support.paths import ENGLISH_ONLY, PAIRED
from workbench import ops, store
from workbench.model import State
from workbench.project import open_project

FURNITURE_DOC = "lugansk-forum-invitation-2015"


@pytest.fixture
def root(aligned_corpus, tmp_path):
    return fresh_copy(aligned_corpus, tmp_path / "project")


def english_units(root, doc_id=PAIRED):
    wf = ops.load_or_align(open_project(root), doc_id)
    return [u.id for u in wf.units if u.source_text and u.target_text]


def test_approve_sign_off_reject_and_history(root, capsys):
    first, second = english_units(root)[:2]
    assert run(root, "approve", PAIRED, first, second) == 0
    assert f"approved 2 unit(s) in {PAIRED}: {first} {second}" in capsys.readouterr().out
    assert run(root, "sign-off", PAIRED, first, "--user", "Lena") == 0
    assert run(root, "reject", PAIRED, second, "--reason", "name misspelt") == 0
    capsys.readouterr()
    assert run(root, "history", PAIRED, first) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1:4] for line in lines] == [
        ["aligner", "align", "translated"], ["Rita", "approve", "reviewed"],
        ["Lena", "sign-off", "final"]]
    wf = ops.load_or_align(open_project(root), PAIRED)
    assert wf.unit(first).state is State.FINAL
    assert (wf.unit(second).state, wf.unit(second).reject_reason) == (State.REJECTED,
                                                                      "name misspelt")


def test_user_mistakes_exit_2_with_one_line(root, capsys):
    units = ops.load_or_align(open_project(root), PAIRED).units
    empty = next(u.id for u in units if not u.target_text)
    assert run(root, "approve", PAIRED, empty) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{empty} has no English to approve" in err[0]
    assert run(root, "approve", "../sources/x", "u1") == 2
    assert run(root, "history", PAIRED, "u9999") == 2
    assert "no unit 'u9999'" in capsys.readouterr().err
    out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), "reject",
                          PAIRED, "u1", "--reason", ""], capture_output=True, text=True)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "needs a reason" in out.stderr


def test_export_every_format(root, tmp_path, capsys):
    from translate.storage.tmx import tmxfile
    from translate.storage.xliff import xlifffile

    ids = english_units(root)[:3]
    run(root, "approve", PAIRED, *ids)
    assert run(root, "export", PAIRED, "--format", "tmx", "-o", str(tmp_path / "a.tmx")) == 0
    assert len(tmxfile.parsefile(str(tmp_path / "a.tmx")).units) == 3
    assert run(root, "export", "--all", "--format", "xliff12", "-o", str(tmp_path / "all.xlf")) == 0
    parsed = xlifffile.parsefile(str(tmp_path / "all.xlf"))
    project = open_project(root)
    total = sum(len(ops.load_or_align(project, d).units) for d in project.document_ids())
    assert len(parsed.units) == total
    assert store.stored_ids(project) == project.document_ids()  # exported units now exist here
    assert run(root, "export", "--all", "--format", "tbx", "-o", str(tmp_path / "g.tbx")) == 0
    assert (tmp_path / "g.tbx").read_text(encoding="utf-8").count("<termEntry ") > 10
    capsys.readouterr()
    assert run(root, "export", PAIRED, "--format", "xliff2") == 0
    assert capsys.readouterr().out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<xliff')
    assert run(root, "export", "--format", "tmx") == 2  # neither ID nor --all


def test_text_export_follows_the_original_layout_without_furniture(root, tmp_path, capsys):
    original = (root / "translations" / f"{FURNITURE_DOC}.en.txt").read_text(encoding="utf-8")
    assert run(root, "export", FURNITURE_DOC, "--format", "txt") == 0
    text = capsys.readouterr().out
    assert "You are commenting using your" in original
    assert "You are commenting using your" not in text
    body = original[: original.index("Fascism shall not pass!") + len("Fascism shall not pass!")]
    assert text.startswith(body)  # letterhead, title, body and signature untouched
    assert run(root, "export", FURNITURE_DOC, "--format", "txt", "--keep-furniture") == 0
    assert capsys.readouterr().out == original
    assert run(root, "export", "--all", "--format", "txt", "-o", str(tmp_path / "txt")) == 0
    assert (tmp_path / "txt" / f"{ENGLISH_ONLY}.en.txt").read_text(encoding="utf-8") == \
        (root / "translations" / f"{ENGLISH_ONLY}.en.txt").read_text(encoding="utf-8")


def test_import_round_trip_through_translate_toolkit(root, tmp_path, capsys):
    from translate.storage.xliff import xlifffile

    a, b = english_units(root)[:2]
    path = tmp_path / "work.xliff"
    assert run(root, "export", PAIRED, "--format", "xliff12", "-o", str(path)) == 0
    other = xlifffile.parsefile(str(path))
    units = {u.getid().split("\x04")[-1]: u for u in other.units}
    units[a].target = "Changed in the other tool."  # English written for the test
    units[a].markapproved(True)
    units[b].target = "Also changed there."
    other.savefile(str(path))
    assert run(root, "edit", PAIRED, b, "Changed here meanwhile.") == 0
    capsys.readouterr()
    assert run(root, "import", str(path)) == 1  # one conflict
    out = capsys.readouterr().out
    assert f"updated {PAIRED} {a}: English, translated → reviewed" in out
    assert f"CONFLICT {PAIRED} {b}: changed here since the export" in out
    wf = ops.load_or_align(open_project(root), PAIRED)
    assert wf.unit(a).state is State.REVIEWED
    assert wf.unit(b).target_text == "Changed here meanwhile."
    assert run(root, "import", str(path)) == 1  # a second import: same conflict, no change
    assert "0 updated" in capsys.readouterr().out


def test_structure_commands_and_units_listing(root, capsys):
    wf = ops.load_or_align(open_project(root), PAIRED)
    i = next(i for i, u in enumerate(wf.units) if u.src and u.tgt and wf.units[i + 1].src
             and wf.units[i + 1].tgt)
    a, b = wf.units[i], wf.units[i + 1]
    assert run(root, "merge", PAIRED, a.id, b.id) == 0
    assert f"merged {a.id} {b.id} into {a.id}" in capsys.readouterr().out
    assert run(root, "split", PAIRED, a.id, "--source", str(len(a.src)), "--target",
               str(len(a.tgt))) == 0
    new_id = f"u{wf.next_id}"
    assert f"split {a.id} into {a.id} {a.src}:{a.tgt} and {new_id} {b.src}:{b.tgt}" in \
        capsys.readouterr().out
    assert run(root, "lock", PAIRED, a.id) == 0
    assert run(root, "shift", PAIRED, new_id, "target", "up") == 2  # a.id is locked
    assert f"{PAIRED} {a.id} is locked" in capsys.readouterr().err
    assert run(root, "lock", PAIRED, a.id, "--off") == 0
    assert run(root, "shift", PAIRED, new_id, "target", "up") == 0
    capsys.readouterr()
    assert run(root, "units", PAIRED) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    got = {row[0]: row for row in rows}
    assert got[a.id][1] == "translated" and got[new_id][0] == new_id
    assert len(rows) == len(wf.units)


def test_export_to_a_place_that_cannot_be_written_is_one_line_exit_2(root, tmp_path, capsys):
    missing = tmp_path / "no-such-folder" / "out.tmx"
    assert run(root, "export", PAIRED, "--format", "tmx", "-o", str(missing)) == 2
    err = capsys.readouterr().err
    assert "no such folder to export into" in err and "Traceback" not in err
    assert not missing.parent.exists()  # nothing created on the way
    a_file = tmp_path / "a-file"
    a_file.write_text("keep me")
    assert run(root, "export", "--all", "--format", "txt", "-o", str(a_file)) == 2
    assert "cannot write the export" in capsys.readouterr().err
    assert a_file.read_text() == "keep me"


def test_a_hand_damaged_working_file_is_an_error_naming_the_file(root, capsys):
    path = store.working_path(open_project(root), PAIRED)
    text = path.read_text(encoding="utf-8")
    damaged = re.sub(r'(<mda:meta type="confidence">)[^<]*', r"\1nan", text, count=1)
    assert damaged != text
    path.write_text(damaged, encoding="utf-8")
    assert run(root, "approve", PAIRED, "u6") == 2
    err = capsys.readouterr().err
    assert f"{PAIRED}.xlf" in err and "confidence" in err and "Traceback" not in err
