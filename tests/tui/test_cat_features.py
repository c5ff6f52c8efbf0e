"""What translators and reviewers expect of a CAT tool, driven by keys with
`App.run_test()` on a copy of the corpus: find and filter (/), go to (g), undo and redo
of every action (u/U), the history panel (h), the rejection reason on the unit,
concordance (ctrl+k) with a jump to the hit, statistics (S), fuzzy matches as a
translator reads them, one low-confidence threshold, English-only documents at full
width, `t` saying when it found nothing. Every change is checked on disk."""

from __future__ import annotations

import pytest
from pilot import edit_english, go_to_unit, on_disk, open_ucp, settle, ucp_screen
from rapidfuzz import fuzz
from tui_helpers import UCP, screen_text, store_positional_units

from workbench import ops
from workbench.model import State
from workbench.project import open_project
from workbench.tui.app import make_app
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.document import DocumentScreen
from workbench.tui.screens.history import HistoryScreen
from workbench.tui.screens.stats import StatsScreen
from workbench.tui.widgets.qa_panel import QAPanel

pytestmark = pytest.mark.anyio
SIZE = (100, 32)
ENGLISH_ONLY = "political-prisoners-appeal"
FUZZY_DOC = "roskomsoyuz-revolutionary-renewal"


def shown_ids(screen: DocumentScreen) -> list[str]:
    return [screen.session.units[r.unit_index].id for r in screen.table.rows if not r.is_fold]


