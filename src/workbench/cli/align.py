"""`workbench align`: align two files of segments, corpus documents (kept in storage), or
a list of file pairs.

Argument parsing and printing only; the work is `workbench.ops` (the aligner, numpy and
the embedding model load only when an alignment runs; Ray only with `--ray`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from workbench import ops
from workbench.cli.progress import Progress
from workbench.errors import WorkbenchError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "align",
        help="align documents (kept in translations/<id>.xlf), two files of segments, or a "
        "list of file pairs",
        description="With ID… or --all: align the corpus documents and keep each result "
        "(approved and locked units stay; the rest is realigned around them); the model "
        "loads once and documents run in parallel where there are cores. With --sentences "
        "RU EN: print one bead per line as [i,j]:[k] (0-based line numbers, [] for an "
        "empty side). With --pairs LIST.tsv: the same for each line's two files, written "
        "to the line's output file.",
    )
    p.add_argument("doc_ids", metavar="ID", nargs="*", help="corpus document ids")
    p.add_argument("--all", action="store_true", help="every document of the project")
    p.add_argument("--sentences", nargs=2, metavar=("SRC_SENTS", "TGT_SENTS"),
                   help="two UTF-8 files, one segment per line (source first)")
    p.add_argument("--pairs", metavar="LIST.tsv",
                   help="a file of lines SOURCE<TAB>TARGET<TAB>OUTPUT (paths relative to "
                   "the list's folder); each output gets the --sentences format")
    p.add_argument("--scores", action="store_true",
                   help="append a TAB and the bead's confidence (0–1) to each line")
    p.add_argument("--no-embeddings", action="store_true",
                   help="length and anchors only (no embedding model; fast)")
    p.add_argument("--source-lang", default=None,
                   help="language of SRC_SENTS (default: the project's, else ru)")
    p.add_argument("--target-lang", default=None,
                   help="language of TGT_SENTS (default: the project's, else en)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes for several documents or pairs (default: one per "
                   "core; 1: all in this process)")
    p.add_argument("--json", action="store_true",
                   help="print a JSON summary (per item: units, low confidence, path, "
                   "seconds, error) instead of one line per item")
    p.add_argument("--ray", nargs="?", const="", default=None, metavar="ADDRESS",
                   help="align on a Ray cluster: a local one by default, else ADDRESS or "
                   "$RAY_ADDRESS (needs the workbench[distributed] extra)")
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
    modes = [name for name, given in (("ID", bool(args.doc_ids)), ("--all", args.all),
                                      ("--sentences", bool(args.sentences)),
                                      ("--pairs", bool(args.pairs))) if given]
    if len(modes) > 1:
        raise WorkbenchError(f"give one of ID…, --all, --sentences SRC TGT, --pairs LIST, "
                             f"not {' and '.join(modes)}")
    if not modes:
        raise WorkbenchError("nothing to align", fix="give document IDs, --all, "
                             "--sentences SRC TGT or --pairs LIST.tsv")
    if args.jobs is not None and args.jobs < 1:
        raise WorkbenchError(f"--jobs must be at least 1, not {args.jobs}")
    _note_model(args)
    if args.sentences:
        return _align_files(args)
    if args.pairs:
        return _align_pairs(args)
    return _align_docs(args)


def _note_model(args: argparse.Namespace) -> None:
    """Say on stderr when the languages are aligned with another model than USE, or
    with none (the output itself stays as it is)."""
    note = ops.embedding_note(*_langs(args), embeddings=not args.no_embeddings)
    if note:
        print(f"workbench align: {note}", file=sys.stderr)


def _align_files(args: argparse.Namespace) -> int:
    source_lang, target_lang = _langs(args)
    beads = ops.align_files(args.sentences[0], args.sentences[1], source_lang=source_lang,
                            target_lang=target_lang, embeddings=not args.no_embeddings)
    out = sys.stdout
    for bead in beads:
        out.write(ops.bead_line(bead, args.scores) + "\n")
    out.flush()
    return 0


def _doc_ids(args: argparse.Namespace, project) -> list[str]:
    known = project.document_ids()
    if args.all:
        return known
    ids = list(dict.fromkeys(project.check_id(d) for d in args.doc_ids))
    present = set(known)
    for doc_id in ids:
        if doc_id not in present:
            raise WorkbenchError(f"no document {doc_id!r}", path=project.sources_dir,
                                 fix="`workbench status` lists the documents")
    return ids


def _align_docs(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    doc_ids = _doc_ids(args, project)
    user = ops.current_user(getattr(args, "user", None))
    batch = args.all or len(doc_ids) > 1
    progress = Progress(len(doc_ids), label="align", noun="documents") if batch else None
    start = time.perf_counter()
    jobs = args.jobs if args.jobs is not None else ops.default_jobs(len(doc_ids))
    if args.ray is not None:
        from workbench.distributed import connect

        with connect(args.ray) as cluster:
            outcomes = cluster.align_documents(
                project, doc_ids, user=user, embeddings=not args.no_embeddings,
                scores=args.scores, progress=progress.advance if progress else None)
            return _report(args, outcomes, progress, start, cluster.workers)
    outcomes = ops.align_documents(project, doc_ids, user=user,
                                   embeddings=not args.no_embeddings, jobs=jobs,
                                   scores=args.scores,
                                   progress=progress.advance if progress else None)
    return _report(args, outcomes, progress, start, jobs)


def _report(args: argparse.Namespace, outcomes, progress: Progress | None, start: float,
            jobs: int) -> int:
    def say(line: str, out=None) -> None:  # never on the progress bar's line
        if progress is not None:
            progress.say(line, out)
        else:
            print(line, file=out or sys.stdout)

    done = []
    try:
        for outcome in outcomes:
            done.append(outcome)
            if args.json:
                continue
            if outcome.error is not None:
                say(f"workbench: {outcome.error}", sys.stderr)
            else:
                for line in _outcome_lines(args, outcome):
                    say(line)
    finally:
        if progress is not None:
            progress.close()
    if args.json:
        kind = "pairs" if args.pairs else "documents"
        print(json.dumps(ops.batch_summary(done, seconds=time.perf_counter() - start,
                                           jobs=jobs, kind=kind), ensure_ascii=False,
                         indent=2))
    return 2 if any(o.error is not None for o in done) else 0


def _outcome_lines(args: argparse.Namespace, outcome) -> list[str]:
    if args.pairs:
        return [f"{outcome.name}: {outcome.units} beads"
                + (f"; {outcome.low} with confidence below {outcome.threshold:g}"
                   if outcome.low else "")]
    lines = [f"{outcome.name}: {outcome.units} units saved to {outcome.path}"
             + (f"; {outcome.low} with confidence below {outcome.threshold:g} "
                "([review] low_confidence)" if outcome.low else "")]
    if args.scores:
        lines += [f"{unit_id}\t{bead}" + ("" if confidence is None else f"\t{confidence:.4f}")
                  for unit_id, bead, confidence in outcome.rows]
    return lines


def _align_pairs(args: argparse.Namespace) -> int:
    pairs = ops.read_pairs(args.pairs)
    source_lang, target_lang = _langs(args)
    progress = Progress(len(pairs), label="align", noun="pairs")
    start = time.perf_counter()
    jobs = args.jobs if args.jobs is not None else ops.default_jobs(len(pairs))
    if args.ray is not None:
        from workbench.distributed import connect

        with connect(args.ray) as cluster:
            outcomes = cluster.align_pairs(
                pairs, source_lang=source_lang, target_lang=target_lang,
                embeddings=not args.no_embeddings, scores=args.scores,
                progress=progress.advance)
            return _report(args, outcomes, progress, start, cluster.workers)
    outcomes = ops.align_pairs(pairs, source_lang=source_lang, target_lang=target_lang,
                               embeddings=not args.no_embeddings, scores=args.scores,
                               jobs=jobs, progress=progress.advance)
    return _report(args, outcomes, progress, start, jobs)
