"""The help screen: every key of every screen, generated from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.corpus import CorpusScreen
from workbench.tui.screens.document import DocumentScreen
from workbench.tui.widgets.editor import EnglishEditor
from workbench.tui.widgets.unit_table import UnitTable

INTRO = (
    "Work moves from alignment (A align, ctrl+t split, = merge, shift+↑/↓ move a segment, "
    "l lock, R realign) to translation (e or Enter edit; in the editor Tab completes a "
    "glossary term and ctrl+t or F9 inserts the source's next missing tag; "
    "t proposals, p accept the best, T fill all empty units) to review (a approve, "
    "r reject, s sign off; n, c, i jump to the next unreviewed, low-confidence, QA issue). "
    "u undoes any of these and U redoes (ctrl+z / ctrl+y too); someone else's later "
    "change is never undone. / finds and filters (words, state:, origin:, conf:, qa), "
    "g goes to a unit, h shows its history, ctrl+k searches every document and TM "
    "(concordance), S counts words. Every action saves at once; ⇄ marks units two "
    "clones changed differently (K settles them). ctrl+p opens the command palette: "
    "every action is there. Tags are another tool's inline codes: ⟨1⟩ … ⟨/1⟩ a pair, ⟨2/⟩ "
    "a standalone code, ¦ a segment boundary; the editor keeps each whole."
)


def bindings_table(title: str, bindings) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None,
                  padding=(0, 1))
    table.add_column("key", style="bold cyan", no_wrap=True)
    table.add_column("action")
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            table.add_row(binding.key_display or binding.key, binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys of the document and corpus screens; any of Esc, q, ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_help", "Close"),
        Binding("q", "dismiss_help", "Close"),
        Binding("question_mark", "dismiss_help", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("Workbench help  (Esc closes)", style="bold"))
            yield Static(INTRO, classes="intro")
            yield Static(bindings_table("Document screen", DocumentScreen.BINDINGS))
            yield Static(bindings_table("Moving in the units", UnitTable.BINDINGS))
            yield Static(bindings_table("Editing English", EnglishEditor.BINDINGS))
            yield Static(bindings_table("Corpus screen", CorpusScreen.BINDINGS))
            yield Static(bindings_table("Concordance (ctrl+k)", ConcordanceScreen.BINDINGS))
            yield Static(bindings_table("Everywhere", self.app.BINDINGS))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
