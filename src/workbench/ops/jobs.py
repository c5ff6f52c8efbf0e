"""Jobs from other tools: an XLIFF whose documents this project does not have.

As a new document: each `<file>` becomes `sources/<id>.<lang>.txt` (its source texts,
one paragraph per unit, to read), `sources/<id>.meta.yaml` (where it came from) and its
working file, whose units are the file's units — their ids, sources with inline codes
and segments, English, states and notes as the file has them. The other tool segmented
the text, so the units point into no segments of ours: split, merge, shift and realign
refuse such a document (`refuse_job`).

Into an existing document (`into`): each unit of the file is matched to a unit here by
its source text (whitespace and inline codes aside; the n-th repetition of a sentence to
the n-th here) and applied, skipped (no match, nothing translated there) or reported as
a conflict (English here that a person wrote or approved).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import store
from workbench.chars import check_storable, has_visible_text
from workbench.errors import WorkbenchError
from workbench.formats.import_model import ImportedUnit
from workbench.formats.registry import Importer
from workbench.inline import plain
from workbench.model import Document, HistoryEntry, Origin, State, Unit, WorkingFile, now_iso
from workbench.ops.import_rules import (
    APPROVED,
    ImportReport,
    apply_import,
    file_approves,
    norm,
    refused_text,
)
from workbench.ops.transaction import record, touched_by_person, transaction
from workbench.store.atomic import atomic_write

if TYPE_CHECKING:
    from workbench.project import Project

_UNIT_ID = re.compile(r"[^\s\x00-\x1f\x7f]{1,100}")
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def refuse_job(doc: Document, what: str) -> None:
    """Units of an imported job are the other tool's segments, not alignment beads."""
    imported = doc.meta.get("imported")
    if isinstance(imported, dict):
        raise WorkbenchError(
            f"{doc.id} was imported from {imported.get('file', 'another tool')} as a job: "
            f"its units are that tool's segments and cannot be {what}",
            fix="edit, approve or reject its units; export it back with `workbench export "
            f"{doc.id} --format xliff12`")


def lang_matches(code: str, wanted: str) -> bool:
    """`ru`, `ru-RU`, `RU`, `ru_RU` all mean Russian: the primary subtags agree."""
    return code.replace("_", "-").split("-")[0].casefold() == \
        wanted.replace("_", "-").split("-")[0].casefold()


def _check_languages(project: Project, imports: list[ImportedUnit], path: Path) -> None:
    info = imports[0].file
    if info is None:
        return
    src, tgt = info.source_lang, info.target_lang
    if (src and not lang_matches(src, project.source_lang)) or (
            tgt and not lang_matches(tgt, project.target_lang)):
        raise WorkbenchError(
            f"is a {src or '?'}→{tgt or '?'} job; this project translates "
            f"{project.source_lang}→{project.target_lang}", path=path,
            fix="import it into a project for that pair (`[languages]` in workbench.toml); "
            "nothing was changed")


def new_id(project: Project, info_id: str, path: Path, n: int, count: int) -> str:
    base = Path(info_id).name if info_id else path.stem
    base = _SLUG.sub("-", base).strip("-.") or "job"
    if not base[0].isalnum():
        base = "job-" + base
    if count > 1 and not info_id:
        base = f"{base}-{n}"
    return base[:120]


def _job_unit(imp: ImportedUnit, unit_id: str, user: str, when: str, path: Path) -> Unit:
    where = f"{path.name} unit {imp.unit_id}"
    source = check_storable(imp.source, where)
    why = refused_text(imp, source)
    if why is not None:
        raise WorkbenchError(f"{where}: {why}; nothing was saved",
                             fix="remove that character in the other tool and export again")
    target = imp.target.replace("\r\n", "\n").replace("\r", "\n")
    state = imp.state if has_visible_text(target) else State.INITIAL
    unit = Unit(id=unit_id, src=[], tgt=[], source_text=source, target_text=target,
                state=state, origin=Origin.MANUAL if target else Origin.ALIGNED,
                reject_reason=imp.reject_reason if state is State.REJECTED else "",
                created_by=user, created_at=when, changed_by=user, changed_at=when,
                codes=imp.codes, notes=imp.notes)
    note = f"{path.name}: new document, {state.value}"
    if state in APPROVED:
        note += ", approved in the file"
    if imp.unit_id != unit_id:
        note += f" (unit {imp.unit_id!r} there)"
    unit.history.append(HistoryEntry(when=when, who=user, action="import", target=target,
                                     state=state, note=note))
    return unit


