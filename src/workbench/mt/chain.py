"""The proposal chain: every engine's proposals for each unit, best first.

The registry below is the one list of engines, in the order they run (and the default
`--engine`): "tm" (translation-memory exact matches at 1.0, fuzzy ones above 75 %),
"rules" (letterhead rules, glossary-only segments, nothing to translate), "argos"
(neural MT where nothing cheaper answers). A new engine implements
`workbench.mt.proposals.ProposalEngine` and gets a line here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.errors import WorkbenchError
from workbench.model import Proposal, Unit
from workbench.mt.argos import ArgosEngine
from workbench.mt.proposals import Progress, ProposalContext, ProposalEngine
from workbench.mt.rules import RulesEngine
from workbench.mt.tm import MemoryEngine

ENGINES: dict[str, ProposalEngine] = {
    engine.name: engine for engine in (MemoryEngine(), RulesEngine(), ArgosEngine())}
DEFAULT_ENGINES: tuple[str, ...] = tuple(ENGINES)


def parse_engines(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """"tm,rules,argos" → ("tm", "rules", "argos"); None → every engine; unknown names
    are a WorkbenchError."""
    if spec is None:
        return DEFAULT_ENGINES
    names = [n.strip() for n in (spec.split(",") if isinstance(spec, str) else spec)]
    names = [n for n in names if n]
    unknown = [n for n in names if n not in ENGINES]
    if unknown or not names:
        raise WorkbenchError(f"unknown engine {', '.join(unknown) or '(none)'}",
                             fix=f"choose from {','.join(ENGINES)}")
    return tuple(dict.fromkeys(names))


def _rank(proposals: list[Proposal]) -> list[Proposal]:
    out: list[Proposal] = []
    seen: set[str] = set()
    for proposal in sorted(proposals, key=lambda p: -p.score):
        if proposal.text in seen and proposal.score > 0:
            continue
        seen.add(proposal.text)
        out.append(proposal)
    return out


def propose(units: Sequence[Unit], context: ProposalContext,
            engines: str | Iterable[str] | None = DEFAULT_ENGINES, *,
            progress: Progress | None = None) -> dict[str, list[Proposal]]:
    """Proposals for each unit, best first (an empty list where no engine has one).

    Engines run in registry order whatever order `engines` names them in; `progress(n)`
    is told how many units were finished, as they finish.
    """
    names = set(parse_engines(engines))
    chosen = [engine for name, engine in ENGINES.items() if name in names]
    found: dict[str, list[Proposal]] = {unit.id: [] for unit in units}

    def take(proposals: dict[str, list[Proposal]]) -> None:
        for unit_id, more in proposals.items():
            found[unit_id].extend(more)

    for engine in (e for e in chosen if not e.batched):
        wanted = [u for u in units if engine.wants(u, found[u.id], context)]
        if wanted:
            take(engine.propose(wanted, context))
    batches = [(engine, [u for u in units if engine.wants(u, found[u.id], context)])
               for engine in chosen if engine.batched]
    if progress is not None:
        batched = {u.id for _, batch in batches for u in batch}
        for unit in units:
            if unit.id not in batched:
                progress(1)
    for engine, batch in batches:
        if batch:
            take(engine.propose(batch, context, progress))
    return {unit_id: _rank(proposals) for unit_id, proposals in found.items()}