async def test_slash_finds_and_filters_and_no_longer_splits(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        before = {u.id: (u.src, u.tgt) for u in on_disk(corpus_copy).values()}
        await pilot.press("slash", *"solidarity")
        await settle(app, pilot)
        ids = shown_ids(screen)
        assert ids and all("solidarity" in (u.source_text + u.target_text).lower()
                           for u in screen.session.units if u.id in ids)
        assert "matching 'solidarity'" in screen_text(app)
        await pilot.press("enter")  # keeps the filter, back to the table
        assert screen.table.has_focus and shown_ids(screen) == ids
        await pilot.press("escape")  # clears it
        await settle(app, pilot)
        assert len(shown_ids(screen)) == len(screen.session.units)
        assert {u.id: (u.src, u.tgt) for u in on_disk(corpus_copy).values()} == before
        # filters: state, origin, confidence band, QA issues
        await pilot.press("slash", *"state:translated conf:<0.5")
        await settle(app, pilot)
        wanted = [u.id for u in screen.session.units if u.state is State.TRANSLATED
                  and u.confidence is not None and u.confidence < 0.5]
        assert shown_ids(screen) == wanted and wanted
        await pilot.press("escape")
        await pilot.press("slash", *"qa:error")
        await settle(app, pilot)
        issues = screen.session.check()
        assert shown_ids(screen) == [u.id for u in screen.session.units
                                     if any(i.severity.value == "error"
                                            for i in issues.get(u.id, []))]
        await pilot.press("escape", "escape")  # clear, then back to the corpus screen
        await pilot.pause()
        assert not isinstance(app.screen, DocumentScreen)


async def test_go_to_a_unit_by_id_or_number(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (_app, pilot, screen):
        await pilot.press("g", *"u7", "enter")
        await pilot.pause()
        assert screen.current_unit().id == "u7"
        await pilot.press("g", *"12", "enter")
        await pilot.pause()
        assert screen.current_unit().id == screen.session.units[11].id
        await pilot.press("g", *"u999", "enter")
        await pilot.pause()
        assert screen.current_unit().id == screen.session.units[11].id  # stays; says so


async def test_undo_and_redo_every_kind_of_action_with_keys(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await go_to_unit(pilot, screen, "u6")
        for keys, check in ((("a",), lambda u: u.state is State.REVIEWED),
                            (("l",), lambda u: u.locked),
                            (("r", *"wrong name", "enter"),
                             lambda u: u.state is State.REJECTED)):
            await pilot.press(*keys)
            await settle(app, pilot)
            assert check(on_disk(corpus_copy)["u6"])
            await pilot.press("u")
            await settle(app, pilot)
            assert not check(on_disk(corpus_copy)["u6"])
            await pilot.press("U")
            await settle(app, pilot)
            assert check(on_disk(corpus_copy)["u6"])
            await pilot.press("u")
            await settle(app, pilot)
        await go_to_unit(pilot, screen, "u1")
        await pilot.press("equals_sign")
        await settle(app, pilot)
        assert "u2" not in on_disk(corpus_copy)
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert "u2" in on_disk(corpus_copy) and on_disk(corpus_copy)["u1"].src == [0]
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        assert "u2" not in on_disk(corpus_copy)


async def test_undo_refuses_another_persons_later_change(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await edit_english(app, pilot, screen, "u6", "Tester's English.")
        ops.approve(open_project(corpus_copy), UCP, ["u6"], user="boris")
        await pilot.press("u")
        await settle(app, pilot)
        unit = on_disk(corpus_copy)["u6"]
        assert (unit.target_text, unit.state) == ("Tester's English.", State.REVIEWED)
        assert screen.session.unit("u6").state is State.REVIEWED  # the screen shows it


async def test_history_panel_and_rejection_reason_on_the_unit(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        await edit_english(app, pilot, screen, "u6",
                           "Address of the Union of Communist Parties – CPSU to the world")
        await pilot.press("r", *"keep the full title", "enter")
        await settle(app, pilot)
        panel = str(screen.query_one(QAPanel).content)  # the reason, on the unit
        assert panel.startswith("QA") and "✗ rejected by tester at " in panel
        assert "keep the full title" in panel
        app.clear_notifications()  # toasts would cover the panels
        await pilot.pause()
        assert "rejected by tester" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        assert "aligner" in shown and "edit" in shown and "reject" in shown
        assert "keep the full title" in shown and "source sentence 6" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_concordance_finds_a_phrase_and_opens_the_hit(corpus_copy):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, embeddings=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, ConcordanceScreen)
        await pilot.press(*"fraternal solidarity", "enter")
        await settle(app, pilot)
        concordance = app.screen
        assert concordance.result is not None and concordance.result.hits
        hit = concordance.result.hits[0]
        assert "SOLIDARITY" in hit.target_text and "unit(s)" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DocumentScreen) and screen.doc_id == hit.source
        assert screen.current_unit().id == hit.unit_id


async def test_statistics_screen_shows_what_stats_reports(corpus_copy):
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, embeddings=False, open_doc=UCP)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_ucp(corpus_copy, pilot, app)
        await pilot.press("S")
        await settle(app, pilot)
        assert isinstance(app.screen, StatsScreen)
        expected = ops.statistics(open_project(corpus_copy), [UCP]).total.total
        shown = screen_text(app)
        assert f"{expected.words:,}" in shown and "TM no match" in shown


async def test_fuzzy_match_shows_source_diff_percentage_and_origin_mark(corpus_copy):
    # The only near-identical Russian sentences of the corpus: this document's title,
    # once with its spaces lost and once as published (segments 0 and 1).
    store_positional_units(corpus_copy, doc_id=FUZZY_DOC, pairs=2)
    app = make_app(corpus_copy, embeddings=False, open_doc=FUZZY_DOC)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        screen.session.engines = ("tm",)
        a, b = screen.session.units[0], screen.session.units[1]
        assert 75 <= fuzz.ratio(a.source_text.lower(), b.source_text.lower()) < 100
        await go_to_unit(pilot, screen, a.id)
        await pilot.press("a")  # approved: in the translation memory now
        await settle(app, pilot)
        await go_to_unit(pilot, screen, b.id)
        await pilot.press("t")
        await settle(app, pilot)
        app.clear_notifications()
        await pilot.pause()
        shown = screen_text(app)
        proposal = screen.session.proposals[b.id][0]
        percent = proposal.detail.split()[2].rstrip(":")  # "tm fuzzy 97%: doc#u1"
        assert f"[TM {percent}]" in shown and "TM source:" in shown
        assert f"{FUZZY_DOC}#{a.id}" in shown.replace(" ", "").replace("\n", "") or \
            f"#{a.id})" in shown
        await pilot.press("p")
        await settle(app, pilot)
        assert ops.origin_kind(on_disk(corpus_copy, FUZZY_DOC)[b.id]) == "tm-fuzzy"
        await pilot.press("slash", *"origin:tm-fuzzy", "enter")
        await settle(app, pilot)
        assert shown_ids(screen) == [b.id]
        assert f"≈{b.id}" in screen_text(app)  # the grid's mark for a fuzzy TM match


async def test_one_threshold_for_low_confidence_from_the_project(corpus_copy):
    (corpus_copy / "workbench.toml").write_text("[review]\nlow_confidence = 0.45\n",
                                                encoding="utf-8")
    async with ucp_screen(corpus_copy, SIZE) as (_app, pilot, screen):
        assert screen.table.low_confidence == 0.45
        await go_to_unit(pilot, screen, "u2")  # 0.4: low; the next below 0.45 is u8 (0.3)
        await pilot.press("c")
        assert screen.current_unit().confidence < 0.45 and screen.current_unit().id != "u3"


async def test_english_only_document_uses_the_full_width(corpus_copy):
    app = make_app(corpus_copy, embeddings=False, open_doc=ENGLISH_ONLY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.table.one_sided
        lines = [line for line in screen_text(app).splitlines()[2:12] if line.strip()]
        assert not any("│" in line for line in lines)  # no empty Russian half
        assert max(len(line.rstrip()) for line in lines) > 60


async def test_t_says_so_when_it_finds_nothing(corpus_copy):
    async with ucp_screen(corpus_copy, SIZE) as (app, pilot, screen):
        screen.session.engines = ("tm",)  # an empty memory: nothing to find
        await go_to_unit(pilot, screen, "u5")
        await pilot.press("t")
        await settle(app, pilot)
        assert screen.session.proposals["u5"] == []
        assert any("no proposal for u5" in str(n.message)
                   for n in app._notifications)


async def test_home_and_end_on_the_corpus_screen(corpus_copy):
    app = make_app(corpus_copy, embeddings=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#documents")
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 > 0
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_header_status_and_footer_are_whole_at_80x24(corpus_copy):
    """80x24: the header names the document, the status line keeps its figures, the
    footer shows each of its keys whole (the rest are in help and the palette), and while
    editing it shows the editor's keys instead of the table's."""
    store_positional_units(corpus_copy)
    app = make_app(corpus_copy, embeddings=False, open_doc=UCP)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ucp(corpus_copy, pilot, app)
        lines = screen_text(app).splitlines()
        assert f"workbench — {UCP}" in lines[0]
        assert lines[1].split() == ["65", "units", "·", "0", "reviewed", "·", "showing",
                                    "all", "·", "tester"]
        footer = lines[-1]
        for key in ("e Edit", "p Accept", "u Undo", "a Approve", "r Reject", "n Unrev.",
                    "/ Find", "? Help", "^p Commands"):
            assert key in footer, (key, footer)
        await pilot.press("e")
        await settle(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in ("esc Save & leave", "tab Complete term", "^t Insert next tag",
                    "^g Discard", "^p Commands"):
            assert key in footer, (key, footer)
        assert "e Edit" not in footer and "a Approve" not in footer
        await pilot.press("escape")
        await settle(app, pilot)
        assert "a Approve" in screen_text(app).splitlines()[-1]
    app = make_app(corpus_copy, embeddings=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        for key in ("/ Filter", "f5 Refresh", "S Statistics", "^k Concordance", "? Help",
                    "q Quit", "^p Commands"):
            assert key in footer, (key, footer)
