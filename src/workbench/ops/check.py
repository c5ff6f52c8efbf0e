"""`workbench check`: QA over the units of documents, the one place that decides which
issues a unit has. The CLI, the corpus figures and the TUI's QA panel all ask here, so
they never disagree: the unit rules in the project's languages (only the target-side
ones where a unit has no source; web furniture is never checked), then the consistency
of term renderings across the documents checked together."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench import store
from workbench.glossary import Glossary, glossary_from_text
from workbench.model import BlockKind, Issue, Unit
from workbench.ops.working import load_or_align
from workbench.project import files_stamp
from workbench.qa.registry import RULES, Rule
from workbench.qa.run import (
    Rendering,
    check_consistency,
    check_unit,
    sort_issues,
    term_renderings,
)

if TYPE_CHECKING:
    from workbench.project import Project


def qa_rules() -> list[Rule]:
    """Every QA rule, in the order a unit's issues come in (`check --list-rules`)."""
    return list(RULES.values())


def project_glossary(project: Project) -> Glossary:
    """The project's glossary, or an empty one (the generic rules still run)."""
    return project.glossary() or glossary_from_text("terms: []\n")


def document_units(project: Project, doc_id: str) -> list[Unit]:
    """The document's units exactly as `workbench units` shows them (stored, or a fresh
    alignment with the same settings, not saved), so issue unit ids point at the units a
    person then approves or edits. English-only documents have units too (empty source)."""
    return load_or_align(project, doc_id).units


def unit_issues(project: Project, unit: Unit, glossary: Glossary) -> list[Issue]:
    """The unit rules on one unit, in the project's languages (none on web furniture)."""
    if unit.kind is BlockKind.FURNITURE:
        return []
    return check_unit(unit.source_text, unit.target_text, glossary,
                      source_lang=project.source_lang, target_lang=project.target_lang,
                      codes=unit.codes)


@dataclass
class CheckMemo:
    """Results per unit text kept between checks of mostly unchanged units (the TUI
    checks its document again after every change): the same answers, computed once."""

    glossary: Glossary | None = None
    langs: tuple[str, str] = ("", "")
    units: dict[tuple[BlockKind, str, str, tuple],
                tuple[list[Issue], dict[str, list[Rendering]]]] = field(default_factory=dict)
    # other documents' units, while their files are unchanged: (stamp, units)
    documents: dict[str, tuple[tuple, list[Unit]]] = field(default_factory=dict)

    def document_units(self, project: Project, doc_id: str, *,
                       embeddings: bool = True) -> list[Unit]:
        """`document_units`, read again only when one of the document's files changed."""
        stamp = (files_stamp([project.source_path(doc_id), project.target_path(doc_id),
                              store.working_path(project, doc_id)]), embeddings)
        found = self.documents.get(doc_id)
        if found is None or found[0] != stamp:
            units = load_or_align(project, doc_id, embeddings=embeddings).units
            found = self.documents[doc_id] = (stamp, units)
        return found[1]

    def results(self, project: Project, unit: Unit,
                glossary: Glossary) -> tuple[list[Issue], dict[str, list[Rendering]]]:
        langs = (project.source_lang, project.target_lang)
        if glossary is not self.glossary or langs != self.langs:
            self.glossary, self.langs, self.units = glossary, langs, {}
        key = memo_key(unit)
        found = self.units.get(key)
        if found is None:
            found = self.units[key] = _unit_results(project, unit, glossary)
        return found


def _unit_results(project: Project, unit: Unit,
                  glossary: Glossary) -> tuple[list[Issue], dict[str, list[Rendering]]]:
    """A unit's issues and its term renderings, not yet tied to its document and id."""
    return unit_results((project.source_lang, project.target_lang), memo_key(unit), glossary)


MemoKey = tuple[BlockKind, str, str, tuple]


def memo_key(unit: Unit) -> MemoKey:
    """What a unit's check results depend on (besides the glossary and languages)."""
    return (unit.kind, unit.source_text, unit.target_text, unit.codes)


def unit_results(langs: tuple[str, str], key: MemoKey,
                 glossary: Glossary) -> tuple[list[Issue], dict[str, list[Rendering]]]:
    """The check results of one unit text (`memo_key`): wherever they are computed (this
    process or a cluster), the same answer."""
    kind, source_text, target_text, codes = key
    issues = [] if kind is BlockKind.FURNITURE else check_unit(
        source_text, target_text, glossary, source_lang=langs[0], target_lang=langs[1],
        codes=codes)
    return issues, term_renderings(target_text, glossary, None, None)


def check_documents(project: Project, units_by_doc: Mapping[str, Sequence[Unit]],
                    glossary: Glossary, *, memo: CheckMemo | None = None) -> list[Issue]:
    """Every issue of these documents' units, consistency across them included, sorted
    by document, unit and position. `memo` keeps per-unit results between calls."""
    issues: list[Issue] = []
    renderings: dict[str, list[Rendering]] = defaultdict(list)
    for doc_id, units in units_by_doc.items():
        for unit in units:
            if unit.kind is BlockKind.FURNITURE:
                continue
            found, rendered = (memo.results(project, unit, glossary) if memo is not None
                               else _unit_results(project, unit, glossary))
            for issue in found:
                issues.append(dataclasses.replace(issue, doc_id=doc_id, unit_id=unit.id))
            for term_id, occurrences in rendered.items():
                renderings[term_id].extend(dataclasses.replace(r, doc_id=doc_id,
                                                               unit_id=unit.id)
                                           for r in occurrences)
    issues.extend(check_consistency(renderings, glossary))
    return sort_issues(issues)


def check_in_corpus(project: Project, doc_id: str, units: Sequence[Unit],
                    glossary: Glossary, *, memo: CheckMemo | None = None,
                    embeddings: bool = True) -> list[Issue]:
    """What `workbench check` (every document checked together) reports for `doc_id`,
    with `units` standing for that document's units (e.g. the ones a session shows):
    the unit rules, and term consistency across the whole corpus."""
    memo = memo if memo is not None else CheckMemo()
    units_by_doc: dict[str, Sequence[Unit]] = {}
    for other in project.document_ids():
        units_by_doc[other] = units if other == doc_id else memo.document_units(
            project, other, embeddings=embeddings)
    units_by_doc.setdefault(doc_id, units)
    return [issue for issue in check_documents(project, units_by_doc, glossary, memo=memo)
            if issue.doc_id == doc_id]


def check_project(project: Project, doc_ids: Sequence[str] | None = None, *,
                  glossary: Glossary | None = None,
                  results: Callable[[list[MemoKey], Glossary], CheckMemo] | None = None
                  ) -> list[Issue]:
    """QA over the units of `doc_ids` (default: every document), checked together.
    `results(keys, glossary)` may compute the per-unit results elsewhere (a cluster)
    for the distinct unit texts; consistency is then checked here, as always."""
    glossary = glossary if glossary is not None else project_glossary(project)
    ids = list(doc_ids) if doc_ids else project.document_ids()
    units_by_doc = {project.check_id(doc_id): document_units(project, doc_id)
                    for doc_id in ids}
    memo = None
    if results is not None:
        keys = list(dict.fromkeys(memo_key(u) for units in units_by_doc.values()
                                  for u in units if u.kind is not BlockKind.FURNITURE))
        memo = results(keys, glossary)
        memo.glossary, memo.langs = glossary, (project.source_lang, project.target_lang)
    return check_documents(project, units_by_doc, glossary, memo=memo)
