"""The glossary as the document screen asks it: term hits, canonical English, completion.

No Textual import here: the TUI's panels and the editor's completion read this view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.model import TermHit, Unit

if TYPE_CHECKING:
    from workbench.glossary import Glossary
    from workbench.project import Project


@dataclass
class GlossaryView:
    """The glossary as the document screen uses it: term hits, canonical English, QA.

    Results are cached by text: the table asks for the same rows again as it scrolls.
    """

    glossary: Glossary | None
    _source_hits: dict[str, list[TermHit]] = field(default_factory=dict)
    _target_hits: dict[str, list[TermHit]] = field(default_factory=dict)

    @classmethod
    def for_project(cls, project: Project) -> GlossaryView:
        """Load the project's glossary when it has one (a broken file raises WorkbenchError)."""
        return cls(project.glossary())

    def source_hits(self, text: str) -> list[TermHit]:
        if self.glossary is None:
            return []
        return _cached(self._source_hits, self.glossary.match_source, text)

    def target_hits(self, text: str) -> list[TermHit]:
        if self.glossary is None:
            return []
        return _cached(self._target_hits, self.glossary.match_target, text)

    def canonical(self, term_id: str) -> str:
        return self.glossary.term(term_id).en if self.glossary is not None else ""

    def unit_terms(self, unit: Unit) -> list[tuple[str, str, bool]]:
        """(Russian as found, canonical English, whether the English side has the term)."""
        in_target = {hit.term_id for hit in self.target_hits(unit.target_text)}
        seen: set[str] = set()
        out = []
        for hit in self.source_hits(unit.source_text):
            if hit.term_id in seen:
                continue
            seen.add(hit.term_id)
            out.append((hit.text, self.canonical(hit.term_id), hit.term_id in in_target))
        return out

    def completion_terms(self, unit: Unit) -> list[str]:
        """Canonical English to complete from: the unit's own terms first, then the rest."""
        own = [english for _, english, _ in self.unit_terms(unit)]
        rest = [t for t in self.all_english() if t not in own]
        return own + rest

    def all_english(self) -> list[str]:
        if self.glossary is None:
            return []
        return [e.en for e in self.glossary.entries if e.en]


def _cached(cache: dict[str, list[TermHit]], match: Callable[[str], Iterable[TermHit]],
            text: str) -> list[TermHit]:
    if not text:
        return []
    if text not in cache:
        cache[text] = list(match(text))
    return cache[text]
