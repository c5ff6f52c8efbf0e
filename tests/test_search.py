"""Concordance (`workbench search`, `ops.concordance`) on the real corpus: words found
across documents with their state, hits marked, one side or both, Russian by lemma
(pymorphy3), the index in the cache folder brought up to date row by row after a save,
rebuilt when deleted or broken, and an imported TM as one more source of rows."""

from __future__ import annotations

import json

import pytest

from support.cli import run
from support.corpus import copy_corpus
from support.paths import PAIRED
from workbench import ops
from workbench.project import open_project
from workbench.search import Row, Source

OTHER = "roskomsoyuz-revolutionary-renewal"


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    root = copy_corpus(tmp_path_factory.mktemp("corpus"), [PAIRED, OTHER])
    project = open_project(root)
    for doc_id in (PAIRED, OTHER):
        ops.align_document(project, doc_id, user="aligner", embeddings=False)
    return root


def test_search_shows_source_target_document_unit_state_with_hits_marked(aligned, capsys):
    assert run(aligned, "search", "Communist Party") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(tuple("0123456789")) and "'Communist Party'" in out[0]
    first = out[1]
    assert first.startswith(f"{PAIRED} u") and "[translated]" in first
    assert out[3].startswith("  en: ") and "⟦Communist party⟧" in out[3]  # case folded


def test_json_gives_full_texts_and_spans(aligned, capsys):
    assert run(aligned, "search", "Communist Party", "--json", "--limit", "5") == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] >= len(found["hits"]) == 5
    hit = found["hits"][0]
    start, end = hit["target_spans"][0]
    assert hit["target"][start:end].casefold() == "communist party"
    assert hit["phrase"] and hit["document"] in (PAIRED, OTHER)


def test_one_side_and_by_lemma(aligned, capsys):
    # The Russian source has «коммунистических партий» (genitive plural): the nominative
    # singular typed by a translator finds it only by lemma.
    assert run(aligned, "search", "коммунистическая партия", "--lang", "ru", "--json") == 0
    by_form = json.loads(capsys.readouterr().out)
    assert run(aligned, "search", "коммунистическая партия", "--lang", "ru", "--lemma",
               "--json") == 0
    by_lemma = json.loads(capsys.readouterr().out)
    assert by_lemma["total"] > by_form["total"]
    texts = [h["source"][s:e] for h in by_lemma["hits"] for s, e in h["source_spans"]]
    assert any("коммунистических партий" in t.lower() for t in texts)
    assert run(aligned, "search", "Communist", "--lang", "ru", "--json") == 0
    assert all(not h["target_spans"] for h in json.loads(capsys.readouterr().out)["hits"])
    assert run(aligned, "search", "x", "--lang", "de") == 2
    assert "--lang 'de' is neither side" in capsys.readouterr().err


def test_the_index_is_updated_row_by_row_after_a_save(aligned, tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(aligned, root)
    project = open_project(root)
    ops.refresh_index(project)
    unit = next(u for u in ops.load_or_align(project, PAIRED).units if u.target_text)
    ops.edit(project, PAIRED, unit.id, "A brand-new sentence about zymurgy.", user="Rita")
    report = ops.refresh_index(project)
    assert report.sources_read == [PAIRED] and report.rows_written == 1
    (hit,) = ops.concordance(project, "zymurgy").hits
    assert (hit.source, hit.unit_id, hit.state) == (PAIRED, unit.id, "translated")
    assert ops.refresh_index(project).sources_read == []  # nothing changed: nothing read
    ops.approve(project, PAIRED, [unit.id], user="Rita")
    assert ops.refresh_index(project).rows_written == 1  # the state shown changed
    assert ops.concordance(project, "zymurgy").hits[0].state == "reviewed"
    from workbench.ops.search import index_path

    assert index_path(project).is_file()


def test_a_missing_or_broken_index_is_rebuilt(aligned, tmp_path):
    import shutil
    import subprocess
    import sys

    root = tmp_path / "p"
    shutil.copytree(aligned, root)
    path = root / ".workbench-cache" / "concordance.sqlite3"
    for damage in (None, b"this is not an SQLite file" * 100):
        if path.exists():
            path.unlink()
        if damage is not None:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(damage)
        out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(root),
                              "search", "solidarity", "--json"], capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)["total"] >= 1
        assert path.read_bytes().startswith(b"SQLite format 3")


def test_an_imported_translation_memory_is_one_more_source(aligned, tmp_path, monkeypatch):
    """The plug-in point for imported TMs: a source of kind "tm", named like the TM."""
    import shutil

    root = tmp_path / "p"
    shutil.copytree(aligned, root)
    # a tiny TM written for this test (not real data): one pair
    rows = [Row("tu1", 1, "Трудовой народ Беларуси", "the working people of Belarus")]
    monkeypatch.setattr("workbench.ops.search.memory_sources", lambda project: [
        Source("omegat-project.tmx", "tm", "v1", lambda: rows)])
    found = ops.concordance(open_project(root), "working people")
    tm_hits = [h for h in found.hits if h.kind == "tm"]
    assert [(h.source, h.unit_id, h.state) for h in tm_hits] == [("omegat-project.tmx",
                                                                  "tu1", "")]
    monkeypatch.setattr("workbench.ops.search.memory_sources", lambda project: [])
    assert all(h.kind == "document" for h in ops.concordance(open_project(root),
                                                             "working people").hits)


def test_a_memory_imported_with_tm_import_is_searched(aligned, tmp_path, capsys):
    """A real TMX (the workbench's own export of approved units, imported back with
    `workbench tm import` as another tool's memory would be): its pairs are hits named
    by the memory, with no state."""
    import shutil

    root = tmp_path / "p"
    shutil.copytree(aligned, root)
    project = open_project(root)
    units = [u for u in ops.load_or_align(project, PAIRED).units
             if u.source_text.strip() and u.target_text.strip()]
    ops.approve(project, PAIRED, [u.id for u in units], user="Rita")
    tmx = tmp_path / "approved.tmx"
    assert run(root, "export", PAIRED, "--format", "tmx", "-o", str(tmx)) == 0
    assert run(root, "tm", "import", str(tmx), "--name", "colleague") == 0
    capsys.readouterr()
    word = units[0].target_text.split()[-1].strip(".,:;!?")
    assert run(root, "search", word, "--json", "--limit", "200") == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    from_tm = [h for h in hits if h["kind"] == "tm"]
    assert from_tm and all(h["memory"] == "tm/colleague.tmx" and h["state"] is None
                           for h in from_tm)
    assert any(h["kind"] == "document" for h in hits)
    assert run(root, "search", word) == 0
    assert "TM tm/colleague.tmx " in capsys.readouterr().out
