"""`workbench approve | sign-off | reject | edit | lock | split | merge | shift | realign |
units | history | export | import`: the review workflow and exchange formats.

Parsing and printing only; the work is `workbench.ops` (which loads on first use, so
`workbench --help` stays light).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from workbench import ops
from workbench.chars import showable
from workbench.cli.args import user_parsers
from workbench.errors import WorkbenchError
from workbench.formats.registry import EXPORTERS, IMPORTERS  # the --format choices

if TYPE_CHECKING:
    from workbench.project import Project


def register(subparsers: argparse._SubParsersAction) -> None:
    add_parser = user_parsers(subparsers)

    def units_cmd(name: str, help_text: str, handler) -> argparse.ArgumentParser:
        p = add_parser(name, help=help_text)
        p.add_argument("doc_id", metavar="ID")
        p.add_argument("units", metavar="UNIT", nargs="+")
        p.set_defaults(handler=handler)
        return p

    def batch_cmd(name: str, help_text: str, handler) -> argparse.ArgumentParser:
        p = add_parser(name, help=help_text, description=help_text + ". Units: ids, "
                       "ranges in document order (u3-u9), or every unit (--all); --state "
                       "and --min-confidence keep only the units that match.")
        p.add_argument("doc_id", metavar="ID")
        p.add_argument("units", metavar="UNIT", nargs="*", help="unit ids or ranges (u3-u9)")
        p.add_argument("--all", action="store_true", dest="every",
                       help="every unit of the document")
        p.add_argument("--state", default=None, metavar="S",
                       help="only units in state S (initial, translated, reviewed, final, "
                       "rejected)")
        p.add_argument("--min-confidence", type=float, default=None, metavar="X",
                       help="only units whose alignment confidence is at least X (0–1)")
        p.set_defaults(handler=handler)
        return p

    def review_cmd(name: str, help_text: str, handler) -> argparse.ArgumentParser:
        p = batch_cmd(name, help_text, handler)
        p.add_argument("--expect-english", metavar="TEXT", default=None,
                       help="refuse unless the unit's English is exactly TEXT (the English "
                       "you read; '-' reads it from stdin); one UNIT only")
        p.add_argument("--expect-hash", metavar="SHA256", action="append", default=None,
                       help="refuse unless the unit's English has this SHA-256 (the "
                       "english_hash of `workbench units ID --jsonl`); once per UNIT, "
                       "in the same order")
        return p

    for name, help_text in (("approve", "mark units reviewed (their English is approved)"),
                            ("sign-off", "mark units final (signed off after review)")):
        p = review_cmd(name, help_text, cmd_approve if name == "approve" else cmd_sign_off)
        p.add_argument("--force", action="store_true",
                       help="approve English that has QA errors (they are listed anyway)")
    p = review_cmd("reject", "mark units rejected, with a reason", cmd_reject)
    p.add_argument("--reason", required=True, help="why (shown to the translator on the "
                   "unit in the TUI, in `history` and in XLIFF exports)")
    p = batch_cmd("lock", "lock units' alignment (realignment keeps them)", cmd_lock)
    p.add_argument("--off", action="store_true", help="unlock instead")
    p = units_cmd("merge", "merge adjacent units into the first", cmd_merge)

    p = add_parser("edit", help="set the English of a unit")
    p.add_argument("doc_id", metavar="ID")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("text", metavar="TEXT", help="the new English ('-' reads it from stdin)")
    p.set_defaults(handler=cmd_edit)

    p = add_parser("split", help="split a unit after N source and M target segments")
    p.add_argument("doc_id", metavar="ID")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("--source", type=int, required=True, metavar="N",
                   help="source segments kept in the first part")
    p.add_argument("--target", type=int, required=True, metavar="M",
                   help="target segments kept in the first part")
    p.set_defaults(handler=cmd_split)

    p = add_parser("shift", help="move a unit's first segment to the previous unit "
                              "(up) or its last to the next (down), on one side")
    p.add_argument("doc_id", metavar="ID")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("side", choices=("source", "target"))
    p.add_argument("direction", choices=("up", "down"))
    p.set_defaults(handler=cmd_shift)

    p = add_parser("realign", help="lock approved units and realign the rest")
    p.add_argument("doc_id", metavar="ID")
    p.set_defaults(handler=cmd_realign)

    p = add_parser("units", help="a document's units: id, state, origin, texts")
    p.add_argument("doc_id", metavar="ID")
    p.add_argument("--wide", action="store_true",
                   help="texts in full (default: cut to 50 characters)")
    p.add_argument("--json", action="store_true",
                   help="one JSON array of the units, with full texts")
    p.add_argument("--jsonl", action="store_true",
                   help="one JSON object per unit: id, state, origin, locked, confidence, "
                   "source, english, english_hash (for --expect-hash), changed_by/at")
    p.set_defaults(handler=cmd_units)

    p = add_parser("history", help="the history of a unit: who did what, when, with the "
                   "English in full")
    p.add_argument("doc_id", metavar="ID")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("--json", action="store_true", help="one JSON array of the entries")
    p.set_defaults(handler=cmd_history)

    p = add_parser("export", help="export documents as " + ", ".join(
        f"{e.name} ({e.description})" for e in EXPORTERS.values()))
    p.add_argument("doc_id", metavar="ID", nargs="?")
    p.add_argument("--all", action="store_true", help="every document of the project")
    p.add_argument("--format", required=True, choices=tuple(EXPORTERS))
    p.add_argument("-o", "--output", metavar="PATH", default=None,
                   help="output file (a folder for txt with --all); default: stdout")
    p.add_argument("--keep-furniture", action="store_true",
                   help="txt: keep web-page furniture (comment forms etc.)")
    p.add_argument("--job", action="store_true",
                   help="xliff12/xliff2: a translation job for another tool (every unit; XLIFF "
                   "1.2 carries the source in each <target>, as OmegaT 3.6 needs, and the "
                   "English so far as <alt-trans>)")
    p.add_argument("--no-forbidden", action="store_true",
                   help="tbx: leave forbidden forms out (default: deprecatedTerm-admn-sts)")
    p.set_defaults(handler=cmd_export, raw_stdout=True)  # stdout is the file's content

    p = add_parser("import", help="merge a file back (" + " or ".join(
        i.description for i in IMPORTERS.values()) + "): English and states; conflicts "
        "are reported, not overwritten")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--into", metavar="ID", default=None,
                   help="a job from another tool: merge its units into document ID by "
                   "matching source text (default: a new document)")
    p.add_argument("--as", dest="as_id", metavar="NEW-ID", default=None,
                   help="the id of the new document a job becomes (default: from its file)")
    p.set_defaults(handler=cmd_import)


def _context(args: argparse.Namespace) -> tuple[Project, str]:
    return (ops.open_project(getattr(args, "root", None)),
            ops.current_user(getattr(args, "user", None)))


def _report(verb: str, doc_id: str, asked: list[str], changed) -> int:
    ids = [u.id for u in changed]
    same = [uid for uid in asked if uid not in ids]
    print(f"{verb} {len(ids)} unit(s) in {doc_id}" + (f": {' '.join(ids)}" if ids else ""))
    if same:
        print(f"unchanged (already so): {' '.join(same)}")
    return 0


def _read_stdin() -> str:
    """Text piped in, as UTF-8; bytes that are not UTF-8 arrive as lone surrogates,
    which the core refuses with the unit and the character (never stored)."""
    return sys.stdin.buffer.read().decode("utf-8", "surrogateescape").rstrip("\n")


def _seen(args: argparse.Namespace) -> dict[str, dict[str, str] | None]:
    """`expected`/`expected_hash` for ops from --expect-english / --expect-hash."""
    english, hashes = args.expect_english, args.expect_hash
    if english is not None and len(args.units) != 1:
        raise WorkbenchError("--expect-english names the English of one unit",
                             fix="give one UNIT, or --expect-hash once per UNIT")
    if hashes is not None and len(hashes) != len(args.units):
        raise WorkbenchError(f"{len(hashes)} --expect-hash for {len(args.units)} unit(s)",
                             fix="give --expect-hash once per UNIT, in the same order")
    if english == "-":
        english = _read_stdin()
    return {"expected": None if english is None else {args.units[0]: english},
            "expected_hash": None if hashes is None else dict(zip(args.units, hashes,
                                                                  strict=True))}


def _batch(args: argparse.Namespace, action: str, verb: str, **options) -> int:
    """Run a batch action (ops.review_batch) and report it: QA errors of approved
    English on stderr, skipped units by reason."""
    project, user = _context(args)
    state = ops.parse_state(args.state) if args.state else None
    if getattr(args, "expect_english", None) is not None or \
            getattr(args, "expect_hash", None) is not None:
        if args.every or state is not None or args.min_confidence is not None or any(
                "-" in spec.strip("-") for spec in args.units):
            raise WorkbenchError("--expect-english/--expect-hash name units one by one",
                                 fix="give the unit ids themselves, without ranges, --all, "
                                 "--state or --min-confidence")
        options.update(_seen(args))
    try:
        result = ops.review_batch(project, args.doc_id, action, args.units, user=user,
                                  every=args.every, state=state,
                                  min_confidence=args.min_confidence, **options)
    except ops.QAErrorsRefused as refused:
        _print_qa(args.doc_id, refused.issues, "error")
        raise
    _print_qa(args.doc_id, result.qa_errors, "warning")
    _report(verb, args.doc_id, result.chosen, result.changed)
    by_reason: dict[str, list[str]] = {}
    for unit_id, why in result.skipped.items():
        by_reason.setdefault(why, []).append(unit_id)
    for why, ids in by_reason.items():
        print(f"skipped ({why}): {' '.join(ids)}")
    return 0


def _print_qa(doc_id: str, issues: dict, label: str) -> None:
    for unit_id, found in issues.items():
        for issue in found:
            print(f"workbench: {label}: {doc_id} {unit_id} has a QA error: [{issue.rule}] "
                  f"{showable(issue.message)}", file=sys.stderr)


def cmd_approve(args: argparse.Namespace) -> int:
    return _batch(args, "approve", "approved", force=args.force)


def cmd_sign_off(args: argparse.Namespace) -> int:
    return _batch(args, "sign-off", "signed off", force=args.force)


def cmd_reject(args: argparse.Namespace) -> int:
    return _batch(args, "reject", "rejected", reason=args.reason)


def cmd_lock(args: argparse.Namespace) -> int:
    return _batch(args, "unlock" if args.off else "lock", "unlocked" if args.off else "locked")


def cmd_merge(args: argparse.Namespace) -> int:
    project, user = _context(args)
    unit = ops.merge(project, args.doc_id, args.units, user=user)
    print(f"merged {' '.join(args.units)} into {unit.id}: src {unit.src} tgt {unit.tgt}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    project, user = _context(args)
    text = _read_stdin() if args.text == "-" else args.text
    unit = ops.edit(project, args.doc_id, args.unit, text, user=user)
    print(f"{args.doc_id} {unit.id}: {unit.state.value}")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    project, user = _context(args)
    first, second = ops.split(project, args.doc_id, args.unit, src_at=args.source,
                              tgt_at=args.target, user=user)
    print(f"split {args.unit} into {first.id} {first.src}:{first.tgt} and "
          f"{second.id} {second.src}:{second.tgt}")
    return 0


def cmd_shift(args: argparse.Namespace) -> int:
    project, user = _context(args)
    changed = ops.shift(project, args.doc_id, args.unit, side=args.side,
                        direction=args.direction, user=user)
    for unit in changed:
        print(f"{unit.id}: src {unit.src} tgt {unit.tgt}")
    return 0


def cmd_realign(args: argparse.Namespace) -> int:
    project, user = _context(args)
    wf = ops.realign(project, args.doc_id, user=user)
    kept = sum(1 for u in wf.units if u.locked)
    print(f"{args.doc_id}: {len(wf.units)} units, {kept} locked kept as they were")
    return 0


def _one_line(text: str, width: int | None) -> str:
    """The text on one line (runs of whitespace as one space), cut to `width` if given."""
    text = showable(" ".join(text.split()))
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def unit_json(unit) -> dict:
    """A unit as `units --json` gives it: every field a script needs, texts in full."""
    p = unit.proposal
    return {"id": unit.id, "state": unit.state.value, "origin": unit.origin.value,
            "match": ops.origin_kind(unit), "locked": unit.locked,
            "confidence": unit.confidence, "kind": unit.kind.value,
            "src": unit.src, "tgt": unit.tgt, "source": unit.source_text,
            "target": unit.target_text, "reject_reason": unit.reject_reason,
            "created_by": unit.created_by, "created_at": unit.created_at,
            "changed_by": unit.changed_by, "changed_at": unit.changed_at,
            "proposal": None if p is None else {"origin": p.origin.value, "score": p.score,
                                                 "detail": p.detail, "text": p.text}}


def cmd_units(args: argparse.Namespace) -> int:
    project, _user = _context(args)
    wf = ops.load_or_align(project, args.doc_id)
    if args.json:
        print(json.dumps([unit_json(u) for u in wf.units], ensure_ascii=False, indent=1))
        return 0
    if args.jsonl:
        for unit in wf.units:
            print(json.dumps({
                "id": unit.id, "state": unit.state.value, "origin": unit.origin.value,
                "locked": unit.locked, "confidence": unit.confidence,
                "source": unit.source_text, "english": unit.target_text,
                "english_hash": ops.english_hash(unit.target_text),
                "changed_by": unit.changed_by, "changed_at": unit.changed_at,
                "stored": wf.stored}, ensure_ascii=False))
        return 0
    if not wf.stored:
        print(f"# {args.doc_id}: not saved yet (units from a fresh alignment)")
    width = None if args.wide else 50
    for unit in wf.units:
        lock = "L" if unit.locked else "-"
        conf = f"{unit.confidence:.2f}" if unit.confidence is not None else "  - "
        print(f"{unit.id}\t{unit.state.value}\t{unit.origin.value}\t{lock}\t{conf}\t"
              f"{_one_line(unit.source_text, width)}\t{_one_line(unit.target_text, width)}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    project, _user = _context(args)
    versions = ops.history_trail(ops.load_or_align(project, args.doc_id).unit(args.unit))
    if args.json:
        print(json.dumps([ops.entry_json(v) for v in versions], ensure_ascii=False, indent=1))
        return 0
    for version in versions:
        entry = version.entry
        state = entry.state.value if entry.state else "-"
        detail = version.note
        if entry.target is not None and entry.action in ("align", "edit", "translate",
                                                         "import", "split", "merge", "shift",
                                                         "accept", "undo", "redo"):
            detail = (detail + " | " if detail else "") + _one_line(entry.target, None)
        print(f"{entry.when}\t{entry.who}\t{entry.action}\t{state}\t{showable(detail)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    project, user = _context(args)
    if args.all == bool(args.doc_id) and EXPORTERS[args.format].reads != "glossary":
        raise WorkbenchError("name one document ID or --all", fix="e.g. export ID --format tmx")
    doc_ids = project.document_ids() if args.all else ([args.doc_id] if args.doc_id else [])
    outputs = ops.export_documents(project, doc_ids, args.format, user=user,
                                   keep_furniture=args.keep_furniture, job=args.job,
                                   forbidden=not args.no_forbidden)
    for out in outputs:
        for note in out.notes:
            print(f"workbench: {note}", file=sys.stderr)
    if args.output is None:
        for out in outputs:
            if out.data is None:
                sys.stdout.write(out.text)
            else:  # the file's own encoding and newlines, byte for byte
                sys.stdout.flush()
                sys.stdout.buffer.write(out.data)
                sys.stdout.buffer.flush()
        return 0
    counts = EXPORTERS[args.format].counts
    for path, out in zip(ops.write_outputs(outputs, args.output), outputs, strict=True):
        print(f"wrote {path} ({out.count} {counts})", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    project, user = _context(args)
    report = ops.import_file(project, args.file, user=user, into=args.into, as_id=args.as_id)
    for doc_id in report.created:
        print(f"new document {doc_id}: {sum(d == doc_id for d, _, _ in report.applied)} units")
    if not report.created:
        for doc_id, unit_id, what in report.applied:
            print(f"updated {doc_id} {unit_id}: {what}")
    for doc_id, unit_id, why in report.skipped:
        print(f"skipped {doc_id} {unit_id}: {why}")
    for doc_id, unit_id, why in report.conflicts:
        print(f"CONFLICT {doc_id} {unit_id}: {why}")
    for note in report.notes:
        print(f"workbench: {note}", file=sys.stderr)
    skipped = f", {len(report.skipped)} skipped" if report.skipped else ""
    if report.created:
        print(f"{report.path.name} ({report.format}): new document(s) "
              f"{', '.join(report.created)}, {len(report.applied)} units")
        return 0
    print(f"{report.path.name} ({report.format}): {len(report.applied)} updated, "
          f"{len(report.conflicts)} conflicts (kept as here){skipped}, "
          f"{report.unchanged} unchanged")
    return 1 if report.conflicts else 0
