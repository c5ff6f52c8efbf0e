"""Terminology and translation QA: small rules (id, severity, message, fix) over one
unit's texts, target-side rules over English paragraphs, and a consistency check over
term renderings. `check_unit` for one pair; which units of a project are checked
together is `workbench.ops.check`."""

from workbench.qa.rules import RULE_IDS, RULES, Rule
from workbench.qa.run import check_consistency, check_target_text, check_unit

__all__ = ["RULES", "RULE_IDS", "Rule", "check_consistency", "check_target_text", "check_unit"]
