"""`workbench check` works on the units a person sees: the same unit ids as `workbench
units` before anything is saved, English-only and Russian-only documents included, web
furniture left out; the corpus screen counts errors the same way."""

from __future__ import annotations

import shutil

import pytest

from support.corpus import copy_corpus
from support.paths import REPO
from workbench import ops
from workbench.model import Severity
from workbench.ops.check import check_project
from workbench.ops.status import document_status
from workbench.project import open_project
from workbench.qa import check_unit


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_corpus(tmp_path_factory.mktemp("qa"))
    # a Russian-only document: the real eadaily original under a new id, no English yet
    shutil.copy(REPO / "sources" / "eadaily-cpk-liquidated-2015.ru.txt",
                root / "sources" / "eadaily-ru-only.ru.txt")
    return open_project(root)


def test_issue_unit_ids_are_the_units_a_person_sees(project):
    doc_id = "eadaily-cpk-liquidated-2015"
    # what `workbench units` shows
    units = {u.id: u for u in ops.load_or_align(project, doc_id).units}
    for issue in check_project(project, [doc_id]):
        unit = units[issue.unit_id]
        if issue.rule == "empty-target":
            assert not unit.target_text.strip()
        if issue.rule == "term-missing":
            assert unit.source_text.strip()


def test_russian_only_document_is_checked(project):
    issues = check_project(project, ["eadaily-ru-only"])
    assert issues and {i.rule for i in issues} == {"empty-target"}
    assert len(issues) == len(ops.load_or_align(project, "eadaily-ru-only").units)


def test_web_furniture_is_not_checked_and_every_issue_names_its_unit(project):
    issues = check_project(project, ["lugansk-forum-invitation-2015"])
    assert all(i.unit_id for i in issues)
    # "Log Out /  Change )" of the comment form would be an unbalanced bracket
    assert not [i for i in issues if i.rule == "unbalanced"]


def test_latin_script_source_lines_are_not_untranslated(project):
    glossary = project.glossary()
    assert not check_unit("I", "I", glossary)  # roskomsoyuz's section numeral
    assert not check_unit("e-mail: Skp-kpss@mail.ru", "e-mail: Skp-kpss@mail.ru", glossary)
    copied = "Дорогие товарищи и друзья!"  # ucp's salutation left in Russian
    assert [i.rule for i in check_unit(copied, copied, glossary)] == ["untranslated"]


def test_corpus_screen_counts_errors_like_check(project):
    doc_id = "ucp-cpsu-belarus-solidarity-2020"
    from workbench import ops

    ops.align_document(project, doc_id, user="tester")
    errors = [i for i in check_project(project, [doc_id]) if i.severity is Severity.ERROR]
    stats = document_status(project, doc_id, project.glossary())
    assert stats.qa_errors == len(errors) > 0
