"""Terminology and translation QA: small rules (id, severity, message, fix) over aligned
units, target-side rules over English-only documents, and a corpus-wide consistency
check. `check_unit` for one pair, `check_project` for documents of a project."""

from workbench.qa.rules import RULE_IDS, RULES, Rule
from workbench.qa.run import (
    check_consistency,
    check_project,
    check_target_text,
    check_unit,
    unit_issues,
)

__all__ = ["RULES", "RULE_IDS", "Rule", "check_consistency", "check_project",
           "check_target_text", "check_unit", "unit_issues"]
