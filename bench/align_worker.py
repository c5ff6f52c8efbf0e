"""Run another commit's aligner on the benchmark's documents, in a process of its own.

    python bench/align_worker.py SRC_DIR < docs.json > beads.json

SRC_DIR holds that commit's `workbench` package (`git archive REF src` unpacked by
bench_align.py --against REF). Input: a JSON object, data set name -> list of
[ru_lines, en_lines]; output: per data set, each document's beads ([src, tgt,
confidence]) and the wall and cpu seconds of the whole set (model loaded before, every
sentence embedded afresh per set, as bench_align.py times its own systems). It
imports nothing of the worktree's own package: the two versions cannot share a process.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> int:
    sys.path.insert(0, sys.argv[1])
    from workbench.align import embeddings as emb
    from workbench.align.core import align_texts

    data = json.load(sys.stdin)
    emb._get_model().encode(["warm up"])  # load once, outside the timed runs
    result = {}
    for name, docs in data.items():
        emb.clear_memory()
        wall, cpu = time.perf_counter(), time.process_time()
        beads = [[[list(b.src), list(b.tgt), b.confidence] for b in align_texts(src, tgt)]
                 for src, tgt in docs]
        result[name] = {"beads": beads, "wall": time.perf_counter() - wall,
                        "cpu": time.process_time() - cpu}
    json.dump({"sets": result, "module": emb.__file__}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
