"""Benchmark: a 100,000-unit TMX imported (`workbench tm import`: parse, check, copy,
cache) and proposal lookups against it (exact and fuzzy, `ops.propose` with the tm
engine), against a baseline measured in the same run: a plain rapidfuzz scan over the
same normalised sources (what the memory did before it had a word index).

The units are the 1-1 sentence pairs of the WMT news test data in ../shared/bench-data/
align-news-ruen (research use only; read from there, never copied), repeated with a
number appended when the data has fewer than N pairs; the queries are 200 of those
sources, half of them changed by a few characters (fuzzy).

    .venv/bin/python bench/tm_import.py [N]      (default 100000; targets: < 30 s, < 50 ms)
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench import __version__, ops
from workbench.model import Unit
from workbench.mt.tm import normalise
from workbench.testing.shared import shared_dir

NEWS = shared_dir() / "bench-data" / "align-news-ruen"


def news_pairs() -> list[tuple[str, str]]:
    """The 1-1 beads of the WMT news gold alignments: (Russian, English) sentence pairs."""
    pairs: list[tuple[str, str]] = []
    for doc in sorted(p for p in NEWS.iterdir() if p.is_dir()) if NEWS.is_dir() else ():
        try:
            ru = (doc / "ru.sents").read_text(encoding="utf-8").splitlines()
            en = (doc / "en.sents").read_text(encoding="utf-8").splitlines()
            beads = (doc / "gold.align").read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for bead in beads:
            left, _, right = bead.partition(":")
            src, tgt = left.strip("[]"), right.strip("[]")
            if src.isdigit() and tgt.isdigit():
                pairs.append((ru[int(src)].strip(), en[int(tgt)].strip()))
    return [(a, b) for a, b in pairs if a and b]


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_tmx(path: Path, pairs: list[tuple[str, str]], n: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                  'creationtool="bench" creationtoolversion="1" segtype="sentence" '
                  'o-tmf="bench" adminlang="en" srclang="ru" datatype="plaintext"/><body>\n')
        for i in range(n):
            ru, en = pairs[i % len(pairs)]
            suffix = f" ({i // len(pairs)})" if i >= len(pairs) else ""
            out.write(f'<tu tuid="{i}"><tuv xml:lang="ru-RU"><seg>{escape(ru + suffix)}</seg>'
                      f'</tuv><tuv xml:lang="en-GB"><seg>{escape(en + suffix)}</seg></tuv></tu>\n')
        out.write("</body></tmx>\n")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    pairs = news_pairs()
    if not pairs:
        print(f"skipped: no WMT news pairs in {NEWS}")
        return 0
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "p"
        (root / "sources").mkdir(parents=True)
        (root / "translations").mkdir()
        tmx = Path(scratch) / "news.tmx"
        write_tmx(tmx, pairs, n)
        project = ops.open_project(root)
        started = time.perf_counter()
        info = ops.import_memory(project, tmx)
        imported = time.perf_counter() - started
        started = time.perf_counter()
        ops.propose(project, [Unit("u0", [], [], pairs[0][0], "")], engines="tm")
        first = time.perf_counter() - started  # loads the cache and builds the index
        queries = []
        for ru, _ in rng.sample(pairs, min(200, len(pairs))):
            if rng.random() < 0.5 and len(ru) > 20:
                k = rng.randrange(len(ru) - 5)
                ru = ru[:k] + "xyz" + ru[k + 3:]
            queries.append(ru)
        times, hits = [], 0
        for q in queries:
            started = time.perf_counter()
            found = ops.propose(project, [Unit("u1", [], [], q, "")], engines="tm")["u1"]
            times.append(time.perf_counter() - started)
            hits += bool(found)
        keys = list(dict.fromkeys(normalise(ru) for ru, _ in pairs))
        keys = (keys * (n // max(len(keys), 1) + 1))[:n]
        scan = []
        for q in queries[:20]:
            started = time.perf_counter()
            process.extract(normalise(q), keys, scorer=fuzz.ratio, score_cutoff=75, limit=4)
            scan.append(time.perf_counter() - started)
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(f"workbench {__version__}; {n} TMX units ({len(pairs)} distinct WMT news ru-en "
          f"pairs, repeated with a number); {len(queries)} queries, half with 3 characters "
          "changed; one process, 1 thread")
    print(f"tm import: {imported:.1f} s for {info.units} pairs (target < 30 s)")
    print(f"first lookup (loads the cache, builds the index): {first:.2f} s")
    print(f"lookup: median {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms (target < 50 ms); {hits}/{len(queries)} found")
    print(f"baseline full rapidfuzz scan: median {statistics.median(scan) * 1000:.1f} ms; "
          f"ratio scan/indexed {statistics.median(scan) / statistics.median(times):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
