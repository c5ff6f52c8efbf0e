"""Proposals and batch translation: a project's translation memory, glossary and MT
cache gathered for the proposal chain (`propose`, what the TUI asks per unit), and
`translate_document`, which fills English drafts for the units that have none.

Batch translation streams over the corpus a window of documents at a time, translates
each distinct segment once, and saves each document through `apply_proposals` (which
fills only units with no English that no person edited, approved or rejected); neural
results are cached as each model batch finishes, so an interrupted run keeps them, a
rerun continues where it stopped, and a rerun over finished work costs nothing.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.model import Proposal, State, Unit
from workbench.mt import chain
from workbench.mt.argos import LocalTranslator
from workbench.mt.chain import DEFAULT_ENGINES, ENGINES, parse_engines
from workbench.mt.engine import EngineSettings
from workbench.mt.letterhead import damage_reason
from workbench.mt.models import find_model, install_hint
from workbench.mt.proposals import Progress, ProposalContext, Translator
from workbench.mt.tm import TMEntry, TranslationMemory
from workbench.ops.review import apply_proposals
from workbench.ops.working import load_and_keep, load_or_align
from workbench.project import files_stamp
from workbench.tm import memory_files, tm_units

if TYPE_CHECKING:
    from workbench.project import Project

_MEMORIES: dict[Path, tuple[tuple, TranslationMemory]] = {}  # per project, while unchanged
_MEMORIES_LOCK = threading.Lock()


@dataclass
class DocResult:
    """What a batch run did to one document."""

    doc_id: str
    units: int = 0
    candidates: int = 0  # units with no English and something to translate
    filled: int = 0
    by_origin: Counter = field(default_factory=Counter)
    unfilled: list[str] = field(default_factory=list)  # unit ids with no usable proposal
    damaged: list[str] = field(default_factory=list)  # lines that lost their letters
    flagged: list[str] = field(default_factory=list)  # filled, but the proposal has issues
    proposals: dict[str, list[Proposal]] = field(default_factory=dict)  # dry run only


def best_usable(proposals: Sequence[Proposal]) -> Proposal | None:
    """The best proposal worth writing as a draft (a damaged line's has score 0: skipped)."""
    for proposal in proposals:
        if proposal.score > 0 and proposal.text.strip():
            return proposal
    return None


def candidates(units: Iterable[Unit]) -> list[Unit]:
    """Units with no English and something to translate (source text found in the
    translation file, such as a Russian letterhead, included: its unit has that text as
    source)."""
    return [u for u in units if not u.target_text.strip() and u.source_text.strip()]


def translate_document(project: Project, doc_id: str, *, user: str,
                       engines: Iterable[str] = DEFAULT_ENGINES,
                       settings: EngineSettings | None = None, dry_run: bool = False,
                       progress: Progress | None = None,
                       units: Sequence[Unit] | None = None,
                       translator: Translator | None = None) -> DocResult:
    """Translate one document's empty units (see `translate_documents`)."""
    loaded = None if units is None else {doc_id: units}
    return next(iter(translate_documents(project, [doc_id], user=user, engines=engines,
                                         settings=settings, dry_run=dry_run,
                                         progress=progress, loaded=loaded,
                                         translator=translator)))


def translate_documents(project: Project, doc_ids: Sequence[str], *, user: str,
                        engines: Iterable[str] = DEFAULT_ENGINES,
                        settings: EngineSettings | None = None, dry_run: bool = False,
                        progress: Progress | None = None,
                        loaded: Mapping[str, Sequence[Unit]] | None = None,
                        translator: Translator | None = None,
                        window_units: int | None = None) -> Iterator[DocResult]:
    """Fill the empty units of documents, streaming: documents are taken a window of
    about `window_units` units to fill at a time (so memory stays bounded however large
    the corpus), the proposal chain runs once per window (the model sees each distinct
    segment of the window once; what the cache already has is never translated again),
    and each document is saved through `apply_proposals`, which fills only units that
    still have no English and that no person edited, approved or rejected. Neural
    results are cached as each batch finishes, so an interrupted run keeps them and a
    rerun continues. A dry run saves nothing and keeps every proposal in its result.

    `loaded` gives documents' units already loaded; `translator` says where the model
    runs (this process when None, else e.g. a Ray cluster), and by default how many
    units a window holds."""
    engines = parse_engines(engines)
    memory = translation_memory(project) if "tm" in engines else None  # once per run
    if window_units is None:
        window_units = (translator or LocalTranslator()).window_units

    def units_of(doc_id: str) -> Sequence[Unit]:
        units = loaded.get(doc_id) if loaded is not None else None
        if units is None:
            units = (load_or_align(project, doc_id) if dry_run else
                     load_and_keep(project, doc_id, user=user)).units
        return units

    for window in _windows(((d, units_of(d)) for d in doc_ids), window_units):
        yield from _translate_window(project, window, user=user, engines=engines,
                                     settings=settings, dry_run=dry_run, progress=progress,
                                     memory=memory, translator=translator)


def _windows(documents: Iterable[tuple[str, Sequence[Unit]]], window_units: int
             ) -> Iterator[list[tuple[str, Sequence[Unit]]]]:
    """Documents taken together until they have about `window_units` units to fill."""
    window: list[tuple[str, Sequence[Unit]]] = []
    size = 0
    for document in documents:
        window.append(document)
        size += len(candidates(document[1]))
        if size >= window_units:
            yield window
            window, size = [], 0
    if window:
        yield window


def _translate_window(project: Project, window: Sequence[tuple[str, Sequence[Unit]]], *,
                      user: str, engines: tuple[str, ...], settings: EngineSettings | None,
                      dry_run: bool, progress: Progress | None,
                      memory: TranslationMemory | None,
                      translator: Translator | None) -> Iterator[DocResult]:
    todo = [(doc_id, candidates(units)) for doc_id, units in window]
    contexts = [proposal_context(project, engines, settings=settings, doc_id=doc_id,
                                 memory=memory, translator=translator) for doc_id, _ in todo]
    proposals = chain.propose_many([(units, context) for (_, units), context
                                    in zip(todo, contexts, strict=True)], engines,
                                   progress=progress)
    for (doc_id, units), (_, chunk), found in zip(window, todo, proposals, strict=True):
        result = DocResult(doc_id, units=len(units), candidates=len(chunk))
        result.damaged = [u.id for u in units
                          if damage_reason(u.source_text) or damage_reason(u.target_text)]
        chosen: dict[str, Proposal] = {}
        for unit in chunk:
            best = best_usable(found.get(unit.id, []))
            if best is None:
                result.unfilled.append(unit.id)
                continue
            chosen[unit.id] = best
            if best.issues:
                result.flagged.append(unit.id)
        if dry_run:
            result.proposals.update(found)
            result.filled = len(chosen)
            result.by_origin.update(str(p.origin) for p in chosen.values())
        else:
            result.filled = apply_proposals(project, doc_id, chosen, user=user)
            if result.filled == len(chosen):
                result.by_origin.update(str(p.origin) for p in chosen.values())
        yield result


def approved_pairs(project: Project) -> list[tuple[str, str, str, str]]:
    """(source, target, doc_id, unit_id) of every reviewed or final unit with both sides,
    across the corpus: the translation memory."""
    pairs = []
    for doc_id in store.stored_ids(project):
        wf = store.load_stored(project, doc_id)
        if wf is None:
            continue
        for unit in wf.units:
            if unit.state in (State.REVIEWED, State.FINAL) and unit.source_text.strip() \
                    and unit.target_text.strip():
                pairs.append((unit.source_text, unit.target_text, doc_id, unit.id))
    return pairs


def imported_entries(project: Project) -> list[TMEntry]:
    """The units of the memories imported into `tm/`, as memory entries naming their
    memory (and `tuid`) as the origin."""
    return [TMEntry(u.source, u.target, "", u.tuid, tm=u.tm, codes=u.codes)
            for u in tm_units(project)]


def translation_memory(project: Project) -> TranslationMemory:
    """The project's translation memory (approved units here, then the memories in
    `tm/`), rebuilt when a working file or a memory file changes."""
    paths = sorted(Path(project.translations_dir).glob("*.xlf"))
    memories = memory_files(project)
    stamp = (tuple(paths), files_stamp(paths), tuple(memories), files_stamp(memories))
    key = Path(project.root)
    with _MEMORIES_LOCK:
        cached = _MEMORIES.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    memory = TranslationMemory([TMEntry(*row) for row in approved_pairs(project)]
                               + imported_entries(project))
    with _MEMORIES_LOCK:
        _MEMORIES[key] = (stamp, memory)
    return memory


def propose(project: Project, units: Sequence[Unit], *,
            engines: str | Iterable[str] | None = DEFAULT_ENGINES,
            doc_id: str | None = None, settings: EngineSettings | None = None,
            progress: Progress | None = None,
            use_cache: bool = True) -> dict[str, list[Proposal]]:
    """Proposals for each unit, best first (an empty list where no engine has one).

    `doc_id` keeps a unit's own approved translation out of its TM matches; `progress(n)`
    is told how many units were finished, as they finish. Only what the chosen engines
    need is loaded (the glossary for rules and MT, the memory for tm).
    """
    names = parse_engines(engines)
    context = proposal_context(project, names, doc_id=doc_id, settings=settings,
                               use_cache=use_cache)
    return chain.propose(units, context, names, progress=progress)


def proposal_context(project: Project, names: Sequence[str], *, doc_id: str | None = None,
                     settings: EngineSettings | None = None, use_cache: bool = True,
                     memory: TranslationMemory | None = None,
                     translator: Translator | None = None) -> ProposalContext:
    """What the chosen engines need of the project (the glossary for rules and MT, the
    memory for tm: `memory`, else the project's when tm is chosen), loaded only for
    them; `translator` says where the model runs."""
    if memory is None and "tm" in names:
        memory = translation_memory(project)
    return ProposalContext(
        source_lang=project.source_lang, target_lang=project.target_lang,
        glossary=project.glossary() if {"rules", "argos"} & set(names) else None,
        glossary_path=Path(project.glossary_path), memory=memory,
        cache_dir=project.cache_dir if use_cache else None,
        settings=settings, doc_id=doc_id, languages=project.langid_languages,
        romanisation=project.settings.letterhead.romanisation, translator=translator)


def engine_settings(*, beam: int | None = None, threads: int | None = None) -> EngineSettings:
    """How the model runs: defaults, then `$WORKBENCH_MT_*`, then these overrides."""
    return EngineSettings.from_env(beam_size=beam, threads=threads)


def missing_model_note(project: Project, engines: Iterable[str]) -> str | None:
    """One line for when "argos" is asked for and no model for the project's pair is
    installed: what will be proposed instead, and how to install one."""
    names = parse_engines(engines)
    src, tgt = project.source_lang, project.target_lang
    if "argos" not in names or find_model(src, tgt) is not None:
        return None
    others = [ENGINES[name].label for name in names if name != "argos"]
    doing = (f"proposing {' and '.join(others)} only" if others else
             "nothing can be proposed (add --engine tm,rules)")
    return f"no {src}→{tgt} model installed: {doing}; {install_hint(src, tgt)}"
