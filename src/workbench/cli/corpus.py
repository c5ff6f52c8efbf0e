"""`workbench status | segment | langid | inspect`: the corpus as read.

Argument parsing and printing only; the work is `workbench.ops` (which loads on first
use, so `workbench --help` stays light).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from workbench import ops

if TYPE_CHECKING:
    from workbench.project import Project


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("status", help="a table of the documents: id, title, sides, "
                              "completeness, segments, flags")
    p.set_defaults(handler=cmd_status)

    p = subparsers.add_parser("segment", help="the segments of FILE, one per line, in order")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lang", default=None,
                   help="language of FILE (e.g. ru, en); default: detected")
    p.add_argument("--jsonl", action="store_true",
                   help="one JSON object per segment: text, kind, lang, start, end, flags")
    p.set_defaults(handler=cmd_segment)

    p = subparsers.add_parser("langid", help="one language label per line of FILE (inside "
                              "a project, from its [langid] languages)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_langid)

    p = subparsers.add_parser("inspect", help="a document's blocks, segments, languages "
                              "and flags")
    p.add_argument("doc_id", metavar="ID")
    p.set_defaults(handler=cmd_inspect)


def _project(args: argparse.Namespace) -> Project:
    return ops.open_project(getattr(args, "root", None))


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _yes(present: bool) -> str:
    return "yes" if present else "no"


def cmd_status(args: argparse.Namespace) -> int:
    project = _project(args)
    rows = [("id", "title", project.source_lang, project.target_lang, "completeness",
             "segments", "flags")]
    failed = 0
    for st in ops.corpus_status(project, with_work=False):
        if not st.readable:  # one unreadable file must not hide the others
            print(f"workbench: {st.problem}", file=sys.stderr)
            failed += 1
            rows.append((st.doc_id, "?", "?", "?", "-", "-", "unreadable"))
            continue
        sides = ((st.has_source, st.source_completeness, st.source_segments),
                 (st.has_target, st.target_completeness, st.target_segments))
        comp = "/".join(c if present else "-" for present, c, _ in sides)
        segs = "/".join(str(n) if present else "-" for present, _, n in sides)
        rows.append((st.doc_id, _cell(st.title, 48), _yes(st.has_source), _yes(st.has_target),
                     comp, segs, ",".join(st.flags) or "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 2 if failed else 0


def cmd_segment(args: argparse.Namespace) -> int:
    out = sys.stdout
    project = ops.enclosing_project(getattr(args, "root", None))
    for seg in ops.segment_file(args.file, args.lang, project):
        one_line = " ".join(seg.text.split("\n"))
        if args.jsonl:
            out.write(json.dumps({
                "text": one_line, "kind": str(seg.kind), "lang": seg.lang, "start": seg.start,
                "end": seg.end, "flags": [{"code": f.code, "reason": f.reason}
                                          for f in seg.flags],
            }, ensure_ascii=False) + "\n")
        else:
            out.write(one_line + "\n")
    return 0


def cmd_langid(args: argparse.Namespace) -> int:
    project = ops.enclosing_project(getattr(args, "root", None))
    for label in ops.file_languages(args.file, project):
        sys.stdout.write(label + "\n")
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    project = _project(args)
    doc = project.document(project.check_id(args.doc_id))
    print(f"{doc.id}: {doc.title}")
    for name, side in (("source", doc.source), ("target", doc.target)):
        if side is None:
            print(f"\n[{name}] (none)")
            continue
        st = side.source
        print(f"\n[{name}] {st.path.name}  lang={st.lang} encoding={st.encoding}"
              f"{' bom' if st.bom else ''} newline={st.newline!r} "
              f"completeness={side.completeness} blocks={len(side.blocks)} "
              f"segments={len(side.segments)}")
        for flag in side.flags:
            if flag.code == "invalid-utf8":  # also where no segment holds the bytes
                print(f"  ! {flag.code}: {flag.reason}")
        for b_index, block in enumerate(side.blocks):
            print(f"  block {b_index} {block.kind} [{block.start}:{block.end}]")
            for s_index, seg in enumerate(side.segments):
                if seg.block != b_index:
                    continue
                text = " ".join(seg.text.split("\n"))
                print(f"    {s_index:>3} {seg.lang:<3} {_cell(text, 90)}")
                for flag in seg.flags:
                    print(f"        ! {flag.code}: {flag.reason}")
    return 0
