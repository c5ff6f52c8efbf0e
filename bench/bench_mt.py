"""Benchmark: the batched MT engine against `argostranslate.translate`, and the letterhead
rules on every letterhead line of the corpus.

    .venv/bin/python bench/bench_mt.py [--repeat 5] [--segments 300] [--base-segments 48]

No real ru→en weights can be downloaded on this machine, so both engines run packages
built here, as the tests build them, on the same segments (the Russian segments of the
corpus, cycled). Argos translates one segment per call (its sentence splitter patched
to return the segment: segments come already split; unpatched, MiniSBD would download
a model). Ratios are against Argos's faster thread setting, measured in the same run,
runs interleaved; a ratio is the median over runs of the ratio within each run (the
two measured at the same moment, under the same load), every run's time printed. The segments cycle
the corpus' Russian, so some repeat, as they do in a corpus (letterheads, signatures,
party names): "each distinct segment once" is what `workbench translate` does (the
proposal chain translates each distinct segment once and caches it), the other rows
translate every segment as given.

Two models, because they stress different things:
- tiny (d=32, 2+2 layers, outputs of 1-2 tokens): all encoder, no decoding to speak of;
  batching saves only per-call overhead;
- base-sized: Argos's own shape (d=512, 6+6 layers, ffn 2048, a 50,000-row shared
  vocabulary, as argos-train's `spm_train --vocab_size=50000`), with SentencePiece
  trained on the corpus and the WMT news sentences in ../shared (read in place, never
  copied) so segments are as many pieces long as text of this kind is, and a decoder
  wired to emit 30 tokens per segment, so each segment costs the decoding steps a real
  translation does (random weights alone stop at once or run to the 256-token limit).
  `--base-pieces 300` gives the earlier setting (300 pieces trained on the corpus alone:
  segments three times as long in pieces, an output layer 170 times smaller).

"warm" is throughput with the model loaded; "cold" is a fresh process translating one
document (import + model load + translation), what a command-line user waits for.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from workbench.testing.shared import NEWS  # noqa: E402  (WMT news: read in place)

HOME = Path(tempfile.mkdtemp(prefix="bench-mt-"))
# Argos reads its dirs once, at import: isolate them before anything imports it.
os.environ.update({"XDG_DATA_HOME": str(HOME / "data"), "XDG_CONFIG_HOME": str(HOME / "config"),
                   "XDG_CACHE_HOME": str(HOME / "cache"), "ARGOS_DEVICE_TYPE": "cpu"})
os.environ.pop("ARGOS_PACKAGES_DIR", None)


def base_training_text(corpus: list[str], pieces: int) -> tuple[list[str], str]:
    """SentencePiece training text for the base-sized model: the corpus, and for a real
    vocabulary the WMT news sentences too (the corpus alone gives a few thousand pieces)."""
    if pieces <= 1000 or not (NEWS / "doc001").is_dir():
        return corpus, "the corpus" + ("" if pieces <= 1000 else f" (no {NEWS})")
    news = [line for path in sorted(NEWS.glob("doc*/*.sents"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return corpus + news, f"the corpus and {len(news):,} WMT news lines"


def russian_segments(project) -> list[str]:
    out = []
    for doc in project.documents():
        for side in (doc.source, doc.target):
            if side is None or side.lang != project.source_lang:
                continue
            out += [s.text.strip() for s in side.segments
                    if s.lang == project.source_lang and s.kind != "furniture" and s.text.strip()]
    return out


def letterhead_lines(project) -> list[tuple[str, str]]:
    out = []
    for doc in project.documents():
        for side in (doc.source, doc.target):
            if side is None:
                continue
            out += [(doc.id, s.text.strip()) for s in side.segments if s.kind == "letterhead"]
    return out


def interleaved(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Every time of each run, the runs taking turns: other load on a shared machine then
    hits every engine alike instead of whichever ran during it."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, fn in runs.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


COLD_ARGOS = """
import json, sys
from argostranslate import sbd, translate
sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
for seg in json.load(open(sys.argv[1])):
    translate.translate(seg, "ru", "en")
"""
COLD_WORKBENCH = """
import json, sys
from workbench.mt.engine import get_engine
from workbench.mt.models import find_model
get_engine(find_model("ru", "en")).translate(json.load(open(sys.argv[1])))
"""


def cold_seconds(code: str, segments_file: Path, runs: int) -> float:
    """Best wall time of a fresh process that imports, loads the model and translates."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(segments_file)], check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def row(label: str, secs: float, n: int, baseline: float, note: str = "") -> None:
    print(f"{label:<76} {secs:8.3f} {n / secs:9.1f} {baseline / secs:8.2f}{note}")


