"""Fit the aligner's confidence calibration (workbench.align.confidence.WEIGHTS).

    .venv/bin/python bench/fit_align_confidence.py            # fit on fold A, report fold B
    .venv/bin/python bench/fit_align_confidence.py --write    # also write the weights

Data: ../shared/bench-data/align-news-ruen (research use only, read in place). The fit
uses fold A only, the documents with an odd number (doc001, doc003, …): each with its
own gold and twenty harder variants made at run time (`workbench.testing.align_cases`,
seeds 101–120: the aligner's errors are rare, and a calibration needs to see them).
Fold B (even numbers) and the corpus gold are never seen by the fit; the benchmark
(bench/bench_align.py) reports calibration on them.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

from workbench.align import confidence
from workbench.align.core import Scored, align_scored
from workbench.align.evaluate import read_beads
from workbench.testing import shared
from workbench.testing.align_cases import perturb

ROOT = Path(__file__).resolve().parents[1]
NEWS = shared.NEWS
FIT_SEEDS = tuple(range(101, 121))


def fold(name: str) -> str:
    """'A' for odd-numbered documents, 'B' for even ones."""
    return "A" if int(re.sub(r"\D", "", name)) % 2 else "B"


def variants(folder: Path, seeds: tuple[int, ...]):
    src = (folder / "ru.sents").read_text(encoding="utf-8").splitlines()
    tgt = (folder / "en.sents").read_text(encoding="utf-8").splitlines()
    gold = read_beads(folder / "gold.align")
    yield src, tgt, gold
    for seed in seeds:
        case = perturb(src, tgt, gold, seed=f"{seed}:{folder.name}")
        yield case.src, case.tgt, case.gold


def rows_of(src, tgt, gold, embeddings: bool) -> list[tuple[str, np.ndarray, bool]]:
    exact = {(b.src, b.tgt) for b in gold}
    out = []
    for bead in align_scored(src, tgt, embeddings=embeddings):
        if isinstance(bead, Scored) and (embeddings == (bead.mode == "embeddings")):
            out.append((bead.mode, np.array(bead.features), (bead.src, bead.tgt) in exact))
    return out


def collect(which: str, seeds: tuple[int, ...]) -> dict[str, list[tuple[np.ndarray, bool]]]:
    data: dict[str, list[tuple[np.ndarray, bool]]] = {"embeddings": [], "length": []}
    for folder in sorted(p for p in NEWS.iterdir() if (p / "gold.align").is_file()):
        if fold(folder.name) != which:
            continue
        for src, tgt, gold in variants(folder, seeds):
            for embeddings in (True, False):
                for mode, features, right in rows_of(src, tgt, gold, embeddings):
                    data[mode].append((features, right))
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="write the weights into "
                        "src/workbench/align/confidence.py")
    args = parser.parse_args()
    if not NEWS.is_dir():
        print(f"fit_align_confidence: data absent: {NEWS}", file=sys.stderr)
        return 2
    weights: dict[str, tuple[float, ...]] = {}
    train = collect("A", FIT_SEEDS)
    for mode, rows in train.items():
        w = confidence.fit([f for f, _ in rows], [ok for _, ok in rows])
        weights[mode] = tuple(round(float(x), 4) for x in w)
        print(f"{mode}: {len(rows)} beads, {sum(not ok for _, ok in rows)} wrong; weights "
              + ", ".join(f"{n}={x:+.3f}" for n, x in zip(confidence.FEATURES, w, strict=True)))
    confidence.WEIGHTS.update(weights)
    test = collect("B", (1,))
    for mode, rows in test.items():
        conf = [confidence.calibrate(f, mode) for f, _ in rows]
        ok = [r for _, r in rows]
        ece, _ = confidence.expected_calibration_error(conf, ok)
        high = [r for c, r in zip(conf, ok, strict=True) if c >= 0.99]
        print(f"fold B ({mode}; own gold + seed 1): {len(rows)} beads, ECE {ece:.4f}, "
              f"{len(high)} at >= 0.99 of which {len(high) - sum(high)} wrong")
    if args.write:
        path = ROOT / "src" / "workbench" / "align" / "confidence.py"
        text = path.read_text(encoding="utf-8")
        body = "".join(f'    "{mode}": (\n        ' + ", ".join(map(str, weights[mode][:5]))
                       + ",\n        " + ", ".join(map(str, weights[mode][5:])) + "),\n"
                       for mode in ("embeddings", "length"))
        text = re.sub(r"(WEIGHTS: dict\[str, tuple\[float, \.\.\.\]\] = \{\n)(.*?)(\})",
                      lambda m: m.group(1) + body + m.group(3), text, count=1, flags=re.S)
        path.write_text(text, encoding="utf-8")
        print(f"weights written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
