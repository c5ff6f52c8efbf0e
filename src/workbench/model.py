"""The data model every layer shares: plain dataclasses, no behaviour beyond small helpers.

Data flows one way: files → `SideText` (decoded text, kept exactly) → `Block`s and
`Segment`s (offsets into that text) → `Bead`s (alignment) → `Unit`s (the reviewable,
stored thing, gathered per document in a `WorkingFile`) → `Issue`s and `Proposal`s →
storage and export.

The original text is never changed: everything else points into it by offsets.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.inline import InlineCode


class BlockKind(StrEnum):
    """Structural role of a run of lines in a document."""

    LETTERHEAD = "letterhead"  # sender's organisation, address, phone/fax, e-mail
    TITLE = "title"
    ADDRESSEE = "addressee"  # "To the leaders of …", salutation ("Dear comrades!")
    BODY = "body"
    SIGNATURE = "signature"  # "On behalf of …", position, name, place and date
    SIGNATORIES = "signatories"  # list of signing parties, one per line
    FURNITURE = "furniture"  # web-page furniture: comment forms, pingbacks, share lists

    @property
    def aligned_by_default(self) -> bool:
        """Furniture is kept and shown, but neither aligned nor translated by default."""
        return self is not BlockKind.FURNITURE


@dataclass(frozen=True)
class Flag:
    """A damage flag on a segment: `code` is machine-readable, `reason` is for people."""

    code: str  # "ascii-stripped" | "mojibake" | "mixed-script" | "replacement-char"
    reason: str


@dataclass(frozen=True)
class SideText:
    """One side of a document as read from disk.

    `text` is the decoded text with newlines normalised to "\\n" (the text "as read");
    `newline`, `encoding` and `bom` are what is needed to write the same bytes back.
    """

    path: Path
    lang: str
    text: str
    encoding: str
    bom: bool = False
    newline: str = "\n"
    # UTF-8 but for a few bytes: (byte offset in the file, offset in `text`) of each
    # sequence that was not UTF-8 and reads as U+FFFD (flagged `invalid-utf8`).
    invalid_utf8: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Block:
    """A typed run of the text: [start, end) offsets into `SideText.text`."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """A sentence, heading, list item or signature line.

    `text` is exactly `SideText.text[start:end]` (it may contain newlines);
    `block` is the index of its block in the side's block list.
    """

    text: str
    start: int
    end: int
    kind: BlockKind
    lang: str
    block: int = 0
    flags: tuple[Flag, ...] = ()


@dataclass
class Side:
    """A side of a document, read and segmented."""

    source: SideText
    completeness: str  # "full" | "excerpt"
    blocks: list[Block] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    flags: tuple[Flag, ...] = ()  # damage of the side as a whole (one per code, with a count)

    @property
    def lang(self) -> str:
        return self.source.lang

    @property
    def text(self) -> str:
        return self.source.text


@dataclass
class Document:
    """A document of the corpus: an id, its metadata, and up to two sides."""

    id: str
    title: str
    meta: dict
    source: Side | None  # the original (Russian in the shipped pair)
    target: Side | None  # the translation (English in the shipped pair)


@dataclass(frozen=True)
class Bead:
    """One alignment bead: indices of source and target segments, and a confidence in [0, 1]."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0

    def __str__(self) -> str:  # the `[i,j]:[k]` contract of `workbench align`
        return f"[{','.join(map(str, self.src))}]:[{','.join(map(str, self.tgt))}]"


class State(StrEnum):
    """XLIFF 2.0 segment states, plus `rejected` (kept with a reason)."""

    INITIAL = "initial"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    FINAL = "final"
    REJECTED = "rejected"


class Origin(StrEnum):
    """Where a unit's English came from."""

    ALIGNED = "aligned"
    TM = "tm"
    RULES = "rules"
    MT = "mt"
    MANUAL = "manual"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Issue:
    """A QA finding. `fix` is the replacement English (or None when no fix is known)."""

    rule: str
    severity: Severity
    message: str
    fix: str | None = None
    doc_id: str | None = None
    unit_id: str | None = None
    start: int | None = None  # offsets into the checked English text, where known
    end: int | None = None


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a text: [start, end) offsets into that text."""

    term_id: str
    start: int
    end: int
    text: str
    # how it matched: source "full" | "abbr"; target "canonical" | "variant" |
    # "forbidden" | "miscased" (a name whose capitalisation differs from every listed form)
    form: str = ""


@dataclass(frozen=True)
class Proposal:
    """A proposed English for a unit, labelled with its origin and a score in [0, 1]."""

    text: str
    origin: Origin
    score: float
    detail: str = ""  # e.g. "tm exact: ucp-cpsu-belarus-solidarity-2020#u3", "argos ru→en 0.0.1"
    issues: tuple[Issue, ...] = ()
    source: str = ""  # a TM match: the source text of the entry (shown beside the unit's)


def now_iso() -> str:
    """The current time as every record here writes it: ISO 8601, UTC, to the second
    (history entries, unit stamps, lock files; TMX dates are derived from it)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass
