"""Aligning many documents, or many pairs of sentence files, in one call.

One process loads the embedding model once and keeps every vector it computed, so a
corpus pays the model's loading once instead of once per document. Where the machine
has cores to spare, documents go to worker processes (spawned, each loading the model
once and taking its share of the cores); their vectors meet in one SQLite cache, the
project's cache folder, `.workbench-cache/embeddings.sqlite3` (or `$WORKBENCH_EMBED_CACHE`). Each
document is aligned and saved exactly as `align_document` does it (its lock, kept units
untouched), so a batch is the same work as one call per document, only cheaper.

Results come back in the order asked for, as soon as each one and those before it are
done; `progress(n)` is told of each item as it finishes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.errors import WorkbenchError, read_text
from workbench.model import Bead
from workbench.ops.select import is_low_confidence, low_confidence
from workbench.ops.working import Aligner
from workbench.settings import ReviewSettings
from workbench.store.atomic import atomic_write

if TYPE_CHECKING:
    from workbench.project import Project

EMBED_CACHE = "embeddings.sqlite3"  # in the project's cache folder, beside the MT cache


@dataclass
class AlignOutcome:
    """What aligning one document (or one pair of files) did."""

    name: str  # the document id, or the pair's output file
    units: int = 0  # units saved (documents) or beads written (pairs)
    low: int = 0  # of them, with confidence below `threshold`
    threshold: float = ReviewSettings.low_confidence  # the project's [review] low_confidence
    path: str = ""  # where the result was written
    seconds: float = 0.0
    error: str | None = None  # a one-line problem; nothing was saved for this item
    rows: list[tuple[str, str, float | None]] = field(default_factory=list)  # --scores

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "units": self.units,
                               "low_confidence": self.low, "path": self.path,
                               "seconds": round(self.seconds, 3)}
        if self.error is not None:
            out["error"] = self.error
        return out


@dataclass(frozen=True)
class Pair:
    """One line of a pairs list: source file, target file, output file."""

    source: Path
    target: Path
    output: Path
    line: int


def bead_line(bead: Bead, scores: bool) -> str:
    """`[i,j]:[k]`, with a TAB and the confidence when `scores` (the `--sentences` format)."""
    return f"{bead}\t{bead.confidence:.4f}" if scores else str(bead)


def read_pairs(list_path: str | Path) -> list[Pair]:
    """The pairs of a TSV list: `SOURCE<TAB>TARGET<TAB>OUTPUT` per line (blank lines and
    lines starting with # are skipped; relative paths are relative to the list's folder).
    A malformed line is an error naming it, before anything is aligned."""
    path = Path(list_path)
    text = read_text(path, fix="give a TSV file: source, target, output per line")
    base = path.parent
    pairs: list[Pair] = []
    outputs: dict[Path, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) != 3 or not all(c.strip() for c in cells):
            raise WorkbenchError(f"expected 3 TAB-separated fields (source, target, output), "
                                 f"found {len(cells)}", path=path, line=number,
                                 fix="one pair per line: SOURCE<TAB>TARGET<TAB>OUTPUT")
        source, target, output = (base / c.strip() for c in cells)
        if output in outputs:
            raise WorkbenchError(f"output {cells[2].strip()} is also the output of line "
                                 f"{outputs[output]}", path=path, line=number,
                                 fix="give each pair its own output file")
        if output.resolve() in (source.resolve(), target.resolve()):
            raise WorkbenchError("the output file is one of the inputs", path=path,
                                 line=number, fix="write the beads to a new file")
        outputs[output] = number
        pairs.append(Pair(source, target, output, number))
    return pairs


def default_jobs(items: int) -> int:
    """Worker processes for a batch: one per core, never more than the items; 1 runs in
    this process."""
    return max(1, min(os.cpu_count() or 1, items))


def align_documents(project: Project, doc_ids: Sequence[str], *, user: str,
                    embeddings: bool = True, jobs: int | None = None, scores: bool = False,
                    progress: Callable[[int], None] | None = None) -> Iterator[AlignOutcome]:
    """Align and keep each document (as `align_document`), in order."""
    cache = str(project.cache_dir / EMBED_CACHE)
    calls = [(align_one, (project, doc_id, user, embeddings, scores))
             for doc_id in doc_ids]
    yield from _run(calls, jobs, cache, progress)


def align_pairs(pairs: Sequence[Pair], *, source_lang: str, target_lang: str,
                embeddings: bool = True, scores: bool = False, jobs: int | None = None,
                progress: Callable[[int], None] | None = None) -> Iterator[AlignOutcome]:
    """Align each pair of sentence files and write its beads to its output file (the
    `align --sentences` format), in order."""
    calls = [(_align_pair, (str(p.source), str(p.target), str(p.output), source_lang,
                            target_lang, embeddings, scores)) for p in pairs]
    yield from _run(calls, jobs, os.environ.get("WORKBENCH_EMBED_CACHE") or None, progress)


Call = tuple[Callable[..., AlignOutcome], tuple]


def _run(calls: Sequence[Call], jobs: int | None, cache: str | None,
         progress: Callable[[int], None] | None) -> Iterator[AlignOutcome]:
    jobs = default_jobs(len(calls)) if jobs is None else max(1, min(jobs, len(calls) or 1))
    if len(calls) < 2:  # nothing to share
        cache = None
    if jobs == 1:
        with _embed_cache(cache):
            for fn, args in calls:
                outcome = fn(*args)
                if progress is not None:
                    progress(1)
                yield outcome
        return
    threads = max(1, (os.cpu_count() or 1) // jobs)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"),
                             initializer=_worker_init, initargs=(cache, threads)) as pool:
        futures: list[Future] = [pool.submit(fn, *_portable(args)) for fn, args in calls]
        yield from _in_order(futures, progress)


def _portable(args: tuple) -> tuple:
    """Arguments for a worker process: a project goes as its folder (reopened there once)."""
    from workbench.project import Project

    return tuple(str(a.root) if isinstance(a, Project) else a for a in args)


def _in_order(futures: list[Future], progress: Callable[[int], None] | None
              ) -> Iterator[AlignOutcome]:
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = set(futures)
    next_index = 0
    while next_index < len(futures):
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        if progress is not None:
            progress(len(done))
        while next_index < len(futures) and futures[next_index].done():
            yield futures[next_index].result()
            next_index += 1


@contextmanager
def _embed_cache(path: str | None) -> Iterator[None]:
    """`$WORKBENCH_EMBED_CACHE` set to `path` for the block, unless the user set it."""
    if not path or os.environ.get("WORKBENCH_EMBED_CACHE"):
        yield
        return
    os.environ["WORKBENCH_EMBED_CACHE"] = path
    try:
        yield
    finally:
        os.environ.pop("WORKBENCH_EMBED_CACHE", None)


def _worker_init(cache: str | None, threads: int) -> None:
    """A worker's share of the cores for the encoder, and the batch's vector cache."""
    if cache and not os.environ.get("WORKBENCH_EMBED_CACHE"):
        os.environ["WORKBENCH_EMBED_CACHE"] = cache
    os.environ.setdefault("WORKBENCH_EMBED_THREADS", str(threads))


_PROJECTS: dict[str, Project] = {}


def _project(where: Project | str) -> Project:
    """The project itself in this process; in a worker, its folder opened once (reading
    its documents through the project's read cache, as the parent does)."""
    from workbench.ops.opening import open_project

    if not isinstance(where, str):
        return where
    project = _PROJECTS.get(where)
    if project is None:
        project = _PROJECTS[where] = open_project(where)
    return project


def align_one(where: Project | str, doc_id: str, user: str, embeddings: bool,
              scores: bool, aligner: Aligner | None = None) -> AlignOutcome:
    """Align and keep one document (`align_document`), as an outcome; `aligner` may
    hold its beads computed elsewhere."""
    from workbench.ops.alignment import align_document

    start = time.perf_counter()
    try:
        project = _project(where)
        wf = align_document(project, doc_id, user=user, embeddings=embeddings,
                            aligner=aligner)
    except WorkbenchError as exc:
        return AlignOutcome(doc_id, error=str(exc), seconds=time.perf_counter() - start)
    units = wf.units
    threshold = low_confidence(project)
    low = sum(1 for u in units if is_low_confidence(u, threshold))
    where = str(wf.path) if wf.path is not None else f"translations/{doc_id}.xlf"
    rows = ([(u.id, str(Bead(tuple(u.src), tuple(u.tgt))), u.confidence) for u in units]
            if scores else [])
    return AlignOutcome(doc_id, units=len(units), low=low, threshold=threshold, path=where,
                        rows=rows, seconds=time.perf_counter() - start)


def _align_pair(source: str, target: str, output: str, source_lang: str, target_lang: str,
                embeddings: bool, scores: bool) -> AlignOutcome:
    from workbench.ops.files import align_files

    start = time.perf_counter()
    try:
        beads = align_files(source, target, source_lang=source_lang, target_lang=target_lang,
                            embeddings=embeddings)
    except WorkbenchError as exc:
        return AlignOutcome(output, error=str(exc), seconds=time.perf_counter() - start)
    return write_beads(output, beads, scores, start=start)


def write_beads(output: str, beads: Sequence[Bead], scores: bool, *,
                start: float) -> AlignOutcome:
    """Write a pair's beads (the `--sentences` format) atomically, as an outcome."""
    try:
        out = Path(output)
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out, "".join(bead_line(b, scores) + "\n" for b in beads).encode("utf-8"))
    except OSError as exc:
        return AlignOutcome(output, error=f"{output}: cannot be written: "
                            f"{exc.strerror or exc}", seconds=time.perf_counter() - start)
    low = sum(1 for b in beads if b.confidence < ReviewSettings.low_confidence)
    return AlignOutcome(output, units=len(beads), low=low, path=output,
                        seconds=time.perf_counter() - start)


def batch_summary(outcomes: Iterable[AlignOutcome], *, seconds: float, jobs: int,
                  kind: str) -> dict[str, Any]:
    """The `--json` summary of a batch."""
    items = list(outcomes)
    return {"kind": kind, "items": [o.as_json() for o in items],
            "done": sum(o.error is None for o in items),
            "failed": sum(o.error is not None for o in items),
            "units": sum(o.units for o in items), "low_confidence": sum(o.low for o in items),
            "jobs": jobs, "seconds": round(seconds, 3)}
