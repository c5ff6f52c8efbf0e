"""Segmentation and language-ID benchmark on the shared gold corpus.

Prints, in one run: the share of gold segments reproduced exactly (ru, en); language-ID
accuracy on every gold line, ours against plain langdetect; lines/s of both on the same
lines; the time to read and segment the whole repo corpus. Each figure says how it was
made. Run: .venv/bin/python bench/bench_segment.py [--gold DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from importlib.metadata import version
from pathlib import Path

from workbench.testing import shared

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = shared.GOLD


def _gold_lines(gold: Path, lang: str) -> list[tuple[str, list[str]]]:
    return [(folder.name, (folder / f"{lang}.sents").read_text(encoding="utf-8").splitlines())
            for folder in sorted(gold.iterdir()) if (folder / f"{lang}.sents").is_file()]


def segmentation(project, gold: Path, lang: str) -> tuple[int, int, list[str]]:
    hits = total = 0
    misses = []
    for doc_id, lines in _gold_lines(gold, lang):
        doc = project.document(doc_id)
        side = doc.source if lang == project.source_lang else doc.target
        ours = {" ".join(seg.text.split("\n")).strip() for seg in side.segments}
        for line in lines:
            total += 1
            hits += line in ours
            if line not in ours:
                misses.append(f"{doc_id}: {line}")
    return hits, total, misses


def _best_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--repeat", type=int, default=5, help="timing runs (best is kept)")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        print(f"bench_segment: no gold corpus at {args.gold} (pass --gold DIR)", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    from langdetect import DetectorFactory, detect

    from workbench import __version__
    from workbench.langid import detect_lines, langdetect_ranked
    from workbench.project import open_project
    import_s = time.perf_counter() - t0

    print("bench_segment: workbench segmentation and language ID against the gold corpus")
    print(f"  data: {args.gold} ({len(list(args.gold.iterdir()))} documents); corpus: {REPO}")
    print(f"  versions: workbench {__version__}, python {platform.python_version()}, "
          f"razdel {version('razdel')}, langdetect {version('langdetect')} (seed 0)")
    print(f"  machine: {platform.machine()}, {platform.system()}; timing: best of "
          f"{args.repeat} runs, after warm-up")

    # Reading + segmenting the whole repo corpus: first (cold: loads razdel, langdetect
    # profiles if a line needs them) and warm (fresh Project, libraries loaded).
    start = time.perf_counter()
    project = open_project(REPO)
    n_segments = sum(len(side.segments) for doc in project.documents()
                     for side in (doc.source, doc.target) if side is not None)
    cold = time.perf_counter() - start
    warm = _best_time(lambda: open_project(REPO).documents(), args.repeat)
    print(f"\nread+segment+langid of the repo corpus ({len(project.document_ids())} documents, "
          f"{n_segments} segments): first {cold * 1000:.0f} ms (imports before it: "
          f"{import_s * 1000:.0f} ms; the first run also loads razdel and langdetect's "
          f"profiles, which one Turkish line needs), warm {warm * 1000:.0f} ms")

    print("\nsegmentation: gold lines reproduced exactly by one of our segments "
          "(newlines as spaces, trimmed)")
    for lang in ("ru", "en"):
        hits, total, misses = segmentation(project, args.gold, lang)
        print(f"  {lang}: {hits}/{total} = {hits / total:.1%}")
        for miss in misses:
            print(f"    miss: {miss}")

    print("\nlanguage ID on every gold line (label must be the file's language; document "
          "context = the whole .sents file, as `workbench langid`)")
    langdetect_ranked("warm up the profiles")
    DetectorFactory.seed = 0
    all_lines: list[tuple[str, list[str]]] = []
    for lang in ("ru", "en"):
        for _doc, lines in _gold_lines(args.gold, lang):
            all_lines.append((lang, lines))

    def ours() -> list[str]:
        return [label for _lang, lines in all_lines for label in detect_lines(lines)]

    def plain() -> list[str]:
        out = []
        for _lang, lines in all_lines:
            for line in lines:
                try:
                    out.append(detect(line))
                except Exception:
                    out.append("und")
        return out

    expected = [lang for lang, lines in all_lines for _ in lines]
    n = len(expected)
    ours_labels, plain_labels = ours(), plain()
    ours_ok = sum(a == b for a, b in zip(ours_labels, expected, strict=True))
    plain_ok = sum(a == b for a, b in zip(plain_labels, expected, strict=True))
    print(f"  ours:             {ours_ok}/{n} = {ours_ok / n:.1%}")
    print(f"  plain langdetect: {plain_ok}/{n} = {plain_ok / n:.1%}")
    flat = [(lang, line) for lang, lines in all_lines for line in lines]
    for (lang, line), mine, theirs in zip(flat, ours_labels, plain_labels, strict=True):
        if mine != lang:
            print(f"    ours wrong: {mine} for {lang} line {line!r}")
        if theirs != lang:
            print(f"    plain langdetect wrong: {theirs} for {lang} line {line!r}")
    t_ours = _best_time(ours, args.repeat)
    t_plain = _best_time(plain, args.repeat)
    print(f"\nspeed on the same {n} lines (incl. document-language detection per file: "
          f"{len(all_lines)} files)")
    print(f"  ours:             {n / t_ours:,.0f} lines/s")
    print(f"  plain langdetect: {n / t_plain:,.0f} lines/s")
    print(f"  ratio ours/plain: {t_plain / t_ours:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
