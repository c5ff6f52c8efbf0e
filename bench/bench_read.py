"""Benchmark: reading the corpus (`workbench status`, `workbench stats`) with the
persistent cache of read documents cold (empty), warm (filled) and turned off.

Data: the shipped corpus (sources/, translations/, metadata, glossary: 8 documents), in a
temporary project; with `--copies N` (default 20) also a synthetic larger corpus, the
shipped documents copied N times under other ids (`<id>--copyK`), each copy's files
given K extra trailing newlines so that every file's bytes, hence its cache key, differ
(a trailing newline changes no segment, so every copy costs what its original costs).

Measured, all in this run: each command in its own process, as a user runs it, timed
from start to exit, and its peak resident memory (the child's ru_maxrss). Per round, in
this order: cache off (`$WORKBENCH_READ_CACHE=off`: what every run cost before the
cache), cold (the cache folder emptied first: the first run after a change), warm (the
run after it). Medians over `--rounds` rounds (default 3) of the times and of the
per-round ratios against "off" (the machine's load moves between rounds). The outputs of
the three modes are compared and must be identical.

Run: .venv/bin/python bench/bench_read.py [--copies N] [--rounds R] [--commands status,stats]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODES = ("off", "cold", "warm")


def make_project(dest: Path, copies: int) -> int:
    """The shipped corpus in `dest` (and `copies` altered copies of each document);
    returns the number of documents."""
    ids = set()
    for folder in ("sources", "translations"):
        (dest / folder).mkdir(parents=True)
        for path in sorted((REPO / folder).iterdir()):
            if not path.is_file() or path.name.startswith(".") or path.suffix == ".xlf":
                continue
            shutil.copy(path, dest / folder / path.name)
            doc_id, _, rest = path.name.partition(".")
            ids.add(doc_id)
            for k in range(1, copies + 1):
                data = path.read_bytes()
                if path.suffix == ".txt":
                    data += b"\n" * k
                (dest / folder / f"{doc_id}--copy{k}.{rest}").write_bytes(data)
    shutil.copy(REPO / "glossary.yaml", dest / "glossary.yaml")
    return len(ids) * (copies + 1)


def run(command: str, root: Path, mode: str) -> tuple[float, int, str]:
    """(seconds, peak RSS in MB, stdout) of one `workbench COMMAND` process."""
    env = {**os.environ, "WORKBENCH_ROOT": str(root)}
    env.pop("WORKBENCH_READ_CACHE", None)
    if mode == "off":
        env["WORKBENCH_READ_CACHE"] = "off"
    if mode == "cold":
        shutil.rmtree(root / ".workbench-cache" / "read", ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "workbench", command], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # `check` and `stats` may exit 1 on findings
        raise SystemExit(f"workbench {command} ({mode}) exited {proc.returncode}")
    return seconds, usage.ru_maxrss // 1024, out.decode("utf-8")


def measure(label: str, root: Path, docs: int, commands: list[str], rounds: int) -> None:
    print(f"\n## {label}: {docs} documents, {rounds} rounds")
    print(f"{'command':<8} {'mode':<5} {'median s':>9} {'peak MB':>8} {'x faster than off':>18}")
    for command in commands:
        times: dict[str, list[float]] = {m: [] for m in MODES}
        rss: dict[str, list[int]] = {m: [] for m in MODES}
        ratios: dict[str, list[float]] = {m: [] for m in MODES}
        outputs: set[str] = set()
        for _ in range(rounds):
            got = {mode: run(command, root, mode) for mode in MODES}
            for mode, (seconds, peak, out) in got.items():
                times[mode].append(seconds)
                rss[mode].append(peak)
                ratios[mode].append(got["off"][0] / seconds)
                outputs.add(out)
        if len(outputs) != 1:
            raise SystemExit(f"workbench {command}: the outputs differ between the modes")
        for mode in MODES:
            print(f"{command:<8} {mode:<5} {statistics.median(times[mode]):>9.2f} "
                  f"{max(rss[mode]):>8d} {statistics.median(ratios[mode]):>17.1f}x")
    entries = list((root / ".workbench-cache" / "read").glob("*.json"))
    size = sum(p.stat().st_size for p in entries)
    print(f"cache: {len(entries)} entries, {size / 2**20:.1f} MB in .workbench-cache/read/; "
          "outputs identical in all modes")


def provenance() -> None:
    from workbench import reading

    versions = ", ".join(f"{d} {_version(d)}" for d in reading.LIBRARIES)
    print("# bench_read: reading the corpus, cache off / cold / warm")
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} cpus, load {os.getloadavg()[0]:.2f}")
    print(f"libraries: {versions}")
    print(f"reading code fingerprint {reading.fingerprint()[:12]}; settings: defaults "
          "(no workbench.toml: [languages] ru→en, [langid] the default set), "
          f"$WORKBENCH_LANGID_ACCURACY={os.environ.get('WORKBENCH_LANGID_ACCURACY', 'high')}")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20,
                        help="copies of each document in the larger corpus (0: none)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--commands", default="status,stats")
    args = parser.parse_args()
    commands = [c for c in args.commands.split(",") if c]
    provenance()
    with tempfile.TemporaryDirectory(prefix="bench-read-") as tmp:
        shipped = Path(tmp) / "shipped"
        measure("shipped corpus", shipped, make_project(shipped, 0), commands, args.rounds)
        if args.copies:
            large = Path(tmp) / "large"
            docs = make_project(large, args.copies)
            measure(f"shipped corpus + {args.copies} altered copies", large, docs,
                    commands, args.rounds)


if __name__ == "__main__":
    main()
