"""How the English differs from the machine proposal it started from (word diff)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from workbench.tui.state.worklist import DiffPart

OP_STYLE = {"=": "", "-": "strike red", "+": "bold green"}


class DiffView(Static):
    """Renders `worklist.word_diff` parts: removed struck out, added in green."""

    def show(self, parts: Sequence[DiffPart] | None, label: str = "") -> None:
        text = Text()
        text.append("Diff", style="bold")
        text.append(f"  {label}\n" if label else "\n", style="dim")
        if parts is None:
            text.append("no machine proposal to compare with", style="dim")
        elif all(p.op == "=" for p in parts):
            text.append("final English is the machine proposal unchanged", style="dim")
        else:
            for part in parts:
                text.append(part.text, style=OP_STYLE[part.op])
        self.update(text, layout=False)  # fixed size (tcss): no relayout per cursor move
