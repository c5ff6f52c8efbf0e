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
