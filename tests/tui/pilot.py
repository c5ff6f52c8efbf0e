"""Driving the TUI in `App.run_test()`: waiting for its workers, opening a document,
moving to a unit, editing its English, the command palette; and the units on disk."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tui_helpers import UCP, store_positional_units

from workbench import store
from workbench.project import open_project
from workbench.tui.app import make_app
from workbench.tui.screens.document import DocumentScreen
from workbench.tui.widgets.editor import EnglishEditor


def on_disk(root, doc_id=UCP):
    return {u.id: u for u in store.load_stored(open_project(root), doc_id).units}


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_ucp(root, pilot, app) -> DocumentScreen:
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, DocumentScreen)
    return screen


@asynccontextmanager
async def ucp_screen(root, size: tuple[int, int]) -> AsyncIterator[tuple]:
    """(app, pilot, screen): the UCP document open in the TUI at `size`, its units paired
    by position and stored first (`store_positional_units`), where most screen tests start."""
    store_positional_units(root)
    app = make_app(root, embeddings=False, open_doc=UCP)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await open_ucp(root, pilot, app)


async def run_from_palette(pilot, words: str) -> None:
    """Open the command palette, type `words`, wait for the matches, run the first."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    for _ in range(100):
        await pilot.pause(0.05)
        screen = pilot.app.screen
        if isinstance(screen, CommandPalette) and screen.query_one(CommandList).option_count:
            break
    await pilot.pause(0.2)  # let every provider's matches arrive and sort
    await pilot.press("enter")


async def go_to_unit(pilot, screen: DocumentScreen, unit_id: str) -> None:
    table = screen.table
    index = next(i for i, u in enumerate(screen.session.units) if u.id == unit_id)
    table.cursor = table.row_of_unit(index)
    await pilot.pause()
    assert screen.current_unit().id == unit_id


async def edit_english(app, pilot, screen: DocumentScreen, unit_id: str, text: str) -> None:
    """Go to the unit, open the editor (`e`), put `text` in it, save and leave (`escape`)."""
    await go_to_unit(pilot, screen, unit_id)
    await pilot.press("e")
    screen.query_one(EnglishEditor).load_text(text)
    await pilot.press("escape")
    await settle(app, pilot)
