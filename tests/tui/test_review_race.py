"""The TUI approves only the English on screen: another session (a real `workbench edit`
process) changes a unit while it is shown, then the reviewer presses `a`, `s` or `r`
before the screen has reloaded. The key is refused, nothing is saved, and the screen
shows the new English; pressed again, it approves what is now shown."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pilot import settle
from tui_helpers import UCP, screen_text, store_positional_units

from workbench import store
from workbench.model import State
from workbench.project import open_project
from workbench.tui.app import make_app
from workbench.tui.screens.document import DocumentScreen

pytestmark = pytest.mark.anyio
SIZE = (120, 32)
NEW = "Edited by Boris meanwhile"


@pytest.fixture(autouse=True)
def no_reload_yet(monkeypatch):
    """The race window: the screen has not yet looked at the disk again (it does every
    2 s). Without this the test would depend on timing."""
    monkeypatch.setattr(DocumentScreen, "check_disk", lambda self: None)


def on_disk(root, unit_id):
    store.workfile._cache.clear()
    return store.load_stored(open_project(root), UCP).unit(unit_id)


def other_session_edits(root, unit_id, text=NEW):
    out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), "--user",
                          "boris", "edit", UCP, unit_id, text], capture_output=True,
                         env={**os.environ}, timeout=120)
    assert out.returncode == 0, out.stderr


async def open_at(app, pilot, unit_id) -> DocumentScreen:
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, DocumentScreen)
    table = screen.table
    index = next(i for i, u in enumerate(screen.session.units) if u.id == unit_id)
    table.cursor = table.row_of_unit(index)
    await pilot.pause()
    assert screen.current_unit().id == unit_id
    return screen


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_approve_of_english_changed_by_another_session_is_refused_and_shown(
        corpus_copy):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, embeddings=False, open_doc=UCP)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(app, pilot, "u4")
        shown_before = screen.current_unit().target_text
        assert NEW not in screen_text(app)
        other_session_edits(corpus_copy, "u4")
        assert screen.current_unit().target_text == shown_before  # not reloaded yet
        await pilot.press("a")
        await settle(app, pilot)
        saved = on_disk(corpus_copy, "u4")
        assert saved.state is State.TRANSLATED and saved.target_text == NEW
        assert "changed by boris" in notices(app)
        assert screen.current_unit().id == "u4" and screen.current_unit().target_text == NEW
        assert NEW in screen_text(app)  # the new English is on screen before any approval
        await pilot.press("a")  # now the reviewer has seen it
        await settle(app, pilot)
        saved = on_disk(corpus_copy, "u4")
        assert saved.state is State.REVIEWED and saved.history[-1].who == "tester"


async def test_sign_off_and_reject_of_changed_english_are_refused(corpus_copy):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, embeddings=False, open_doc=UCP)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(app, pilot, "u4")
        await pilot.press("a")
        await settle(app, pilot)
        assert on_disk(corpus_copy, "u4").state is State.REVIEWED
        other_session_edits(corpus_copy, "u4")  # back to translated, new English
        await pilot.press("s")
        await settle(app, pilot)
        assert on_disk(corpus_copy, "u4").state is State.TRANSLATED
        assert screen.current_unit().target_text == NEW
        # reject: the English on screen when `r` is pressed is what is rejected
        await pilot.press("r")
        await pilot.pause()
        other_session_edits(corpus_copy, "u4", "Edited by Boris once more")
        await pilot.press(*"wrong name", "enter")
        await settle(app, pilot)
        saved = on_disk(corpus_copy, "u4")
        assert saved.state is State.TRANSLATED and saved.target_text == "Edited by Boris once more"
        assert "Edited by Boris once more" in screen_text(app)


async def test_the_editor_refuses_a_control_character_and_keeps_the_text(corpus_copy):
    from workbench.tui.widgets.editor import EnglishEditor

    store_positional_units(corpus_copy)
    before = (corpus_copy / "translations" / f"{UCP}.xlf").read_bytes()
    app = make_app(corpus_copy, embeddings=False, open_doc=UCP)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(app, pilot, "u4")
        await pilot.press("e")
        await pilot.pause()
        editor = screen.query_one(EnglishEditor)
        pasted = "Dear comrades \x1b[31mand friends!"  # as pasted from a coloured terminal
        editor.load_text(pasted)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert f"{UCP} u4" in notices(app) and "U+001B" in notices(app)
        assert screen.editing and editor.text == pasted  # nothing typed is lost
        assert (corpus_copy / "translations" / f"{UCP}.xlf").read_bytes() == before
