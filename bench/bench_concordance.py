"""Benchmark: the concordance index (`workbench search`) on 100,000 units.

Data: real sentence pairs, the WMT news test documents in
`../shared/bench-data/align-news-ruen/` (Russian original, English reference; research use
only, read in place, never copied into the repository) when present, plus every sentence
of the shipped corpus; the pairs are repeated to 100,000 units in 200 working files of
500 units (real XLIFF 2.1 files written by the store), a quarter of them approved.

Measured, all in this run, in one warm process (as the TUI is: pymorphy3 loaded):
- a full build of the index from nothing;
- the query time (median of 20) of a rare word, a frequent word, a two-word phrase and a
  Russian phrase by lemma, each with its total count;
- the incremental update after one save (`ops.edit` of one unit, then the next search's
  `refresh_index`: 200 files checked, one read again, one row written);
- baselines: a plain scan over the 200 working files for the same words (load each
  file with the store and compare case-folded texts) and the same scan over the units
  already in memory (no file reading at all).
Targets (issue): a query < 50 ms, an incremental update after one save < 100 ms.

Run: .venv/bin/python bench/bench_concordance.py [--units N]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from workbench.testing import shared
from workbench.testing.timing import median_ms

REPO = Path(__file__).resolve().parents[1]
NEWS = shared.SHARED / "bench-data" / "align-news-ruen"
UNITS_PER_DOC = 500
QUERIES = (  # (label, text, side, lemma)
    ("rare word", "заразившихся", "both", False),
    ("frequent word", "the", "both", False),
    ("phrase", "Communist Party", "both", False),
    ("ru phrase by lemma", "коммунистическая партия", "source", True),
)


def timed(fn, repeats: int = 20) -> float:
    """Median wall time in milliseconds."""
    return median_ms(fn, repeats)[0]


def _indices(text: str) -> list[str]:
    return [i for i in text.strip("[]").split(",") if i.strip()]


def real_pairs() -> tuple[list[tuple[str, str]], str]:
    """Sentence pairs: the news set's (when present) and the corpus' segments."""
    pairs: list[tuple[str, str]] = []
    where = []
    if NEWS.is_dir():
        for doc in sorted(d for d in NEWS.glob("doc*") if d.is_dir()):
            ru = (doc / "ru.sents").read_text(encoding="utf-8").splitlines()
            en = (doc / "en.sents").read_text(encoding="utf-8").splitlines()
            for line in (doc / "gold.align").read_text(encoding="utf-8").splitlines():
                src, _, tgt = line.partition(":")
                pairs.append((" ".join(ru[int(i)] for i in _indices(src)),
                              " ".join(en[int(i)] for i in _indices(tgt))))
        where.append(f"{len(pairs)} WMT news beads (gold alignment, {NEWS})")
    else:
        where.append(f"WMT news pairs absent ({NEWS}): corpus sentences only")
    from workbench.project import open_project

    project = open_project(REPO)
    n = len(pairs)
    for doc_id in project.document_ids():
        doc = project.document(doc_id)
        ru = [s.text for s in doc.source.segments] if doc.source else []
        en = [s.text for s in doc.target.segments] if doc.target else []
        pairs += list(zip(ru, en, strict=False)) if ru and en else [(r, "") for r in ru] + [
            ("", e) for e in en]
    where.append(f"{len(pairs) - n} corpus segment pairs (by position)")
    return [(r, e) for r, e in pairs if r.strip() or e.strip()], "; ".join(where)


def build_project(root: Path, total: int, pairs: list[tuple[str, str]]) -> list[str]:
    from workbench import store
    from workbench.model import Origin, State, Unit, WorkingFile
    from workbench.project import open_project

    (root / "translations").mkdir(parents=True)
    (root / "sources").mkdir()
    project = open_project(root)
    ids = []
    n = 0
    for d in range(total // UNITS_PER_DOC):
        doc_id = f"bench-{d:03d}"
        wf = WorkingFile(doc_id=doc_id)
        for i in range(UNITS_PER_DOC):
            ru, en = pairs[n % len(pairs)]
            n += 1
            state = State.REVIEWED if i % 4 == 0 and en else (
                State.TRANSLATED if en else State.INITIAL)
            wf.units.append(Unit(id=f"u{i + 1}", src=[i], tgt=[i], source_text=ru,
                                 target_text=en, state=state, origin=Origin.ALIGNED,
                                 confidence=0.9, created_by="bench",
                                 created_at="2026-01-01T00:00:00Z"))
        wf.next_id = UNITS_PER_DOC + 1
        store.save(project, wf, user="bench")
        ids.append(doc_id)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    args = parser.parse_args()

    from workbench import __version__, ops, store
    from workbench.ops.search import index_path
    from workbench.project import open_project
    from workbench.search import Query
    from workbench.search.words import indexed, words

    pairs, where = real_pairs()
    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-conc-"))
    try:
        start = time.perf_counter()
        ids = build_project(tmp, args.units, pairs)
        t_files = time.perf_counter() - start
        project = open_project(tmp)
        indexed("партия", "ru")  # load pymorphy3 once, as a running TUI has

        start = time.perf_counter()
        first = ops.refresh_index(project)
        t_build = time.perf_counter() - start
        index = ops.concordance_index(project)
        rows = index.count()

        results = []
        for label, text, side, lemma in QUERIES:
            query = Query(text, side=side, lemma=lemma, limit=50)
            total = index.search(query).total
            t_query = timed(lambda q=query: index.search(q))
            t_full = timed(lambda t=text, s=side, lm=lemma: ops.concordance(
                project, t, side=s, lemma=lm), repeats=10)
            results.append((label, text, total, t_query, t_full))

        # one save, then the next search's update
        updates = []
        for n in range(10):
            doc_id = ids[n * 7 % len(ids)]
            ops.edit(project, doc_id, "u5", f"An edited sentence number {n}.", user="bench")
            start = time.perf_counter()
            report = ops.refresh_index(project)
            updates.append(((time.perf_counter() - start) * 1000, report))
        t_update = statistics.median(t for t, _ in updates)
        last = updates[-1][1]
        hit = ops.concordance(project, "edited sentence number 9")
        assert hit.total >= 1, "the edited unit is not found after the update"

        # baselines: a plain scan for the frequent phrase
        needle = [w for w in words("Communist Party")]

        def scan_files():
            store.workfile._cache.clear()
            found = 0
            for doc_id in ids:
                for unit in store.load_stored(project, doc_id).units:
                    text = (unit.source_text + " " + unit.target_text).casefold()
                    if all(w in text for w in needle):
                        found += 1
            return found

        def scan_memory(units):
            found = 0
            for unit in units:
                text = (unit.source_text + " " + unit.target_text).casefold()
                if all(w in text for w in needle):
                    found += 1
            return found

        t_scan = timed(scan_files, repeats=3)
        in_memory = [u for doc_id in ids for u in store.load_stored(project, doc_id).units]
        t_scan_mem = timed(lambda: scan_memory(in_memory), repeats=5)
        size = index_path(project).stat().st_size
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"workbench {__version__}, Python {sys.version.split()[0]}, SQLite "
          f"{sqlite3.sqlite_version}, {platform.machine()}, {platform.system()} "
          f"{platform.release()}")
    print(f"data: {rows:,} units in {len(ids)} working files of {UNITS_PER_DOC} "
          f"(written in {t_files:.0f} s) from {where}, repeated; index "
          f"{size / 2**20:.0f} MB")
    print(f"full build from nothing        {t_build * 1000:9.0f} ms  "
          f"({first.rows_written:,} rows)")
    for label, text, total, t_query, t_full in results:
        print(f"query {label:<22} {t_query:7.1f} ms  ({total:,} matches, best 50 with "
              f"highlights; {t_full:.1f} ms with the staleness check) {text!r}")
    print(f"update after one save          {t_update:9.1f} ms  (median of {len(updates)}; "
          f"{len(last.sources_read)} file read, {last.rows_written} row written, "
          f"{len(ids)} files checked)")
    print(f"  baseline plain scan of files {t_scan:9.0f} ms  (load every working file, "
          f"substring test; {t_scan / max(results[2][3], 1e-3):.0f}x the phrase query)")
    print(f"  baseline scan of loaded units{t_scan_mem:9.1f} ms  (units already in memory; "
          f"{t_scan_mem / max(results[2][3], 1e-3):.1f}x the phrase query)")
    worst = max(r[3] for r in results)
    print(f"targets: query < 50 ms: {'met' if worst < 50 else 'MISSED'} (worst "
          f"{worst:.1f} ms); update < 100 ms: {'met' if t_update < 100 else 'MISSED'}")


if __name__ == "__main__":
    main()
