"""The block rules of a language, from its pack (`workbench.lang`), and of every language
the workbench has a pack for: contact lines, furniture and signatures may be in another
language than the document (a Russian letterhead on an English translation)."""

from __future__ import annotations

from workbench import lang
from workbench.lang.base import BlockRules

__all__ = ["BlockRules", "all_rules", "rules_for"]

_WITH_OTHERS: dict[int, list[BlockRules]] = {}


def rules_for(code: str) -> BlockRules:
    """The block rules for `code` (empty ones for a language without a pack)."""
    return lang.get(code).blocks


def all_rules(first: BlockRules) -> list[BlockRules]:
    """`first`, then the block rules of every other language with a pack."""
    found = _WITH_OTHERS.get(id(first))
    if found is None or found[0] is not first:
        found = [first, *(p.blocks for p in lang.packs() if p.blocks is not first)]
        _WITH_OTHERS[id(first)] = found
    return found
