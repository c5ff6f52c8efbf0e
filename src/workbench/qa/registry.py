"""The QA rules, each declared once with its id, severity and description: the runner
and `workbench check --list-rules` both read this table.

A unit rule is a function of a `Context` (the unit's texts, languages, glossary hits)
yielding `Finding`s; the decorator registers it, and the runner turns each finding into
an `Issue` carrying the rule's id and severity. A corpus rule (consistency across
documents) is declared here too and computed by the runner over many units.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.model import Issue, Severity

if TYPE_CHECKING:
    from workbench.qa.rules import Context


@dataclass(frozen=True)
class Finding:
    """What a rule found: the message, a fix (the replacement English, when one is
    known) and where in the checked English it is."""

    message: str
    fix: str | None = None
    start: int | None = None
    end: int | None = None


Check = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    check: Check | None = None  # None: a corpus rule, computed by the runner
    needs_source: bool = True  # False: also runs on target-only text (English-only units)

    @property
    def scope(self) -> str:
        return "unit" if self.check is not None else "corpus"

    def issues(self, ctx: Context) -> list[Issue]:
        if self.check is None:
            return []
        return [self.issue(f) for f in self.check(ctx)]

    def issue(self, finding: Finding, **where: str | None) -> Issue:
        return Issue(rule=self.id, severity=self.severity, message=finding.message,
                     fix=finding.fix, start=finding.start, end=finding.end, **where)


RULES: dict[str, Rule] = {}  # in declaration order: the order issues of a unit come in


def _register(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise ValueError(f"QA rule {rule.id!r} is declared twice")
    RULES[rule.id] = rule
    return rule


def unit_rule(rule_id: str, severity: Severity, description: str, *,
              needs_source: bool = True) -> Callable[[Check], Check]:
    """Register the decorated function as the unit rule `rule_id`."""
    def register(check: Check) -> Check:
        _register(Rule(rule_id, severity, description, check, needs_source))
        return check
    return register


def corpus_rule(rule_id: str, severity: Severity, description: str) -> Rule:
    """Declare a rule the runner computes over many units (e.g. consistency)."""
    return _register(Rule(rule_id, severity, description))
