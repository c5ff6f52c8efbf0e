"""Statistics, as OmegaT's project statistics and memoQ's analysis give them: segments,
words and characters by state and by translation-memory match band, for the project
(from the corpus screen) or one document (from its screen). The figures are
`ops.statistics`, the same as `workbench stats [ID…]`, computed in a worker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workbench import ops

if TYPE_CHECKING:
    from workbench.ops.stats import DocumentStats, ProjectStats
    from workbench.project import Project

COLUMNS = ("segments", "words", "characters")


def breakdown(title: str, stats: DocumentStats) -> Table:
    """One scope's figures: total, by state, by match band."""
    table = Table(title=title, title_justify="left", box=None, padding=(0, 1),
                  title_style="bold")
    table.add_column("")
    for column in COLUMNS:
        table.add_column(column, justify="right")

    def row(label: str, figures, style: str = "") -> None:
        table.add_row(Text(label, style=style),
                      *(f"{getattr(figures, c):,}" for c in COLUMNS))

    row("total", stats.total, "bold")
    for state, figures in stats.by_state.items():
        if figures.segments:
            row(state, figures)
    for label, figures in stats.by_match.items():
        row(f"TM {label}", figures, "cyan")
    return table


def documents_table(stats: ProjectStats) -> Table:
    """One line per document: its size, how much is reviewed, how much the TM covers."""
    table = Table(title="Documents", title_justify="left", box=None, padding=(0, 1),
                  title_style="bold")
    for name, justify in (("document", "left"), ("segments", "right"), ("words", "right"),
                          ("reviewed words", "right"), ("TM ≥75% words", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for doc in stats.documents:
        reviewed = doc.by_state["reviewed"].words + doc.by_state["final"].words
        covered = sum(doc.by_match[label].words for label, lowest in ops.BANDS
                      if lowest >= 75)
        label = doc.doc_id if doc.aligned else f"{doc.doc_id} (not aligned)"
        table.add_row(label, f"{doc.total.segments:,}", f"{doc.total.words:,}",
                      f"{reviewed:,}", f"{covered:,}")
    return table


class StatsScreen(Screen[None]):
    """The figures of some documents (all of them when `doc_ids` is empty)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("q", "close", "Back", show=False),
        Binding("f5", "refresh", "Refresh"),
    ]

    def __init__(self, project: Project, doc_ids: Sequence[str] = ()) -> None:
        super().__init__()
        self.project = project
        self.doc_ids = list(doc_ids)
        self.stats: ProjectStats | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static("counting…", id="stats-figures")
            yield Static("", id="stats-documents")
            yield Static("", id="stats-how", classes="intro")
        yield Footer(compact=True)  # 80 columns hold the main keys

    def on_mount(self) -> None:
        self.sub_title = "statistics: " + (", ".join(self.doc_ids) or "the project")
        self.load()

    @work(thread=True, exclusive=True, group="stats")
    def load(self) -> None:
        try:
            stats = ops.statistics(self.project, self.doc_ids or None)
        except Exception as exc:  # shown, never fatal
            self.app.call_from_thread(self.query_one("#stats-figures", Static).update,
                                      f"statistics unavailable: {exc}")
            return
        self.app.call_from_thread(self.show, stats)

    def show(self, stats: ProjectStats) -> None:
        self.stats = stats
        scope = (stats.documents[0].doc_id if len(stats.documents) == 1
                 else f"project: {len(stats.documents)} documents")
        self.query_one("#stats-figures", Static).update(breakdown(scope, stats.total))
        self.query_one("#stats-documents", Static).update(
            documents_table(stats) if len(stats.documents) > 1 else "")
        self.query_one("#stats-how", Static).update(f"How: {stats.how}")

    def action_refresh(self) -> None:
        self.query_one("#stats-figures", Static).update("counting…")
        self.load()

    def action_close(self) -> None:
        self.app.pop_screen()
