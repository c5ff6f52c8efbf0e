"""The TUI's headless session (`workbench.tui.state.session`) and the corpus figures
(`workbench.ops.status`) on a copy of the real corpus, without Textual: what the TUI calls
for every key, and what the corpus screen shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.paths import UCP
from workbench import store
from workbench.errors import WorkbenchError
from workbench.model import Issue, Severity, State
from workbench.ops.check import check_project
from workbench.ops.status import StatusCache, corpus_status, unit_progress
from workbench.project import open_project
from workbench.tui.state.glossary import GlossaryView
from workbench.tui.state.session import DocumentSession, fixed_text, split_points


@pytest.fixture
def project(corpus_copy: Path):
    return open_project(corpus_copy)


@pytest.fixture
def session(project) -> DocumentSession:
    s = DocumentSession(project, UCP, "tester", embeddings=False)
    s.load()
    return s


def stored(project) -> dict:
    return {u.id: u for u in store.load_stored(project, UCP).units}


def with_english(session: DocumentSession, start: str) -> str:
    return next(u.id for u in session.units if u.source_text.startswith(start))


def test_nothing_is_stored_until_the_first_change_and_then_exactly_what_was_shown(
        session, project):
    assert not session.stored and store.load_stored(project, UCP) is None
    shown = [(u.id, u.src, u.tgt) for u in session.units]
    dear = with_english(session, "Дорогие товарищи")
    session.approve(dear)
    assert [(u.id, u.src, u.tgt) for u in stored(project).values()] == shown
    assert stored(project)[dear].state is State.REVIEWED


def test_edit_undo_review_cycle(session, project):
    uid = with_english(session, "Он был абсолютно прав")
    before = session.unit(uid).target_text
    assert session.edit(uid, "He was absolutely right!")
    assert not session.edit(uid, "He was absolutely right!")  # unchanged: no-op
    assert stored(project)[uid].target_text == "He was absolutely right!"
    step = session.undo()
    assert step.unit_id == uid and stored(project)[uid].target_text == before
    assert session.undo() is None
    session.approve(uid)
    session.sign_off(uid)
    assert stored(project)[uid].state is State.FINAL
    session.reject(uid, "tense")
    assert stored(project)[uid].reject_reason == "tense"
    with pytest.raises(WorkbenchError):
        session.reject(uid, "")


def test_split_merge_shift_lock_through_ops(session, project):
    first, second = session.units[5].id, session.units[6].id
    session.merge(first)
    merged = stored(project)[first]
    assert second not in stored(project) and len(merged.src) + len(merged.tgt) >= 3
    assert split_points(merged) in ((1, 1), (1, len(merged.tgt)), (len(merged.src), 1))
    session.split(first)
    assert len(stored(project)) == len(session.units)
    session.lock(first)
    assert stored(project)[first].locked
    with pytest.raises(WorkbenchError):
        session.merge(first)
    with pytest.raises(WorkbenchError):
        session.merge(session.units[-1].id)  # nothing below the last unit


def test_accept_keeps_origin_for_empty_units_and_export_tmx(session, project):
    from workbench.model import Origin, Proposal

    empty = next(u for u in session.units if not u.target_text)
    proposal = Proposal("UNION OF COMMUNIST PARTIES – CPSU", Origin.RULES, 0.92, "test")
    assert session.accept(empty.id, proposal)
    saved = stored(project)[empty.id]
    assert saved.origin is Origin.RULES and saved.proposal.score == 0.92
    session.approve(empty.id)
    path, count = session.export_tmx()
    assert count == 1 and "UNION OF COMMUNIST PARTIES" in path.read_text(encoding="utf-8")
    assert session.undo().action == "approve"  # every action is undoable, last first
    assert stored(project)[empty.id].state is State.TRANSLATED
    assert session.undo().action == "accept"
    back = stored(project)[empty.id]
    assert (back.target_text, back.origin, back.state, back.proposal) == (
        "", Origin.ALIGNED, State.INITIAL, None)


def test_fixed_text_applies_only_fixes_with_a_place():
    placed = Issue("term-capitalisation", Severity.WARNING, "m", fix="Communist Party",
                   start=4, end=19)
    assert fixed_text("the Communist party line", placed) == "the Communist Party line"
    assert fixed_text("x", Issue("term-missing", Severity.ERROR, "m", fix="USSR")) is None
    assert fixed_text("short", placed) is None  # offsets out of range: not applied


def test_glossary_view_terms_and_completion_on_real_units(session, project):
    view = GlossaryView.for_project(project)
    uid = with_english(session, "Когда-то мудрый лидер")
    terms = view.unit_terms(session.unit(uid))
    english = [en for _, en, _ in terms]
    assert "Communist Party USA" in english
    completion = view.completion_terms(session.unit(uid))
    assert completion[: len(english)] == english and len(completion) > len(english)
    assert session.issues(uid)  # the miscased party name


def test_qa_panel_issues_are_exactly_what_check_reports(session, project):
    """Every unit of the document, the ones without English included, and the
    consistency warnings across the corpus: the panel and `workbench check` (every
    document checked together) give the same issues for this document's units."""
    from workbench.ops.alignment import align_document

    session.ensure_stored()  # check reads the stored units; the session shows the same
    for doc_id in project.document_ids():  # stored, so check aligns nothing itself
        if doc_id != UCP:
            align_document(project, doc_id, user="tester", embeddings=False)
    reported = [i for i in check_project(project) if i.doc_id == UCP]
    by_unit: dict[str, list[Issue]] = {}
    for issue in reported:
        by_unit.setdefault(issue.unit_id, []).append(issue)
    assert {u.id: session.issues(u.id) for u in session.units if session.issues(u.id)} == by_unit
    across = [i for i in reported if i.rule == "term-inconsistent"
              and any(d in i.message for d in project.document_ids() if d != UCP)]
    assert across, "a term rendered differently in another document is warned about here"
    empty = next(u for u in session.units if not u.target_text and u.source_text.strip())
    assert [i.rule for i in session.issues(empty.id)] == ["empty-target"]


