"""Glossary terms of the current unit with their canonical English."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static


class TermPanel(Static):
    """One line per term found in the Russian: surface form → canonical English."""

    def show(self, terms: Sequence[tuple[str, str, bool]] | None, note: str = "") -> None:
        """`terms`: (surface form, canonical English, canonical English present in target)."""
        text = Text()
        text.append("Terms\n", style="bold")
        if note:
            text.append(note + "\n", style="dim")
        if terms is None:
            text.append("no unit", style="dim")
        elif not terms:
            text.append("no glossary terms", style="dim")
        for surface, english, present in terms or ():
            text.append(surface, style="underline")
            text.append(" → ")
            text.append(english, style="bold green" if present else "bold yellow")
            if not present:
                text.append(" (not in English)", style="yellow")
            text.append("\n")
        self.update(text, layout=False)  # fixed size (tcss): no relayout per cursor move
