"""The document screen's find box: text and filters in one line, as a reviewer types them.

    party leaders            units whose source or English has both words
    state:translated,rejected
    origin:tm-fuzzy          where the English came from (tm = exact or fuzzy; mt, rules,
                             manual, aligned)
    conf:low                 below the project's low-confidence threshold
    conf:<0.6  conf:0.5-0.8  a confidence band
    qa  qa:error  qa:warning units with QA issues (of that severity)

Terms combine with "and". No Textual import here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench import ops
from workbench.errors import WorkbenchError
from workbench.model import Issue, Severity, State, Unit

SYNTAX = ("words · state:S[,S] · origin:tm|tm-exact|tm-fuzzy|rules|mt|manual|aligned · "
          "conf:low|<X|>X|X-Y · qa[:error|warning]")


@dataclass(frozen=True)
class UnitFilter:
    words: tuple[str, ...] = ()
    states: frozenset[State] | None = None
    origins: frozenset[str] | None = None
    confidence: tuple[float, float] | None = None  # [low, high)
    qa: str | None = None  # "any", "error" or "warning"
    text: str = ""  # as typed

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def _number(text: str, term: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise WorkbenchError(f"{term!r}: {text!r} is not a number",
                             fix="e.g. conf:<0.6 or conf:0.5-0.8") from None
    if not 0.0 <= value <= 1.0:
        raise WorkbenchError(f"{term!r}: a confidence is from 0 to 1")
    return value


def _confidence(value: str, term: str, threshold: float) -> tuple[float, float]:
    if value == "low":
        return (0.0, threshold)
    if value.startswith("<"):
        return (0.0, _number(value[1:], term))
    if value.startswith(">"):
        return (_number(value[1:], term), 1.000001)
    low, dash, high = value.partition("-")
    if dash:
        return (_number(low, term), _number(high, term))
    raise WorkbenchError(f"{term!r}: write conf:low, conf:<X, conf:>X or conf:X-Y")


def parse_filter(text: str, threshold: float) -> UnitFilter:
    """The filter a find box holds (a WorkbenchError names a term it cannot read)."""
    words: list[str] = []
    states = origins = None
    confidence = None
    qa = None
    for term in text.split():
        key, colon, value = term.partition(":")
        key = key.lower()
        if not colon and key == "qa":
            qa = "any"
        elif not colon or key not in ("state", "origin", "conf", "qa"):
            words.append(term.casefold())
        elif key == "state":
            states = frozenset(ops.parse_state(v) for v in value.split(",") if v)
        elif key == "origin":
            wanted: set[str] = set()
            for name in value.lower().split(","):
                if name == "tm":
                    wanted |= {"tm-exact", "tm-fuzzy"}
                elif name in ops.ORIGIN_KINDS:
                    wanted.add(name)
                else:
                    raise WorkbenchError(f"{term!r}: no origin {name!r}",
                                         fix="tm, " + ", ".join(ops.ORIGIN_KINDS))
            origins = frozenset(wanted)
        elif key == "conf":
            confidence = _confidence(value.lower(), term, threshold)
        else:
            if value.lower() not in ("error", "warning", "any", ""):
                raise WorkbenchError(f"{term!r}: write qa, qa:error or qa:warning")
            qa = value.lower() or "any"
    return UnitFilter(tuple(words), states, origins, confidence, qa, text)


def matches(unit: Unit, wanted: UnitFilter, issues: Mapping[str, Sequence[Issue]]) -> bool:
    """Whether a unit passes every term of the filter (`issues`: QA issues by unit id)."""
    if wanted.states is not None and unit.state not in wanted.states:
        return False
    if wanted.origins is not None and ops.origin_kind(unit) not in wanted.origins:
        return False
    if wanted.confidence is not None:
        low, high = wanted.confidence
        if unit.confidence is None or not low <= unit.confidence < high:
            return False
    if wanted.qa is not None:
        found = issues.get(unit.id, ())
        if wanted.qa == "error":
            found = [i for i in found if i.severity is Severity.ERROR]
        elif wanted.qa == "warning":
            found = [i for i in found if i.severity is Severity.WARNING]
        if not found:
            return False
    if wanted.words:
        text = f"{unit.source_text}\n{unit.target_text}".casefold()
        if not all(word in text for word in wanted.words):
            return False
    return True


def go_to_index(units: Sequence[Unit], where: str) -> int | None:
    """The unit a "go to" answer names: an id ("u12") or a position ("12", 1-based)."""
    where = where.strip()
    for i, unit in enumerate(units):
        if unit.id == where:
            return i
    if where.isdigit() and 1 <= int(where) <= len(units):
        return int(where) - 1
    return None
