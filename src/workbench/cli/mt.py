"""`workbench models list | install FILE.argosmodel | install SRC TGT | remove SRC TGT`,
`workbench translate [ID...|--all] [--engine tm,rules,argos]` and
`workbench propose FILE [--engine LIST] [--json]`.

Argument parsing and printing only; the work is `workbench.ops` (which loads on first
use, so `workbench --help` stays light).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from functools import partial

from workbench import ops
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


class Progress:
    """A bar with ETA on a terminal (stderr), plain lines otherwise. Lines for the reader
    go through `say`, which takes the bar off its line first and draws it again below,
    so a document's line is never mixed into the bar."""

    def __init__(self, total: int, stream=None) -> None:
        self.total = max(total, 0)
        self.done = 0
        stream = stream or sys.stderr
        self.stream = getattr(stream, "unfiltered", stream)  # its own \r, digits and #s
        self.tty = self.stream.isatty()
        self.start = time.monotonic()
        self._last_line = -1.0
        self._last_done = -1
        self._drawn = False  # the bar is on the terminal's last line now

    def _draw(self) -> None:
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                          f"{self.done}/{self.total} units  ETA {eta:4.0f}s ")
        self.stream.flush()
        self._drawn = True

    def say(self, line: str, out=None) -> None:
        """Print a line for the reader (stdout), never on the bar's line."""
        out = out or sys.stdout
        if self.tty and self._drawn:
            self.stream.write("\r\x1b[K")  # take the bar off its line
            self.stream.flush()
        print(line, file=out, flush=True)
        if self.tty and self._drawn:
            self._draw()

    def advance(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        now = time.monotonic()
        if self.tty:
            self._draw()
        elif (now - self._last_line >= 2.0 or self.done == self.total) \
                and self.done != self._last_done:
            self._last_line, self._last_done = now, self.done
            print(f"translate: {self.done}/{self.total} units", file=self.stream)

    def close(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()


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
    # a dry run saves nothing; a real one stores each new alignment once, before filling it
    load = ops.load_or_align if args.dry_run else partial(ops.load_and_keep, user=user)
    loaded = {doc_id: load(project, doc_id).units for doc_id in doc_ids}
    total = sum(len(ops.candidates(units)) for units in loaded.values())
    progress = Progress(total)
    filled = 0
    try:
        for doc_id, units in loaded.items():
            result = ops.translate_document(
                project, doc_id, user=user, engines=engines, settings=settings,
                dry_run=args.dry_run, progress=progress.advance, units=units)
            filled += result.filled
            if args.dry_run:
                _print_proposals(doc_id, units, result.proposals, progress.say)
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
    try:
        project = ops.open_project(args.root)
    except WorkbenchError:
        if args.root is not None:
            raise
        project = None  # a file outside any project: default languages, no glossary
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
