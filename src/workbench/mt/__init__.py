"""Machine translation proposals: translation memory, rules (letterheads, glossary-only
segments), neural MT on Argos packages through CTranslate2 directly.

    from workbench.mt import propose
    propose(project, units)  # → {unit_id: [Proposal, …]} best first

Importing this package is light: models, CTranslate2 and the glossary load on first use.
"""

from __future__ import annotations


def propose(project, units, *, engines=("tm", "rules", "argos"), **options):
    """Proposals per unit id, best first (see `workbench.mt.chain.propose`)."""
    from workbench.mt.chain import propose as _propose

    return _propose(project, units, engines=engines, **options)


__all__ = ["propose"]
