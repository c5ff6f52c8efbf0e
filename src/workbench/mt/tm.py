"""Translation memory: approved units across the corpus, matched exactly or fuzzily.

Exact means equal after whitespace and case are normalised (score 1.0); fuzzy uses
rapidfuzz's normalised Levenshtein ratio over the same normalised text, above a
threshold (default 75 %), scored below any exact match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from workbench.model import Origin, Proposal, Unit
from workbench.mt.proposals import Progress, ProposalContext

FUZZY_THRESHOLD = 75.0
FUZZY_WEIGHT = 0.9  # a 100 % fuzzy hit (differs only in punctuation) still ranks below exact


@dataclass(frozen=True)
class TMEntry:
    source: str
    target: str
    doc_id: str
    unit_id: str

    @property
    def ref(self) -> str:
        return f"{self.doc_id}#{self.unit_id}"


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class TranslationMemory:
    entries: list[TMEntry] = field(default_factory=list)
    _exact: dict[str, list[TMEntry]] = field(default_factory=dict, repr=False)
    _keys: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            key = normalise(entry.source)
            if key and entry.target.strip():
                self._exact.setdefault(key, []).append(entry)
        self._keys = list(self._exact)

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, text: str, *, threshold: float = FUZZY_THRESHOLD, limit: int = 3,
               exclude: tuple[str, str] | None = None) -> list[Proposal]:
        """Exact proposals first, then up to `limit` fuzzy ones at or above `threshold` %.
        `exclude` = (doc_id, unit_id) leaves out the unit being translated itself."""
        key = normalise(text)
        if not key:
            return []
        out: list[Proposal] = []
        seen: set[str] = set()
        for entry in self._exact.get(key, []):
            if (entry.doc_id, entry.unit_id) == exclude or entry.target in seen:
                continue
            seen.add(entry.target)
            out.append(Proposal(entry.target, Origin.TM, 1.0, f"tm exact: {entry.ref}",
                                source=entry.source))
        if not self._keys:
            return out
        for match_key, ratio, _ in process.extract(key, self._keys, scorer=fuzz.ratio,
                                                   score_cutoff=threshold, limit=limit + 1):
            if match_key == key:
                continue
            for entry in self._exact[match_key]:
                if (entry.doc_id, entry.unit_id) == exclude or entry.target in seen:
                    continue
                seen.add(entry.target)
                out.append(Proposal(entry.target, Origin.TM, round(FUZZY_WEIGHT * ratio / 100, 4),
                                    f"tm fuzzy {ratio:.0f}%: {entry.ref}", source=entry.source))
                break
        return out


    def best_match(self, text: str, *, exclude: tuple[str, str] | None = None,
                   floor: float = 50.0) -> float:
        """The match percentage of the best entry for `text` (100: the same source text
        after whitespace and case are normalised; else rapidfuzz's ratio, 0 below
        `floor`), leaving out the `exclude` = (doc_id, unit_id) entry: what the match
        bands of `workbench stats` count."""
        key = normalise(text)
        if not key:
            return 0.0

        def usable(match_key: str) -> bool:
            return any((e.doc_id, e.unit_id) != exclude for e in self._exact[match_key])

        if key in self._exact and usable(key):
            return 100.0
        for match_key, ratio, _ in process.extract(key, self._keys, scorer=fuzz.ratio,
                                                   score_cutoff=floor, limit=4):
            if match_key != key and usable(match_key):
                return min(float(ratio), 99.0)  # only the same text is a 100 % match
        return 0.0


class MemoryEngine:
    """The "tm" engine: exact and fuzzy matches of the units' source texts."""

    name = "tm"
    label = "translation-memory"
    batched = False

    def wants(self, unit: Unit, found: Sequence[Proposal], context: ProposalContext) -> bool:
        return context.memory is not None and bool(unit.source_text.strip())

    def propose(self, units: Sequence[Unit], context: ProposalContext,
                progress: Progress | None = None) -> dict[str, list[Proposal]]:
        memory = context.memory
        if memory is None:
            return {}
        return {unit.id: memory.lookup(unit.source_text, exclude=(context.doc_id, unit.id)
                                       if context.doc_id else None) for unit in units}
