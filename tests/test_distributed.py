"""The Ray backend on a real local cluster (started here with 2 CPUs, stopped at the end)
and the tiny Argos model: translate, align and check give exactly what one process
gives, a person's work is left alone, and a killed actor's batches are done again,
once each.

Ray is the optional extra `workbench[distributed]`: without it these tests skip on a
developer's machine, and fail in CI (which installs it)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from support.argos import isolate_argos
from support.corpus import copy_corpus, pairs_folder
from support.paths import EADAILY, REPO, UCP
from workbench import ops
from workbench.model import Origin, State
from workbench.mt import cache, models
from workbench.mt.engine import EngineSettings
from workbench.ops import translate as translate_ops
from workbench.project import open_project
from workbench.store import load_stored
from workbench.testing.argos_tiny import argos_env

if importlib.util.find_spec("ray") is None:
    if os.environ.get("CI"):
        raise ImportError("CI must install the distributed extra: pip install -e '.[distributed]'")
    pytest.skip("Ray not installed (pip install -e '.[distributed]')", allow_module_level=True)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("ray")]

# Russian-only documents made of the corpus' own Russian texts, so that every segment
# is a unit waiting for English: enough work for many batches.
RUSSIAN_ONLY = {"only-ucp": UCP, "only-eadaily": EADAILY,
                "only-roskomsoyuz": "roskomsoyuz-revolutionary-renewal"}
SMALL_BATCHES = EngineSettings(max_batch_tokens=96)  # about one segment per batch


@pytest.fixture(scope="module")
def cluster():
    import ray

    from workbench.distributed import connect

    assert not ray.is_initialized()
    with connect(num_cpus=2) as started:
        assert started.workers == 2
        yield started
    assert not ray.is_initialized()  # the cluster it started is shut down
    leftovers = subprocess.run(["pgrep", "-P", str(os.getpid()), "-f", "raylet|gcs_server"],
                               capture_output=True, text=True).stdout.split()
    assert not leftovers, f"Ray processes left running: {leftovers}"


def make_project(root: Path) -> Path:
    copy_corpus(root, [UCP, EADAILY])
    for new, doc in RUSSIAN_ONLY.items():
        shutil.copy(REPO / "sources" / f"{doc}.ru.txt", root / "sources" / f"{new}.ru.txt")
    return root


@pytest.fixture
def twins(tmp_path, monkeypatch, tiny_zip):
    """Two identical projects (one for each path) and the tiny model installed."""
    isolate_argos(monkeypatch, tmp_path / "argos")
    monkeypatch.setattr(translate_ops, "_MEMORIES", {})
    monkeypatch.setattr(cache, "_OPEN", {})
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    model = models.install_file(tiny_zip)
    return (open_project(make_project(tmp_path / "here")),
            open_project(make_project(tmp_path / "there")), model)


def translated(project) -> dict:
    """Every document's units as the comparison sees them (texts, origins, proposals)."""
    out = {}
    for doc_id in project.document_ids():
        wf = load_stored(project, doc_id)
        if wf is None:
            continue
        out[doc_id] = [(u.id, u.source_text, u.target_text, str(u.origin), str(u.state),
                        u.proposal and (u.proposal.text, u.proposal.score, u.proposal.detail),
                        [h.action for h in u.history]) for u in wf.units]
    return out


def run_translate(project, translator=None, settings=None) -> list:
    ids = project.document_ids()
    for doc_id in ids:
        ops.load_and_keep(project, doc_id, user="tester")
    return list(ops.translate_documents(project, ids, user="tester", settings=settings,
                                        translator=translator))


def test_translate_on_ray_is_the_single_process_result_and_keeps_a_persons_work(
        cluster, twins):
    here, there, _ = twins
    for project in (here, there):  # a person's work, the same in both
        ops.load_and_keep(project, "only-ucp", user="tester")
        ops.edit(project, "only-ucp", "u2", "Dear comrades (by hand)", user="ann")
        ops.edit(project, "only-ucp", "u3", "Approved by hand", user="ann")
        ops.approve(project, "only-ucp", "u3", user="bob")
    run_translate(here)
    results = run_translate(there, cluster.translator())
    assert translated(there) == translated(here)
    by_doc = {r.doc_id: r for r in results}
    assert by_doc["only-ucp"].by_origin["mt"] > 3
    wf = load_stored(there, "only-ucp")
    edited, approved = wf.unit("u2"), wf.unit("u3")
    assert edited.target_text == "Dear comrades (by hand)" and edited.origin is Origin.MANUAL
    assert approved.target_text == "Approved by hand" and approved.state is State.REVIEWED
    assert [h.action for h in edited.history][-1] == "edit"
    assert cluster.stats.duplicates == 0
    # a rerun finds everything in the result cache: nothing for the cluster to do
    before = dict(cluster.stats.batches)
    again = run_translate(there, cluster.translator())
    assert all(r.candidates == r.filled == 0 for r in again)
    assert cluster.stats.batches == before


