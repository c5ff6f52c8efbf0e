"""Who may do what (`workbench.toml` `[team] reviewers`, `signers`) and the four-eyes
rule (`[review] four_eyes`: whoever signs off did not write or approve that English).
Checked here, by the operations, so the CLI, the TUI and any script are held alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.model import Unit

if TYPE_CHECKING:
    from workbench.project import Project

# Actions that put English into a unit that a person chose or wrote. English taken from
# the aligned texts (align, relocate, split, shift) is the published translation: nobody
# here wrote it.
WRITE_ACTIONS = frozenset({"edit", "accept", "import", "translate", "merge", "qa-fix"})
APPROVE_ACTIONS = frozenset({"approve", "sign-off"})


def require_role(project: Project, user: str, action: str) -> None:
    """Refuse `action` ("approve", "reject", "sign off") by someone the project's
    `[team]` list for it does not name (an empty or absent list lets anyone)."""
    team = project.settings.team
    key, names = (("signers", team.signers) if action == "sign off"
                  else ("reviewers", team.reviewers))
    if names and user not in names:
        raise WorkbenchError(
            f"{user} may not {action}: [team] {key} in workbench.toml names "
            f"{', '.join(names)}", fix=f"ask one of them, or add {user!r} to [team] {key}")


def english_people(unit: Unit) -> tuple[set[str], set[str]]:
    """(who wrote the unit's current English, who approved it since): the authors of the
    last entry that set the English, if a person chose it, and the approvers after it."""
    writers: set[str] = set()
    approvers: set[str] = set()
    for entry in reversed(unit.history):
        if entry.action in APPROVE_ACTIONS:
            approvers.add(entry.who)
        elif entry.target is not None:
            if entry.action in WRITE_ACTIONS:
                writers.add(entry.who)
            break
    return writers, approvers


def require_four_eyes(project: Project, user: str, doc_id: str, unit: Unit) -> None:
    """With `[review] four_eyes`, refuse a sign-off by whoever wrote or approved the
    unit's English."""
    if not project.settings.review.four_eyes:
        return
    writers, approvers = english_people(unit)
    if user in writers or user in approvers:
        what = "wrote" if user in writers else "approved"
        raise WorkbenchError(
            f"{user} may not sign off {doc_id} {unit.id}: {user} {what} that English and "
            "[review] four_eyes in workbench.toml asks for a second person",
            fix="ask another signer")
