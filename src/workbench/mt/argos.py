"""The "argos" engine: neural MT on the installed Argos package for the language pair,
glossary terms protected and verified, results cached in the project's cache folder
(`Project.cache_dir`).

It runs only where no exact TM match or letterhead rule already answers, and never on
a damaged line; it is batched, so many segments go into each model call and the model
loads once per process (a call for one unit, from the TUI, costs one short model call).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from workbench.model import Origin, Proposal, Unit
from workbench.mt.cache import cache_key, file_hash, shared_cache
from workbench.mt.engine import EngineSettings, MTResult, engine_label, get_engine
from workbench.mt.models import ModelInfo, find_model
from workbench.mt.proposals import Progress, ProposalContext
from workbench.mt.protect import Protected, protect, restore, verify
from workbench.mt.rules import is_damaged

MT_SKIP_SCORE = 0.95  # an exact TM match or a letterhead rule makes the model unnecessary
MT_MAX_SCORE = 0.8  # a model's guess never outranks an approved translation
MT_ISSUE_FACTOR = 0.5  # a proposal missing a glossary term ranks lower
RULES_VERSION = "lh2"  # what the model is given changes with the protected letterhead parts


class LocalTranslator:
    """Neural MT in this process, on the model loaded once (`get_engine`)."""

    window_units = 4096  # one chain call per window of a corpus: memory stays bounded

    def translate(self, model: ModelInfo, settings: EngineSettings, texts: Sequence[str]
                  ) -> Iterator[tuple[list[int], list[MTResult]]]:
        return get_engine(model, settings).translate_stream(texts)


def mt_proposals(context: ProposalContext, texts: Sequence[str], model: ModelInfo, *,
                 progress: Progress | None = None) -> list[Proposal]:
    """Neural proposals for `texts` (one each), glossary-protected, verified and cached.

    Each distinct text is translated once; results go into the cache as each batch
    finishes, so an interrupted run keeps them and a rerun asks the model only for the
    rest. Where the model runs is `context.translator` (this process when None)."""
    settings = context.settings or EngineSettings.from_env()
    glossary = context.glossary
    g_hash = file_hash(context.glossary_path) if glossary is not None else "none"
    keys = [cache_key("argos", RULES_VERSION, model.fingerprint, str(settings.beam_size),
                      settings.compute_type, str(settings.length_penalty), g_hash, text)
            for text in texts]
    cache = shared_cache(context.cache_dir) if context.cache_dir is not None else None
    found = cache.get_many(keys) if cache is not None else {}
    uses = Counter(keys)
    todo = [key for key in uses if key not in found]  # distinct, in first-seen order
    if progress is not None and len(todo) < len(uses):
        progress(sum(n for key, n in uses.items() if key in found))
    if todo:
        first = {key: i for i, key in reversed(list(enumerate(keys)))}
        protected = [protect(texts[first[key]], glossary, _rendered(texts[first[key]], context))
                     for key in todo]
        translator = context.translator or LocalTranslator()
        label = engine_label(model, settings)
        for indices, results in translator.translate(model, settings,
                                                     [p.text for p in protected]):
            fresh = {todo[i]: _proposal(protected[i], result, label)
                     for i, result in zip(indices, results, strict=True)}
            if cache is not None:
                cache.put_many(fresh)
            found.update(fresh)
            if progress is not None:
                progress(sum(uses[key] for key in fresh))
    return [found[key] for key in keys]


def _proposal(prot: Protected, result: MTResult, label: str) -> Proposal:
    english = restore(result.text, prot)
    issues = tuple(verify(english, prot))
    score = min(MT_MAX_SCORE, result.confidence) * (MT_ISSUE_FACTOR if issues else 1)
    detail = label + (f", {len(prot.terms)} glossary term(s) protected" if prot.terms else "")
    return Proposal(english, Origin.MT, round(score, 4), detail, issues)


def _rendered(text: str, context: ProposalContext) -> list[tuple[int, int, str, str]]:
    """The parts of `text` the letterhead rules can render, for the model to keep."""
    from workbench.mt.letterhead import protected_spans

    return [(s.start, s.end, s.english, s.kind)
            for s in protected_spans(text, context.source_lang, context.target_lang,
                                     romanisation=context.romanisation)]


class ArgosEngine:
    """Neural proposals where nothing cheaper is good enough."""

    name = "argos"
    label = "Argos MT"
    batched = True

    def wants(self, unit: Unit, found: Sequence[Proposal], context: ProposalContext) -> bool:
        return (bool(unit.source_text.strip()) and not is_damaged(list(found))
                and not any(p.score >= MT_SKIP_SCORE for p in found))

    def propose(self, units: Sequence[Unit], context: ProposalContext,
                progress: Progress | None = None) -> dict[str, list[Proposal]]:
        model = find_model(context.source_lang, context.target_lang)
        if model is None:  # nothing to run: these units are finished too
            if progress is not None:
                progress(len(units))
            return {}
        proposals = mt_proposals(context, [u.source_text for u in units], model,
                                 progress=progress)
        return {unit.id: [p] for unit, p in zip(units, proposals, strict=True)
                if p.text.strip()}
