"""The virtualised side-by-side unit table: Russian left, English right.

Drawn with Textual's line API (`ScrollView.render_line`): only the visible lines are
rendered, so a 5,000-unit document opens and scrolls as fast as a short one. Rows are
`workbench.tui.state.worklist.Row`s; each is word-wrapped to at most `MAX_ROW_LINES` lines (the
full text is in the editor). Styling comes from the component classes in
`workbench.tcss`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench import ops
from workbench.model import BlockKind, State, Unit
from workbench.tui.state.codes import editor_codes
from workbench.tui.state.worklist import ORIGIN_MARK, Row, is_low_confidence, wrap_offsets

KIND_LETTER = {
    BlockKind.LETTERHEAD: "L",
    BlockKind.TITLE: "T",
    BlockKind.ADDRESSEE: "A",
    BlockKind.BODY: " ",
    BlockKind.SIGNATURE: "S",
    BlockKind.SIGNATORIES: "N",
    BlockKind.FURNITURE: "F",
}
STATE_SYMBOL = {
    State.INITIAL: "·",
    State.TRANSLATED: "✎",
    State.REVIEWED: "✓",
    State.FINAL: "★",
    State.REJECTED: "✗",
}
CONFLICT_SYMBOL = "⇄"  # a unit two clones changed differently: settle it (K)
GUTTER = 15  # kind, state, lock/flag, origin, id (5), space, confidence (4), space
SEPARATOR = " │ "

TermSpans = Callable[[int, str], Sequence[tuple[int, int]]]


class UnitTable(ScrollView, can_focus=True):
    """Units side by side with state, confidence, kind, badges and term highlights."""

    MAX_ROW_LINES = 4

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "unit-table--cursor",
        "unit-table--cursor-side",
        "unit-table--letterhead",
        "unit-table--title",
        "unit-table--addressee",
        "unit-table--signature",
        "unit-table--signatories",
        "unit-table--furniture",
        "unit-table--fold",
        "unit-table--low-confidence",
        "unit-table--term",
        "unit-table--code",
        "unit-table--badge",
        "unit-table--flag",
        "unit-table--separator",
        "unit-table--state-initial",
        "unit-table--state-translated",
        "unit-table--state-reviewed",
        "unit-table--state-final",
        "unit-table--state-rejected",
        "unit-table--conflict",
        "unit-table--empty",
        "unit-table--origin",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Previous unit", show=False),
        Binding("down", "cursor_down", "Next unit", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First unit", show=False),
        Binding("end", "last", "Last unit", show=False),
        Binding("ctrl+home", "first", "First unit", show=False),
        Binding("ctrl+end", "last", "Last unit", show=False),
        Binding("left", "side('src')", "Source side (for shifting segments)", show=False),
        Binding("right", "side('tgt')", "Target side (for shifting segments)", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)
    side: reactive[str] = reactive("tgt")

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: UnitTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows: list[Row] = []
        self.units: Sequence[Unit] = ()
        self.term_spans: TermSpans | None = None
        self.low_confidence = 0.8  # the project's threshold (the screen sets it)
        self.one_sided = False  # no source side: the English takes the whole width
        self._tops: list[int] = [0]
        self._lines: list[tuple[list[tuple[int, int]], list[tuple[int, int]]] | None] = []
        self._heights: list[int] = []
        self._layout_width = -1

    # --- data ---------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], units: Sequence[Unit], *,
                 keep_unit: int | None = None) -> None:
        """Show `rows` (of `units`); keep the cursor on unit `keep_unit` when it is shown."""
        self.rows = list(rows)
        self.units = units
        self._layout_width = -1
        self._relayout()
        target = 0
        if keep_unit is not None:
            row = self.row_of_unit(keep_unit)
            target = row if row is not None else min(self.cursor, max(0, len(self.rows) - 1))
        self.cursor = max(0, min(target, len(self.rows) - 1))
        self.refresh()

    def row_of_unit(self, unit_index: int) -> int | None:
        for i, row in enumerate(self.rows):
            if row.unit_index == unit_index:
                return i
        return None

    @property
    def current_row(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def current_unit_index(self) -> int | None:
        row = self.current_row
        return None if row is None or row.is_fold else row.unit_index

    # --- layout -------------------------------------------------------------------

    def _column_widths(self) -> tuple[int, int]:
        width = max(self.scrollable_content_region.width, GUTTER + len(SEPARATOR) + 20)
        text = width - GUTTER - len(SEPARATOR)
        if self.one_sided:  # an English-only document: no empty Russian half
            return 0, text + len(SEPARATOR)
        return text // 2, text - text // 2

    def _relayout(self) -> None:
        """Row heights and tops; wrapping itself is done lazily as rows are drawn."""
        src_w, tgt_w = self._column_widths()
        self._layout_width = src_w + tgt_w
        self._lines = [None] * len(self.rows)
        heights = []
        cap = self.MAX_ROW_LINES
        for index, row in enumerate(self.rows):
            # Cheap upper bound first: a row that fits on one line on both sides needs no wrap.
            src_len = len(row.source_text) + _badge_width(row.source_badge)
            tgt_len = len(row.target_text) + _badge_width(row.target_badge)
            if (src_len <= src_w or not src_w) and tgt_len <= tgt_w \
                    and "\n" not in row.source_text and "\n" not in row.target_text:
                heights.append(1)
                continue
            src_lines, tgt_lines = self._lines[index] = self._wrap_row(row, src_w, tgt_w)
            heights.append(min(cap, max(len(src_lines), len(tgt_lines))))
        self._heights = heights
        tops = [0]
        for h in heights:
            tops.append(tops[-1] + h)
        self._tops = tops
        self.virtual_size = Size(self.scrollable_content_region.width, tops[-1])

    def _wrap_row(self, row: Row, src_w: int, tgt_w: int):
        if not src_w:
            return ([], wrap_offsets(row.target_text, tgt_w - _badge_width(row.target_badge)))
        return (wrap_offsets(row.source_text, src_w - _badge_width(row.source_badge)),
                wrap_offsets(row.target_text, tgt_w - _badge_width(row.target_badge)))

    def _row_lines(self, index: int):
        cached = self._lines[index]
        if cached is None:
            src_w, tgt_w = self._column_widths()
            cached = self._wrap_row(self.rows[index], src_w, tgt_w)
            self._lines[index] = cached
        return cached

    def on_resize(self) -> None:
        src_w, tgt_w = self._column_widths()
        if src_w + tgt_w != self._layout_width:
            self._relayout()
            self.scroll_to_cursor(animate=False)
        self.refresh()

    # --- drawing ------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"unit-table--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        line = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.rows:
            text = " No units yet: press A to align this document." if y == 0 else ""
            return Strip([Segment(text.ljust(width), base + self._style("empty"))], width)
        if line >= self._tops[-1]:
            return Strip.blank(width, base)
        index = bisect_right(self._tops, line) - 1
        return self._render_row_line(index, line - self._tops[index], width, base)

    def _render_row_line(self, index: int, sub: int, width: int, base: Style) -> Strip:
        row = self.rows[index]
        src_w, tgt_w = self._column_widths()
        style = base
        kind_style = self._style(row.kind.value) if row.kind is not BlockKind.BODY else Style()
        style = style + kind_style
        is_cursor = index == self.cursor
        if is_cursor:
            style = style + self._style("cursor")
        segments: list[Segment] = []
        segments.extend(self._gutter(row, sub, style))
        if row.is_fold:
            text = f"⋯ {row.folded} line(s) of web furniture folded: {row.target_text}"
            body = text[: width - GUTTER].ljust(width - GUTTER)
            segments.append(Segment(body, style + self._style("fold")))
            return Strip(segments, width)
        src_lines, tgt_lines = self._row_lines(index)
        last = self._heights[index] - 1
        side_style = style + self._style("cursor-side") if is_cursor else style
        if src_w:
            segments.extend(self._cell(index, "src", row.source_text, row.source_badge,
                                       src_lines, sub, last, src_w,
                                       side_style if self.side == "src" else style))
            segments.append(Segment(SEPARATOR, style + self._style("separator")))
        segments.extend(self._cell(index, "tgt", row.target_text, row.target_badge, tgt_lines,
                                   sub, last, tgt_w,
                                   side_style if self.side == "tgt" else style))
        used = GUTTER + src_w + (len(SEPARATOR) if src_w else 0) + tgt_w
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments, width)

    def _gutter(self, row: Row, sub: int, style: Style) -> list[Segment]:
        if sub > 0 or row.is_fold:
            letter = KIND_LETTER[row.kind] if sub == 0 else " "
            return [Segment(letter.ljust(GUTTER), style)]
        unit = self.units[row.unit_index]
        conf = "  --" if unit.confidence is None else f"{unit.confidence:4.2f}"
        conf_style = style
        if is_low_confidence(unit, self.low_confidence):
            conf_style = style + self._style("low-confidence")
        state_style = style + self._style(f"state-{unit.state.value}")
        symbol = STATE_SYMBOL[unit.state]
        if unit.conflict is not None:
            symbol, state_style = CONFLICT_SYMBOL, style + self._style("conflict")
        flag = "!" if row.flags else " "
        origin = ORIGIN_MARK[ops.origin_kind(unit)]
        return [
            Segment(KIND_LETTER[row.kind], style),
            Segment(symbol, state_style),
            Segment("≡" if unit.locked else flag,
                    style + self._style("flag") if row.flags and not unit.locked else style),
            Segment(origin, style + self._style("origin") if origin != " " else style),
            Segment(f"{unit.id[:5]:<5} ", style),
            Segment(conf, conf_style),
            Segment(" ", style),
        ]

    def _cell(self, index: int, side: str, text: str, badge: str,
              lines: list[tuple[int, int]], sub: int, last: int, width: int,
              style: Style) -> list[Segment]:
        badge_w = _badge_width(badge)
        out: list[Segment] = []
        if badge_w:
            label = f"[{badge}]" if sub == 0 else ""
            out.append(Segment(label.ljust(badge_w), style + self._style("badge")
                               if sub == 0 else style))
        avail = width - badge_w
        if sub >= len(lines):
            out.append(Segment(" " * avail, style))
            return out
        start, end = lines[sub]
        truncated = sub == last and sub < len(lines) - 1
        if truncated:
            end = min(end, start + avail - 1)
        term_style = style + self._style("term")
        code_style = style + self._style("code")
        spans = sorted([(s, e, term_style) for s, e in
                        (self.term_spans(index, side) if self.term_spans else ())]
                       + [(s, e, code_style) for s, e in self._code_spans(index, text)])
        pos = start
        for s, e, span_style in spans:
            if e <= pos or s >= end:
                continue
            s = max(s, pos)
            e = min(e, end)
            if s > pos:
                out.append(Segment(_flat(text[pos:s]), style))
            out.append(Segment(_flat(text[s:e]), span_style))
            pos = e
        if pos < end:
            out.append(Segment(_flat(text[pos:end]), style))
        used = end - start
        if truncated:
            out.append(Segment("…", style))
            used += 1
        out.append(Segment(" " * max(0, avail - used), style))
        return out

    def _code_spans(self, index: int, text: str) -> list[tuple[int, int]]:
        """Where the row's inline codes (shown as tags) are, for their own style."""
        unit_index = self.rows[index].unit_index
        if unit_index < 0 or not self.units[unit_index].codes:
            return []
        return editor_codes(self.units[unit_index].codes).spans(text)

    # --- cursor -------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def watch_side(self) -> None:
        self.refresh()

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if not self.rows or self.cursor >= len(self._heights):
            return
        top = self._tops[self.cursor]
        region = Region(0, top, 1, self._heights[self.cursor])
        self.scroll_to_region(region, animate=animate, force=True)

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_cursor_down(self) -> None:
        if self.cursor < len(self.rows) - 1:
            self.cursor += 1

    def action_page_up(self) -> None:
        self._move_lines(-max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._move_lines(max(1, self.scrollable_content_region.height - 1))

    def _move_lines(self, delta: int) -> None:
        if not self.rows:
            return
        line = max(0, min(self._tops[self.cursor] + delta, self._tops[-1] - 1))
        self.cursor = bisect_right(self._tops, line) - 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, len(self.rows) - 1)

    def action_side(self, side: str) -> None:
        self.side = side

    def on_click(self, event: Click) -> None:
        line = event.y + int(self.scroll_offset.y)
        if self.rows and 0 <= line < self._tops[-1]:
            self.cursor = bisect_right(self._tops, line) - 1
            src_w, _ = self._column_widths()
            self.side = "src" if event.x < GUTTER + src_w else "tgt"


def _badge_width(badge: str) -> int:
    return len(badge) + 3 if badge else 0


def _flat(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ")
