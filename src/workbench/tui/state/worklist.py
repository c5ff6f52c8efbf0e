"""What a document's units look like as a work list: rows, navigation, filters, diffs.

The TUI draws these rows and moves between them, but the rules (what counts as
unreviewed or low-confidence, where web furniture is folded, when a segment gets a
language badge, how a final English differs from the machine proposal) live here so
that they are tested without a terminal and shared with any other front end.
No Textual import here.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from workbench import ops
from workbench.inline import plain, visible
from workbench.model import BlockKind, Document, Flag, Origin, Proposal, Segment, State, Unit

# States a reviewer still has to look at.
UNREVIEWED_STATES = frozenset({State.INITIAL, State.TRANSLATED, State.REJECTED})


@dataclass(frozen=True)
class Row:
    """One row of the work list: a unit (``unit_index`` >= 0) or a fold of furniture lines.

    ``source_badge``/``target_badge`` name the language of a side's segments when it is
    not that side's language (e.g. Russian text inside an English file); a unit whose
    source was found in the translation file says so on its source side ("en file").
    """

    unit_index: int
    kind: BlockKind
    source_text: str
    target_text: str
    source_badge: str = ""
    target_badge: str = ""
    flags: tuple[Flag, ...] = ()
    folded: int = 0  # number of furniture segments this fold row stands for

    @property
    def is_fold(self) -> bool:
        return self.unit_index < 0


def _badge(segments: Sequence[Segment], indices: Iterable[int], side_lang: str) -> str:
    """The language of the segments when it differs from the side's ("und" is no language)."""
    langs = []
    for i in indices:
        if 0 <= i < len(segments):
            lang = segments[i].lang
            if lang not in (side_lang, "und") and lang not in langs:
                langs.append(lang)
    return "+".join(langs)


def _flags(segments: Sequence[Segment], indices: Iterable[int]) -> tuple[Flag, ...]:
    found: list[Flag] = []
    for i in indices:
        if 0 <= i < len(segments):
            found.extend(f for f in segments[i].flags if f not in found)
    return tuple(found)


def build_rows(units: Sequence[Unit], doc: Document | None = None) -> list[Row]:
    """Rows for `units` in order, with badges and damage flags from `doc`'s segments.

    Furniture segments of the English side that no unit covers are folded into one row
    placed after the last unit before them, so the reader sees that they exist without
    them taking the screen.
    """
    src_segments: Sequence[Segment] = doc.source.segments if doc and doc.source else ()
    tgt_segments: Sequence[Segment] = doc.target.segments if doc and doc.target else ()
    src_lang = doc.source.lang if doc and doc.source else ""
    tgt_lang = doc.target.lang if doc and doc.target else ""
    covered = {i for unit in units for i in unit.tgt}
    folds = _furniture_runs(tgt_segments, covered)
    rows: list[Row] = []
    fold_iter = iter(folds)
    pending = next(fold_iter, None)
    for index, unit in enumerate(units):
        first_tgt = min(unit.tgt) if unit.tgt else None
        while pending is not None and first_tgt is not None and pending[0] < first_tgt:
            rows.append(_fold_row(tgt_segments, pending))
            pending = next(fold_iter, None)
        if unit.source_in_target:  # source text found in the translation file: say so
            source_badge, target_badge = f"{tgt_lang} file" if tgt_lang else "", ""
        else:
            source_badge = _badge(src_segments, unit.src, src_lang) if src_lang else ""
            target_badge = _badge(tgt_segments, unit.tgt, tgt_lang) if tgt_lang else ""
        rows.append(Row(
            unit_index=index,
            kind=unit.kind,
            source_text=visible(unit.source_text, unit.codes),
            target_text=visible(unit.target_text, unit.codes),
            source_badge=source_badge,
            target_badge=target_badge,
            flags=_flags(src_segments, unit.src) + _flags(tgt_segments, unit.tgt),
        ))
    while pending is not None:
        rows.append(_fold_row(tgt_segments, pending))
        pending = next(fold_iter, None)
    return rows


