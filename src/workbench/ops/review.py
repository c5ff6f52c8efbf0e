"""Review operations on a unit's English and state: edit, approve, sign off, reject,
lock, and filling empty units with machine proposals."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from workbench.chars import check_storable, has_visible_text
from workbench.errors import WorkbenchError
from workbench.model import HistoryEntry, Origin, Proposal, State, Unit, WorkingFile
from workbench.ops.conflicts import refuse_conflicts, take
from workbench.ops.roles import require_four_eyes, require_role
from workbench.ops.transaction import record, touched_by_person, transaction
from workbench.ops.working import load_or_align

if TYPE_CHECKING:
    from workbench.project import Project


def _ids(unit_ids: str | Sequence[str]) -> list[str]:
    ids = [unit_ids] if isinstance(unit_ids, str) else list(unit_ids)
    if not ids:
        raise WorkbenchError("no unit given", fix="name at least one unit id, e.g. u1")
    return ids


def english_hash(text: str) -> str:
    """The SHA-256 (hex) of a unit's English as UTF-8: what a script that read the
    units (`workbench units ID --jsonl`) passes back as `--expect-hash`."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _english_changed(unit: Unit) -> tuple[str, str]:
    """Who last changed the unit's English, and when (the last history entry that
    records English; the unit's own stamp when the history says nothing)."""
    for entry in reversed(unit.history):
        if entry.target is not None:
            return entry.who, entry.when
    return unit.changed_by, unit.changed_at


def _check_expected(unit: Unit, doc_id: str, expected: str | None, *,
                    digest: str | None = None) -> None:
    """Refuse to act on English that changed since the caller read it (another session
    edited it meanwhile): an edit must not replace work it never saw, and an approval,
    sign-off or rejection must be of the English the person saw. `expected` is that
    English, `digest` its `english_hash`."""
    if expected is None and digest is None:
        return
    if (expected is None or unit.target_text == expected) and (
            digest is None or english_hash(unit.target_text) == digest.strip().lower()):
        return
    who, when = _english_changed(unit)
    raise WorkbenchError(
        f"{doc_id} {unit.id}: its English was changed by {who or 'someone'} at "
        f"{when or 'an unknown time'} since you read it; nothing was saved",
        fix="look at the new English, then make your change again")


def _storable(text: str, doc_id: str, unit_id: str) -> str:
    return check_storable(text, f"{doc_id} {unit_id}")


def _settle(wf: WorkingFile, unit: Unit, user: str) -> Unit:
    """New English for a unit in a conflict settles it: the units shown (version 1)
    stay, and this one takes the English."""
    if unit.conflict is None:
        return unit
    take(wf, unit.id, 1, user=user)
    return wf.unit(unit.id)


def edit(project: Project, doc_id: str, unit_id: str, text: str, *, user: str,
         expected: str | None = None) -> Unit:
    """Set the English of a unit. An approved unit goes back to `translated` (its new
    English needs approving again); empty English makes it `initial`. With `expected`
    (the English the caller last saw), a unit changed meanwhile is refused."""
    text = _storable(text, doc_id, unit_id)
    with transaction(project, doc_id, user) as wf:
        unit = wf.unit(unit_id)
        _check_expected(unit, doc_id, expected)
        unit = _settle(wf, unit, user)
        if text == unit.target_text and unit.state is not State.REJECTED:
            return unit
        unit.target_text = text
        unit.origin = Origin.MANUAL
        unit.state = State.TRANSLATED if has_visible_text(text) else State.INITIAL
        unit.reject_reason = ""
        record(unit, user, "edit")
        return unit


def accept(project: Project, doc_id: str, unit_id: str, proposal: Proposal, *,
           user: str, expected: str | None = None) -> Unit:
    """A person takes a proposal as the unit's English, replacing what it had: the unit
    keeps the proposal's origin and score (to diff against later), and the history says
    who chose it. Like an edit, the English then needs approving."""
    if not has_visible_text(proposal.text):
        raise WorkbenchError(f"{doc_id} {unit_id}: the proposal is empty",
                             fix="choose another proposal or edit the English")
    _storable(proposal.text, doc_id, unit_id)
    with transaction(project, doc_id, user) as wf:
        unit = _settle(wf, wf.unit(unit_id), user)
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
    if not has_visible_text(unit.target_text):
        shown = "no English" if not unit.target_text.strip() else \
            "only invisible characters (white space, zero-width or format characters)"
        raise WorkbenchError(
            f"{doc_id} {unit.id} has {shown} to {action}",
            fix=f"give it English first: `workbench edit {doc_id} {unit.id} TEXT` or "
            f"`workbench translate {doc_id}`")


