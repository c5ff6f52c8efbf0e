"""The proposal chain: every engine's proposals for each unit, best first.

The registry below is the one list of engines, in the order they run (and the default
`--engine`): "tm" (translation-memory exact matches at 1.0, fuzzy ones above 75 %),
"rules" (letterhead rules, glossary-only segments, nothing to translate), "argos"
(neural MT where nothing cheaper answers). A new engine implements
`workbench.mt.proposals.ProposalEngine` and gets a line here.
"""

from __future__ import annotations

import dataclasses
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
    return propose_many([(units, context)], engines, progress=progress)[0]


def propose_many(documents: Sequence[tuple[Sequence[Unit], ProposalContext]],
                 engines: str | Iterable[str] | None = DEFAULT_ENGINES, *,
                 progress: Progress | None = None) -> list[dict[str, list[Proposal]]]:
    """`propose` for several documents at once, each with its own context: the quick
    engines run document by document, and each batched engine once over the units of
    all of them (with the first document's context: a batched engine must not depend on
    the document), so a model sees every distinct segment of a corpus once."""
    names = set(parse_engines(engines))
    chosen = [engine for name, engine in ENGINES.items() if name in names]
    found: list[dict[str, list[Proposal]]] = [{u.id: [] for u in units}
                                              for units, _ in documents]
    for engine in (e for e in chosen if not e.batched):
        for (units, context), seen in zip(documents, found, strict=True):
            wanted = [u for u in units if engine.wants(u, seen[u.id], context)]
            if wanted:
                for unit_id, more in engine.propose(wanted, context).items():
                    seen[unit_id].extend(more)
    batches = [(engine, [(d, u) for d, (units, context) in enumerate(documents)
                         for u in units if engine.wants(u, found[d][u.id], context)])
               for engine in chosen if engine.batched]
    if progress is not None:
        batched = {(d, u.id) for _, batch in batches for d, u in batch}
        for d, (units, _) in enumerate(documents):
            for unit in units:
                if (d, unit.id) not in batched:
                    progress(1)
    for engine, batch in batches:
        if not batch:
            continue
        if len(documents) == 1:
            for unit_id, more in engine.propose([u for _, u in batch], documents[0][1],
                                                progress).items():
                found[0][unit_id].extend(more)
            continue
        tagged = {f"{d}\x00{u.id}": (d, u.id) for d, u in batch}  # unit ids are per document
        units = [dataclasses.replace(u, id=f"{d}\x00{u.id}") for d, u in batch]
        for tag, more in engine.propose(units, documents[0][1], progress).items():
            d, unit_id = tagged[tag]
            found[d][unit_id].extend(more)
    return [{unit_id: _rank(proposals) for unit_id, proposals in seen.items()}
            for seen in found]