def _furniture_runs(segments: Sequence[Segment], covered: set[int]) -> list[tuple[int, int]]:
    """Runs [start, end) of consecutive uncovered furniture segments."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, seg in enumerate(segments):
        loose = seg.kind is BlockKind.FURNITURE and i not in covered
        if loose and start is None:
            start = i
        elif not loose and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(segments)))
    return runs


def _fold_row(segments: Sequence[Segment], run: tuple[int, int]) -> Row:
    first = " ".join(segments[run[0]].text.split())
    return Row(unit_index=-1, kind=BlockKind.FURNITURE, source_text="",
               target_text=first, folded=run[1] - run[0])


# --- what a reviewer looks for ------------------------------------------------------

def is_unreviewed(unit: Unit) -> bool:
    return unit.state in UNREVIEWED_STATES


def has_conflict(unit: Unit) -> bool:
    """Two clones changed the unit in different ways: a person must settle it."""
    return unit.conflict is not None


def is_low_confidence(unit: Unit, threshold: float) -> bool:
    """Below the project's threshold (`ops.low_confidence(project)`, `[review]
    low_confidence`): highlighted, and reached with "next low-confidence"."""
    return ops.is_low_confidence(unit, threshold)


# The grid's mark for where a unit's English came from (`ops.origin_kind`).
ORIGIN_MARK = {"tm-exact": "T", "tm-fuzzy": "≈", "rules": "r", "mt": "m", "manual": "e",
               "aligned": " "}


def next_index(count: int, start: int, wanted: Callable[[int], bool], *,
               backwards: bool = False) -> int | None:
    """The next index after `start` (wrapping round) for which `wanted` is true, or None."""
    step = -1 if backwards else 1
    for offset in range(1, count + 1):
        i = (start + step * offset) % count
        if wanted(i):
            return i
    return None


# The filter that shows only units in a conflict (an entry of the state filter's cycle).
CONFLICTS = "conflicts"


def filter_rows(rows: Sequence[Row], units: Sequence[Unit],
                states: Iterable[State] | str | None,
                keep: Callable[[Unit], bool] | None = None) -> list[Row]:
    """Rows whose unit is in one of `states` (in a conflict when `states` is
    `CONFLICTS`) and passes `keep` (all rows when both are None; folds go as soon as
    anything is filtered)."""
    if states is None and keep is None:
        return list(rows)
    wanted = set(states) if states is not None and states != CONFLICTS else None

    def shown(unit: Unit) -> bool:
        if states == CONFLICTS:
            return has_conflict(unit)
        return wanted is None or unit.state in wanted

    return [r for r in rows if not r.is_fold and shown(units[r.unit_index])
            and (keep is None or keep(units[r.unit_index]))]


# --- what changed -------------------------------------------------------------------

_TOKEN = regex.compile(r"\s+|\w+|[^\w\s]", regex.UNICODE)


@dataclass(frozen=True)
class DiffPart:
    """A piece of a word diff: op is "=", "-" (only in the old text) or "+" (only in the new)."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """Word-level diff of `old` (e.g. the machine proposal) against `new` (the final English)."""
    a = _TOKEN.findall(old)
    b = _TOKEN.findall(new)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(DiffPart("-", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("+", "".join(b[j1:j2])))
    return parts


_MATCH = regex.compile(r"tm (?:exact|fuzzy (\d+)%): (.+)$")


def match_source(unit: Unit, proposal: Proposal) -> tuple[str, str, list[DiffPart]] | None:
    """For a TM proposal, what a translator reads beside it: the match percentage, the
    document and unit it came from, and the TM's source against this unit's source as a
    word diff ("-": only in the TM's, "+": only in this one). None for other proposals."""
    if proposal.origin is not Origin.TM or not proposal.source:
        return None
    found = _MATCH.search(proposal.detail)
    percent = "100%" if found is None or found.group(1) is None else f"{found.group(1)}%"
    where = found.group(2) if found is not None else proposal.detail
    return percent, where, word_diff(proposal.source, plain(unit.source_text, unit.codes))


# --- layout -------------------------------------------------------------------------

def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells, as [start, end) offsets into `text`.

    Offsets (not copies) so that highlights found in the text (glossary terms) can be
    drawn on the wrapped lines. Newlines count as spaces. Always at least one line.
    """
    width = max(1, width)
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        while start < n and text[start] in " \n\t":
            start += 1
        if start >= n:
            break
        end = start + width
        if end >= n:
            lines.append((start, n))
            break
        cut = max(text.rfind(" ", start, end + 1), text.rfind("\n", start, end + 1))
        if cut <= start:
            cut = end
        lines.append((start, cut))
        start = cut
    return lines or [(0, 0)]


def fit_middle(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut in the middle ("C-Projects-…Printer.doc"):
    a long document id keeps its start and its end (where file names differ)."""
    if len(text) <= width:
        return text
    if width < 3:
        return text[:max(0, width)]
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head):]


# --- completion ---------------------------------------------------------------------

_WORD_START = regex.compile(r"(?:^|(?<=\s))\S")


def term_completions(before_cursor: str, terms: Sequence[str],
                     max_words: int = 6) -> list[tuple[int, str]]:
    """Glossary terms that complete the text typed just before the cursor.

    Returns (characters to replace, replacement) pairs, in the order of `terms` (put the
    terms of the unit's source first), trying the longest run of trailing words first so
    that "Communist Pa" completes to "Communist Party of …". Case-insensitive; a term is
    offered only when it is longer than what was typed.
    """
    if not before_cursor or before_cursor[-1].isspace():
        return []
    starts = [m.start() for m in _WORD_START.finditer(before_cursor)][-max_words:]
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for start in starts:  # longest typed run first
        typed = before_cursor[start:]
        low = typed.casefold()
        for term in terms:
            if term in seen or len(term) <= len(typed):
                continue
            if term.casefold().startswith(low):
                found.append((len(typed), term))
                seen.add(term)
    return found

