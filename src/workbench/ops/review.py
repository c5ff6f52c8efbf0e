"""Review operations on a unit's English and state: edit, approve, sign off, reject,
lock, and filling empty units with machine proposals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from workbench.chars import check_storable
from workbench.errors import WorkbenchError
from workbench.model import HistoryEntry, Origin, Proposal, State, Unit
from workbench.ops.transaction import record, touched_by_person, transaction
from workbench.ops.working import load_or_align

if TYPE_CHECKING:
    from workbench.project import Project


def _ids(unit_ids: str | Sequence[str]) -> list[str]:
    ids = [unit_ids] if isinstance(unit_ids, str) else list(unit_ids)
    if not ids:
        raise WorkbenchError("no unit given", fix="name at least one unit id, e.g. u1")
    return ids


def _check_expected(unit: Unit, doc_id: str, expected: str | None) -> None:
    """Refuse to replace English that changed since the caller read it (another session
    edited or approved it meanwhile): its work must not vanish under this one's."""
    if expected is not None and unit.target_text != expected:
        raise WorkbenchError(
            f"{doc_id} {unit.id} was changed by {unit.changed_by or 'someone'} at "
            f"{unit.changed_at or 'an unknown time'} since you read it; nothing was saved",
            fix="look at the new English, then make your change again")


def edit(project: Project, doc_id: str, unit_id: str, text: str, *, user: str,
         expected: str | None = None) -> Unit:
    """Set the English of a unit. An approved unit goes back to `translated` (its new
    English needs approving again); empty English makes it `initial`. With `expected`
    (the English the caller last saw), a unit changed meanwhile is refused."""
    text = check_storable(text, f"{doc_id} {unit_id}")
    with transaction(project, doc_id, user) as wf:
        unit = wf.unit(unit_id)
        _check_expected(unit, doc_id, expected)
        if text == unit.target_text and unit.state is not State.REJECTED:
            return unit
        unit.target_text = text
        unit.origin = Origin.MANUAL
        unit.state = State.TRANSLATED if text.strip() else State.INITIAL
        unit.reject_reason = ""
        record(unit, user, "edit")
        return unit


def accept(project: Project, doc_id: str, unit_id: str, proposal: Proposal, *,
           user: str, expected: str | None = None) -> Unit:
    """A person takes a proposal as the unit's English, replacing what it had: the unit
    keeps the proposal's origin and score (to diff against later), and the history says
    who chose it. Like an edit, the English then needs approving."""
    if not proposal.text.strip():
        raise WorkbenchError(f"{doc_id} {unit_id}: the proposal is empty",
                             fix="choose another proposal or edit the English")
    with transaction(project, doc_id, user) as wf:
        unit = wf.unit(unit_id)
        _check_expected(unit, doc_id, expected)
        unit.target_text = proposal.text
        unit.origin = proposal.origin
        unit.proposal = Proposal(text=proposal.text, origin=proposal.origin,
                                 score=proposal.score, detail=proposal.detail)
        unit.state = State.TRANSLATED
        unit.reject_reason = ""
        record(unit, user, "accept",
               note=f"{proposal.origin} {proposal.score:.2f} {proposal.detail}".strip())
        return unit


def _require_english(unit: Unit, doc_id: str, action: str) -> None:
    if not unit.target_text.strip():
        raise WorkbenchError(
            f"{doc_id} {unit.id} has no English to {action}",
            fix=f"give it English first: `workbench edit {doc_id} {unit.id} TEXT` or "
            f"`workbench translate {doc_id}`")


def approve(project: Project, doc_id: str, unit_ids: str | Sequence[str], *,
            user: str) -> list[Unit]:
    """Mark units `reviewed`. All-or-nothing: an empty unit among them changes nothing.
    Signed-off (`final`) units stay final. Returns the units that changed."""
    changed = []
    with transaction(project, doc_id, user) as wf:
        units = [wf.unit(uid) for uid in _ids(unit_ids)]
        for unit in units:
            _require_english(unit, doc_id, "approve")
        for unit in units:
            if unit.state in (State.REVIEWED, State.FINAL):
                continue
            unit.state, unit.reject_reason = State.REVIEWED, ""
            record(unit, user, "approve", with_target=False)
            changed.append(unit)
    return changed


def sign_off(project: Project, doc_id: str, unit_ids: str | Sequence[str], *,
             user: str) -> list[Unit]:
    """Mark units `final` (the last review step). A rejected unit must be edited or
    approved first."""
    changed = []
    with transaction(project, doc_id, user) as wf:
        units = [wf.unit(uid) for uid in _ids(unit_ids)]
        for unit in units:
            _require_english(unit, doc_id, "sign off")
            if unit.state is State.REJECTED:
                raise WorkbenchError(
                    f"{doc_id} {unit.id} is rejected ({unit.reject_reason})",
                    fix="edit or approve it before signing it off")
        for unit in units:
            if unit.state is State.FINAL:
                continue
            unit.state = State.FINAL
            record(unit, user, "sign-off", with_target=False)
            changed.append(unit)
    return changed


def reject(project: Project, doc_id: str, unit_ids: str | Sequence[str], *, reason: str,
           user: str) -> list[Unit]:
    """Mark units `rejected`, with the reason (required: it tells the translator why)."""
    if not reason or not reason.strip():
        raise WorkbenchError("a rejection needs a reason", fix='add --reason "…"')
    changed = []
    with transaction(project, doc_id, user) as wf:
        units = [wf.unit(uid) for uid in _ids(unit_ids)]
        for unit in units:
            unit.state, unit.reject_reason = State.REJECTED, reason.strip()
            record(unit, user, "reject", note=reason.strip(), with_target=False)
            changed.append(unit)
    return changed


def lock(project: Project, doc_id: str, unit_ids: str | Sequence[str], *, user: str,
         locked: bool = True) -> list[Unit]:
    """Lock (or unlock) units' alignment: realignment keeps locked units as they are,
    and split/merge/shift refuse them."""
    changed = []
    with transaction(project, doc_id, user) as wf:
        for uid in _ids(unit_ids):
            unit = wf.unit(uid)
            if unit.locked != locked:
                unit.locked = locked
                record(unit, user, "lock" if locked else "unlock", with_target=False)
                changed.append(unit)
    return changed


def apply_proposals(project: Project, doc_id: str, proposals: Mapping[str, Proposal], *,
                    user: str) -> int:
    """Fill units that have no English and that no person edited, approved or rejected
    with a machine proposal (origin tm/rules/mt). Returns how many were filled."""
    if not proposals:
        return 0
    filled = 0
    with transaction(project, doc_id, user) as wf:
        for unit_id, proposal in proposals.items():
            unit = wf.unit(unit_id)
            if unit.target_text.strip() or touched_by_person(unit) or not proposal.text.strip():
                continue
            unit.target_text = proposal.text
            unit.origin = proposal.origin
            unit.proposal = Proposal(text=proposal.text, origin=proposal.origin,
                                     score=proposal.score, detail=proposal.detail)
            unit.state = State.TRANSLATED
            record(unit, user, "translate", note=proposal.detail)
            filled += 1
    return filled


def history(project: Project, doc_id: str, unit_id: str) -> list[HistoryEntry]:
    """A unit's history, oldest first."""
    return list(load_or_align(project, doc_id).unit(unit_id).history)