BASE_OUTPUT_TOKENS = 30


def warm_table(translate, argos_settings, model, segments: list[str], repeat: int,
               threads: int, batch_tokens: int) -> None:
    """Warm throughput of Argos (1 call per segment, 1 and `threads` threads) and of the
    batched engine on one installed model, runs interleaved; ratios against the public
    `argostranslate.translate.translate()` (the baseline the issue names) and against
    Argos's lower-level `PackageTranslation.hypotheses` (a stricter comparison)."""
    from workbench.mt.engine import Engine, EngineSettings

    runs: dict[str, Callable[[], object]] = {}
    labels: dict[str, str] = {}
    for intra in sorted({1, threads}):
        argos_settings.intra_threads = intra
        translate.installed_translates.clear()
        translate.get_installed_languages.cache_clear()
        cached = translate.get_translation_from_codes("ru", "en")  # what translate() uses
        pt = cached.underlying
        pt.hypotheses(segments[0], 1)  # load the model outside the timing
        name = f"argos-{intra}"
        runs[name] = lambda pt=pt: [pt.hypotheses(seg, 1) for seg in segments]
        labels[name] = (f"argos PackageTranslation.hypotheses, 1 call/segment, beam 4, "
                        f"{pt.translator.compute_type}, {intra} thread(s)")
        api = f"argos-api-{intra}"
        # translate.translate(q, "ru", "en") is get_translation_from_codes(...).translate(q):
        # the object is held here so each thread setting keeps its own loaded model
        runs[api] = lambda cached=cached: [cached.translate(seg) for seg in segments]
        labels[api] = (f"argostranslate.translate.translate(), 1 call/segment, beam 4, "
                       f"{intra} thread(s)")
    distinct = list(dict.fromkeys(segments))
    for name, label, settings, texts in (
        ("wb-b4-int8", "workbench engine, batched, beam 4, int8", EngineSettings(beam_size=4),
         segments),
        ("wb-b4-once", f"workbench, beam 4, int8, each distinct segment once "
         f"({len(distinct)} of {len(segments)})", EngineSettings(beam_size=4), distinct),
        ("wb-b2-int8", "workbench engine, batched, beam 2, int8 (default)", EngineSettings(),
         segments),
        ("wb-b2-once", "workbench, beam 2, int8 (default), each distinct segment once",
         EngineSettings(), distinct),
        ("wb-b4-f32", "workbench engine, batched, beam 4, float32",
         EngineSettings(beam_size=4, compute_type="float32"), segments),
    ):
        engine = Engine(model, replace(settings, threads=threads, max_batch_tokens=batch_tokens))
        engine.translate(segments[:2])
        runs[name] = lambda engine=engine, texts=texts: engine.translate(texts)
        labels[name] = label
    times = interleaved(runs, repeat)
    median = {name: statistics.median(t) for name, t in times.items()}
    api_name = min((n for n in median if n.startswith("argos-api")), key=median.get)
    core_name = min((n for n in median if n.startswith("argos-") and "api" not in n),
                    key=median.get)
    print(f"{'engine':<76} {'median s':>8} {'seg/s':>9} {'× argos':>8} {'× argos core':>13}"
          f"  runs (s)")

    def per_run(base: str, name: str) -> float:
        """The median over runs of the ratio within each run (same moment, same load)."""
        return statistics.median(b / t for b, t in zip(times[base], times[name], strict=True))

    for name in runs:
        note = f" {per_run(core_name, name):13.2f}"
        note += "  " + " ".join(f"{t:.2f}" for t in times[name])
        row(labels[name], median[name], len(segments), median[name] * per_run(api_name, name),
            note + ("  (baseline)" if name == api_name else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--segments", type=int, default=300)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--base-segments", type=int, default=48,
                    help="segments for the base-sized model (0 skips it: it takes minutes)")
    ap.add_argument("--base-repeat", type=int, default=3,
                    help="interleaved runs on the base-sized model (the median is quoted)")
    ap.add_argument("--batch-tokens", type=int, default=0,
                    help="the workbench engine's tokens per batch (max_batch_tokens; 0: "
                    "its default, by the beam)")
    ap.add_argument("--base-pieces", type=int, default=50000,
                    help="vocabulary of the base-sized model (Argos's: 50,000)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                    help="CPU cores for the workbench engine (parallel batches); Argos is "
                    "measured with 1 thread and with this many, and the faster is the baseline")
    args = ap.parse_args()

    import ctranslate2
    import sentencepiece

    from workbench.mt import models
    from workbench.project import open_project
    from workbench.testing import argos_tiny

    project = open_project(ROOT)
    pool = russian_segments(project)
    segments = [pool[i % len(pool)] for i in range(args.segments)]
    t0 = time.perf_counter()
    lines = argos_tiny.corpus_lines(ROOT)
    archive = argos_tiny.build_package(HOME / "build", lines)
    build_s = time.perf_counter() - t0
    model = models.install_file(archive)
    with open(model.path / "model" / "shared_vocabulary.json", encoding="utf-8") as fh:
        pieces = len(json.load(fh))

    t0 = time.perf_counter()
    from argostranslate import sbd, translate

    import_s = time.perf_counter() - t0
    sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
    from argostranslate import settings as argos_settings

    print("# bench_mt: batched CTranslate2 engine vs argostranslate.translate")
    print(f"python {platform.python_version()}, ctranslate2 {ctranslate2.__version__}, "
          f"argostranslate 1.11.0, {os.cpu_count()} CPUs (shared), workbench threads="
          f"{args.threads}, batch tokens {args.batch_tokens or 'by the beam (2,048 ÷ beam)'}; "
          f"medians of {args.repeat} "
          f"(tiny) and {args.base_repeat} (base-sized) interleaved runs")
    print(f"data: the {len(pool)} Russian segments of the corpus (workbench segmentation), "
          f"cycled to the count given per model")
    print()
    print(f"## warm, tiny model: random weights, d=32, 2+2 layers, {pieces} SentencePiece "
          f"pieces, outputs 1-2 tokens (built in {build_s:.2f} s); {len(segments)} segments")
    warm_table(translate, argos_settings, model, segments, args.repeat, args.threads,
               args.batch_tokens)

    if args.base_segments:
        base_segments = [pool[i % len(pool)] for i in range(args.base_segments)]
        text, where = base_training_text(lines, args.base_pieces)
        t0 = time.perf_counter()
        base_archive = argos_tiny.build_package(
            HOME / "build-base", text, version="0.0.2", d_model=512, d_ffn=2048, layers=6,
            heads=8, output_tokens=BASE_OUTPUT_TOKENS, vocab_size=args.base_pieces,
            model_vocabulary=args.base_pieces)
        base_s = time.perf_counter() - t0
        models.remove("ru", "en")
        base_model = models.install_file(base_archive)
        sp = sentencepiece.SentencePieceProcessor(
            model_file=str(base_model.path / "sentencepiece.model"))
        per_segment = statistics.mean(len(sp.encode(seg)) for seg in base_segments)
        print()
        print(f"## warm, base-sized model: Transformer-base shape as Argos's own models "
              f"(d=512, 6+6 layers, 8 heads, ffn 2048, {args.base_pieces:,}-row vocabulary), "
              f"random encoder, decoder wired to emit {BASE_OUTPUT_TOKENS} tokens per segment "
              f"so decoding costs what a translation's does (built in {base_s:.1f} s); "
              f"SentencePiece: {sp.get_piece_size():,} pieces trained on {where}, "
              f"{per_segment:.1f} pieces per segment; {len(base_segments)} segments")
        warm_table(translate, argos_settings, base_model, base_segments, args.base_repeat,
                   args.threads, args.batch_tokens)
        models.remove("ru", "en")
        model = models.install_file(archive)  # the cold runs below use the tiny model

    seg_file = HOME / "segments.json"
    seg_file.write_text(json.dumps(pool, ensure_ascii=False), encoding="utf-8")
    cold_argos = cold_seconds(COLD_ARGOS, seg_file, args.cold_runs)
    cold_wb = cold_seconds(COLD_WORKBENCH, seg_file, args.cold_runs)
    print()
    print(f"## cold: a fresh process imports, loads the model and translates the {len(pool)} "
          f"segments (best of {args.cold_runs}; import of argostranslate.translate alone: "
          f"{import_s:.2f} s in this process)")
    row("argostranslate.translate.translate(), 1 call/segment", cold_argos, len(pool),
        cold_argos, "  (baseline)")
    row("workbench engine (get_engine(find_model()).translate)", cold_wb, len(pool), cold_argos)

    print()
    print("# letterhead rules on every letterhead line of the corpus "
          "(segments the workbench classifies as letterhead)")
    from workbench.glossary import load_glossary
    from workbench.mt.rules import rule_proposals

    glossary = load_glossary(project.glossary_path) if project.glossary_path.is_file() else None
    for doc_id, line in letterhead_lines(project):
        proposals = rule_proposals(line, glossary, project.source_lang, project.target_lang)
        if not proposals:
            result = "(no rule: left to the other engines)"
        elif proposals[0].score == 0.0:
            result = "DAMAGED, not translated: " + proposals[0].issues[0].message
        else:
            result = f"{proposals[0].text}   [{proposals[0].detail}]"
        print(f"{doc_id}: {line!r}\n    → {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
