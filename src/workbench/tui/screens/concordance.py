"""Concordance (ctrl+k, as in memoQ): a phrase's words across every unit of every document
and every imported translation memory, hits highlighted; Enter on a hit opens its
document at that unit. The search is `ops.concordance`, the same as `workbench search`,
run in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from workbench import ops

if TYPE_CHECKING:
    from workbench.project import Project
    from workbench.search import Hit, Result

SIDES = ("both", "source", "target")
FIXED = (14, 5, 10)  # widths of the document, unit and state columns
HIT_STYLE = "bold reverse"


def highlighted(text: str, spans, *, one_line: bool = True, width: int | None = None) -> Text:
    """The text with each hit in the hit style (newlines as spaces on one line). With
    `width`, keyword in context: the text starts a little before the first hit, so the
    hit is in view however far into the sentence it is."""
    shown = text.replace("\n", " ") if one_line else text
    offset = 0
    if width is not None and spans and spans[0][1] > width - 2:
        start, end = spans[0]
        offset = max(0, start - max(2, min(width // 3, width - (end - start) - 1)))
        shown = "…" + shown[offset + 1:]
    out = Text(shown)
    for start, end in spans:
        if end - offset > 0:
            out.stylize(HIT_STYLE, max(start - offset, 1 if offset else 0), end - offset)
    return out


class ConcordanceScreen(Screen[None]):
    """Type a phrase, Enter searches; ↓ into the hits, Enter opens one; Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("f2", "cycle_side", "Side: both/source/target"),
        Binding("f3", "toggle_lemma", "By lemma on/off"),
        Binding("ctrl+k", "focus_query", "Concordance", show=False),
    ]

    class Open(Message):
        """The reader chose a hit: open its document at its unit."""

        def __init__(self, doc_id: str, unit_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.unit_id = unit_id

    def __init__(self, project: Project, text: str = "") -> None:
        super().__init__()
        self.project = project
        self.initial = text
        self.side = "both"
        self.lemma = False
        self.result: Result | None = None
        self.text_width = 30  # of the source and English columns (set on mount)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(value=self.initial, placeholder="words of a source or English phrase "
                    "(Enter searches)", id="concordance-query")
        yield Static("", id="concordance-options")
        yield DataTable(id="concordance-hits", cursor_type="row", zebra_stripes=True)
        yield Static("", id="concordance-detail")
        yield Footer(compact=True)  # 80 columns hold the main keys

    def on_mount(self) -> None:
        self.title = "workbench"
        self.sub_title = "concordance"
        table = self.query_one(DataTable)
        src, tgt = self.project.source_lang, self.project.target_lang
        # fixed widths: both texts visible side by side at any terminal width (the full
        # texts of the highlighted hit are below the table)
        text = self.text_width = max(12, (self.app.size.width - sum(FIXED) - 2 * 5 - 2) // 2)
        for label, width in ((src, text), (tgt, text), ("document", FIXED[0]),
                             ("unit", FIXED[1]), ("state", FIXED[2])):
            table.add_column(label, width=width)
        self._options()
        self.query_one(Input).focus()
        if self.initial.strip():
            self.search(self.initial)

    def _options(self, note: str = "") -> None:
        side = {"both": "both", "source": f"{self.project.source_lang} only",
                "target": f"{self.project.target_lang} only"}[self.side]
        text = (f"sides: {side} (F2) · lemma: {'on' if self.lemma else 'off'} (F3)"
                + (f" · {note}" if note else ""))
        self.query_one("#concordance-options", Static).update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.search(event.value)

    @work(thread=True, exclusive=True, group="concordance")
    def search(self, text: str) -> None:
        self.app.call_from_thread(self._options, "searching…")
        try:
            result = ops.concordance(self.project, text, side=self.side, lemma=self.lemma)
        except Exception as exc:  # shown, never fatal
            self.app.call_from_thread(self._options, f"search failed: {exc}")
            return
        self.app.call_from_thread(self.show, result)

    def show(self, result: Result) -> None:
        self.result = result
        table = self.query_one(DataTable)
        table.clear()
        width = self.text_width
        for n, hit in enumerate(result.hits):
            where = hit.source if hit.kind == "document" else f"TM {hit.source}"
            table.add_row(highlighted(hit.source_text, hit.source_spans, width=width),
                          highlighted(hit.target_text, hit.target_spans, width=width), where,
                          hit.unit_id, hit.state or "—", key=str(n))
        shown = (f"{result.total} unit(s)" if len(result.hits) == result.total
                 else f"{result.total} unit(s), the best {len(result.hits)} shown")
        self._options(shown + (" · Enter opens" if result.hits else ""))
        self._detail(result.hits[0] if result.hits else None)
        if result.hits:
            table.focus()

    def current_hit(self) -> Hit | None:
        table = self.query_one(DataTable)
        if self.result is None or table.row_count == 0:
            return None
        return self.result.hits[table.cursor_row]

    def _detail(self, hit: Hit | None) -> None:
        detail = self.query_one("#concordance-detail", Static)
        if hit is None:
            detail.update("")
            return
        text = Text()
        text.append(f"{hit.source} {hit.unit_id}", style="bold")
        text.append(f"  {hit.state or 'translation memory'}\n", style="dim")
        text.append_text(highlighted(hit.source_text, hit.source_spans, one_line=False))
        text.append("\n")
        text.append_text(highlighted(hit.target_text, hit.target_spans, one_line=False))
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(self.current_hit())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        hit = self.current_hit()
        if hit is None:
            return
        if hit.kind != "document":
            self.notify(f"{hit.unit_id} is an entry of the translation memory "
                        f"{hit.source}, not a unit of a document", timeout=4)
            return
        self.post_message(self.Open(hit.source, hit.unit_id))

    def _again(self) -> None:
        text = self.query_one(Input).value
        self._options()
        if text.strip():
            self.search(text)

    def action_cycle_side(self) -> None:
        self.side = SIDES[(SIDES.index(self.side) + 1) % len(SIDES)]
        self._again()

    def action_toggle_lemma(self) -> None:
        self.lemma = not self.lemma
        self._again()

    def action_focus_query(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.app.pop_screen()
