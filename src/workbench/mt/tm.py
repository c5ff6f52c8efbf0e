"""Translation memory: approved units across the corpus and the translation memories a
project imported (`tm/`), matched exactly or fuzzily.

Exact means equal after whitespace and case are normalised and inline codes are set
aside (score 1.0; 0.95 when only the codes differ); fuzzy uses rapidfuzz's normalised
Levenshtein ratio over the same normalised text, above a threshold (default 75 %),
scored below any exact match. A large memory is searched through a word index: only
entries sharing enough rare words with the text, and of a length that can reach the
threshold, are scored, so a lookup in 100,000 entries stays within milliseconds.

Every proposal names where it came from: `tm exact: doc#unit` for an approved unit
here, `tm exact: tm/NAME.tmx (tuid)` for an imported memory.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from workbench.inline import InlineCode, code_indices, plain
from workbench.model import Origin, Proposal, Unit
from workbench.mt.proposals import Progress, ProposalContext

FUZZY_THRESHOLD = 75.0
FUZZY_WEIGHT = 0.9  # a 100 % fuzzy hit (differs only in punctuation) still ranks below exact
CODES_DIFFER = 0.95  # an exact text whose inline codes differ from the unit's
MAX_CANDIDATES = 200  # entries scored per fuzzy lookup
SCAN_BELOW = 2000  # a memory this small is scanned whole


@dataclass(frozen=True)
class TMEntry:
    source: str
    target: str
    doc_id: str
    unit_id: str
    tm: str = ""  # the imported memory it came from ("" = an approved unit here)
    codes: tuple[InlineCode, ...] = ()

    @property
    def ref(self) -> str:
        if self.tm:
            return f"{self.tm} ({self.unit_id})" if self.unit_id else self.tm
        return f"{self.doc_id}#{self.unit_id}"


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _proposal_text(entry: TMEntry, unit_codes: Sequence[InlineCode]) -> tuple[str, bool]:
    """The entry's English for a unit: its codes mapped onto the unit's when they are
    the same codes in the same order, else left out. (text, codes agree)."""
    if not entry.codes:
        return entry.target, not unit_codes
    mine = [c.kind for c in unit_codes]
    theirs = [entry.codes[i].kind for i in code_indices(entry.source, entry.codes)]
    if mine and mine == theirs:
        order = code_indices(entry.source, entry.codes)
        mapping = {i: n for n, i in enumerate(order)}
        out = []
        for ch in entry.target:
            i = ord(ch) - 0xF0000
            if 0 <= i < len(entry.codes):
                if i in mapping:
                    out.append(chr(0xF0000 + mapping[i]))
            else:
                out.append(ch)
        return "".join(out), True
    return plain(entry.target, entry.codes), False


@dataclass
class TranslationMemory:
    entries: list[TMEntry] = field(default_factory=list)
    _exact: dict[str, list[TMEntry]] = field(default_factory=dict, repr=False)
    _keys: list[str] = field(default_factory=list, repr=False)
    _words: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            key = normalise(plain(entry.source, entry.codes))
            if key and entry.target.strip():
                self._exact.setdefault(key, []).append(entry)
        self._keys = list(self._exact)
        if len(self._keys) >= SCAN_BELOW:
            for n, key in enumerate(self._keys):
                for word in set(key.split()):
                    self._words.setdefault(word, []).append(n)

    def __len__(self) -> int:
        return len(self.entries)

    def _candidates(self, key: str, threshold: float) -> list[str]:
        """Keys that may reach `threshold`: all of a small memory; else those sharing the
        most of the text's rarer words, of a length the ratio allows."""
        if not self._words:
            return self._keys
        words = set(key.split())
        counts: Counter[int] = Counter()
        used = 0
        for word in sorted(words, key=lambda w: len(self._words.get(w, ())))[:8]:
            postings = self._words.get(word, ())
            if len(postings) > 3000 and counts:
                break  # the rarer words already chose the candidates
            counts.update(postings)
            used += 1
        if not counts:
            return []
        need = max(1, math.ceil(used * 0.25)) if used > 2 else 1
        ratio = threshold / 100  # a ratio r needs |a-b| ≤ (1-r)(a+b) of the lengths
        low, high = len(key) * ratio / (2 - ratio), len(key) * (2 - ratio) / ratio
        chosen = [self._keys[n] for n, c in counts.most_common(MAX_CANDIDATES * 4)
                  if c >= need and low <= len(self._keys[n]) <= high]
        return chosen[:MAX_CANDIDATES]

    def lookup(self, text: str, *, threshold: float = FUZZY_THRESHOLD, limit: int = 3,
               exclude: tuple[str, str] | None = None,
               codes: Sequence[InlineCode] = ()) -> list[Proposal]:
        """Exact proposals first, then up to `limit` fuzzy ones at or above `threshold` %.
        `exclude` = (doc_id, unit_id) leaves out the unit being translated itself;
        `codes` are the unit's inline codes (placeholders in `text`)."""
        key = normalise(plain(text, codes))
        if not key:
            return []
        out: list[Proposal] = []
        seen: set[str] = set()
        for entry in self._exact.get(key, []):
            if (entry.doc_id, entry.unit_id) == exclude and not entry.tm:
                continue
            target, agree = _proposal_text(entry, codes)
            if target in seen:
                continue
            seen.add(target)
            out.append(Proposal(target, Origin.TM, 1.0 if agree else CODES_DIFFER,
                                f"tm exact: {entry.ref}" + ("" if agree else
                                                            " (inline codes differ)"),
                                source=plain(entry.source, entry.codes)))
        if not self._keys:
            return out
        candidates = self._candidates(key, threshold)
        for match_key, ratio, _ in process.extract(key, candidates, scorer=fuzz.ratio,
                                                   score_cutoff=threshold, limit=limit + 1):
            if match_key == key:
                continue
            for entry in self._exact[match_key]:
                if (entry.doc_id, entry.unit_id) == exclude and not entry.tm:
                    continue
                target, _agree = _proposal_text(entry, codes)
                if target in seen:
                    continue
                seen.add(target)
                out.append(Proposal(target, Origin.TM, round(FUZZY_WEIGHT * ratio / 100, 4),
                                    f"tm fuzzy {ratio:.0f}%: {entry.ref}",
                                    source=plain(entry.source, entry.codes)))
                break
        return out

    def best_match(self, text: str, *, exclude: tuple[str, str] | None = None,
                   floor: float = 50.0) -> float:
        """The match percentage of the best entry for `text` (100: the same source text
        after whitespace and case are normalised; else rapidfuzz's ratio, 0 below
        `floor`), leaving out the `exclude` = (doc_id, unit_id) unit itself (imported
        memories always count): what the match bands of `workbench stats` count."""
        key = normalise(text)
        if not key:
            return 0.0

        def usable(match_key: str) -> bool:
            return any((e.doc_id, e.unit_id) != exclude or e.tm for e in self._exact[match_key])

        if key in self._exact and usable(key):
            return 100.0
        if not self._keys:
            return 0.0
        for match_key, ratio, _ in process.extract(key, self._candidates(key, floor),
                                                   scorer=fuzz.ratio, score_cutoff=floor,
                                                   limit=4):
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
        return {unit.id: memory.lookup(unit.source_text, codes=unit.codes,
                                       exclude=(context.doc_id, unit.id)
                                       if context.doc_id else None) for unit in units}
