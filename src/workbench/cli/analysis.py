"""`workbench search TEXT` (concordance) and `workbench stats [ID…]` (segments, words and
characters by state and by TM match band).

Argument parsing and printing only; the work is `workbench.ops` (`ops.concordance`,
`ops.statistics`).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from workbench import ops
from workbench.chars import showable

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"  # around each hit in plain output (rare in any text)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "search", help="concordance: a phrase's words in every unit of every document and "
        "every imported translation memory",
        description="Every unit whose source or English has all the words of TEXT "
        "(case and ё/е do not matter); the phrase as typed first. The index is kept in "
        ".workbench-cache/ and brought up to date before each search.")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--lang", default=None, metavar="SRC|TGT",
                   help="search one side only: the source or target language code "
                   "(e.g. ru or en)")
    p.add_argument("--lemma", action="store_true",
                   help="match any inflection (by lemma, e.g. pymorphy3 for Russian)")
    p.add_argument("--limit", type=int, default=50, help="hits shown (default 50)")
    p.add_argument("--json", action="store_true", help="the hits as one JSON object")
    p.set_defaults(handler=cmd_search)

    p = subparsers.add_parser(
        "stats", help="segments, words and characters per document and for the project, by "
        "state and by translation-memory match band")
    p.add_argument("doc_ids", nargs="*", metavar="ID", help="documents (default: all)")
    p.add_argument("--json", action="store_true", help="the figures as one JSON object")
    p.set_defaults(handler=cmd_stats)


def marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text on one line with each hit between ⟦ and ⟧."""
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        pos = end
    out.append(text[pos:])
    return showable(" ".join("".join(out).split()))


def cmd_search(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    side = ops.side_of(project, args.lang)
    result = ops.concordance(project, args.text, side=side, lemma=args.lemma,
                             limit=args.limit)
    if args.json:
        print(json.dumps({
            "query": args.text, "side": side, "lemma": args.lemma, "total": result.total,
            "hits": [{"kind": h.kind, "document" if h.kind == "document" else "memory":
                      h.source, "unit": h.unit_id, "position": h.position,
                      "state": h.state or None, "origin": h.origin or None,
                      "source": h.source_text, "target": h.target_text,
                      "source_spans": h.source_spans, "target_spans": h.target_spans,
                      "phrase": h.phrase} for h in result.hits]},
            ensure_ascii=False, indent=1))
        return 0
    how = {"both": "source or English", "source": project.source_lang,
           "target": project.target_lang}[side]
    shown = f", the best {len(result.hits)} shown" if len(result.hits) < result.total else ""
    print(f"{result.total} unit(s) with {showable(args.text)!r} ({how}"
          f"{', by lemma' if args.lemma else ''}){shown}")
    for hit in result.hits:
        where = hit.source if hit.kind == "document" else f"TM {hit.source}"
        state = f" [{hit.state}]" if hit.state else ""
        print(f"{where} {hit.unit_id}{state}")
        print(f"  {project.source_lang}: {marked(hit.source_text, hit.source_spans)}")
        print(f"  {project.target_lang}: {marked(hit.target_text, hit.target_spans)}")
    return 0


COLUMNS = ("segments", "words", "characters")


def _row(label: str, figures) -> str:
    return f"  {label:<12}" + "".join(f"{getattr(figures, c):>12}" for c in COLUMNS)


def _print_document(title: str, stats) -> None:
    print(title)
    print(f"  {'':<12}" + "".join(f"{c:>12}" for c in COLUMNS))
    print(_row("total", stats.total))
    for state, figures in stats.by_state.items():
        if figures.segments:
            print(_row(state, figures))
    print("  TM match")
    for label, figures in stats.by_match.items():
        print(_row(label, figures))


def cmd_stats(args: argparse.Namespace) -> int:
    project = ops.open_project(getattr(args, "root", None))
    stats = ops.statistics(project, args.doc_ids or None)
    if args.json:
        print(json.dumps(stats.to_json(), ensure_ascii=False, indent=1))
        return 0
    for doc in stats.documents:
        _print_document(doc.doc_id + ("" if doc.aligned else " (not aligned yet: source "
                                      "segments)"), doc)
        print()
    _print_document(f"project: {len(stats.documents)} document(s)", stats.total)
    print(f"\nhow: {stats.how}")
    return 0
