"""Benchmark: glossary term matching — quality on the gold terms, and speed at scale.

    .venv/bin/python bench/bench_terms.py [--terms 1000] [--segments 10000] [--repeat 3]

1. Recall and precision on the Russian side of ../shared/corpus/gold (every folder with a
   terms.tsv). Gold spans: each row of kind party, org or position with a Russian cell,
   found (as a whole word run) in its ru.sents; a row listed twice counts once per
   occurrence in the text. Hits: the shipped glossary's entries of kind party/org/position
   (place and person entries are left out on both sides), matched line by line.
   - recall    = gold spans overlapped by at least one hit / gold spans
   - precision = hits that overlap a gold span / hits (a hit on no gold term is a false
                 positive; two hits inside one gold span, e.g. a name and its bracketed
                 abbreviation, are two true positives)
   - exact     = gold spans whose boundaries a hit reproduces exactly (informative: gold
                 spans include bracketed abbreviations and explanations)
   Baseline in the same run: an exact-substring matcher over the same glossary forms
   (case-sensitive, whole words, longest first) — what CAT tools without morphology do.

2. Speed: --terms synthetic terms over --segments segments, in one process.
   Terms: the shipped glossary's entries, plus synthetic ones up to --terms, drawn with a
   fixed seed and deduplicated by lemma sequence, in two sets:
   [combos] combinations of 2-3 distinct words (4+ letters) of the corpus vocabulary
            (sources/*.ru.txt and gold ru.sents) — a glossary of real words, few hits;
   [runs]   1-4-word runs of consecutive words cut from the very lines being matched,
            first and last word 4+ letters — a stress case: ~6 hits per segment.
   Segments: the corpus's Russian lines (sentences of the gold and paragraph lines of
   sources/), cycled to --segments. "cold" includes the first lemmatisation of every
   word (pymorphy3 loaded beforehand, its load time printed apart); "warm" is a second
   pass with the per-word caches filled (the steady state of an editing session);
   best of --repeat.
   Baseline in the same run: one `str.find` per form per segment (exact substrings, no
   morphology, no overlap resolution) on the first 1,000 segments, scaled
   ×(segments/1,000); the ratio printed is trie time / baseline time.
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from importlib.metadata import version
from pathlib import Path

import regex

from workbench.glossary import load_glossary
from workbench.glossary.glossary import Glossary
from workbench.glossary.match import Candidate
from workbench.glossary.schema import Entry, GlossaryData
from workbench.testing import shared

ROOT = Path(__file__).resolve().parents[1]

GOLD = shared.GOLD
KINDS = ("party", "org", "position")
WORD = regex.compile(r"[\p{Cyrillic}]+(?:-[\p{Cyrillic}]+)*")


def whole_word_spans(text: str, needle: str) -> list[tuple[int, int]]:
    pattern = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(needle) + r"(?![\p{L}\p{N}])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def gold_spans(folder: Path) -> list[tuple[int, int, int]]:
    """(line, start, end) of every party/org/position gold term in ru.sents."""
    lines = (folder / "ru.sents").read_text(encoding="utf-8").split("\n")
    spans = set()
    for row in (folder / "terms.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        ru, _en, kind = row.split("\t")
        if not ru or kind not in KINDS:
            continue
        for n, line in enumerate(lines):
            spans.update((n, s, e) for s, e in whole_word_spans(line, ru))
    return sorted(spans)


def substring_hits(glossary: Glossary, text: str) -> list[tuple[int, int, str]]:
    """The baseline: exact, case-sensitive, whole-word occurrences of each listed form."""
    cands = []
    for entry in glossary.entries:
        for form in entry.source_forms:
            for s, e in whole_word_spans(text, form):
                n_words = len(form.split())
                cands.append(Candidate(0, n_words - 1, s, e, (entry.id,)))
    # resolve() expects token indices; use character offsets as a stand-in for overlap
    out, taken = [], []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append((c.start, c.end, c.payload[0]))
    return sorted(out)


def score(glossary: Glossary, matcher) -> dict:
    kinds = {e.id: e.kind for e in glossary.entries}
    n_gold = n_found = n_exact = n_hits = n_tp = 0
    for tsv in sorted(GOLD.glob("*/terms.tsv")):
        folder = tsv.parent
        lines = (folder / "ru.sents").read_text(encoding="utf-8").split("\n")
        gold = gold_spans(folder)
        hits = []
        for n, line in enumerate(lines):
            hits += [(n, s, e) for s, e, term_id in matcher(line) if kinds[term_id] in KINDS]
        n_gold += len(gold)
        n_hits += len(hits)
        for g in gold:
            overlapping = [h for h in hits if h[0] == g[0] and h[1] < g[2] and g[1] < h[2]]
            n_found += bool(overlapping)
            n_exact += any(h[1:] == g[1:] for h in overlapping)
        n_tp += sum(any(h[0] == g[0] and h[1] < g[2] and g[1] < h[2] for g in gold)
                    for h in hits)
    return {"gold": n_gold, "hits": n_hits, "recall": n_found / n_gold,
            "precision": n_tp / n_hits if n_hits else 0.0, "exact": n_exact / n_gold}


def corpus_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "sources").glob("*.ru.txt")):
        lines += [t for t in path.read_text(encoding="utf-8").split("\n") if t.strip()]
    for path in sorted(GOLD.glob("*/ru.sents")):
        lines += [t for t in path.read_text(encoding="utf-8").split("\n") if t.strip()]
    return lines


def synthetic_glossary(shipped: Glossary, n_terms: int, lines: list[str],
                       mode: str) -> Glossary:
    """The shipped entries plus synthetic ones up to n_terms (see the module docstring)."""
    rng = random.Random(4)
    entries = list(shipped.entries)
    probe = Glossary(GlossaryData(None, "ru", "en", ()))  # for lemma keys
    taken = {probe._source.form_key(f) for e in entries for f in e.source_forms}
    words_per_line = [w for w in (WORD.findall(t) for t in lines) if w]
    vocabulary = sorted({w for ws in words_per_line for w in ws if len(w) >= 4})
    tries = 0
    while len(entries) < n_terms and tries < n_terms * 50:
        tries += 1
        if mode == "runs":
            words = rng.choice(words_per_line)
            at = rng.randrange(len(words))
            run = words[at:at + rng.randint(1, 4)]
            if len(run[0]) < 4 or len(run[-1]) < 4:  # term-like: no preposition at an edge
                continue
        else:
            run = rng.sample(vocabulary, rng.randint(2, 3))
        form = " ".join(run)
        key = probe._source.form_key(form)
        if not key or key in taken:
            continue
        taken.add(key)
        entries.append(Entry(id=f"synthetic-{len(entries)}", kind="other", ru=(form,), abbr=(),
                             en=f"Synthetic term {len(entries)}"))
    return Glossary(GlossaryData(None, "ru", "en", tuple(entries)))


def best(fn, repeat: int) -> tuple[float, float]:
    """Best wall-clock and CPU time of `repeat` runs (CPU time shows the cost when other
    processes share the machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--terms", type=int, default=1000)
    ap.add_argument("--segments", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    print(f"bench_terms | python {platform.python_version()} | pymorphy3 {version('pymorphy3')} "
          f"| pymorphy3-dicts-ru {version('pymorphy3-dicts-ru')} | {platform.machine()}")
    t0 = time.perf_counter()
    shipped = load_glossary(ROOT / "glossary.yaml")
    shipped.match_source("Коммунистическая партия")  # dictionaries are loaded by now
    print(f"load: glossary.yaml ({len(shipped)} entries) + pymorphy3 dictionaries "
          f"{time.perf_counter() - t0:.2f} s")

    print("\n1. gold terms (party/org/position), Russian side of "
          f"{', '.join(p.parent.name for p in sorted(GOLD.glob('*/terms.tsv')))}")

    def lemma(line):
        return [(h.start, h.end, h.term_id) for h in shipped.match_source(line)]

    for name, matcher in (("lemma trie (workbench)", lemma),
                          ("exact substring (baseline)", lambda t: substring_hits(shipped, t))):
        s = score(shipped, matcher)
        print(f"   {name:28} recall {s['recall']:.3f}  precision {s['precision']:.3f}  "
              f"exact-boundaries {s['exact']:.3f}  ({s['gold']} gold spans, {s['hits']} hits)")

    lines = corpus_lines()
    segments = [lines[i % len(lines)] for i in range(args.segments)]
    n_words = sum(len(WORD.findall(s)) for s in segments)
    print(f"\n2. speed: {args.terms} terms × {len(segments)} segments "
          f"({len(set(segments))} distinct corpus lines cycled, {n_words} Cyrillic words)")
    from workbench.glossary.lemmas import russian_keys

    for mode, label in (("combos", "terms = shipped + combinations of 2-3 corpus words"),
                        ("runs", "terms = shipped + 1-4-word runs cut from these very lines "
                                 "(stress: dense, overlapping hits)")):
        big = synthetic_glossary(shipped, args.terms, lines, mode)
        russian_keys.cache_clear()
        hits = []
        cold, cold_cpu = best(lambda big=big, hits=hits: hits.extend(
            h for s in segments for h in big.match_source(s)), 1)
        warm, warm_cpu = best(lambda big=big: [big.match_source(s) for s in segments],
                              args.repeat)
        print(f"   [{mode}] {label}: {len(big)} terms")
        print(f"      lemma trie, cold caches  {cold:.3f} s wall, {cold_cpu:.3f} s CPU "
              f"({len(hits)} hits)")
        print(f"      lemma trie, warm caches  {warm:.3f} s wall, {warm_cpu:.3f} s CPU "
              f"(best of {args.repeat}; target < 1 s)")
        forms = [f for e in big.entries for f in e.source_forms]
        sample = segments[:1000]

        def baseline(forms=forms, sample=sample):
            for s in sample:
                for f in forms:
                    s.find(f)

        base = best(baseline, 1)[0] * len(segments) / len(sample)
        print(f"      str.find per form per segment (baseline: exact substrings, no "
              f"morphology; 1,000 segments ×{len(segments) / 1000:g}) {base:.3f} s "
              f"→ trie warm / baseline = {warm / base:.2f}")

if __name__ == "__main__":
    main()
