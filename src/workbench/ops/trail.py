"""A unit's review trail as people read it: each history entry with its English in full,
the English as it stood after every entry, and notes in words instead of the internal
segment indices the history stores (`[1]:[4]` → "source sentence 2, target sentence 5")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from workbench.model import HistoryEntry, Unit

# "[1,2]:[4]" as `align` records a bead, "[1]:[4] → [2]:[5]" as `relocate` does.
_BEAD = regex.compile(r"\[([\d, ]*)\]:\[([\d, ]*)\]")


def _numbers(text: str) -> list[int]:
    return [int(n) for n in regex.findall(r"\d+", text)]


def segments_in_words(indices: Sequence[int], side: str) -> str:
    """0-based segment indices as a person counts them: "source sentences 2–3"."""
    if not indices:
        return f"no {side} sentence"
    numbers = [i + 1 for i in indices]
    contiguous = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    if len(numbers) == 1:
        return f"{side} sentence {numbers[0]}"
    if contiguous:
        return f"{side} sentences {numbers[0]}–{numbers[-1]}"
    return f"{side} sentences " + ", ".join(map(str, numbers))


def _pair(match: regex.Match) -> str:
    return (f"{segments_in_words(_numbers(match.group(1)), 'source')}, "
            f"{segments_in_words(_numbers(match.group(2)), 'target')}")


def note_in_words(entry: HistoryEntry) -> str:
    """The entry's note for people: bead indices become sentence numbers (1-based);
    everything else is as written."""
    return _BEAD.sub(_pair, entry.note)


@dataclass(frozen=True)
class Version:
    """One entry of the trail with the English as it stood after it (`english`) and
    before it (`previous`); `changed` when the entry changed the English."""

    entry: HistoryEntry
    english: str
    previous: str
    note: str

    @property
    def changed(self) -> bool:
        return self.english != self.previous


def history_trail(unit: Unit) -> list[Version]:
    """The unit's history, oldest first, each entry with the full English after it
    (entries that do not record English, such as approve, keep the English before)."""
    versions = []
    english = ""
    for entry in unit.history:
        previous = english
        if entry.target is not None:
            english = entry.target
        versions.append(Version(entry, english, previous, note_in_words(entry)))
    return versions


def entry_json(version: Version) -> dict:
    e = version.entry
    return {"when": e.when, "who": e.who, "action": e.action,
            "state": e.state.value if e.state else None,
            "english": version.english, "english_changed": version.changed,
            "note": version.note, "stored_note": e.note}