def test_corpus_status_count_progress_and_reuse_unchanged_documents(session, project):
    session.approve(with_english(session, "Дорогие товарищи"))
    glossary = GlossaryView.for_project(project).glossary
    stats = {s.doc_id: s for s in corpus_status(project, glossary)}
    assert set(stats) == set(project.document_ids())
    ucp = stats[UCP]
    assert ucp.units == len(session.units) and ucp.reviewed == pytest.approx(
        100 / len(session.units))
    assert ucp.qa_errors is not None
    assert stats["tcc-cpsu-appeal-1998"].units is None  # nothing stored: not aligned
    assert stats["political-prisoners-appeal"].damage  # ASCII-stripped
    assert stats["political-prisoners-appeal"].matches("ascii")
    assert unit_progress([]) == (0, 0.0, 0.0, 0.0)
    cache = StatusCache()
    first = cache.get(project, UCP, glossary)
    assert cache.get(project, UCP, glossary) is first  # unchanged files: reused
    session.approve(with_english(session, "Он был абсолютно прав"))
    again = cache.get(project, UCP, glossary)
    assert again is not first and again.reviewed > first.reviewed
    # English that drops two glossary names (written for the test) is two more QA errors.
    session.edit(with_english(session, "Когда-то мудрый лидер"), "Once a wise leader said so.")
    assert cache.get(project, UCP, glossary).qa_errors >= again.qa_errors + 2


def test_a_second_session_never_overwrites_the_first_ones_work(session, project):
    """Alice and Bob have the document open; Bob approves new English; Alice's edit of
    the English she saw is refused (her screen then shows Bob's), and her undo never
    undoes Bob's work."""
    uid = with_english(session, "Он был абсолютно прав")
    session.edit(uid, "Alice's first English.")
    bob = DocumentSession(project, UCP, "bob", embeddings=False)
    bob.load()
    bob.edit(uid, "Bob's English.")
    bob.approve(uid)
    with pytest.raises(WorkbenchError, match="changed by bob"):
        session.edit(uid, "Alice's second English.")
    assert session.unit(uid).target_text == "Bob's English."  # reloaded
    with pytest.raises(WorkbenchError, match="since then, bob approved"):
        session.undo()
    saved = stored(project)[uid]
    assert (saved.target_text, saved.state) == ("Bob's English.", State.REVIEWED)


def test_qa_after_an_edit_is_still_what_check_reports(session, project):
    uid = with_english(session, "Когда-то мудрый лидер")
    before = session.issues(uid)
    # English that drops the glossary names (written for the test)
    session.edit(uid, "Once a wise leader said so.")
    after = session.issues(uid)
    assert after != before and "term-missing" in {i.rule for i in after}
    assert after == [i for i in check_project(project, [UCP]) if i.unit_id == uid]


def test_a_broken_glossary_is_an_error_for_qa_as_for_check(session, project):
    session.ensure_stored()  # (aligning would need the glossary too)
    project.glossary_path.write_text("terms: [\n", encoding="utf-8")  # unclosed: broken
    session.load()
    with pytest.raises(WorkbenchError, match=r"glossary\.yaml:2: YAML syntax error"):
        session.issues(session.units[0].id)
    with pytest.raises(WorkbenchError, match=r"glossary\.yaml:2: YAML syntax error"):
        check_project(project, [UCP])
