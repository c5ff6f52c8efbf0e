"""Conflicts between clones' work as review work in the TUI: the mark in the table, the
conflicts filter, K to take a version or edit, the corpus screen's count. Every change is
read back from disk."""

from __future__ import annotations

import pytest
from pilot import settle
from tui_helpers import UCP, screen_text, store_conflict

from workbench import store
from workbench.model import State
from workbench.project import open_project
from workbench.tui.app import make_app
from workbench.tui.screens.conflict import ConflictScreen
from workbench.tui.screens.corpus import CorpusScreen
from workbench.tui.screens.document import DocumentScreen
from workbench.tui.widgets.editor import EnglishEditor
from workbench.tui.widgets.unit_table import CONFLICT_SYMBOL

pytestmark = pytest.mark.anyio
SIZE = (110, 32)


def on_disk(root, unit_id):
    store.workfile._cache.clear()
    return store.load_stored(open_project(root), UCP).unit(unit_id)


async def opened(app, pilot) -> DocumentScreen:
    await settle(app, pilot)
    assert isinstance(app.screen, DocumentScreen)
    return app.screen


async def test_filter_to_conflicts_and_take_the_other_version(corpus_copy):
    store_conflict(corpus_copy)
    app = make_app(corpus_copy, "lead", embeddings=False, open_doc=UCP)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        text = screen_text(app)
        assert "1 in conflict (K)" in text and CONFLICT_SYMBOL in text
        for _ in range(6):  # the state filter's cycle ends with the conflicts filter
            await pilot.press("f")
        await pilot.pause()
        assert "showing conflicts" in screen_text(app)
        assert [screen.session.units[r.unit_index].id for r in screen.table.rows] == ["u5"]
        await pilot.press("a")  # approving a unit in conflict is refused …
        await settle(app, pilot)
        assert on_disk(corpus_copy, "u5").conflict is not None  # … and nothing saved
        await pilot.press("K")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        shown = screen_text(app)
        assert "Anna's approved English." in shown and "Boris's new English." in shown
        assert "anna" in shown and "boris" in shown and "reviewed" in shown
        await pilot.press("2")
        await settle(app, pilot)
        u5 = on_disk(corpus_copy, "u5")
        assert u5.conflict is None and u5.target_text == "Boris's new English."
        assert u5.state is State.TRANSLATED and u5.history[-1].action == "resolve"
        assert u5.changed_by == "lead"
        assert "in conflict" not in screen_text(app)


async def test_edit_settles_a_conflict_and_esc_leaves_it(corpus_copy):
    store_conflict(corpus_copy)
    app = make_app(corpus_copy, "lead", embeddings=False, open_doc=UCP)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        index = next(i for i, u in enumerate(screen.session.units) if u.id == "u5")
        screen.table.cursor = screen.table.row_of_unit(index)
        await pilot.pause()
        await pilot.press("K")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DocumentScreen)
        assert on_disk(corpus_copy, "u5").conflict is not None
        await pilot.press("K")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = screen.query_one(EnglishEditor)
        assert editor.has_focus
        editor.load_text("The lead's English.")
        await pilot.press("escape")
        await settle(app, pilot)
        u5 = on_disk(corpus_copy, "u5")
        assert u5.conflict is None and u5.target_text == "The lead's English."
        assert [h.action for h in u5.history][-2:] == ["resolve", "edit"]


async def test_the_corpus_screen_counts_conflicts(corpus_copy):
    store_conflict(corpus_copy)
    app = make_app(corpus_copy, "lead", embeddings=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, CorpusScreen)
        stats = {s.doc_id: s for s in app.screen.stats}
        assert stats[UCP].conflicts == 1
        text = screen_text(app)
        assert f"{stats[UCP].units} {CONFLICT_SYMBOL}1" in text
        assert f"{CONFLICT_SYMBOL} 1 units in conflict in 1 documents" in text


def test_conflict_screen_snapshot(corpus_copy, snap_compare):
    store_conflict(corpus_copy)
    app = make_app(corpus_copy, "tester", embeddings=False, open_doc=UCP)

    async def at_u5(pilot) -> None:
        await settle(pilot.app, pilot)
        screen = pilot.app.screen
        index = next(i for i, u in enumerate(screen.session.units) if u.id == "u5")
        screen.table.cursor = screen.table.row_of_unit(index)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 32), press=["K"], run_before=at_u5)