Seen = Mapping[str, str]  # unit id → what the person saw of its English


def _units(wf, doc_id: str, unit_ids: str | Sequence[str], expected: Seen | None,
           expected_hash: Seen | None) -> list[Unit]:
    """The named units, each checked against the English the caller saw (when given)."""
    units = [wf.unit(uid) for uid in _ids(unit_ids)]
    for unit in units:
        _check_expected(unit, doc_id, (expected or {}).get(unit.id),
                        digest=(expected_hash or {}).get(unit.id))
    return units


def approve(project: Project, doc_id: str, unit_ids: str | Sequence[str], *,
            user: str, expected: Seen | None = None,
            expected_hash: Seen | None = None) -> list[Unit]:
    """Mark units `reviewed`. All-or-nothing: an empty unit among them changes nothing.
    Signed-off (`final`) units stay final. `expected` (unit id → the English the
    person saw) or `expected_hash` (unit id → its `english_hash`) refuse the whole
    command when a unit's English changed meanwhile. Returns the units that changed."""
    require_role(project, user, "approve")
    changed = []
    with transaction(project, doc_id, user) as wf:
        units = _units(wf, doc_id, unit_ids, expected, expected_hash)
        refuse_conflicts(units, doc_id, "approve")
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
             user: str, expected: Seen | None = None,
             expected_hash: Seen | None = None) -> list[Unit]:
    """Mark units `final` (the last review step). Only `reviewed` units can be signed
    off, unless the project sets `[review] signoff_requires_review = false` (then any
    unit with English but a rejected one). All-or-nothing; `expected`/`expected_hash`
    as for `approve`."""
    requires_review = project.settings.review.signoff_requires_review
    require_role(project, user, "sign off")
    changed = []
    with transaction(project, doc_id, user) as wf:
        units = _units(wf, doc_id, unit_ids, expected, expected_hash)
        refuse_conflicts(units, doc_id, "sign off")
        for unit in units:
            _require_english(unit, doc_id, "sign off")
            if unit.state is State.REJECTED:
                raise WorkbenchError(
                    f"{doc_id} {unit.id} is rejected ({unit.reject_reason})",
                    fix="edit or approve it before signing it off")
            if requires_review and unit.state not in (State.REVIEWED, State.FINAL):
                raise WorkbenchError(
                    f"{doc_id} {unit.id} is {unit.state.value}, not reviewed: only approved "
                    "English can be signed off; nothing was saved",
                    fix=f"approve it first (`workbench approve {doc_id} {unit.id}`), or set "
                    "[review] signoff_requires_review = false in workbench.toml")
            if unit.state is not State.FINAL:
                require_four_eyes(project, user, doc_id, unit)
        for unit in units:
            if unit.state is State.FINAL:
                continue
            unit.state = State.FINAL
            record(unit, user, "sign-off", with_target=False)
            changed.append(unit)
    return changed


def reject(project: Project, doc_id: str, unit_ids: str | Sequence[str], *, reason: str,
           user: str, expected: Seen | None = None,
           expected_hash: Seen | None = None) -> list[Unit]:
    """Mark units `rejected`, with the reason (required: it tells the translator why).
    `expected`/`expected_hash` as for `approve`: a rejection names English too."""
    if not reason or not has_visible_text(reason):
        raise WorkbenchError("a rejection needs a reason", fix='add --reason "…"')
    reason = check_storable(reason, f"{doc_id} the reason").strip()
    require_role(project, user, "reject")
    changed = []
    with transaction(project, doc_id, user) as wf:
        units = _units(wf, doc_id, unit_ids, expected, expected_hash)
        refuse_conflicts(units, doc_id, "reject")
        for unit in units:
            unit.state, unit.reject_reason = State.REJECTED, reason
            record(unit, user, "reject", note=reason, with_target=False)
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
            if (has_visible_text(unit.target_text) or touched_by_person(unit)
                    or unit.conflict is not None or not has_visible_text(proposal.text)):
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
