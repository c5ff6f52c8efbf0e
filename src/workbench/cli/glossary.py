"""`workbench terms | check | glossary validate`: glossary hits, QA issues, schema check.

Argument parsing and printing only; the work is `workbench.ops` (which loads on first
use, so `workbench --help` stays light).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from workbench import ops
from workbench.errors import WorkbenchError
from workbench.model import Severity


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("terms", help="the glossary terms found in FILE")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lang", required=True, help="language of FILE: the glossary's source "
                   "language (ru: any inflection) or target language (en)")
    p.add_argument("--glossary", metavar="G", default=None,
                   help="glossary file (default: the project's glossary.yaml)")
    p.add_argument("--json", action="store_true",
                   help="a JSON list of {id, start, end, text} (offsets into FILE as read)")
    p.set_defaults(handler=cmd_terms)

    p = subparsers.add_parser("check", help="QA issues (terminology, numbers, untranslated, "
                              "…); exit 1 when there is an error")
    p.add_argument("doc_ids", metavar="ID", nargs="*", help="documents (default: all)")
    p.add_argument("--glossary", metavar="G", default=None,
                   help="glossary file (default: the project's glossary.yaml)")
    p.add_argument("--json", action="store_true", help="a JSON list of issues")
    p.add_argument("--list-rules", action="store_true",
                   help="list the QA rules (id, severity, scope, description) and exit")
    p.add_argument("--ray", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="check on a Ray cluster: a local one by default, else ADDRESS or "
                   "$RAY_ADDRESS (needs the workbench[distributed] extra)")
    p.set_defaults(handler=cmd_check)

    p = subparsers.add_parser("glossary", help="glossary tools")
    gsub = p.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND", required=True)
    v = gsub.add_parser("validate", help="check the glossary's schema and conflicts")
    v.add_argument("path", metavar="G", nargs="?", default=None,
                   help="glossary file (default: the project's glossary.yaml)")
    v.set_defaults(handler=cmd_validate)
    i = gsub.add_parser("import", help="add the terms of another tool's termbase (TBX 2008/"
                        "TBX-Basic, TBX v3, OmegaT tab-separated, CSV) to glossary.yaml; "
                        "duplicates are merged and reported, comments kept")
    i.add_argument("file", metavar="FILE")
    i.add_argument("--glossary", metavar="G", default=None,
                   help="glossary file (default: the project's glossary.yaml)")
    i.set_defaults(handler=cmd_import)


def _glossary_path(args: argparse.Namespace, explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    return ops.open_project(getattr(args, "root", None)).glossary_path


def cmd_terms(args: argparse.Namespace) -> int:
    glossary = ops.load_glossary(_glossary_path(args, args.glossary))
    hits = ops.find_terms(glossary, args.file, args.lang)
    if args.json:
        json.dump([{"id": h.term_id, "start": h.start, "end": h.end, "text": h.text}
                   for h in hits], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for h in hits:
        shown = h.text.replace("\n", "⏎")
        print(f"{h.start}-{h.end}\t{h.term_id}\t{shown}\t{h.form}")
    return 0


def _where(issue) -> str:
    place = issue.doc_id or "-"
    if issue.unit_id:
        place += f"#{issue.unit_id}"
    if issue.start is not None:
        place += f":{issue.start}-{issue.end}"
    return place


def cmd_check(args: argparse.Namespace) -> int:
    if args.list_rules:
        return _list_rules(args.json)
    project = ops.open_project(getattr(args, "root", None))
    glossary = ops.load_glossary(Path(args.glossary) if args.glossary else project.glossary_path)
    known = set(project.document_ids())
    for doc_id in args.doc_ids:
        project.check_id(doc_id)
        if doc_id not in known:
            raise WorkbenchError(f"no document {doc_id!r}", path=project.root,
                                 fix="see `workbench status` for the ids")
    if args.ray is not None:
        from workbench.distributed import connect

        with connect(args.ray) as cluster:
            issues = cluster.check_project(project, args.doc_ids or None, glossary=glossary)
    else:
        issues = ops.check_project(project, args.doc_ids or None, glossary=glossary)
    if args.json:
        json.dump([dataclasses.asdict(i) | {"severity": str(i.severity)} for i in issues],
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for i in issues:
            fix = f"  → {i.fix}" if i.fix else ""
            print(f"{_where(i)}\t{i.severity}\t{i.rule}\t{i.message}{fix}")
        errors = sum(i.severity == Severity.ERROR for i in issues)
        print(f"{len(issues)} issues, {errors} errors", file=sys.stderr)
    return 1 if any(i.severity == Severity.ERROR for i in issues) else 0


def _list_rules(as_json: bool) -> int:
    table = [{"id": r.id, "severity": str(r.severity), "scope": r.scope,
              "description": r.description} for r in ops.qa_rules()]
    if as_json:
        json.dump(table, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    width = max(len(row["id"]) for row in table)
    for row in table:
        print(f"{row['id']:<{width}}  {row['severity']:<7}  {row['scope']:<6}  "
              f"{row['description']}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    path = _glossary_path(args, args.path)
    glossary = ops.load_glossary(path)
    print(f"{path}: OK, {len(glossary)} terms ({ops.glossary_summary(glossary)})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    report = ops.import_glossary(project, args.file,
                                 glossary_path=Path(args.glossary) if args.glossary else None)
    for term_id in report.added:
        print(f"added {term_id}")
    for term_id, what in report.merged:
        print(f"merged into {term_id}: {what}")
    for concept, why in report.skipped:
        print(f"skipped {concept}: {why}")
    print(f"{report.path.name} ({report.format}): {report.concepts} concepts, "
          f"{len(report.added)} added, {len(report.merged)} merged with existing terms, "
          f"{len(report.skipped)} skipped")
    return 0
