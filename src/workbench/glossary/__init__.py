"""The glossary: glossary.yaml (schema, validation with file:line errors) and term
matching (source side by lemmas in any inflection, target side case-aware).

    from workbench.glossary import load_glossary
    g = load_glossary("glossary.yaml")
    g.match_source("… Председателя ЦК КПРФ …")  # → [TermHit(...), ...]
"""

from workbench.glossary.glossary import Glossary, TargetHit, glossary_from_text, load_glossary
from workbench.glossary.schema import KINDS, Entry

__all__ = ["KINDS", "Entry", "Glossary", "TargetHit", "glossary_from_text", "load_glossary"]
