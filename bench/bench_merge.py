"""Benchmark: the unit-level git merge driver on a 5,000-unit working file.

Data: the real units of `ucp-cpsu-belarus-solidarity-2020` (aligned without embeddings)
repeated to 5,000 units with one segment per side each, every unit with an align
history entry. From that common ancestor two clones change the file as a team does in a
day: this clone edits 60 units, approves 60 and merges two; the other clone edits 60
others, approves 60, splits one, and edits 10 of this clone's edited units (conflicts).
Target: the merge under a second. Baselines measured in the same run on the same three
files: git's own line merge (`git merge-file -p`, which leaves conflict markers and knows
nothing of units), and reading one file with the codec and writing it again (parse +
serialise, what a merge that parsed the files whole would pay three times over).

Run: .venv/bin/python bench/bench_merge.py
"""

from __future__ import annotations

import dataclasses
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from workbench.testing.timing import median_ms

REPO = Path(__file__).resolve().parents[1]
DOC = "ucp-cpsu-belarus-solidarity-2020"
N_UNITS = 5000
REPEATS = 5
WHEN = "2026-03-01T09:00:00Z"


CPU: list[float] = []  # processor time of the last `timed` runs (this process only)


def timed(fn, repeats=REPEATS) -> float:
    """Median wall time in milliseconds (the median processor time goes to CPU)."""
    wall, cpu = median_ms(fn, repeats)
    CPU[:] = [cpu]
    return wall


def build(tmp: Path):
    from workbench import ops
    from workbench.model import WorkingFile
    from workbench.project import open_project

    for folder in ("sources", "translations"):
        shutil.copytree(REPO / folder, tmp / "project" / folder,
                        ignore=shutil.ignore_patterns("*.xlf", ".*"))
    project = open_project(tmp / "project")
    real = ops.align_document(project, DOC, user="aligner", embeddings=False).units
    units = []
    for n in range(N_UNITS):
        unit = real[n % len(real)]
        units.append(dataclasses.replace(unit, id=f"u{n + 1}", src=[n], tgt=[n],
                                         history=list(unit.history)))
    return WorkingFile(doc_id=DOC, units=units, version=1, next_id=N_UNITS + 1,
                       stored=True, segmentation="bench")


def change(wf, who: str, edits: range, approvals: range, english: str):
    """A clone's day of work, recorded as the operations record it."""
    from workbench.model import HistoryEntry, Origin, State

    wf = dataclasses.replace(wf, units=[dataclasses.replace(u, history=list(u.history))
                                        for u in wf.units], version=wf.version + 3)
    for n in edits:
        unit = wf.units[n]
        unit.target_text, unit.origin, unit.state = f"{english} {n}", Origin.MANUAL, \
            State.TRANSLATED
        unit.changed_by, unit.changed_at = who, WHEN
        unit.history.append(HistoryEntry(WHEN, who, "edit", unit.target_text, unit.state))
    for n in approvals:
        unit = wf.units[n]
        unit.state, unit.changed_by, unit.changed_at = State.REVIEWED, who, WHEN
        unit.history.append(HistoryEntry(WHEN, who, "approve", None, unit.state))
    return wf


def main() -> None:
    from workbench import __version__
    from workbench.formats.safexml import parse_xml
    from workbench.formats.xlf import serialize
    from workbench.formats.xlf_read import parse_root
    from workbench.model import HistoryEntry, State, Unit
    from workbench.team.driver import merge_paths

    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-merge-"))
    try:
        base = build(tmp)
        ours = change(base, "anna", range(100, 160), range(200, 260), "Anna's English")
        first, second = ours.units[1000], ours.units[1001]  # a merge of two units
        first.src, first.tgt = first.src + second.src, first.tgt + second.tgt
        first.target_text = f"{first.target_text} {second.target_text}"
        first.history.append(HistoryEntry(WHEN, "anna", "merge", first.target_text,
                                          State.TRANSLATED, "merged u1001 u1002"))
        ours.units.remove(second)
        theirs = change(base, "boris", [*range(3000, 3060), *range(100, 110)],
                        range(3100, 3160), "Boris's English")
        cut = theirs.units[4000]  # a split: the second part gets the next id
        theirs.units.insert(4001, Unit(
            id=f"u{theirs.next_id}", src=[], tgt=cut.tgt, source_text="",
            target_text=cut.target_text, state=State.TRANSLATED,
            history=[HistoryEntry(WHEN, "boris", "split", cut.target_text, State.TRANSLATED,
                                  f"split from {cut.id}")]))
        cut.tgt, cut.target_text, cut.state = [], "", State.INITIAL
        theirs.next_id += 1
        paths = {}
        for name, wf in (("base", base), ("ours", ours), ("theirs", theirs)):
            paths[name] = tmp / f"{name}.xlf"
            paths[name].write_text(serialize([wf]), encoding="utf-8")
        size = paths["base"].stat().st_size
        work = tmp / "work.xlf"
        reports = []

        def driver():
            shutil.copy(paths["ours"], work)
            reports.append(merge_paths(paths["base"], work, paths["theirs"], "x.xlf",
                                       user="bench", when=WHEN))

        def git_line_merge():
            shutil.copy(paths["ours"], work)
            subprocess.run(["git", "merge-file", "-q", "-p", str(work), str(paths["base"]),
                            str(paths["theirs"])], capture_output=True, check=False)

        def git_driver_process():  # what git runs: a new Python process
            shutil.copy(paths["ours"], work)
            subprocess.run([sys.executable, "-m", "workbench", "merge-driver",
                            str(paths["base"]), str(work), str(paths["theirs"]), "x.xlf"],
                           capture_output=True, check=True)

        def parse_serialise():
            data = paths["ours"].read_bytes()
            (wf, _), = parse_root(parse_xml(data, path="x"), path="x")
            serialize([wf])

        t_driver = timed(driver)
        cpu_driver = CPU[0]
        t_process = timed(git_driver_process)
        t_git = timed(git_line_merge)
        t_codec = timed(parse_serialise, repeats=3)
        cpu_codec = CPU[0]
        report = reports[-1]
        git_version = subprocess.run(["git", "--version"], capture_output=True, text=True,
                                     check=False).stdout.strip()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"workbench {__version__}, Python {sys.version.split()[0]}, {git_version}, "
          f"{platform.machine()}, {platform.system()} {platform.release()}")
    print(f"data: {DOC} units repeated to {N_UNITS} units, {size / 2**20:.1f} MB XLIFF 2.1 "
          f"each; median of {REPEATS} runs (parse+serialise: 3)")
    print(f"merge: {report.summary()}")
    print(f"merge driver, in process         {t_driver:8.1f} ms  (target: < 1000 ms; processor "
          f"time {cpu_driver:.1f} ms: the rest is waiting for a busy machine)")
    print(f"merge driver, as git runs it     {t_process:8.1f} ms  (a new Python process)")
    print(f"  baseline git merge-file -p     {t_git:8.1f} ms  (ratio {t_driver / t_git:.1f}x; "
          "lines, not units: conflict markers)")
    print(f"  baseline parse + serialise one {t_codec:8.1f} ms  (ratio "
          f"{t_driver / t_codec:.2f}x of reading and writing one file whole; processor "
          f"time {cpu_codec:.1f} ms)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
