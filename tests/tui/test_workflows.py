"""Each workflow of the TUI, driven by keys with `App.run_test()` on a copy of the corpus.

Every assertion about a change reads the working file back from disk through the store:
what the TUI shows must be what is saved.
"""

from __future__ import annotations

import pytest
from pilot import go_to_unit, on_disk, open_ucp, run_from_palette, settle, ucp_screen
from tui_helpers import UCP, screen_text, store_positional_units

from workbench import store
from workbench.model import State
from workbench.project import open_project
from workbench.tui.app import make_app
from workbench.tui.screens.corpus import CorpusScreen
from workbench.tui.screens.document import DocumentScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.widgets.editor import EnglishEditor
from workbench.tui.widgets.unit_table import UnitTable

pytestmark = pytest.mark.anyio
SIZE = (100, 32)


async def test_corpus_screen_lists_documents_filters_and_opens(corpus_copy):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, embeddings=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, CorpusScreen)
        text = screen_text(app)
        for doc_id in open_project(corpus_copy).document_ids():
            assert doc_id[:29] in text
        stats = {s.doc_id: s for s in app.screen.stats}
        assert stats[UCP].units == 65 and stats[UCP].qa_errors > 0
        assert stats["tcc-cpsu-appeal-1998"].has_source is False
        await pilot.press("slash", *"belarus", "enter")
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentScreen) and app.screen.doc_id == UCP
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)


