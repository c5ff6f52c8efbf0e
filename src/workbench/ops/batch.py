"""Batch review: approve, sign off, reject or lock many units at once, chosen by ids,
ranges (`u3-u9`), `--all`, a state or a minimum confidence.

Units chosen by a rule (a range, --all, a filter) that cannot take the action (no
English to approve; a rejected, or not yet reviewed, unit to sign off) are skipped and
reported; units named one by one keep the all-or-nothing rule of the single
operations. Approving or signing off English that has QA errors (as `workbench check`
reports them) is refused unless forced, and the errors are reported either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.model import Issue, Severity, State, Unit
from workbench.ops.check import check_documents, project_glossary
from workbench.ops.review import approve, lock, reject, sign_off
from workbench.ops.roles import require_role
from workbench.ops.select import select_units
from workbench.ops.working import load_or_align

if TYPE_CHECKING:
    from workbench.project import Project

ACTIONS = ("approve", "sign-off", "reject", "lock", "unlock")
APPROVING = frozenset({"approve", "sign-off"})


class QAErrorsRefused(WorkbenchError):
    """Approval refused because the English has QA errors; `issues` lists them by unit."""

    def __init__(self, message: str, issues: dict[str, list[Issue]], fix: str) -> None:
        super().__init__(message, fix=fix)
        self.issues = issues


@dataclass
class BatchResult:
    """What a batch did: the units it chose, changed, skipped (with why) and the QA
    errors of the English it approved (forced) or refused to approve."""

    doc_id: str
    action: str
    chosen: list[str] = field(default_factory=list)
    changed: list[Unit] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    qa_errors: dict[str, list[Issue]] = field(default_factory=dict)


# The batch actions a `[team]` role governs, as ops.roles words them.
ROLE_ACTIONS = {"approve": "approve", "sign-off": "sign off", "reject": "reject"}


def qa_errors(project: Project, doc_id: str, units: Sequence[Unit],
              unit_ids: Sequence[str]) -> dict[str, list[Issue]]:
    """The QA errors of those units, exactly as `workbench check DOC` reports them."""
    wanted = set(unit_ids)
    found: dict[str, list[Issue]] = {}
    for issue in check_documents(project, {doc_id: units}, project_glossary(project)):
        if issue.severity is Severity.ERROR and issue.unit_id in wanted:
            found.setdefault(issue.unit_id, []).append(issue)
    return found


def _is_range(spec: str, units: Sequence[Unit]) -> bool:
    return "-" in spec.strip("-") and all(u.id != spec for u in units)


def _skip_reason(unit: Unit, action: str, requires_review: bool) -> str:
    if action in APPROVING and not unit.target_text.strip():
        return "no English"
    if action == "sign-off" and unit.state is State.REJECTED:
        return "rejected"
    if action == "sign-off" and requires_review and \
            unit.state not in (State.REVIEWED, State.FINAL):
        return "not reviewed"
    return ""


def review_batch(project: Project, doc_id: str, action: str, specs: Sequence[str], *,
                 user: str, every: bool = False, state: State | None = None,
                 min_confidence: float | None = None, force: bool = False,
                 reason: str = "", expected: Mapping[str, str] | None = None,
                 expected_hash: Mapping[str, str] | None = None) -> BatchResult:
    """Apply `action` to the units chosen; see the module docstring for the rules.
    `expected`/`expected_hash` (unit id → the English the person saw, or its hash) go
    to approve, sign-off and reject, which refuse when that English changed."""
    if action not in ACTIONS:
        raise WorkbenchError(f"no batch action {action!r}", fix="use " + ", ".join(ACTIONS))
    project.check_id(doc_id)
    if action in ROLE_ACTIONS:  # someone who may not act at all hears that first
        require_role(project, user, ROLE_ACTIONS[action])
    units = load_or_align(project, doc_id).units
    chosen = select_units(units, specs, doc_id, every=every, state=state,
                          min_confidence=min_confidence)
    result = BatchResult(doc_id, action)
    # units picked by a rule rather than one by one: those that cannot take the action
    # are skipped (named one by one, the single operations' all-or-nothing rule holds)
    requires_review = project.settings.review.signoff_requires_review
    filtered = (every or state is not None or min_confidence is not None
                or any(_is_range(spec, units) for spec in specs))
    for unit in chosen:
        why = _skip_reason(unit, action, requires_review) if filtered else ""
        if why:
            result.skipped[unit.id] = why
        else:
            result.chosen.append(unit.id)
    if not result.chosen:
        if result.skipped:
            return result
        raise WorkbenchError(f"{doc_id}: no unit matches", fix="`workbench units "
                             f"{doc_id}` lists the units with their states and confidences")
    by_id = {u.id: u for u in units}
    if action in APPROVING and all(by_id[i].target_text.strip() for i in result.chosen):
        # (a unit without English is refused by the operation itself, with that reason)
        result.qa_errors = qa_errors(project, doc_id, units, result.chosen)
        if result.qa_errors and not force:
            ids = " ".join(result.qa_errors)
            raise QAErrorsRefused(
                f"{doc_id}: nothing was {'approved' if action == 'approve' else 'signed off'}"
                f": {len(result.qa_errors)} unit(s) have QA errors ({ids})", result.qa_errors,
                fix="fix them (`workbench check " + doc_id + "` lists them) or pass --force")
    seen = {"expected": expected, "expected_hash": expected_hash}
    if action == "approve":
        result.changed = approve(project, doc_id, result.chosen, user=user, **seen)
    elif action == "sign-off":
        result.changed = sign_off(project, doc_id, result.chosen, user=user, **seen)
    elif action == "reject":
        result.changed = reject(project, doc_id, result.chosen, reason=reason, user=user,
                                **seen)
    else:
        result.changed = lock(project, doc_id, result.chosen, user=user,
                              locked=action == "lock")
    return result