def create_documents(project: Project, by_doc: Mapping[str, list[ImportedUnit]], path: Path,
                     user: str, report: ImportReport, *, as_id: str | None = None) -> None:
    """Each `<file>` of a foreign job as a new document (all checked before any is
    written)."""
    if as_id is not None and len(by_doc) != 1:
        raise WorkbenchError(f"holds {len(by_doc)} documents; --as names one", path=path,
                             fix="leave out --as (each gets an id from its file name)")
    known = set(project.document_ids())
    when = now_iso()
    planned: list[tuple[str, list[Unit], list[ImportedUnit]]] = []
    for n, (doc_key, imports) in enumerate(by_doc.items(), start=1):
        _check_languages(project, imports, path)
        doc_id = project.check_id(as_id or new_id(project, doc_key, path, n, len(by_doc)))
        if doc_id in known or doc_id in (p[0] for p in planned) or \
                store.working_path(project, doc_id).exists():
            raise WorkbenchError(
                f"would become document {doc_id!r}, which this project already has", path=path,
                fix=f"give it another id with --as NEW-ID, or merge it with --into {doc_id}")
        seen: set[str] = set()
        units = []
        for k, imp in enumerate(imports, start=1):
            unit_id = imp.unit_id if _UNIT_ID.fullmatch(imp.unit_id or "") and \
                imp.unit_id not in seen else f"u{k}"
            seen.add(unit_id)
            units.append(_job_unit(imp, unit_id, user, when, path))
        planned.append((doc_id, units, imports))
    for doc_id, units, imports in planned:
        _write_document(project, doc_id, units, imports[0], path, user)
        report.created.append(doc_id)
        for imp, unit in zip(imports, units, strict=True):
            report.applied.append((doc_id, unit.id, f"new, {unit.state.value}"))
            if imp.segment_states:
                states = "/".join(s or "(no state)" for s in imp.segment_states)
                report.notes.append(f"{doc_id} {unit.id}: its segments were {states} there; "
                                    f"the unit is {unit.state.value} (as its least finished "
                                    "segment)")


def _write_document(project: Project, doc_id: str, units: list[Unit], first: ImportedUnit,
                    path: Path, user: str) -> None:
    from ruamel.yaml import YAML

    info = first.file
    wf = WorkingFile(doc_id=doc_id, units=units, next_id=len(units) + 1,
                     source_lang=project.source_lang, target_lang=project.target_lang)
    store.save(project, wf, user=user)
    imported = {"file": path.name, "format": "xliff", "original": info.original if info else "",
                "tool": info.tool if info else "", "unit-ids": "as in the file"}
    meta = {"title": (info.original if info and info.original else path.stem),
            "imported": {k: v for k, v in imported.items() if v}}
    import io

    buffer = io.StringIO()
    YAML(typ="safe", pure=True).dump(meta, buffer)
    atomic_write(project.meta_path(doc_id), buffer.getvalue().encode("utf-8"))
    text = "\n\n".join(" ".join(plain(u.source_text, u.codes).split()) for u in units) + "\n"
    atomic_write(project.source_path(doc_id), text.encode("utf-8"))


def merge_into(project: Project, doc_id: str, imports: list[ImportedUnit], importer: Importer,
               path: Path, user: str, report: ImportReport) -> None:
    """Apply a foreign job's English to an existing document by matching source text."""
    _check_languages(project, imports, path)
    with transaction(project, doc_id, user) as wf:
        here: dict[str, list[Unit]] = defaultdict(list)
        for unit in wf.units:
            here[norm(plain(unit.source_text, unit.codes))].append(unit)
        taken: dict[str, int] = defaultdict(int)
        for imp in imports:
            key = norm(plain(imp.source, imp.codes))
            matches = here.get(key, [])
            n = taken[key]
            taken[key] += 1
            label = imp.unit_id
            if not key:
                report.skipped.append((doc_id, label, "empty source"))
                continue
            if n >= len(matches):
                report.skipped.append((doc_id, label, "no unit here has this source text"))
                continue
            unit = matches[n]
            label = f"{unit.id} (unit {imp.unit_id} there)"
            if not imp.target.strip():
                report.skipped.append((doc_id, label, "not translated there"))
                continue
            why = refused_text(imp, unit.source_text)
            if why is not None:
                report.conflicts.append((doc_id, label, why))
                continue
            if plain(imp.target, imp.codes) == plain(unit.target_text, unit.codes) and \
                    not file_approves(imp, unit.state):
                report.unchanged += 1
                continue
            if unit.target_text.strip() and (unit.state in APPROVED or touched_by_person(unit)):
                report.conflicts.append((doc_id, label, (
                    f"{unit.state.value} here with English a person wrote or approved "
                    f"({unit.target_text[:50]!r}); there: {imp.target[:50]!r}")))
                continue
            what = apply_import(unit, imp, unit.state)
            record(unit, user, "import", note=f"{path.name} (by source text): {what}")
            report.applied.append((doc_id, unit.id, what))