def test_a_killed_actors_batches_are_retried_without_duplicates(cluster, twins):
    here, there, _ = twins
    run_translate(here, settings=SMALL_BATCHES)
    killed: list[int] = []

    def kill_first(pid: int) -> None:
        if not killed:
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)  # the actor dies with batches queued on it

    translator = cluster.translator(on_batch=kill_first)
    done_before = sum(cluster.stats.rows.values())
    run_translate(there, translator, settings=SMALL_BATCHES)
    assert killed
    assert translated(there) == translated(here)
    assert cluster.stats.duplicates == 0
    segments = sum(cluster.stats.rows.values()) - done_before
    assert translator.sent > 20 and segments == translator.sent  # each once, none twice
    for units in translated(there).values():  # every unit filled at most once
        assert all(actions.count("translate") <= 1 for *_, actions in units)
    assert any(n > 0 for pid, n in cluster.stats.rows.items() if pid not in killed)


def test_align_and_check_on_ray_are_the_single_process_results(cluster, twins):
    here, there, _ = twins
    ids = [EADAILY, UCP, "only-eadaily"]
    for project in (here, there):  # a locked unit is kept by both
        ops.load_and_keep(project, UCP, user="tester")
        ops.lock(project, UCP, "u4", user="ann")
    local = list(ops.align_documents(here, ids, user="tester", embeddings=False, jobs=1))
    remote = list(cluster.align_documents(there, ids, user="tester", embeddings=False))
    assert [(o.name, o.units, o.low, o.error) for o in remote] == \
        [(o.name, o.units, o.low, o.error) for o in local]
    assert translated(there) == translated(here)
    assert load_stored(there, UCP).unit("u4").locked
    issues_here = ops.check_project(here, ids)
    issues_there = cluster.check_project(there, ids)
    assert issues_there == issues_here and issues_here


def test_pairs_on_ray_match_one_process(cluster, tmp_path):
    folder = tmp_path / "pairs"
    rows = pairs_folder(folder, suffix="local")
    (folder / "list.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    pairs = ops.read_pairs(folder / "list.tsv")
    local = list(ops.align_pairs(pairs, source_lang="ru", target_lang="en", embeddings=False,
                                 jobs=1))
    remote_pairs = [ops.Pair(p.source, p.target, p.output.with_suffix(".ray"), p.line)
                    for p in pairs]
    remote = list(cluster.align_pairs(remote_pairs, source_lang="ru", target_lang="en",
                                      embeddings=False))
    assert [o.error for o in local + remote] == [None] * 4
    for p, q in zip(pairs, remote_pairs, strict=True):
        assert p.output.read_text() == q.output.read_text() and p.output.read_text()


def test_the_cli_joins_a_running_cluster_by_address(cluster, tmp_path, tiny_zip):
    import ray

    env = {**os.environ, **argos_env(tmp_path / "argos"), "WORKBENCH_USER": "tester",
           "RAY_ADDRESS": ray.get_runtime_context().gcs_address}
    env.pop("ARGOS_PACKAGES_DIR", None)
    root = make_project(tmp_path / "cli")

    def wb(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), *args],
                              env=env, capture_output=True, text=True, timeout=300)

    assert wb("models", "install", str(tiny_zip)).returncode == 0
    out = wb("translate", "--all", "--ray")
    assert out.returncode == 0, out.stderr
    assert re.search(r"only-ucp: \d+ of \d+ empty units filled \(mt \d+", out.stdout)
    assert "Traceback" not in out.stderr
    aligned = wb("align", "--all", "--no-embeddings", "--json", "--ray")
    assert aligned.returncode == 0, aligned.stderr
    summary = json.loads(aligned.stdout)
    assert summary["done"] == len(open_project(root).document_ids()) and not summary["failed"]
    checked = wb("check", "--json", "--ray")
    plain = wb("check", "--json")
    assert checked.stdout == plain.stdout and checked.returncode == plain.returncode
    assert ray.is_initialized()  # the CLI left the cluster it joined running
