"""Every use case, one module per group; the only layer the CLI and the TUI call for
anything that changes or computes project state.

Each operation that changes a document loads its working file under its lock, changes
it, records who/when in the unit's history, and saves it atomically; user mistakes
raise WorkbenchError and change nothing.

The names below are the door: `from workbench import ops; ops.approve(...)`. They load
on first use (PEP 562), so a front end can import `ops` at the top and `workbench
--help` still loads none of the core.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Each public name, and the module that defines it.
_WHERE: dict[str, str] = {
    **dict.fromkeys(("enclosing_project", "open_project"), "workbench.ops.opening"),
    **dict.fromkeys(("align_document", "realign"), "workbench.ops.alignment"),
    **dict.fromkeys(("AlignOutcome", "Pair", "align_documents", "align_pairs", "batch_summary",
                     "bead_line", "default_jobs", "read_pairs"), "workbench.ops.align_batch"),
    **dict.fromkeys(("check_documents", "check_in_corpus", "check_project", "project_glossary",
                     "qa_rules", "unit_issues"), "workbench.ops.check"),
    **dict.fromkeys(("export_documents", "write_outputs"), "workbench.ops.export"),
    **dict.fromkeys(("align_files", "embedding_note", "file_languages", "find_terms",
                     "glossary_summary", "load_glossary", "read_file", "segment_file"),
                    "workbench.ops.files"),
    **dict.fromkeys(("ConflictRegion", "conflict_regions", "list_conflicts", "merge_driver"),
                    "workbench.ops.conflicts"),
    **dict.fromkeys(("import_file",), "workbench.ops.importing"),
    "ImportReport": "workbench.ops.import_rules",
    **dict.fromkeys(("import_memory", "list_memories", "remove_memory"),
                    "workbench.ops.memories"),
    **dict.fromkeys(("GlossaryImport", "import_glossary"), "workbench.ops.glossary_import"),
    **dict.fromkeys(("install_hint", "install_model", "installed_models", "models_folder",
                     "remove_model"), "workbench.ops.models"),
    **dict.fromkeys(("accept", "apply_proposals", "approve", "edit", "english_hash",
                     "history", "lock", "reject", "sign_off"), "workbench.ops.review"),
    "resolve_conflict": "workbench.ops.resolve",
    **dict.fromkeys(("SyncReport", "sync", "team_init"), "workbench.ops.team"),
    **dict.fromkeys(("DocumentStatus", "StatusCache", "corpus_status", "document_status"),
                    "workbench.ops.status"),
    **dict.fromkeys(("merge", "shift", "split"), "workbench.ops.structure"),
    **dict.fromkeys(("Change", "recording"), "workbench.ops.changes"),
    **dict.fromkeys(("BatchResult", "QAErrorsRefused", "review_batch"), "workbench.ops.batch"),
    **dict.fromkeys(("ORIGIN_KINDS", "is_low_confidence", "low_confidence", "origin_kind",
                     "parse_state", "select_units"), "workbench.ops.select"),
    **dict.fromkeys(("Version", "entry_json", "history_trail", "note_in_words"),
                    "workbench.ops.trail"),
    "revert": "workbench.ops.undo",
    **dict.fromkeys(("BANDS", "ProjectStats", "document_stats", "statistics"),
                    "workbench.ops.stats"),
    **dict.fromkeys(("concordance", "concordance_index", "document_sources", "memory_sources",
                     "refresh_index", "side_of"), "workbench.ops.search"),
    **dict.fromkeys(("best_usable", "candidates", "engine_settings", "missing_model_note",
                     "parse_engines", "propose", "translate_document",
                     "translate_documents"),
                    "workbench.ops.translate"),
    **dict.fromkeys(("LineProposals", "propose_file"), "workbench.ops.file_proposals"),
    "current_user": "workbench.ops.user",
    **dict.fromkeys(("fresh_alignment", "keep_alignment", "load_and_keep", "load_or_align",
                     "working_file_stamp"), "workbench.ops.working"),
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:
    from workbench.ops.align_batch import (
        AlignOutcome,
        Pair,
        align_documents,
        align_pairs,
        batch_summary,
        bead_line,
        default_jobs,
        read_pairs,
    )
    from workbench.ops.alignment import align_document, realign
    from workbench.ops.batch import BatchResult, QAErrorsRefused, review_batch
    from workbench.ops.changes import Change, recording
    from workbench.ops.check import (
        check_documents,
        check_in_corpus,
        check_project,
        project_glossary,
        qa_rules,
        unit_issues,
    )
    from workbench.ops.conflicts import (
        ConflictRegion,
        conflict_regions,
        list_conflicts,
        merge_driver,
    )
    from workbench.ops.export import export_documents, write_outputs
    from workbench.ops.file_proposals import LineProposals, propose_file
    from workbench.ops.files import (
        align_files,
        file_languages,
        find_terms,
        glossary_summary,
        load_glossary,
        read_file,
        segment_file,
    )
    from workbench.ops.glossary_import import GlossaryImport, import_glossary
    from workbench.ops.import_rules import ImportReport
    from workbench.ops.importing import import_file
    from workbench.ops.memories import import_memory, list_memories, remove_memory
    from workbench.ops.models import (
        install_hint,
        install_model,
        installed_models,
        models_folder,
        remove_model,
    )
    from workbench.ops.opening import enclosing_project, open_project
    from workbench.ops.resolve import resolve_conflict
    from workbench.ops.review import (
        accept,
        apply_proposals,
        approve,
        edit,
        english_hash,
        history,
        lock,
        reject,
        sign_off,
    )
    from workbench.ops.search import (
        concordance,
        concordance_index,
        document_sources,
        memory_sources,
        refresh_index,
        side_of,
    )
    from workbench.ops.select import (
        ORIGIN_KINDS,
        is_low_confidence,
        low_confidence,
        origin_kind,
        parse_state,
        select_units,
    )
    from workbench.ops.stats import BANDS, ProjectStats, document_stats, statistics
    from workbench.ops.status import DocumentStatus, StatusCache, corpus_status, document_status
    from workbench.ops.structure import merge, shift, split
    from workbench.ops.team import SyncReport, sync, team_init
    from workbench.ops.trail import Version, entry_json, history_trail, note_in_words
    from workbench.ops.translate import (
        best_usable,
        candidates,
        engine_settings,
        missing_model_note,
        parse_engines,
        propose,
        translate_document,
        translate_documents,
    )
    from workbench.ops.undo import revert
    from workbench.ops.user import current_user
    from workbench.ops.working import (
        fresh_alignment,
        keep_alignment,
        load_and_keep,
        load_or_align,
        working_file_stamp,
    )
