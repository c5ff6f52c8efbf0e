"""The TUI shows a file that was UTF-8 but for a few bytes: the corpus screen's damage
column counts the `invalid-utf8` segments, its filter finds them, and the document
screen marks the unit that holds the bad bytes."""

from __future__ import annotations

import pytest
from pilot import settle
from tui_helpers import UCP, screen_text

from workbench.tui.app import make_app
from workbench.tui.screens.corpus import CorpusScreen
from workbench.tui.screens.document import DocumentScreen

pytestmark = pytest.mark.anyio


def damage_one_byte(root) -> None:
    """The real English letter with a stray 0xFF put at the start of a word mid-text."""
    path = root / "translations" / f"{UCP}.en.txt"
    data = path.read_bytes()
    at = data.index(b" ", len(data) // 2) + 1
    path.write_bytes(data[:at] + b"\xff" + data[at:])


async def test_invalid_utf8_is_shown_on_the_corpus_and_document_screens(corpus_copy):
    damage_one_byte(corpus_copy)
    app = make_app(corpus_copy, embeddings=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, CorpusScreen)
        row = next(line for line in screen_text(app).splitlines() if UCP[:20] in line)
        assert "invalid×1" in row
        await pilot.press("slash", *"invalid-utf8", "enter")
        await settle(app, pilot)
        assert [s.doc_id for s in app.screen.stats if s.matches("invalid-utf8")] == [UCP]
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        rows = screen.table.rows
        flagged = [r for r in rows if any(f.code == "invalid-utf8" for f in r.flags)]
        assert len(flagged) == 1 and "\ufffd" in flagged[0].target_text
