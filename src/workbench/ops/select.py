"""Which units a command or a key means: ids and ranges (`u3-u9`), `--all`, a state, a
minimum confidence, and what counts as low confidence (one project setting, read by
the TUI's jump key and highlight, `workbench align` and the batch commands alike)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.model import Origin, State, Unit

if TYPE_CHECKING:
    from workbench.project import Project


def low_confidence(project: Project) -> float:
    """Below this alignment confidence a unit is "low confidence" (`[review]
    low_confidence` in workbench.toml, default 0.8)."""
    return project.settings.review.low_confidence


def is_low_confidence(unit: Unit, threshold: float) -> bool:
    """A unit the aligner was unsure of (units with no confidence, e.g. edited by
    split or merge, are not)."""
    return unit.confidence is not None and unit.confidence < threshold


# Where a unit's English came from, as the grid marks it and filters offer it: a TM
# match is exact when it scored 1.0 (the same source text), fuzzy otherwise.
ORIGIN_KINDS = ("tm-exact", "tm-fuzzy", "rules", "mt", "manual", "aligned")


def origin_kind(unit: Unit) -> str:
    """One of ORIGIN_KINDS."""
    if unit.origin is Origin.TM:
        exact = unit.proposal is not None and unit.proposal.score >= 1.0
        return "tm-exact" if exact else "tm-fuzzy"
    return unit.origin.value


def parse_state(name: str) -> State:
    try:
        return State(name)
    except ValueError:
        raise WorkbenchError(f"no state {name!r}", fix="use one of " + ", ".join(
            s.value for s in State)) from None


def _expand(units: Sequence[Unit], spec: str, doc_id: str) -> list[Unit]:
    """One id (`u7`) or a range of ids (`u3-u9`: every unit from u3 to u9 in document
    order, whatever their numbers after splits and merges)."""
    positions = {u.id: i for i, u in enumerate(units)}

    def where(unit_id: str) -> int:
        if unit_id not in positions:
            known = " ".join(u.id for u in units[:5])
            raise WorkbenchError(f"{doc_id} has no unit {unit_id!r}",
                                 fix=f"unit ids look like {known or 'u1'}…; "
                                 f"`workbench units {doc_id}` lists them")
        return positions[unit_id]

    if spec in positions or "-" not in spec.strip("-"):
        return [units[where(spec)]]
    first, _, last = spec.partition("-")
    start, end = where(first), where(last)
    if start > end:
        raise WorkbenchError(f"{doc_id}: the range {spec} runs backwards ({last} comes "
                             f"before {first})", fix=f"write it as {last}-{first}")
    return list(units[start:end + 1])


def select_units(units: Sequence[Unit], specs: Sequence[str], doc_id: str, *,
                 every: bool = False, state: State | None = None,
                 min_confidence: float | None = None) -> list[Unit]:
    """The units named by `specs` (ids and ranges), or all of them with `every` or when
    only filters are given; then those in `state` and with a confidence of at least
    `min_confidence`. In document order, each once."""
    if specs and every:
        raise WorkbenchError("give unit ids or --all, not both")
    if not specs and not every and state is None and min_confidence is None:
        raise WorkbenchError("which units?", fix="name unit ids or ranges (u3 u5-u9), or "
                             "--all, --state S, --min-confidence X")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise WorkbenchError(f"--min-confidence must be from 0 to 1, not {min_confidence}")
    chosen: list[Unit] = []
    seen: set[str] = set()
    for unit in ([u for spec in specs for u in _expand(units, spec, doc_id)] if specs
                 else list(units)):
        if unit.id in seen:
            continue
        seen.add(unit.id)
        if state is not None and unit.state is not state:
            continue
        if min_confidence is not None and (unit.confidence is None
                                           or unit.confidence < min_confidence):
            continue
        chosen.append(unit)
    return chosen
