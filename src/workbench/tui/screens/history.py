"""The review trail of one unit: every entry with who, when, what and the state after
it, the English in full after each change and a word diff against the English before
(`workbench history ID UNIT` gives the same entries; `ops.history_trail`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench import ops
from workbench.model import Unit
from workbench.tui.state.worklist import word_diff
from workbench.tui.widgets.diff_view import OP_STYLE


def trail_text(unit: Unit) -> Text:
    """The unit's trail as the history screen shows it, oldest first."""
    text = Text()
    for version in ops.history_trail(unit):
        entry = version.entry
        state = entry.state.value if entry.state else "-"
        text.append(f"{entry.when}  ", style="dim")
        text.append(f"{entry.who or '?'}  ", style="bold")
        text.append(f"{entry.action}", style="bold cyan")
        text.append(f" → {state}\n", style="dim")
        if version.note:
            text.append(f"    {version.note}\n", style="italic")
        if version.changed:
            if version.previous:
                text.append("    ")
                for part in word_diff(version.previous, version.english):
                    text.append(part.text, style=OP_STYLE[part.op])
                text.append("\n")
            else:
                text.append(f"    {version.english}\n", style="green")
    return text


class HistoryScreen(ModalScreen[None]):
    """Who did what to the unit, when, with the English and its changes; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("h", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, doc_id: str, unit: Unit) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.unit = unit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-body"):
            yield Static(Text(f"History of {self.doc_id} {self.unit.id} — now "
                              f"{self.unit.state.value}  (Esc closes)", style="bold"))
            yield Static(Text(self.unit.source_text, style="italic"), classes="source")
            yield Static(trail_text(self.unit), id="trail")

    def action_close(self) -> None:
        self.dismiss(None)
