"""TUI speed: first paint, opening a 5,000-unit document, scrolling it.

    .venv/bin/python bench/bench_tui.py [--units 5000] [--pages 100]

Data: a temporary project whose one document repeats the real segments of
`ucp-cpsu-belarus-solidarity-2020` (Russian and English sides, each repeated until it
has at least N segments) — synthesised, so said here and in the output; its working file
pairs segments by position (N 1:1 units), written through the real store. First paint is
measured on a copy of the real corpus. All runs headless (`App.run_test`), 100x30.

Baseline, same run, same rows: Textual's own `DataTable` given the same units as plain
rows (two text columns) — the obvious non-virtualised way to show them.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = "ucp-cpsu-belarus-solidarity-2020"
SIZE = (100, 30)


def synthesise(root: Path, units: int) -> str:
    """A project with one document of >= `units` segments per side and its working file."""
    from workbench import store
    from workbench.align.units import unit_from_bead
    from workbench.model import Bead, WorkingFile
    from workbench.project import open_project

    (root / "sources").mkdir(parents=True)
    (root / "translations").mkdir()
    shutil.copy(REPO / "glossary.yaml", root / "glossary.yaml")
    real = open_project(REPO).document(DOC)
    doc_id = "synthetic-5000"
    for side, folder in ((real.source, "sources"), (real.target, "translations")):
        segs = [" ".join(s.text.split()) for s in side.segments
                if s.kind.value in ("body", "title", "addressee")]
        reps = units // len(segs) + 1
        text = "\n\n".join(segs * reps) + "\n"
        (root / folder / f"{doc_id}.{side.lang}.txt").write_text(text, encoding="utf-8")
    project = open_project(root)
    doc = project.document(doc_id)
    n = min(units, len(doc.source.segments), len(doc.target.segments))
    wf = WorkingFile(doc_id=doc_id)
    wf.units = [unit_from_bead(doc, Bead((i,), (i,), confidence=0.3 + 0.07 * (i % 10)),
                               wf.new_id(), user="bench", when="2026-01-01T00:00:00Z")
                for i in range(n)]
    store.save(project, wf, user="bench")
    return doc_id


async def first_paint(corpus: Path) -> tuple[float, float]:
    """Seconds from building the app to (1) the first frame of the corpus screen with its
    table written to the terminal, (2) every document's figures shown (a worker)."""
    from workbench.tui.app import make_app
    from workbench.tui.screens.corpus import CorpusScreen

    start = time.perf_counter()
    app = make_app(corpus, "bench", embeddings=False)
    painted: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        if not painted and isinstance(screen, CorpusScreen) and screen.is_mounted \
                and screen.query_one("DataTable").columns:
            painted.append(time.perf_counter() - start)

    app._display = timed_display
    async with app.run_test(size=SIZE) as pilot:
        while not (isinstance(app.screen, CorpusScreen) and app.screen.stats):
            await pilot.pause(0.01)
        await pilot.pause()
        filled = time.perf_counter() - start
    return painted[0], filled


async def open_and_scroll(root: Path, doc_id: str, pages: int) -> dict[str, float]:
    """Open the document screen on `doc_id` (warm: the corpus screen has read and
    segmented it already, as it does on start; cold: that cache emptied first) and page
    through it."""
    from workbench.tui.app import make_app
    from workbench.tui.screens.corpus import CorpusScreen
    from workbench.tui.screens.document import DocumentScreen

    app = make_app(root, "bench", embeddings=False)
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        while not (isinstance(app.screen, CorpusScreen) and app.screen.stats):
            await pilot.pause(0.01)  # the corpus figures are in: nothing else is running
        await pilot.pause()
        for label in ("cold", "warm"):
            if label == "cold":
                app.project._cache.clear()
            start = time.perf_counter()
            app.open_document(doc_id)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DocumentScreen)
            while not screen.table.rows:
                await pilot.pause(0.005)
            await pilot.pause()
            out[f"open_{label}_s"] = time.perf_counter() - start
            if label == "cold":
                await pilot.press("escape")
                await pilot.pause()
        out["units"] = len(screen.session.units)
        out.update(await _page(pilot, screen.table, pages))
    return out


async def _page(pilot, table, pages: int) -> dict[str, float]:
    """Per page-down: key to repainted screen, and the cost of rendering every visible line."""
    key_times, render_times = [], []
    height = table.scrollable_content_region.height
    for _ in range(pages):
        t0 = time.perf_counter()
        await pilot.press("pagedown")
        await pilot.pause()
        key_times.append(time.perf_counter() - t0)
        t1 = time.perf_counter()
        for y in range(height):
            table.render_line(y)
        render_times.append(time.perf_counter() - t1)
    return {"page_key_ms": 1000 * statistics.median(key_times),
            "page_key_p95_ms": 1000 * sorted(key_times)[int(0.95 * (len(key_times) - 1))],
            "page_render_ms": 1000 * statistics.median(render_times)}


