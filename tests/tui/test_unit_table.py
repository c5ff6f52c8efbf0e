"""The virtualised unit table, on units made from real corpus lines."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from tui_helpers import corpus_units, screen_text

from workbench.model import BlockKind, Document, Flag, Segment, Side, SideText
from workbench.tui.state.worklist import build_rows
from workbench.tui.widgets.unit_table import UnitTable

pytestmark = pytest.mark.anyio


class TableApp(App):
    CSS_PATH = "../../src/workbench/tui/workbench.tcss"

    def __init__(self, units, doc=None, spans=None) -> None:
        super().__init__()
        self.units = units
        self.doc = doc
        self.spans = spans
        self.highlighted: list[int] = []

    def compose(self) -> ComposeResult:
        yield UnitTable()

    def on_mount(self) -> None:
        table = self.query_one(UnitTable)
        table.term_spans = self.spans
        table.set_rows(build_rows(self.units, self.doc), self.units)
        table.focus()

    def on_unit_table_highlighted(self, event: UnitTable.Highlighted) -> None:
        self.highlighted.append(event.row)


async def test_rows_show_both_sides_state_and_confidence():
    units = corpus_units(6)
    app = TableApp(units)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        # Russian left, English right, on the same line, after the gutter.
        first = next(line for line in text.splitlines() if "u1 " in line)
        assert first.index(units[0].source_text[:10]) < first.index(units[0].target_text[:10])
        assert "0.00" in first and "T" in first[:2]  # confidence and the title kind letter
        assert "★" in text and "✓" in text and "✗" in text  # final, reviewed, rejected


async def test_cursor_moves_and_scrolls_over_5000_units():
    units = corpus_units(5000)
    app = TableApp(units)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(UnitTable)
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 4999
        assert "u5000" in screen_text(app)
        await pilot.press("home", "down", "down")
        await pilot.pause()
        assert table.cursor == 2 and table.current_unit_index == 2
        await pilot.press("pagedown")
        assert table.cursor > 2
        assert app.highlighted  # the screen hears about cursor moves


async def test_long_rows_wrap_and_are_capped_with_an_ellipsis():
    units = corpus_units(12)
    long_unit = max(units, key=lambda u: len(u.target_text))
    app = TableApp(units)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(UnitTable)
        row = table.row_of_unit(units.index(long_unit))
        assert table._heights[row] == UnitTable.MAX_ROW_LINES
        table.cursor = row
        await pilot.pause()
        assert "…" in screen_text(app)


async def test_term_spans_badges_and_furniture_fold():
    # Written for the test: a two-segment English side whose second segment is furniture,
    # and a Russian letterhead line inside the English file (the badge case).
    en_text = "Союз коммунистических партий\nLeave a Reply"
    ru_text = "Союз коммунистических партий"
    src = Side(SideText(path=None, lang="ru", text=ru_text, encoding="utf-8"), "full",
               segments=[Segment(ru_text, 0, len(ru_text), BlockKind.LETTERHEAD, "ru")])
    tgt = Side(SideText(path=None, lang="en", text=en_text, encoding="utf-8"), "full",
               segments=[Segment(ru_text, 0, 28, BlockKind.LETTERHEAD, "ru",
                                 flags=(Flag("mixed-script", "test"),)),
                         Segment("Leave a Reply", 29, 42, BlockKind.FURNITURE, "en")])
    doc = Document("t", "t", {}, src, tgt)
    units = corpus_units(1)
    units[0].src, units[0].tgt = [0], [0]
    units[0].source_text = units[0].target_text = ru_text
    app = TableApp(units, doc, spans=lambda row, side: [(0, 4)])
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(UnitTable)
        assert [r.is_fold for r in table.rows] == [False, True]
        text = screen_text(app)
        assert "[ru]" in text  # Russian inside the English side
        assert "1 line(s) of web furniture folded: Leave a Reply" in text
        strip = table.render_line(0)
        term_style = table.get_component_rich_style("unit-table--term", partial=True)
        assert any(seg.text == "Союз" and seg.style and seg.style.underline
                   for seg in strip) and term_style.underline


async def test_click_selects_row_and_side():
    units = corpus_units(3)
    app = TableApp(units)
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(UnitTable)
        await pilot.click(UnitTable, offset=(20, table._tops[2]))
        assert table.cursor == 2 and table.side == "src"
        await pilot.press("right")
        assert table.side == "tgt"
