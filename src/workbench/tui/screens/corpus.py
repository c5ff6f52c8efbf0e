"""The corpus screen: every document with its sides, progress, QA errors and damage.

Figures come from `workbench.ops.status` (where `workbench status` gets them) in a worker
thread, so the screen paints at once and fills in; `/` filters; Enter opens the document
screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from workbench.ops.status import DocumentStatus, StatusCache
from workbench.tui.screens.stats import StatsScreen

if TYPE_CHECKING:
    from workbench.glossary import Glossary
    from workbench.project import Project

COLUMNS = ("document", "ru·en", "units", "tr/rev/fin %", "QA", "damage")
ID_WIDTH = 30  # the full id is in the status line and matched by the filter


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _side(present: bool, completeness: str) -> str:
    if not present:
        return "—"
    return "full" if completeness == "full" else "part"


def _short(doc_id: str) -> str:
    return doc_id if len(doc_id) <= ID_WIDTH else doc_id[: ID_WIDTH - 1] + "…"


def stats_cells(stats: DocumentStatus) -> tuple[str, ...]:
    """The cells of a corpus-screen row (percentages: translated/reviewed/final)."""
    if stats.problem:
        return (_short(stats.doc_id), "?", "", "", "", stats.problem[:60])
    progress = "—" if stats.units is None else "/".join(
        _pct(v) for v in (stats.translated, stats.reviewed, stats.final))
    return (
        _short(stats.doc_id),
        f"{_side(stats.has_source, stats.source_completeness)}·"
        f"{_side(stats.has_target, stats.target_completeness)}",
        "—" if stats.units is None else
        str(stats.units) + (f" ⇄{stats.conflicts}" if stats.conflicts else ""),
        progress,
        "—" if stats.qa_errors is None else str(stats.qa_errors),
        stats.damage_short,
    )


class DocumentList(DataTable):
    """The documents table: Home and End go to the first and last document (a plain
    DataTable scrolls sideways on them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first", "First document", show=False),
        Binding("end", "last", "Last document", show=False),
    ]

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))


class CorpusScreen(Screen):
    """The documents of the project."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("f5", "refresh", "Refresh"),
        Binding("S", "stats", "Statistics"),
        Binding("ctrl+k", "app.concordance", "Concordance"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    class Open(Message):
        """The reader chose a document to open."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, project: Project, glossary: Callable[[], Glossary | None]) -> None:
        """`glossary` gives the project's glossary (loaded on first use, off the UI
        thread), for the QA figures."""
        super().__init__()
        self.project = project
        self.glossary = glossary
        self.stats: list[DocumentStatus] = []
        self.cache = StatusCache()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="filter: id, title or damage (Enter keeps it, Esc clears)",
                    id="filter")
        yield DocumentList(id="documents", cursor_type="row", zebra_stripes=True)
        yield Static("", id="corpus-status")
        yield Footer(compact=True)  # 80 columns hold the main keys

    def on_mount(self) -> None:
        self.sub_title = self.project.root.name
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        filter_box = self.query_one("#filter", Input)
        filter_box.display = False
        table.focus()
        self._status("reading the corpus…")
        # Figures come after the first paint: the worker's thread competes for the GIL.
        self.call_after_refresh(self.load_stats)

    def on_screen_resume(self) -> None:
        if self.stats:  # back from a document: its figures changed
            self.load_stats()

    @work(thread=True, exclusive=True, group="stats")
    def load_stats(self) -> None:
        self.app.call_from_thread(self._status, "reading the corpus…")
        glossary = self.glossary()
        project = self.project
        ids = project.document_ids()
        results: list[DocumentStatus] = []
        for n, doc_id in enumerate(ids, 1):
            try:
                results.append(self.cache.get(project, doc_id, glossary))
            except Exception as exc:  # a core bug on one document: show it on its row
                results.append(DocumentStatus(doc_id, readable=False,
                                              problem=f"{type(exc).__name__}: {exc}"))
            self.app.call_from_thread(self._status, f"reading the corpus… {n}/{len(ids)}")
        self.app.call_from_thread(self._show, results)

    def _status(self, text: str) -> None:
        self.query_one("#corpus-status", Static).update(text)

    def _show(self, stats: list[DocumentStatus]) -> None:
        self.stats = stats
        self._fill()
        self._describe(self.selected_id)

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected_id
        needle = self.query_one("#filter", Input).value
        table.clear()
        for stats in self.stats:
            if needle and not stats.matches(needle):
                continue
            table.add_row(*stats_cells(stats), key=stats.doc_id)
        if selected is not None:
            for row, stats in enumerate(s for s in self.stats
                                        if not needle or s.matches(needle)):
                if stats.doc_id == selected:
                    table.move_cursor(row=row)

    @property
    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value)

    def action_open(self) -> None:
        doc_id = self.selected_id
        if doc_id is not None:
            self.post_message(self.Open(doc_id))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(str(event.row_key.value))

    def _describe(self, doc_id: str | None) -> None:
        """Status line: how many documents, then the full id and title of the chosen one."""
        if not self.stats:
            return
        text = f"{len(self.stats)} documents in {self.project.root.name}/"
        clashes = [s for s in self.stats if s.conflicts]
        if clashes:
            text += (f" · ⇄ {sum(s.conflicts for s in clashes)} units in conflict in "
                     f"{len(clashes)} documents")
        chosen = next((s for s in self.stats if s.doc_id == doc_id), None)
        if chosen is not None:
            text += f" · {chosen.doc_id}: {chosen.title}"
        self._status(text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.Open(str(event.row_key.value)))

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.query_one(DataTable).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            event.input.display = False
        self.query_one(DataTable).focus()

    def action_refresh(self) -> None:
        self.load_stats()

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen(self.project))
