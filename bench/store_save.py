"""Benchmark: saving, loading and one review operation on a 5,000-unit working file.

Data: the real units of `ucp-cpsu-belarus-solidarity-2020` (aligned without embeddings)
repeated to 5,000 units, each with an align and an approve history entry; one in ten
carries a machine proposal. Target: a save well under a second (the TUI saves on every
approval). Cold = a fresh process (parse the file, serialise every unit); warm = a
session that already loaded or saved the document (its copy is cached per process and
re-checked against the file's inode, size and mtime; unchanged units keep their
serialised text). Baselines measured in the same run: writing the same bytes with a plain
`write_bytes` (no temp file, no fsync: what atomicity costs) and serialising the same
units with `xml.etree.ElementTree` + `indent` (what the hand-written serialiser saves).

Run: .venv/bin/python bench/store_save.py
"""

from __future__ import annotations

import dataclasses
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from workbench.testing.timing import median_ms

REPO = Path(__file__).resolve().parents[1]
DOC = "ucp-cpsu-belarus-solidarity-2020"
N_UNITS = 5000
REPEATS = 5


def timed(fn, repeats=REPEATS) -> float:
    """Median wall time in milliseconds."""
    return median_ms(fn, repeats)[0]


def etree_serialise(wf) -> bytes:
    import xml.etree.ElementTree as ET

    ns = "urn:oasis:names:tc:xliff:document:2.0"
    root = ET.Element(f"{{{ns}}}xliff", version="2.1", srcLang="ru", trgLang="en")
    file_el = ET.SubElement(root, f"{{{ns}}}file", id=wf.doc_id)
    for unit in wf.units:
        unit_el = ET.SubElement(file_el, f"{{{ns}}}unit", id=unit.id)
        seg = ET.SubElement(unit_el, f"{{{ns}}}segment", state=unit.state.value)
        ET.SubElement(seg, f"{{{ns}}}source").text = unit.source_text
        ET.SubElement(seg, f"{{{ns}}}target").text = unit.target_text
        for entry in unit.history:
            h = ET.SubElement(unit_el, "history", when=entry.when, who=entry.who,
                              action=entry.action)
            h.text = entry.target or ""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8")


def main() -> None:
    from workbench import __version__, ops, store
    from workbench.formats import xlf
    from workbench.formats.xlf import serialize
    from workbench.model import Origin, Proposal
    from workbench.project import open_project

    tmp = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    try:
        for folder in ("sources", "translations"):
            shutil.copytree(REPO / folder, tmp / folder,
                            ignore=shutil.ignore_patterns("*.xlf", ".*"))
        project = open_project(tmp)
        wf = ops.align_document(project, DOC, user="bench", embeddings=False)
        base = wf.units
        units = []
        for n in range(N_UNITS):
            unit = dataclasses.replace(base[n % len(base)], id=f"u{n + 1}",
                                       history=list(base[n % len(base)].history))
            if n % 10 == 0:
                unit.proposal = Proposal(text=unit.target_text, origin=Origin.MT, score=0.5,
                                         detail="bench")
            units.append(unit)
        wf.units, wf.next_id = units, N_UNITS + 1
        store.save(project, wf, user="bench")
        ops.approve(project, DOC, [u.id for u in units if u.target_text], user="bench")
        wf = ops.load_or_align(project, DOC)
        data = serialize([wf]).encode("utf-8")
        plain = tmp / "plain.xlf"

        def save_once():
            fresh = store.load_stored(project, DOC)
            store.save(project, fresh, user="bench")

        loaded = [None]

        def load_cold():
            store.workfile._cache.clear()
            loaded[0] = store.load_stored(project, DOC)

        def serialise_cold():
            xlf._chunks.clear()
            serialize([loaded[0]])

        t_load = timed(load_cold)
        t_load_warm = timed(lambda: store.load_stored(project, DOC))
        t_serialise = timed(serialise_cold)
        t_serialise_warm = timed(lambda: serialize([loaded[0]]))
        t_etree = timed(lambda: etree_serialise(loaded[0]))
        t_save_cycle = timed(save_once)  # load + save under the lock
        t_plain = timed(lambda: plain.write_bytes(data))
        t_approve = timed(lambda: ops.edit(project, DOC, "u7", f"edit {time.time()}",
                                           user="bench"))
        from workbench.store.atomic import atomic_write

        t_atomic = timed(lambda: atomic_write(tmp / "atomic.xlf", data))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"workbench {__version__}, Python {sys.version.split()[0]}, {platform.machine()}, "
          f"{platform.system()} {platform.release()}")
    print(f"data: {DOC} units repeated to {N_UNITS} units, {len(data) / 2**20:.1f} MB "
          f"XLIFF 2.1; median of {REPEATS} runs; temp folder {tempfile.gettempdir()}")
    print(f"load, cold (parse + units)      {t_load:8.1f} ms")
    print(f"load, warm (this process saved) {t_load_warm:8.1f} ms")
    print(f"serialise, cold (hand-written)  {t_serialise:8.1f} ms")
    print(f"serialise, warm (units cached)  {t_serialise_warm:8.1f} ms")
    print(f"  baseline ElementTree+indent   {t_etree:8.1f} ms  (ratio {t_etree / t_serialise:.2f}x"
          " slower, and it writes less metadata)")
    print(f"atomic write (tmp+fsync+rename) {t_atomic:8.1f} ms")
    print(f"  baseline plain write_bytes    {t_plain:8.1f} ms  (atomicity costs "
          f"{t_atomic / max(t_plain, 1e-3):.1f}x)")
    print(f"load + save under the lock      {t_save_cycle:8.1f} ms  (warm)")
    print(f"ops.edit (one unit, full cycle) {t_approve:8.1f} ms  (warm; target: well under "
          "1000 ms)")


if __name__ == "__main__":
    main()
