"""The proposal chain: for each unit, every engine's proposals, best first.

Engines, by name:
- "tm": translation-memory exact matches (score 1.0) and fuzzy matches above 75 %
  (approved units across the corpus, `workbench.store.approved_pairs`);
- "rules": letterhead rules, glossary-only segments, nothing-to-translate;
- "argos": neural MT on the installed Argos package, glossary terms protected and
  verified, results cached in `.workbench-cache/`.

The model runs only where no exact TM match or letterhead rule already answers, and
never on a damaged line. Everything heavy is loaded once per process, so a call for one
unit (the TUI) costs one short model call.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.model import Origin, Proposal, Unit
from workbench.mt.cache import ProposalCache, cache_key, file_hash
from workbench.mt.engine import EngineSettings, get_engine
from workbench.mt.letterhead import damage_reason
from workbench.mt.models import ModelInfo, find_model
from workbench.mt.protect import protect, restore, verify
from workbench.mt.rules import is_damaged, rule_proposals
from workbench.mt.tm import TranslationMemory, load_tm

ENGINES = ("tm", "rules", "argos")
DEFAULT_ENGINES = ENGINES
MT_SKIP_SCORE = 0.95  # an exact TM match or a letterhead rule makes the model unnecessary
MT_MAX_SCORE = 0.8  # a model's guess never outranks an approved translation
MT_ISSUE_FACTOR = 0.5  # a proposal missing a glossary term ranks lower


def parse_engines(spec: str | Iterable[str]) -> tuple[str, ...]:
    """"tm,rules,argos" → ("tm", "rules", "argos"); unknown names are a WorkbenchError."""
    names = [n.strip() for n in (spec.split(",") if isinstance(spec, str) else spec)]
    names = [n for n in names if n]
    unknown = [n for n in names if n not in ENGINES]
    if unknown or not names:
        raise WorkbenchError(f"unknown engine {', '.join(unknown) or '(none)'}",
                             fix=f"choose from {','.join(ENGINES)}")
    return tuple(dict.fromkeys(names))


@dataclass
class _Shared:
    """Per-project things loaded once and reused while unchanged on disk."""

    tm: TranslationMemory | None = None
    tm_stamp: tuple | None = None
    cache: ProposalCache | None = None


_SHARED: dict[Path, _Shared] = {}
_SHARED_LOCK = threading.Lock()


def _shared(project) -> _Shared:
    with _SHARED_LOCK:
        return _SHARED.setdefault(Path(project.root), _Shared())


def project_tm(project) -> TranslationMemory:
    """The project's translation memory, rebuilt when a working file changes."""
    shared = _shared(project)
    from workbench.project import files_stamp

    paths = sorted(Path(project.translations_dir).glob("*.xlf"))
    stamp = (tuple(paths), files_stamp(paths))
    if shared.tm is None or shared.tm_stamp != stamp:
        shared.tm, shared.tm_stamp = load_tm(project), stamp
    return shared.tm


def project_cache(project) -> ProposalCache | None:
    """The project's MT cache; None where it cannot be written (a read-only folder)."""
    shared = _shared(project)
    if shared.cache is None:
        try:
            shared.cache = ProposalCache(Path(project.root))
        except (OSError, sqlite3.Error):
            return None
    return shared.cache


def _rank(proposals: list[Proposal]) -> list[Proposal]:
    out: list[Proposal] = []
    seen: set[str] = set()
    for proposal in sorted(proposals, key=lambda p: -p.score):
        if proposal.text in seen and proposal.score > 0:
            continue
        seen.add(proposal.text)
        out.append(proposal)
    return out


def mt_proposals(project, texts: Sequence[str], model: ModelInfo, *,
                 settings: EngineSettings | None = None, glossary=None,
                 progress: Callable[[int], None] | None = None,
                 use_cache: bool = True) -> list[Proposal]:
    """Neural proposals for `texts` (one each), glossary-protected, verified and cached."""
    settings = settings or EngineSettings.from_env()
    g_hash = file_hash(Path(project.glossary_path)) if glossary is not None else "none"
    keys = [cache_key("argos", model.fingerprint, str(settings.beam_size),
                      settings.compute_type, str(settings.length_penalty), g_hash, text)
            for text in texts]
    cache = project_cache(project) if use_cache else None
    found = cache.get_many(keys) if cache is not None else {}
    todo = [i for i, key in enumerate(keys) if key not in found]
    if progress is not None and len(todo) < len(texts):
        progress(len(texts) - len(todo))
    if todo:
        engine = get_engine(model, settings)
        protected = [protect(texts[i], glossary) for i in todo]
        results = engine.translate([p.text for p in protected], progress=progress)
        fresh: dict[str, Proposal] = {}
        for i, prot, result in zip(todo, protected, results, strict=True):
            english = restore(result.text, prot)
            issues = tuple(verify(english, prot))
            score = min(MT_MAX_SCORE, result.confidence) * (MT_ISSUE_FACTOR if issues else 1)
            detail = engine.label + (f", {len(prot.terms)} glossary term(s) protected"
                                     if prot.terms else "")
            fresh[keys[i]] = Proposal(english, Origin.MT, round(score, 4), detail, issues)
        if cache is not None:
            cache.put_many(fresh)
        found.update(fresh)
    return [found[key] for key in keys]


def propose(project, units: Sequence[Unit], *, engines: Iterable[str] = DEFAULT_ENGINES,
            doc_id: str | None = None, settings: EngineSettings | None = None,
            progress: Callable[[int], None] | None = None,
            use_cache: bool = True) -> dict[str, list[Proposal]]:
    """Proposals for each unit, best first (an empty list where no engine has one).

    `doc_id` keeps a unit's own approved translation out of its TM matches; `progress(n)`
    is told how many units were finished, as they finish.
    """
    engines = parse_engines(engines)
    src, tgt = project.source_lang, project.target_lang
    glossary = project.glossary() if {"rules", "argos"} & set(engines) else None
    tm = project_tm(project) if "tm" in engines else None
    out: dict[str, list[Proposal]] = {}
    need_mt: list[tuple[str, str]] = []
    for unit in units:
        text = unit.source_text
        proposals: list[Proposal] = []
        if not text.strip() and "rules" in engines and damage_reason(unit.target_text):
            # e.g. an ASCII-stripped letterhead on the English side: say so, invent nothing
            proposals += rule_proposals(unit.target_text, None, src, tgt)
        if text.strip():
            if "rules" in engines:
                proposals += rule_proposals(text, glossary, src, tgt)
            if tm is not None:
                exclude = (doc_id, unit.id) if doc_id else None
                proposals += tm.lookup(text, exclude=exclude)
        out[unit.id] = proposals
        wants_model = ("argos" in engines and text.strip() and not is_damaged(proposals)
                       and not any(p.score >= MT_SKIP_SCORE for p in proposals))
        if wants_model:
            need_mt.append((unit.id, text))
        elif progress is not None:
            progress(1)
    model = find_model(src, tgt) if need_mt else None
    if model is None and progress is not None and need_mt:
        progress(len(need_mt))
    if model is not None:
        mt = mt_proposals(project, [t for _, t in need_mt], model, settings=settings,
                          glossary=glossary, progress=progress, use_cache=use_cache)
        for (unit_id, _), proposal in zip(need_mt, mt, strict=True):
            if proposal.text.strip():
                out[unit_id].append(proposal)
    return {unit_id: _rank(proposals) for unit_id, proposals in out.items()}
