"""SVG snapshots of each screen (pytest-textual-snapshot), on a copy of the real corpus.

Fixed terminal sizes, no clock on screen, no toasts; the working file is written with
fixed timestamps. When the core's output changes on purpose (segmentation, QA rules),
look at the report and accept with `pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from tui_helpers import UCP, store_positional_units

from workbench.tui.app import make_app


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _at_unit(unit_id: str):
    async def run_before(pilot) -> None:
        await _settled(pilot)
        screen = pilot.app.screen
        index = next(i for i, u in enumerate(screen.session.units) if u.id == unit_id)
        screen.table.cursor = screen.table.row_of_unit(index)
        await pilot.pause()

    return run_before


def test_corpus_screen_80x24(corpus_copy, snap_compare):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_document_screen_80x24(corpus_copy, snap_compare):
    """Letterhead/title/body kinds, [ru] badges in the English column, states,
    low confidence, glossary terms of u5 in the panels."""
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False, open_doc=UCP)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_at_unit("u5"))


def test_document_screen_wide_with_editor(corpus_copy, snap_compare):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False, open_doc=UCP)
    assert snap_compare(app, terminal_size=(140, 40), press=["e"],
                        run_before=_at_unit("u8"))


def test_reject_reason_prompt(corpus_copy, snap_compare):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False, open_doc=UCP)
    assert snap_compare(app, terminal_size=(80, 24), press=["r", *"wrong name"],
                        run_before=_at_unit("u6"))


def test_help_screen(corpus_copy, snap_compare):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False, open_doc=UCP)
    assert snap_compare(app, terminal_size=(100, 40), press=["question_mark"],
                        run_before=_settled)


def test_find_filter_80x24(corpus_copy, snap_compare):
    """/ with a filter: the find box, the matching units, the status line's count."""
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False, open_doc=UCP)
    assert snap_compare(app, terminal_size=(80, 24), press=["slash", *"state:translated conf:<0.5"],
                        run_before=_settled)


def test_history_screen(corpus_copy, snap_compare):
    """h: a unit edited, approved, rejected with a reason; the English in full, a word diff."""
    from workbench import ops
    from workbench.project import open_project

    store_positional_units(corpus_copy)
    project = open_project(corpus_copy)
    ops.edit(project, UCP, "u6", "Address of the Union of Communist Parties – CPSU to the "
             "Communist and Workers' Parties of the World", user="tester")
    ops.approve(project, UCP, ["u6"], user="tester")
    ops.reject(project, UCP, ["u6"], reason="keep the published capitals", user="reviewer")
    _fix_times(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False, open_doc=UCP)
    assert snap_compare(app, terminal_size=(100, 32), press=["h"], run_before=_at_unit("u6"))


def test_concordance_screen_80x24(corpus_copy, snap_compare):
    """ctrl+k, a phrase, its hits highlighted with document, unit and state."""
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False)
    assert snap_compare(app, terminal_size=(80, 24),
                        press=["ctrl+k", *"communist party", "enter"], run_before=_settled)


def test_statistics_screen(corpus_copy, snap_compare):
    """S on the corpus screen: the project's figures by state and TM match band."""
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False)

    async def run_before(pilot) -> None:
        await _settled(pilot)
        await pilot.press("S")
        await _settled(pilot)

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)


def test_english_only_document_80x24(corpus_copy, snap_compare):
    """An English-only document: the English uses the whole width."""
    app = make_app(corpus_copy, "tester", embeddings=False,
                   open_doc="political-prisoners-appeal")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def _fix_times(root) -> None:
    """Fixed timestamps in the working file, so the history snapshot does not change."""
    import re

    path = root / "translations" / f"{UCP}.xlf"
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "2026-01-02T03:04:05Z",
                  path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
