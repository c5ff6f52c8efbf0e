"""`workbench sync | team init | conflicts | resolve | merge-driver`: many translators and
reviewers on one project, synchronised through git.

Parsing and printing only; the work is `workbench.ops`.
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench import ops
from workbench.chars import showable
from workbench.cli.args import user_parsers


def register(subparsers: argparse._SubParsersAction) -> None:
    add_parser = user_parsers(subparsers)

    p = add_parser("sync", help="commit your saved work, fetch, merge unit by unit, push "
                   "(exit 0 synced, 1 nothing to do, 3 conflicts to review, 4 offline)",
                   description="Commit this user's saved work (translations/*.xlf), fetch, "
                   "merge the others' work unit by unit, push. Exit status: 0 synced, 1 "
                   "nothing to do, 2 refused (nothing changed), 3 synced with conflicts to "
                   "review (`workbench conflicts`), 4 offline (your work is committed "
                   "here; run sync again later).")
    p.add_argument("--remote", default=None, help="git remote (default: the branch's, "
                   "else origin)")
    p.add_argument("--all", dest="everything", action="store_true",
                   help="commit every change in the project folder, not only working files")
    p.add_argument("-m", "--message", default=None, help="commit message")
    p.set_defaults(handler=cmd_sync)

    p = add_parser("team", help="set up a team project (`team init [--remote URL]`)")
    team = p.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = team.add_parser("init", help="make the project a git repository with the "
                           "unit-level merge driver, and commit it")
    init.add_argument("--remote", default=None, metavar="URL",
                      help="the team's shared repository (git remote origin)")
    init.add_argument("--user", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    init.set_defaults(handler=cmd_team_init)

    p = add_parser("conflicts", help="units two clones changed in different ways, with "
                   "every version (exit 1 when there are any)")
    p.add_argument("doc_id", metavar="ID", nargs="?")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_conflicts)

    p = add_parser("resolve", help="settle a conflict: take a version, or write new English")
    p.add_argument("doc_id", metavar="ID")
    p.add_argument("unit", metavar="UNIT")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--take", type=int, metavar="N",
                     help="take version N (numbers from `workbench conflicts`)")
    how.add_argument("--edit", metavar="TEXT",
                     help="keep the units shown and give this one new English ('-': stdin)")
    p.set_defaults(handler=cmd_resolve)

    p = subparsers.add_parser("merge-driver", help="(run by git) merge a working file "
                              "unit by unit: BASE OURS THEIRS [PATH]")
    p.add_argument("base")
    p.add_argument("ours")
    p.add_argument("theirs")
    p.add_argument("path", nargs="?", default="")
    p.set_defaults(handler=cmd_merge_driver)


def _context(args: argparse.Namespace):
    return (ops.open_project(getattr(args, "root", None)),
            ops.current_user(getattr(args, "user", None)))


def cmd_sync(args: argparse.Namespace) -> int:
    project, user = _context(args)
    report = ops.sync(project, user=user, remote=args.remote, everything=args.everything,
                      message=args.message)
    for line in report.lines:
        print(showable(line))
    return report.exit_code


def cmd_team_init(args: argparse.Namespace) -> int:
    project, user = _context(args)
    for line in ops.team_init(project, user=user, remote=args.remote):
        print(showable(line))
    return 0


def _one_line(text: str, width: int = 70) -> str:
    text = " ".join(showable(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_conflicts(args: argparse.Namespace) -> int:
    project, _user = _context(args)
    found = ops.list_conflicts(project, [args.doc_id] if args.doc_id else None)
    if args.json:
        json.dump([_as_json(doc_id, region) for doc_id, region in found], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 1 if found else 0
    for doc_id, region in found:
        print(f"{doc_id} {region.anchor}: units {' '.join(region.unit_ids)}, "
              f"{len(region.versions)} versions")
        for version in region.versions:
            print(f"  version {version.number}: {version.who or 'someone'} {version.when}")
            if not version.units:
                print("    (no units: this clone removed them)")
            for unit in version.units:
                print(f"    {unit.id} {unit.state.value:<10} src {unit.src} tgt {unit.tgt}  "
                      f"{_one_line(unit.target_text) or '(no English)'}")
    units = sum(len(region.unit_ids) for _doc, region in found)
    documents = len({doc for doc, _region in found})
    if found:
        print(f"{len(found)} conflict(s), {units} unit(s) in {documents} document(s); settle "
              "each with `workbench resolve ID UNIT --take N` or `--edit TEXT`")
    else:
        print("no conflicts")
    return 1 if found else 0


def _as_json(doc_id: str, region) -> dict:
    return {
        "document": doc_id, "anchor": region.anchor, "units": list(region.unit_ids),
        "versions": [{
            "version": v.number, "who": v.who, "when": v.when,
            "units": [{"id": u.id, "state": u.state.value, "english": u.target_text,
                       "source": u.source_text, "src": u.src, "tgt": u.tgt,
                       "origin": u.origin.value, "reject_reason": u.reject_reason,
                       "changed_by": u.changed_by, "changed_at": u.changed_at}
                      for u in v.units]} for v in region.versions]}


def cmd_resolve(args: argparse.Namespace) -> int:
    project, user = _context(args)
    text = args.edit
    if text == "-":
        text = sys.stdin.read().rstrip("\n")
    changed = ops.resolve_conflict(project, args.doc_id, args.unit, user=user,
                                   version=args.take, text=text)
    for unit in changed:
        print(f"{args.doc_id} {unit.id}: {unit.state.value}  {_one_line(unit.target_text)}")
    return 0


def cmd_merge_driver(args: argparse.Namespace) -> int:
    report = ops.merge_driver(args.base, args.ours, args.theirs, args.path)
    if report.conflicts or report.from_theirs or report.merged or report.renumbered:
        print(f"workbench: {showable(report.summary())}", file=sys.stderr)
    return 0
