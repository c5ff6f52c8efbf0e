"""The versions of a conflict between two clones' work, side by side: take one (its
number), or edit the English of the unit shown (e), or leave it for later (Esc)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from workbench import ops
from workbench.inline import visible

MAX_VERSIONS = 9  # one digit key each


def versions_table(region: ops.ConflictRegion) -> Table:
    """One row per unit of each version: number, who and when, unit, state, English."""
    table = Table(box=None, padding=(0, 1), expand=True, show_header=True)
    table.add_column("#", style="bold cyan", no_wrap=True)
    table.add_column("who, when", no_wrap=True)
    table.add_column("unit", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("English", ratio=1)
    for version in region.versions:
        stamp = f"{version.who or 'someone'}\n{version.when}"
        if not version.units:
            table.add_row(str(version.number), stamp, "—", "—",
                          Text("(no units: this clone removed them)", style="italic"))
        for n, unit in enumerate(version.units):
            table.add_row(str(version.number) if n == 0 else "", stamp if n == 0 else "",
                          unit.id, unit.state.value,
                          Text(visible(unit.target_text, unit.codes) or "(no English)"))
        table.add_section()
    return table


class ConflictScreen(ModalScreen[str | None]):
    """Settle a conflict: a digit takes that version, e edits, Esc leaves it as it is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(None)", "Leave for later"),
        Binding("e", "answer('edit')", "Edit the English shown"),
        *(Binding(str(n), f"answer('{n}')", f"Take version {n}", show=n <= 2)
          for n in range(1, MAX_VERSIONS + 1)),
    ]

    def __init__(self, unit_id: str, region: ops.ConflictRegion) -> None:
        super().__init__()
        self.unit_id = unit_id
        self.conflict_region = region

    def compose(self) -> ComposeResult:
        count = len(self.conflict_region.versions)
        with Vertical(id="dialog"):
            ids = self.conflict_region.unit_ids
            yield Label(f"Two clones changed {'unit' if len(ids) == 1 else 'units'} "
                        f"{' '.join(ids)} in different ways.")
            with VerticalScroll(id="conflict-versions"):
                yield Static(versions_table(self.conflict_region))
            yield Static(f"1–{min(count, MAX_VERSIONS)}: take that version · e: edit "
                         f"{self.unit_id}'s English (version 1's units stay) · Esc: later")

    def action_answer(self, answer: str | None) -> None:
        versions = len(self.conflict_region.versions)
        if answer is not None and answer.isdigit() and int(answer) > versions:
            self.notify(f"there is no version {answer}", severity="warning")
            return
        self.dismiss(answer)
