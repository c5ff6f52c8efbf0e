"""The project API on the real corpus in the repo: discovery, metadata, ids, caching."""

from pathlib import Path

import pytest

from support.paths import REPO
from workbench.errors import WorkbenchError
from workbench.project import open_project


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


def _copy_project(tmp_path, *doc_ids: str, meta: bool = False) -> Path:
    """A project holding copies of real corpus documents (without metadata by default)."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "translations").mkdir()
    for doc_id in doc_ids:
        for folder, lang in (("sources", "ru"), ("translations", "en")):
            src = REPO / folder / f"{doc_id}.{lang}.txt"
            if src.is_file():
                (tmp_path / folder / src.name).write_bytes(src.read_bytes())
        if meta:
            name = f"{doc_id}.meta.yaml"
            (tmp_path / "sources" / name).write_bytes((REPO / "sources" / name).read_bytes())
    return tmp_path


def test_dropped_in_document_without_metadata(tmp_path):
    root = _copy_project(tmp_path, "ucp-cpsu-belarus-solidarity-2020", "tcc-cpsu-appeal-1998")
    (root / "translations" / "tcc-cpsu-appeal-1998.xlf").write_text("<xliff/>")
    project = open_project(root)
    assert project.document_ids() == ["tcc-cpsu-appeal-1998", "ucp-cpsu-belarus-solidarity-2020"]
    ucp = project.document("ucp-cpsu-belarus-solidarity-2020")
    # The letterhead is skipped: the title is the first title line.
    assert ucp.title == "THE COMMUNISTS OF BELARUS NEED FRATERNAL SOLIDARITY!"
    assert ucp.source.completeness == ucp.target.completeness == "full"
    assert project.document("tcc-cpsu-appeal-1998").title.startswith("Appeal from the Temporary")


def test_document_is_reread_when_its_file_changes(tmp_path):
    root = _copy_project(tmp_path, "eadaily-cpk-liquidated-2015")
    project = open_project(root)
    first = project.document("eadaily-cpk-liquidated-2015")
    path = root / "translations" / "eadaily-cpk-liquidated-2015.en.txt"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    second = project.document("eadaily-cpk-liquidated-2015")
    assert second is not first and second.target.source.newline == "\r\n"
    assert [s.text for s in second.target.segments] == [s.text for s in first.target.segments]


def test_bad_metadata_names_file_and_line(tmp_path):
    root = _copy_project(tmp_path, "eadaily-cpk-liquidated-2015")
    (root / "sources" / "eadaily-cpk-liquidated-2015.meta.yaml").write_text(
        "title: ok\nen:\n  completeness: [unclosed\n", encoding="utf-8")
    with pytest.raises(WorkbenchError) as info:
        open_project(root).document("eadaily-cpk-liquidated-2015")
    assert info.value.path.name == "eadaily-cpk-liquidated-2015.meta.yaml"
    assert info.value.line is not None


def test_open_project_finds_the_root_upward(tmp_path, monkeypatch):
    root = _copy_project(tmp_path, "eadaily-cpk-liquidated-2015")
    deep = root / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    monkeypatch.delenv("WORKBENCH_ROOT", raising=False)
    assert open_project().root == root.resolve()


def test_no_project_is_a_workbench_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKBENCH_ROOT", raising=False)
    with pytest.raises(WorkbenchError, match="no workbench project"):
        open_project()


def test_bad_workbench_toml(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "workbench.toml").write_text("[languages]\nsource = 7\n")
    with pytest.raises(WorkbenchError, match="not a language code"):
        open_project(tmp_path)
