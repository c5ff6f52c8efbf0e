"""Terminology and translation QA: small rules over one unit's texts, each declared once
with id, severity and description (`workbench.qa.registry.RULES`); target-side rules
over English paragraphs; a consistency check over term renderings. `check_unit` for one
pair; which units of a project are checked together is `workbench.ops.check`."""

from workbench.qa.registry import RULES, Finding, Rule
from workbench.qa.run import check_consistency, check_target_text, check_unit

RULE_IDS = tuple(RULES)

__all__ = ["RULES", "RULE_IDS", "Finding", "Rule", "check_consistency", "check_target_text",
           "check_unit"]
