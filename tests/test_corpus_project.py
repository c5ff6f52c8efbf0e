"""The project API on the real corpus in the repo: discovery, metadata, ids, caching."""

from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.project import open_project

REPO = Path(__file__).resolve().parents[1]
SHARED = Path("/work/shared/corpus/documents")


@pytest.fixture(scope="module")
def project():
    return open_project(REPO)


def test_discovers_the_eight_documents(project):
    ids = project.document_ids()
    assert len(ids) == 8
    assert "ucp-cpsu-belarus-solidarity-2020" in ids
    assert project.source_lang == "ru" and project.target_lang == "en"


def test_document_sides_and_metadata(project):
    doc = project.document("ucp-cpsu-belarus-solidarity-2020")
    assert doc.source is not None and doc.target is not None
    assert doc.source.completeness == "excerpt" and doc.target.completeness == "full"
    assert doc.title.startswith("The Communists of Belarus")
    assert doc.source.lang == "ru" and doc.target.lang == "en"
    assert project.document("anticommunism-wont-pass").source is None


def test_texts_are_read_exactly(project):
    for doc_id in project.document_ids():
        doc = project.document(doc_id)
        for side in (doc.source, doc.target):
            if side is None:
                continue
            assert side.source.path.read_bytes() == side.text.encode("utf-8")
            for seg in side.segments:
                assert side.text[seg.start:seg.end] == seg.text


def test_document_is_cached(project):
    assert project.document("tcc-cpsu-appeal-1998") is project.document("tcc-cpsu-appeal-1998")


@pytest.mark.parametrize("bad", ["../etc", "/abs", "a/b", "a\\b", "..", ""])
def test_check_id_refuses_paths(project, bad):
    with pytest.raises(WorkbenchError):
        project.check_id(bad)


def test_unknown_document_is_a_workbench_error(project):
    with pytest.raises(WorkbenchError, match="no document"):
        project.document("no-such-doc")


def test_languages_from_workbench_toml(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "workbench.toml").write_text('[languages]\nsource = "uk"\ntarget = "en"\n')
    project = open_project(tmp_path)
    assert (project.source_lang, project.target_lang) == ("uk", "en")
    assert project.document_ids() == []