async def datatable_baseline(root: Path, doc_id: str, pages: int) -> dict[str, float]:
    """The same units in Textual's DataTable (two text columns), opened and paged."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from workbench import ops
    from workbench.project import open_project

    class Baseline(App):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

    app = Baseline()
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        start = time.perf_counter()
        units = ops.load_or_align(open_project(root), doc_id).units
        table = app.query_one(DataTable)
        table.add_columns("id", "ru", "en")
        table.add_rows([(u.id, u.source_text, u.target_text) for u in units])
        table.focus()
        await pilot.pause()
        out["open_s"] = time.perf_counter() - start
        key_times = []
        for _ in range(pages):
            t0 = time.perf_counter()
            await pilot.press("pagedown")
            await pilot.pause()
            key_times.append(time.perf_counter() - t0)
        out["page_key_ms"] = 1000 * statistics.median(key_times)
    return out


async def harness_floor(pages: int) -> float:
    """Milliseconds a key press + repaint takes in the headless harness for a trivial app:
    the floor under every key figure here (not the TUI's cost)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Trivial(App):
        def compose(self) -> ComposeResult:
            yield Static("x")

    app = Trivial()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(pages):
            t0 = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def import_time() -> float:
    """Seconds for a fresh interpreter to import the TUI app module (part of first paint)."""
    code = "import time; t=time.perf_counter(); import workbench.tui.app; " \
           "print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    import textual

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for name in ("sources", "translations"):
            shutil.copytree(REPO / name, corpus / name,
                            ignore=shutil.ignore_patterns("*.xlf", "*.lock"))
        shutil.copy(REPO / "glossary.yaml", corpus / "glossary.yaml")
        big = tmp_path / "big"
        t0 = time.perf_counter()
        doc_id = synthesise(big, args.units)
        synth_s = time.perf_counter() - t0
        imp = import_time()
        paint, filled = asyncio.run(first_paint(corpus))
        ours = asyncio.run(open_and_scroll(big, doc_id, args.pages))
        base = asyncio.run(datatable_baseline(big, doc_id, args.pages))
        floor = asyncio.run(harness_floor(args.pages))

    print("bench_tui — workbench TUI speed")
    print(f"  data: synthetic document of {int(ours['units'])} units, real segments of {DOC} "
          f"repeated (built in {synth_s:.1f} s, not timed below); first paint on a copy of "
          "the real corpus (8 documents)")
    print(f"  settings: headless App.run_test, terminal {SIZE[0]}x{SIZE[1]}, {args.pages} "
          "page-downs, embeddings off (nothing is aligned: the working file is stored)")
    print(f"  versions: python {platform.python_version()}, textual {textual.__version__}, "
          f"{platform.machine()} {platform.system()}")
    print(f"  import workbench.tui.app (fresh interpreter): {imp:.3f} s")
    print(f"  first paint, corpus screen (first frame with the table): {paint:.3f} s   "
          "(target < 1 s)")
    print(f"  corpus figures filled in (worker: read and segment 8 documents, QA): "
          f"{filled:.3f} s")
    print(f"  open {int(ours['units'])}-unit document (read working file, rows, paint; "
          f"segmented already by the corpus screen): {ours['open_warm_s']:.3f} s   "
          "(target < 1 s)")
    print(f"  same, cold (segmenting the document's {int(ours['units'])}+ segments per side "
          f"too): {ours['open_cold_s']:.3f} s")
    print(f"  page-down, key to repaint: median {ours['page_key_ms']:.1f} ms, "
          f"p95 {ours['page_key_p95_ms']:.1f} ms; rendering a full page of lines: "
          f"{ours['page_render_ms']:.2f} ms")
    print(f"  baseline DataTable, same rows: open {base['open_s']:.3f} s, page-down "
          f"{base['page_key_ms']:.1f} ms")
    print(f"  harness floor (trivial app, key + repaint): {floor:.1f} ms; above it: unit table "
          f"{ours['page_key_ms'] - floor:.1f} ms, DataTable {base['page_key_ms'] - floor:.1f} ms"
          " per page-down")
    print(f"  ratio open (DataTable / unit table, warm): "
          f"{base['open_s'] / ours['open_warm_s']:.2f}x; "
          f"ratio page-down: {base['page_key_ms'] / ours['page_key_ms']:.2f}x")


if __name__ == "__main__":
    main()
