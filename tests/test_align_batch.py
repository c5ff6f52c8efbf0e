"""`workbench align ID…|--all|--pairs LIST.tsv`: a corpus aligned in one call, each
document kept exactly as `align ID` keeps it (approved and locked units stay), worker
processes where there are cores, progress lines, a JSON summary; pairs of files in the
`--sentences` format. Real subprocesses on a copy of the shipped corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import copy_corpus, pairs_folder
from support.paths import EADAILY, UCP
from workbench.project import open_project
from workbench.store import load_stored

pytestmark = pytest.mark.slow


def wb(root: Path | None, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "WORKBENCH_USER": "tester"}
    env.pop("WORKBENCH_EMBED_CACHE", None)
    head = ["--root", str(root)] if root is not None else []
    return subprocess.run([sys.executable, "-m", "workbench", *head, *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_corpus(tmp_path / "proj")


def test_all_aligns_and_keeps_every_document_with_a_json_summary(project):
    out = wb(project, "align", "--all", "--no-embeddings", "--json", "--jobs", "2")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    ids = open_project(project).document_ids()
    assert [item["name"] for item in summary["items"]] == ids  # in the corpus' order
    assert summary["done"] == len(ids) and summary["failed"] == 0 and summary["jobs"] == 2
    for item in summary["items"]:
        wf = load_stored(open_project(project), item["name"])
        assert wf is not None and len(wf.units) == item["units"] > 0
        assert item["path"] == str(project / "translations" / f"{item['name']}.xlf")
    assert summary["units"] == sum(i["units"] for i in summary["items"])
    assert f"align: {len(ids)}/{len(ids)} documents" in out.stderr  # plain progress lines


def test_a_batch_keeps_approved_and_locked_units_as_align_id_does(project):
    assert wb(project, "align", UCP, EADAILY, "--no-embeddings").returncode == 0
    paired = {d: [u.id for u in load_stored(open_project(project), d).units
                  if u.source_text and u.target_text] for d in (UCP, EADAILY)}
    approved, locked = (UCP, paired[UCP][2]), (EADAILY, paired[EADAILY][1])
    assert wb(project, "approve", *approved).returncode == 0
    assert wb(project, "lock", *locked).returncode == 0
    before = {d: load_stored(open_project(project), d) for d in (UCP, EADAILY)}
    out = wb(project, "align", UCP, EADAILY, "--jobs", "2")  # with embeddings, 2 workers
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith(f"{UCP}: ") and lines[1].startswith(f"{EADAILY}: ")
    assert all(" units saved to " in line for line in lines)
    after = {d: load_stored(open_project(project), d) for d in (UCP, EADAILY)}
    for doc_id, unit_id in (approved, locked):
        old, new = before[doc_id].unit(unit_id), after[doc_id].unit(unit_id)
        assert (new.src, new.tgt, new.target_text, new.state, new.locked) == \
            (old.src, old.tgt, old.target_text, old.state, old.locked)
    # the workers shared one vector cache in the project
    assert (project / ".workbench-cache" / "embeddings.sqlite3").is_file()


def test_the_batch_gives_what_one_call_per_document_gives(project, tmp_path):
    other = copy_corpus(tmp_path / "other")
    ids = [UCP, EADAILY, "roskomsoyuz-revolutionary-renewal"]
    for doc_id in ids:
        assert wb(other, "align", doc_id, "--no-embeddings", "--scores").returncode == 0
    out = wb(project, "align", *ids, "--no-embeddings", "--scores", "--jobs", "2")
    assert out.returncode == 0, out.stderr
    one_by_one = "".join(wb(other, "align", d, "--no-embeddings", "--scores").stdout
                         for d in ids)
    assert out.stdout.replace(str(project), "<P>") == one_by_one.replace(str(other), "<P>")


def test_unknown_ids_and_conflicting_modes_are_one_line_errors(project):
    out = wb(project, "align", UCP, "no-such-doc")
    assert out.returncode == 2 and "no document 'no-such-doc'" in out.stderr
    assert out.stderr.count("\n") == 1 and not (project / "translations" / f"{UCP}.xlf").exists()
    out = wb(project, "align", "--all", UCP)
    assert out.returncode == 2 and "not ID and --all" in out.stderr
    out = wb(project, "align", "--all", "--jobs", "0")
    assert out.returncode == 2 and "--jobs" in out.stderr


def test_pairs_writes_the_sentences_format_for_each_line(tmp_path):
    folder = tmp_path / "pairs"
    rows = pairs_folder(folder)
    (folder / "list.tsv").write_text("# source\ttarget\toutput\n\n" + "\n".join(rows) + "\n",
                                     encoding="utf-8")
    out = wb(None, "align", "--pairs", str(folder / "list.tsv"), "--scores", "--jobs", "2",
             "--no-embeddings", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    for n in range(2):
        alone = wb(None, "align", "--sentences", str(folder / f"{n}.ru"),
                   str(folder / f"{n}.en"), "--scores", "--no-embeddings", cwd=tmp_path)
        written = (folder / "out" / f"{n}.beads").read_text(encoding="utf-8")
        assert written == alone.stdout and written.count("\n") > 3
        assert f"{folder / 'out' / f'{n}.beads'}: " in out.stdout
    assert "align: 2/2 pairs" in out.stderr


def test_pairs_list_errors_name_the_line_and_a_bad_pair_spares_the_others(tmp_path):
    folder = tmp_path / "pairs"
    rows = pairs_folder(folder)
    bad = folder / "bad.tsv"
    bad.write_text(rows[0] + "\n0.ru 0.en out/x\n", encoding="utf-8")
    out = wb(None, "align", "--pairs", str(bad), "--no-embeddings", cwd=tmp_path)
    assert out.returncode == 2 and f"{bad}:2: expected 3 TAB-separated fields" in out.stderr
    assert not (folder / "out").exists()  # nothing aligned before the list is known good
    missing = folder / "missing.tsv"
    missing.write_text(f"nope.ru\t0.en\tout/a\n{rows[1]}\n", encoding="utf-8")
    out = wb(None, "align", "--pairs", str(missing), "--no-embeddings", "--json", cwd=tmp_path)
    assert out.returncode == 2
    summary = json.loads(out.stdout)
    assert summary["failed"] == 1 and summary["done"] == 1
    assert "nope.ru" in summary["items"][0]["error"]
    assert (folder / "out" / "1.beads").is_file() and not (folder / "out" / "a").exists()
