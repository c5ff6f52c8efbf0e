"""`workbench models list | install FILE.argosmodel | install SRC TGT | remove SRC TGT`,
`workbench translate [ID...|--all] [--engine tm,rules,argos] [--ray [ADDRESS]]` and
`workbench propose FILE [--engine LIST] [--json]`.

Argument parsing and printing only; the work is `workbench.ops` (which loads on first
use, so `workbench --help` stays light).
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench import ops
from workbench.cli.progress import Progress
from workbench.errors import WorkbenchError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "models", help="Argos translation models: list | install FILE.argosmodel | "
        "install SRC TGT | remove SRC TGT")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    q = msub.add_parser("list", help="installed models and where they live")
    q.set_defaults(handler=cmd_models_list)
    q = msub.add_parser("install", help="install FILE.argosmodel (offline), or SRC TGT from "
                        "Argos's package index (online)")
    q.add_argument("what", nargs="+", metavar="FILE|SRC TGT")
    q.set_defaults(handler=cmd_models_install)
    q = msub.add_parser("remove", help="remove the SRC→TGT model")
    q.add_argument("from_code", metavar="SRC")
    q.add_argument("to_code", metavar="TGT")
    q.set_defaults(handler=cmd_models_remove)

    p = subparsers.add_parser(
        "translate", help="fill English drafts for units that have none (translation memory, "
        "letterhead/glossary rules, Argos MT); never overwrites a person's work")
    p.add_argument("doc_ids", nargs="*", metavar="ID")
    p.add_argument("--all", action="store_true", help="every document of the project")
    p.add_argument("--engine", default=None, metavar="LIST",
                   help="engines to use, comma-separated, from tm,rules,argos (default: all)")
    p.add_argument("--dry-run", action="store_true",
                   help="print the proposals, save nothing")
    p.add_argument("--beam", type=int, default=None, help="beam size (default 2)")
    p.add_argument("--threads", type=int, default=None,
                   help="CPU threads for the model (default: all cores)")
    p.add_argument("--ray", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="run the model on a Ray cluster: a local one by default, else "
                   "ADDRESS or $RAY_ADDRESS (needs the workbench[distributed] extra)")
    p.set_defaults(handler=cmd_translate)

    p = subparsers.add_parser(
        "propose", help="the proposals of the engines for each line of FILE (a segment; the "
        "file is its document), best first; nothing is saved")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--engine", default=None, metavar="LIST",
                   help="engines to ask, comma-separated, from tm,rules,argos (default: all)")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per line of FILE: {line, source, lang, proposals: "
                   "[{text, origin, score, detail, issues}]}")
    p.set_defaults(handler=cmd_propose)


def cmd_models_list(args: argparse.Namespace) -> int:
    found, stray = ops.installed_models()
    print(f"packages folder: {ops.models_folder()}")
    if not found:
        print("no translation models installed; " + ops.install_hint("ru", "en"))
    for m in found:
        print(f"{m.from_code}→{m.to_code}\t{m.version}\t{m.name}\t{m.path}")
    for path in stray:
        print(f"warning: {path} is not an Argos package (no metadata.json); remove it",
              file=sys.stderr)
    return 0


def cmd_models_install(args: argparse.Namespace) -> int:
    info = ops.install_model(args.what)
    print(f"installed {info.from_code}→{info.to_code} {info.version} in {info.path}")
    return 0


def cmd_models_remove(args: argparse.Namespace) -> int:
    for info in ops.remove_model(args.from_code, args.to_code):
        print(f"removed {info.from_code}→{info.to_code} {info.version} ({info.path})")
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    project = ops.open_project(args.root)
    engines = ops.parse_engines(args.engine)
    if args.all and args.doc_ids:
        raise WorkbenchError("give document ids or --all, not both")
    if not args.all and not args.doc_ids:
        raise WorkbenchError("which documents?", fix="give IDs or --all; `workbench status` "
                             "lists them")
    doc_ids = project.document_ids() if args.all else [project.check_id(d) for d in args.doc_ids]
    user = ops.current_user(args.user)
    settings = ops.engine_settings(beam=args.beam, threads=args.threads)
    note = ops.missing_model_note(project, engines)
    if note:
        print(note, file=sys.stderr)
    # The units to fill, counted for the progress bar. A real run stores each new
    # alignment once, before filling it, and reloads documents a window at a time (memory
    # stays bounded); a dry run saves nothing, so it keeps what it aligned.
    loaded = None
    if args.dry_run:
        loaded = {doc_id: ops.load_or_align(project, doc_id).units for doc_id in doc_ids}
        total = sum(len(ops.candidates(units)) for units in loaded.values())
    else:
        total = sum(len(ops.candidates(ops.load_and_keep(project, doc_id, user=user).units))
                    for doc_id in doc_ids)
    progress = Progress(total)
    if args.ray is not None:
        from workbench.distributed import connect

        with connect(args.ray) as cluster:
            return _translate(args, project, doc_ids, user, engines, settings, loaded,
                              progress, cluster.translator())
    return _translate(args, project, doc_ids, user, engines, settings, loaded, progress, None)


def _translate(args, project, doc_ids, user, engines, settings, loaded, progress,
               translator) -> int:
    try:
        for result in ops.translate_documents(
                project, doc_ids, user=user, engines=engines, settings=settings,
                dry_run=args.dry_run, progress=progress.advance, loaded=loaded,
                translator=translator):
            doc_id = result.doc_id
            if args.dry_run and loaded is not None:
                _print_proposals(doc_id, loaded[doc_id], result.proposals, progress.say)
            origins = ", ".join(f"{k} {v}" for k, v in sorted(result.by_origin.items()))
            progress.say(f"{doc_id}: {result.filled} of {result.candidates} empty units "
                         f"{'would be ' if args.dry_run else ''}filled"
                         + (f" ({origins})" if origins else ""))
            if result.damaged:
                progress.say(f"  damaged, not translated: {', '.join(result.damaged)}")
            if result.flagged:
                progress.say("  glossary term missing in MT (see issues): "
                             + ", ".join(result.flagged))
    finally:
        progress.close()
    return 0


def cmd_propose(args: argparse.Namespace) -> int:
    # a file outside any project: default languages, no glossary
    project = ops.enclosing_project(args.root)
    engines = ops.parse_engines(args.engine)
    if project is not None:
        note = ops.missing_model_note(project, engines)
        if note:
            print(note, file=sys.stderr)
    for item in ops.propose_file(args.file, project=project, engines=engines):
        if args.json:
            print(json.dumps({
                "line": item.line, "source": item.source, "lang": item.lang,
                "proposals": [{"text": p.text, "origin": str(p.origin), "score": p.score,
                               "detail": p.detail,
                               "issues": [{"rule": i.rule, "severity": str(i.severity),
                                           "message": i.message} for i in p.issues]}
                              for p in item.proposals]}, ensure_ascii=False))
            continue
        print(f"{item.line}\t{item.lang}\t{item.source!r}")
        for p in item.proposals:
            print(f"  {p.origin} {p.score:.2f} {p.text!r}  [{p.detail}]")
            for issue in p.issues:
                print(f"    {issue.severity}: {issue.message}")
    return 0


def _print_proposals(doc_id: str, units, proposals, say=print) -> None:
    for unit in units:
        ranked = proposals.get(unit.id)
        if ranked is None:
            continue
        say(f"{doc_id}#{unit.id}\t{unit.source_text!r}")
        for p in ranked:
            say(f"  {p.origin} {p.score:.2f} {p.text!r}  [{p.detail}]")
            for issue in p.issues:
                say(f"    {issue.severity}: {issue.message}")