async def test_translate_edit_with_term_completion_and_undo(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u5")
        before = on_disk(corpus_copy)["u5"].target_text
        await pilot.press("e")
        editor = screen.query_one(EnglishEditor)
        assert editor.has_focus and editor.text == before
        await pilot.press("ctrl+a", *"Gus")  # select all: typing replaces the English
        assert editor.text == "Gus"
        editor.load_text("")
        # "Communist Party U" completes to the unit's own term "Communist Party USA".
        await pilot.press(*"Gus Hall of the Communist Party U", "tab")
        assert editor.text == "Gus Hall of the Communist Party USA"
        await pilot.press("escape")
        await settle(app, pilot)
        saved = on_disk(corpus_copy)["u5"]
        assert saved.target_text == "Gus Hall of the Communist Party USA"
        assert saved.state is State.TRANSLATED and saved.changed_by == "tester"
        assert screen.table.has_focus
        await pilot.press("u")
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u5"].target_text == before


async def test_accept_tm_proposal_with_one_key_and_see_the_diff(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        screen.session.engines = ("tm", "rules")
        # u1 and u3 have the same Russian (the title is repeated in the original).
        units = screen.session.units
        assert units[0].source_text == units[2].source_text
        await go_to_unit(pilot, screen, "u1")
        await pilot.press("e")
        screen.query_one(EnglishEditor).load_text("Address of the UCP-CPSU")
        await pilot.press("escape", "a")
        await settle(app, pilot)
        await go_to_unit(pilot, screen, "u3")
        await pilot.press("t")
        await settle(app, pilot)
        proposals = screen.session.proposals["u3"]
        assert proposals[0].text == "Address of the UCP-CPSU"
        shown = screen_text(app)
        assert "[TM 100%]" in shown and "TM source:" in shown  # the match, its source
        assert "ucp-cpsu-belarus-solidarity-20" in shown  # where it came from
        await pilot.press("p")
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u3"].target_text == "Address of the UCP-CPSU"
        await pilot.press("d")
        await pilot.pause()
        assert "Diff" in screen_text(app)


async def test_review_approve_reject_with_reason_sign_off(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u4")
        await pilot.press("a")
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u4"].state is State.REVIEWED
        await pilot.press("s")
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u4"].state is State.FINAL
        await go_to_unit(pilot, screen, "u6")
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"wrong party name", "enter")
        await settle(app, pilot)
        saved = on_disk(corpus_copy)["u6"]
        assert saved.state is State.REJECTED and saved.reject_reason == "wrong party name"
        # Escape on the reason prompt cancels: nothing changes.
        await go_to_unit(pilot, screen, "u7")
        await pilot.press("r", "escape")
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u7"].state is State.TRANSLATED


async def test_jump_to_unreviewed_low_confidence_qa_issue_and_filter(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u1")
        await pilot.press("a", "n")
        await settle(app, pilot)
        assert screen.current_unit().id == "u2"  # u1 is reviewed now
        await pilot.press("c")  # below the project's low_confidence (default 0.8)
        unit = screen.current_unit()
        assert unit.id == "u3" and unit.confidence == 0.5
        await go_to_unit(pilot, screen, "u3")
        await pilot.press("i")
        assert screen.session.issues(screen.current_unit().id)
        await pilot.press("f", "f", "f")  # all → initial → translated → reviewed
        await pilot.pause()
        table = screen.query_one(UnitTable)
        assert [screen.session.units[r.unit_index].id for r in table.rows] == ["u1"]
        assert "showing reviewed" in screen_text(app)


async def test_qa_fix_applied_by_a_key(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u8")  # "Communist party of the United States"
        assert "term-capitalisation" in screen_text(app)
        await pilot.press("x")
        await settle(app, pilot)
        fixed = on_disk(corpus_copy)["u8"].target_text
        assert "Communist Party of the United States" in fixed
        assert not any(i.rule == "term-capitalisation"
                       for i in screen.session.issues(screen.current_unit().id))


async def test_alignment_editing_split_merge_shift_lock(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u1")
        await pilot.press("equals_sign")
        await settle(app, pilot)
        merged = on_disk(corpus_copy)["u1"]
        assert merged.src == [0, 1] and merged.tgt == [0, 1] and "u2" not in on_disk(corpus_copy)
        await pilot.press("ctrl+t")  # split (memoQ's key; / is find)
        await settle(app, pilot)
        units = on_disk(corpus_copy)
        assert units["u1"].src == [0] and units["u1"].tgt == [0]
        # Move the English segment of u3 up into u1's neighbour (the unit above it).
        await go_to_unit(pilot, screen, "u3")
        above = screen.session.units[screen.session.index("u3") - 1].id
        await pilot.press("right", "shift+up")
        await settle(app, pilot)
        assert 2 in on_disk(corpus_copy)[above].tgt
        await go_to_unit(pilot, screen, "u4")
        await pilot.press("l")
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u4"].locked
        assert "≡" in screen_text(app)
        await pilot.press("equals_sign")  # a locked unit refuses: an error, nothing lost
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u4"].src == [3]


async def test_help_screen_lists_every_key(corpus_copy):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, embeddings=False, open_doc=UCP)
    async with app.run_test(size=(120, 90)) as pilot:
        await open_ucp(corpus_copy, pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Approve", "Reject", "Sign off", "Split unit", "Realign around locked",
                      "Export TMX", "Complete term", "Next QA issue", "Filter"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DocumentScreen)


async def test_command_palette_runs_actions(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u2")
        await run_from_palette(pilot, "Approve")
        await settle(app, pilot)
        assert on_disk(corpus_copy)["u2"].state is State.REVIEWED


async def test_export_tmx_of_approved_units(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u4")
        await pilot.press("a", "E")
        await settle(app, pilot)
        tmx = (corpus_copy / "exports" / f"{UCP}.tmx").read_text(encoding="utf-8")
        assert "<tu" in tmx and on_disk(corpus_copy)["u4"].target_text.split()[0] in tmx


async def test_quit_mid_edit_offers_to_save(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u4")
        await pilot.press("e")
        screen.query_one(EnglishEditor).load_text("Dear comrades!")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await settle(app, pilot)
    assert on_disk(corpus_copy)["u4"].target_text == "Dear comrades!"


def find_unit(screen: DocumentScreen, source_start: str) -> str:
    return next(u.id for u in screen.session.units if u.source_text.startswith(source_start))


async def test_from_alignment_to_approved_units_and_tmx_without_leaving_the_tui(corpus_copy):
    """The issue's "done when": UCP–CPSU from alignment to approved units and a TMX."""
    app = make_app(corpus_copy, embeddings=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"ucp-cpsu", "enter", "enter")
        screen = await open_ucp(corpus_copy, pilot, app)
        assert "not saved yet" in screen_text(app)  # aligned for display, nothing stored
        assert store.load_stored(open_project(corpus_copy), UCP) is None
        shown = [(u.id, u.src, u.tgt) for u in screen.session.units]
        await pilot.press("A")
        await settle(app, pilot)
        stored = on_disk(corpus_copy)
        assert [(u.id, u.src, u.tgt) for u in stored.values()] == shown  # what was shown
        # Review: approve the salutation as aligned, fix and approve a body sentence.
        dear = find_unit(screen, "Дорогие товарищи")
        right = find_unit(screen, "Он был абсолютно прав")
        await go_to_unit(pilot, screen, dear)
        await pilot.press("a")
        await settle(app, pilot)
        await go_to_unit(pilot, screen, right)
        await pilot.press("e")
        screen.query_one(EnglishEditor).load_text("He was absolutely right!")
        await pilot.press("escape", "a")
        await settle(app, pilot)
        # Realign the rest around the approved units: they are locked and kept.
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        stored = on_disk(corpus_copy)
        assert stored[dear].state is State.REVIEWED and stored[dear].locked
        assert stored[right].target_text == "He was absolutely right!" and stored[right].locked
        await pilot.press("E")
        await settle(app, pilot)
        tmx = (corpus_copy / "exports" / f"{UCP}.tmx").read_text(encoding="utf-8")
        assert tmx.count("<tu ") == 2 and "He was absolutely right!" in tmx
        assert "Dear comrades and friends!" in tmx


async def test_fill_empty_units_from_letterhead_rules_in_a_worker(corpus_copy):
    app = make_app(corpus_copy, embeddings=False, open_doc=UCP)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ucp(corpus_copy, pilot, app)
        screen.session.engines = ("tm", "rules")
        address = find_unit(screen, "Россия, 127051")  # the letterhead in the English file
        assert screen.session.unit(address).target_text == ""
        await pilot.press("T")
        await settle(app, pilot)
        saved = on_disk(corpus_copy)[address]
        assert "Moscow" in saved.target_text and "127051" in saved.target_text
        assert saved.origin.value == "rules" and saved.proposal is not None
        await go_to_unit(pilot, screen, address)
        await pilot.press("d")
        await pilot.pause()
        assert "proposal unchanged" in screen_text(app)
        await pilot.press("e")
        editor = screen.query_one(EnglishEditor)
        editor.load_text(saved.target_text.replace("per.", "Lane"))
        await pilot.press("escape")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Lane" in text and "rules 0.95 → now" in text


async def test_palette_offers_every_key_of_the_screen_and_the_table(corpus_copy):
    from workbench.tui.commands import screen_commands

    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        offered = list(screen_commands(screen, screen.table))
        titles = {title for title, *_ in offered}
        assert {b.action for b in DocumentScreen.BINDINGS} <= {a for _, _, a, _ in offered}
        assert "Target side (for shifting segments)" in titles
        # Run "Source side" from the palette: the table's own action.
        await run_from_palette(pilot, "Source side")
        await settle(app, pilot)
        assert screen.table.side == "src"


async def test_changes_saved_by_another_session_are_shown(corpus_copy):
    from workbench import ops

    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        assert screen.session.unit("u4").state is State.TRANSLATED
        ops.approve(open_project(corpus_copy), UCP, ["u4"], user="someone-else")
        for _ in range(80):  # the screen looks every 2 s
            await pilot.pause(0.1)
            if screen.session.unit("u4").state is State.REVIEWED:
                break
        assert screen.session.unit("u4").state is State.REVIEWED
        assert "1 reviewed" in screen_text(app)
