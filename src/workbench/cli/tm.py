"""`workbench tm import | list | remove`: translation memories from other tools.

Parsing and printing only; the work is `workbench.ops`.
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench import ops


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("tm", help="translation memories from other tools (TMX in tm/)")
    sub = p.add_subparsers(dest="tm_command", metavar="SUBCOMMAND", required=True)
    i = sub.add_parser("import", help="check a TMX file and copy it into tm/ (every TMX "
                       "there gives exact and fuzzy proposals)")
    i.add_argument("file", metavar="FILE.tmx")
    i.add_argument("--name", default=None, help="its name in tm/ (default: the file's)")
    i.add_argument("--replace", action="store_true", help="replace a memory of that name")
    i.set_defaults(handler=cmd_import)
    a = sub.add_parser("list", help="the memories in tm/: units usable here, languages, tool")
    a.add_argument("--json", action="store_true", help="a JSON list")
    a.set_defaults(handler=cmd_list)
    r = sub.add_parser("remove", help="delete a memory from tm/")
    r.add_argument("name", metavar="NAME", help="as `tm list` shows it (or its file name)")
    r.set_defaults(handler=cmd_remove)


def _summary(info) -> str:
    skipped = f", {info.skipped} without both languages (left out)" if info.skipped else ""
    tool = f", written by {info.tool}" if info.tool else ""
    return (f"{info.name}: {info.units} source/target pairs for this project's languages "
            f"from {info.tus} units{skipped}; languages {', '.join(info.languages)}"
            f"{tool}; TMX {info.version or '?'}")


def cmd_import(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    info = ops.import_memory(project, args.file, name=args.name, replace=args.replace)
    print(f"imported {_summary(info)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    infos = ops.list_memories(project)
    if args.json:
        json.dump([{"name": i.name, "units": i.units, "tus": i.tus, "skipped": i.skipped,
                    "languages": i.languages, "tool": i.tool, "version": i.version,
                    "header": i.header} for i in infos], sys.stdout, ensure_ascii=False,
                  indent=1)
        print()
        return 0
    if not infos:
        print("no translation memories in tm/ (add one with `workbench tm import FILE.tmx`)")
    for info in infos:
        print(_summary(info))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    path = ops.remove_memory(project, args.name)
    print(f"removed {path.relative_to(project.root)}")
    return 0
