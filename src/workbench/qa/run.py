"""The QA runner: rules over one unit's texts (or over English paragraphs), and the
consistency check over the renderings of many units. Which units of which documents
are checked is a use case: `workbench.ops.check`."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

import regex

from workbench.glossary import Glossary
from workbench.glossary.tokens import is_abbreviation_form
from workbench.inline import InlineCode
from workbench.model import Issue, Severity
from workbench.qa.registry import RULES, Finding
from workbench.qa.rules import TERM_INCONSISTENT, Context

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check_unit(source_text: str, target_text: str, glossary: Glossary | None, *,
               source_lang: str = "ru", target_lang: str = "en",
               codes: tuple[InlineCode, ...] = ()) -> list[Issue]:
    """All unit rules on one source ↔ target pair. With no source text (an English-only
    unit), only the target-side rules run."""
    ctx = Context(source_text, target_text, glossary, source_lang, target_lang, codes)
    has_source = bool(source_text.strip())
    if has_source and not target_text.strip():  # one error says it all: nothing translated
        return RULES["empty-target"].issues(ctx)
    issues: list[Issue] = []
    for rule in RULES.values():
        if rule.needs_source and not has_source:
            continue
        issues.extend(rule.issues(ctx))
    return issues


def _shift(issue: Issue, offset: int, doc_id: str | None) -> Issue:
    start = issue.start + offset if issue.start is not None else None
    end = issue.end + offset if issue.end is not None else None
    return dataclasses.replace(issue, start=start, end=end, doc_id=doc_id)


PARAGRAPH = regex.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


def check_target_text(text: str, glossary: Glossary | None, *, target_lang: str = "en",
                      doc_id: str | None = None) -> list[Issue]:
    """Target-side rules over a whole target text, paragraph by paragraph (offsets into
    `text`): what runs on documents that have no source text."""
    issues = []
    for m in PARAGRAPH.finditer(text):
        for issue in check_unit("", m.group(), glossary, target_lang=target_lang):
            issues.append(_shift(issue, m.start(), doc_id=doc_id))
    return issues


@dataclasses.dataclass(frozen=True)
class Rendering:
    """One target occurrence of a term, for the consistency check."""

    doc_id: str | None
    unit_id: str | None
    start: int
    end: int
    text: str
    form: str


def term_renderings(text: str, glossary: Glossary, doc_id: str | None, unit_id: str | None,
                    offset: int = 0) -> dict[str, list[Rendering]]:
    out: dict[str, list[Rendering]] = defaultdict(list)
    for h in glossary.target_hits(text):
        if h.status == "forbidden":  # reported as forbidden already
            continue
        if is_abbreviation_form(h.form):
            continue  # "CPSU" beside "Communist Party of the Soviet Union" is normal usage
        out[h.entry.id].append(Rendering(doc_id, unit_id, h.hit.start + offset,
                                         h.hit.end + offset, h.hit.text, h.form))
    return out


def check_consistency(renderings: dict[str, list[Rendering]],
                      glossary: Glossary) -> list[Issue]:
    """A term rendered by different listed forms across the corpus: every occurrence not in
    the preferred form (the canonical when used, else the most frequent) is reported with
    the canonical as the fix. Capitalisation alone is not counted (its own rule)."""
    issues = []
    for term_id, occ in renderings.items():
        forms: dict[str, list[Rendering]] = defaultdict(list)
        for r in occ:
            forms[r.form].append(r)
        if len(forms) < 2:
            continue
        entry = glossary.term(term_id)
        preferred = entry.en if entry.en in forms else max(forms, key=lambda f: len(forms[f]))
        used = "; ".join(f"'{f}' ×{len(rs)} ({', '.join(sorted({r.doc_id or '-' for r in rs}))})"
                         for f, rs in forms.items())
        for form, rs in forms.items():
            if form == preferred:
                continue
            for r in rs:
                finding = Finding(f"[{term_id}] is rendered several ways in the corpus: {used}",
                                  fix=entry.en, start=r.start, end=r.end)
                issues.append(TERM_INCONSISTENT.issue(finding, doc_id=r.doc_id,
                                                      unit_id=r.unit_id))
    return issues


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.doc_id or "", _unit_key(i.unit_id),
                                         i.start if i.start is not None else -1,
                                         SEVERITY_ORDER[i.severity], i.rule))


def _unit_key(unit_id: str | None) -> tuple:
    if not unit_id:
        return (0, 0, "")
    digits = regex.sub(r"\D", "", unit_id)
    return (1, int(digits) if digits else 0, unit_id)
