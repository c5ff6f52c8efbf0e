"""Proposals for the current unit (translation memory, rules, MT), best first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from workbench.model import Origin, Proposal, Unit
from workbench.tui.state.worklist import match_source

# The TM source against the unit's: what the TM has that this source lacks is struck
# out, what this source has that the TM lacks is underlined.
DIFF_STYLE = {"=": "", "-": "strike red", "+": "bold underline green"}


class ProposalPanel(Static):
    """Lists proposals with origin, score and issues; `accept` takes the best usable one
    (`workbench.ops.translate.best_usable`: never an empty proposal for a damaged line)."""

    def show(self, unit: Unit | None, proposals: Sequence[Proposal] | None,
             busy: bool = False) -> None:
        text = Text()
        text.append("Proposals", style="bold")
        text.append("  (p: accept best)\n", style="dim")
        if unit is None:
            text.append("no unit", style="dim")
        elif busy:
            text.append("looking for proposals…", style="italic")
        elif not proposals:
            text.append("none yet: t looks for some", style="dim")
        else:
            for rank, proposal in enumerate(proposals, 1):
                text.append(f"{rank}. ", style="bold")
                match = match_source(unit, proposal)
                if match is not None:  # a TM match: its percentage and where it came from
                    percent, where, parts = match
                    text.append(f"[TM {percent}] ", style="bold cyan")
                    text.append(proposal.text)
                    text.append(f"  ({where})", style="dim")
                    text.append("\n   TM source: ", style="dim")
                    for part in parts:
                        text.append(part.text, style=DIFF_STYLE[part.op])
                else:
                    text.append(f"[{proposal.origin.value} {proposal.score:.2f}] ",
                                style="bold cyan")
                    text.append(proposal.text)
                if proposal.detail and match is None:
                    text.append(f"  ({proposal.detail})", style="dim")
                for issue in proposal.issues:
                    text.append(f"\n   {issue.severity.value}: {issue.message}",
                                style="yellow")
                text.append("\n")
        if unit is not None and unit.proposal is not None:
            p = unit.proposal
            text.append(f"\nstarted from: {p.origin.value} {p.score:.2f}"
                        + (f" ({p.detail})" if p.detail and p.origin is Origin.TM else ""),
                        style="dim")
        self.update(text, layout=False)  # fixed size (tcss): no relayout per cursor move
