"""`workbench align`: align two files of segments, or a corpus document (kept in storage).

Argument parsing and printing only; the work is `workbench.ops` (the aligner, numpy and
the embedding model load only when an alignment runs).
"""

from __future__ import annotations

import argparse
import sys

from workbench import ops
from workbench.errors import WorkbenchError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "align",
        help="align a document (kept in translations/<id>.xlf) or two files of segments",
        description="With ID: align the corpus document and keep the result (approved and "
        "locked units stay; the rest is realigned around them). With --sentences RU EN: "
        "print one bead per line as [i,j]:[k] (0-based line numbers, [] for an empty side).",
    )
    p.add_argument("doc_id", metavar="ID", nargs="?", help="a corpus document id")
    p.add_argument("--sentences", nargs=2, metavar=("SRC_SENTS", "TGT_SENTS"),
                   help="two UTF-8 files, one segment per line (source first)")
    p.add_argument("--scores", action="store_true",
                   help="append a TAB and the bead's confidence (0–1) to each line")
    p.add_argument("--no-embeddings", action="store_true",
                   help="length and anchors only (no embedding model; fast)")
    p.add_argument("--source-lang", default=None,
                   help="language of SRC_SENTS (default: the project's, else ru)")
    p.add_argument("--target-lang", default=None,
                   help="language of TGT_SENTS (default: the project's, else en)")
    p.set_defaults(handler=cmd_align)


def _langs(args: argparse.Namespace) -> tuple[str, str]:
    if args.source_lang and args.target_lang:
        return args.source_lang, args.target_lang
    source, target = "ru", "en"
    try:
        project = ops.open_project(getattr(args, "root", None))
        source, target = project.source_lang, project.target_lang
    except WorkbenchError:  # not inside a project: the defaults
        pass
    return args.source_lang or source, args.target_lang or target


def cmd_align(args: argparse.Namespace) -> int:
    if args.sentences and args.doc_id:
        raise WorkbenchError("give either ID or --sentences SRC TGT, not both")
    if args.sentences:
        return _align_files(args)
    if not args.doc_id:
        raise WorkbenchError("nothing to align", fix="give a document ID or --sentences SRC TGT")
    return _align_doc(args)


def _align_files(args: argparse.Namespace) -> int:
    source_lang, target_lang = _langs(args)
    beads = ops.align_files(args.sentences[0], args.sentences[1], source_lang=source_lang,
                        target_lang=target_lang, embeddings=not args.no_embeddings)
    out = sys.stdout
    for bead in beads:
        out.write(f"{bead}\t{bead.confidence:.4f}\n" if args.scores else f"{bead}\n")
    out.flush()
    return 0


def _align_doc(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    doc_id = project.check_id(args.doc_id)
    if doc_id not in project.document_ids():
        raise WorkbenchError(f"no document {doc_id!r}", path=project.sources_dir,
                             fix="`workbench status` lists the documents")
    user = ops.current_user(getattr(args, "user", None))
    wf = ops.align_document(project, doc_id, user=user, embeddings=not args.no_embeddings)
    units = wf.units
    threshold = ops.low_confidence(project)
    low = [u for u in units if ops.is_low_confidence(u, threshold)]
    where = wf.path if wf.path is not None else f"translations/{doc_id}.xlf"
    print(f"{doc_id}: {len(units)} units saved to {where}"
          + (f"; {len(low)} with confidence below {threshold:g} ([review] low_confidence)"
             if low else ""))
    if args.scores:
        for unit in units:
            conf = "" if unit.confidence is None else f"\t{unit.confidence:.4f}"
            print(f"{unit.id}\t[{','.join(map(str, unit.src))}]:[{','.join(map(str, unit.tgt))}]"
                  f"{conf}")
    return 0