class HistoryEntry:
    """One change to a unit: who, when (ISO 8601, UTC), what, and the English after it."""

    when: str
    who: str
    action: str  # "align" | "edit" | "translate" | "approve" | "sign-off" | "reject" | "split" …
    target: str | None = None
    state: State | None = None
    note: str = ""


@dataclass
class Unit:
    """The reviewable thing: a bead (source segments + English) with a state and a history.

    `src`/`tgt` index `Document.source.segments` / `Document.target.segments` (the
    segments the unit was aligned from); `target_text` is the English as it stands now,
    which a person may have edited away from the original target segments.
    """

    id: str  # stable within its document ("u1", "u2", …); new ids on split
    src: list[int]
    tgt: list[int]
    source_text: str
    target_text: str
    kind: BlockKind = BlockKind.BODY
    state: State = State.INITIAL
    origin: Origin = Origin.ALIGNED
    confidence: float | None = None
    locked: bool = False
    # The source text sits in the translation file (e.g. a Russian letterhead left at the
    # top of the English file): `source_text` is the text of the `tgt` segments and
    # `target_text` is the English still to be written for it.
    source_in_target: bool = False
    reject_reason: str = ""
    proposal: Proposal | None = None  # the machine proposal the English started from, if any
    created_by: str = ""
    created_at: str = ""
    changed_by: str = ""
    changed_at: str = ""
    history: list[HistoryEntry] = field(default_factory=list)
    # Inline codes of another tool's markup: placeholder i in source_text/target_text is
    # `workbench.inline.placeholder(i)` (see workbench.inline). Empty for plain units.
    codes: tuple[InlineCode, ...] = ()
    # Notes another tool wrote on the unit (kept and written back).
    notes: tuple[str, ...] = ()
    conflict: Conflict | None = None  # set by a merge of two clones' work; needs a person


@dataclass(frozen=True)
class Conflict:
    """Two clones changed the same units in different ways, and git merged their work.

    Every unit of such a region names the region's first unit, its `anchor`; only the
    anchor holds `versions`: each is the region's units as one clone left them (English,
    state, who and when, segments, history), so a person can take one of them or write
    new English. Meanwhile the units shown are the first version's, waiting for review.
    """

    anchor: str
    versions: tuple[tuple[Unit, ...], ...] = ()


@dataclass
class WorkingFile:
    """One document's units as stored in `translations/<id>.xlf`.

    `version` counts saves (the optimistic check: a save refuses to overwrite a newer
    file); `next_id` is the next unit number, so ids are never reused.
    """

    doc_id: str
    units: list[Unit] = field(default_factory=list)
    version: int = 0
    next_id: int = 1
    source_lang: str = "ru"
    target_lang: str = "en"
    path: Path | None = None
    stored: bool = False
    segmentation: str = ""  # `segmentation_key` of the document when it was aligned

    def unit(self, unit_id: str) -> Unit:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        known = ", ".join(u.id for u in self.units[:5])
        raise WorkbenchError(
            f"{self.doc_id} has no unit {unit_id!r}", path=self.path,
            fix=f"unit ids look like {known or 'u1'}…; `workbench units {self.doc_id}` lists them")

    def index(self, unit_id: str) -> int:
        for i, unit in enumerate(self.units):
            if unit.id == unit_id:
                return i
        self.unit(unit_id)  # raises the error that names the document and the fix
        raise AssertionError("unreachable")

    def new_id(self) -> str:
        """A unit id never used in this file (ids of merged-away units are not reused:
        `next_id` only grows)."""
        used = {u.id for u in self.units}
        while f"u{self.next_id}" in used:
            self.next_id += 1
        unit_id = f"u{self.next_id}"
        self.next_id += 1
        return unit_id
