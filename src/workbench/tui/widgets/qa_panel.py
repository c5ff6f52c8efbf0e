"""QA findings for the current unit; `x` applies the first fix offered."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from workbench.model import Issue, Severity

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


class QAPanel(Static):
    """Issues of the current unit with their rule id, message and fix."""

    def show(self, issues: Sequence[Issue] | None, note: str = "", busy: bool = False,
             review: str = "") -> None:
        """`review`: the reviewer's word on the unit (a rejection and its reason), first."""
        text = Text()
        text.append("QA", style="bold")
        text.append("  (x: apply fix)\n", style="dim")
        if review:
            text.append(f"✗ {review}\n", style="bold red")
        if note:
            text.append(note + "\n", style="italic")
        if busy:
            text.append("checking the document…", style="italic")
        elif issues is None:
            text.append("no unit", style="dim")
        elif not issues:
            text.append("no issues", style="green")
        for issue in issues or ():
            text.append(f"{issue.severity.value}", style=SEVERITY_STYLE.get(issue.severity, ""))
            text.append(f" {issue.rule}: ", style="bold")
            text.append(issue.message)
            if issue.fix is not None and issue.start is not None:
                text.append(f"\n  fix (x) → {issue.fix}", style="green")
            elif issue.fix is not None:
                text.append(f"\n  use: {issue.fix}", style="cyan")
            text.append("\n")
        self.update(text, layout=False)  # fixed size (tcss): no relayout per cursor move
