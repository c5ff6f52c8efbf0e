"""Alignment on a Ray cluster: the driver reads each document (its segments and the beads
of the units a person keeps) or each pair of files and hands them to actors that hold
the embedding model; the beads come back and the driver saves them through
`ops.align_batch.align_one`, under the document's lock. If the document or its kept units
changed meanwhile, the beads no longer match and the driver aligns it itself."""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from workbench import store
from workbench.align.units import align_beads, segmentation_key
from workbench.distributed.rows import result_row, table
from workbench.errors import WorkbenchError
from workbench.model import Bead, Document
from workbench.ops.align_batch import AlignOutcome, Pair, align_one, write_beads
from workbench.ops.alignment import kept_beads
from workbench.ops.files import segment_lines

if TYPE_CHECKING:
    from workbench.distributed.cluster import Cluster
    from workbench.project import Project

WINDOW_SEGMENTS = 20_000  # segments handed to the cluster at a time (bounded memory)


class AlignerActor:
    """One embedding model (loaded on first use) and the glossary, per actor."""

    def __init__(self, glossary: tuple[str, str] | None, embeddings: bool) -> None:
        os.environ.setdefault("WORKBENCH_EMBED_THREADS", "1")  # one core per actor
        self.embeddings = embeddings
        self.glossary = None
        if glossary is not None:
            from workbench.glossary import glossary_from_text

            self.glossary = glossary_from_text(glossary[0], glossary[1])

    def __call__(self, batch: Any) -> Any:
        from workbench.align import align_texts

        rows = []
        for key, payload in zip(batch.column("key").to_pylist(),
                                batch.column("payload").to_pylist(), strict=True):
            kind, *work = pickle.loads(payload)
            if kind == "doc":
                doc, locked = work
                beads = align_beads(doc, locked, embeddings=self.embeddings,
                                    glossary=self.glossary)
            else:
                src, tgt, source_lang, target_lang = work
                beads = align_texts(src, tgt, embeddings=self.embeddings,
                                    source_lang=source_lang, target_lang=target_lang)
            rows.append(result_row(key, 1, beads=pickle.dumps(beads)))
        return table(rows)


def _glossary(project: Project) -> tuple[str, str] | None:
    path = project.glossary_path
    return (path.read_text(encoding="utf-8"), str(path)) if path.is_file() else None


def _planned(project: Project, doc_id: str, user: str
             ) -> tuple[Document, list[Bead]] | None:
    """The document and the beads of its kept units as they stand (None: nothing to
    send; the driver's own call reports any problem)."""
    try:
        doc = project.document(doc_id)
        if doc.source is None or doc.target is None:
            return None  # one-sided: nothing to align
        wf = store.load_stored(project, doc_id)
        locked = [] if wf is None else kept_beads(doc, wf, user=user)[1]
    except WorkbenchError:
        return None
    return doc, locked


def align_documents(cluster: Cluster, project: Project, doc_ids: Sequence[str], *,
                    user: str, embeddings: bool = True, scores: bool = False,
                    progress: Callable[[int], None] | None = None,
                    on_batch: Callable[[int], None] | None = None
                    ) -> Iterator[AlignOutcome]:
    """Align and keep each document, the beads computed on the cluster; in order."""
    kwargs = {"glossary": _glossary(project), "embeddings": embeddings}
    for window in _windows(project, doc_ids):
        rows, plans = [], {}
        for doc_id in window:
            plan = _planned(project, doc_id, user)
            if plan is not None:
                plans[doc_id] = (segmentation_key(plan[0]), plan[1])
                rows.append({"key": doc_id, "payload": pickle.dumps(("doc", *plan))})
        beads: dict[str, list[Bead]] = {}
        for row in cluster.run(rows, AlignerActor, kwargs, on_batch):
            beads[row["key"]] = pickle.loads(row["beads"])
        for doc_id in window:
            outcome = align_one(project, doc_id, user, embeddings, scores,
                                aligner=_lookup(plans.get(doc_id), beads.get(doc_id)))
            if progress is not None:
                progress(1)
            yield outcome


def _lookup(plan: tuple[str, list[Bead]] | None, beads: list[Bead] | None):
    """An `ops` aligner answering with the cluster's beads while the document and its
    kept units are still what was sent."""
    if plan is None or beads is None:
        return None
    key, locked = plan

    def aligner(doc: Document, now_locked: Sequence[Bead]) -> list[Bead] | None:
        if segmentation_key(doc) == key and list(now_locked) == locked:
            return beads
        return None

    return aligner


def _windows(project: Project, doc_ids: Sequence[str]) -> Iterator[list[str]]:
    window: list[str] = []
    size = 0
    for doc_id in doc_ids:
        window.append(doc_id)
        size += _size(project, doc_id)
        if size >= WINDOW_SEGMENTS:
            yield window
            window, size = [], 0
    if window:
        yield window


def _size(project: Project, doc_id: str) -> int:
    try:
        return sum(path.stat().st_size for path in (project.source_path(doc_id),
                                                    project.target_path(doc_id))
                   if path.is_file()) // 120 + 1  # about one segment per 120 bytes
    except OSError:
        return 1


def align_pairs(cluster: Cluster, pairs: Sequence[Pair], *, source_lang: str,
                target_lang: str, embeddings: bool = True, scores: bool = False,
                progress: Callable[[int], None] | None = None) -> Iterator[AlignOutcome]:
    """Align each pair of files on the cluster and write its beads here; in order."""
    kwargs = {"glossary": None, "embeddings": embeddings}
    start = time.perf_counter()
    for first in range(0, len(pairs), 256):
        window = pairs[first:first + 256]
        rows, failed = [], {}
        for n, pair in enumerate(window):
            try:
                work = ("pair", segment_lines(pair.source), segment_lines(pair.target),
                        source_lang, target_lang)
            except WorkbenchError as exc:
                failed[n] = AlignOutcome(str(pair.output), error=str(exc))
                continue
            rows.append({"key": n, "payload": pickle.dumps(work)})
        beads = {row["key"]: pickle.loads(row["beads"])
                 for row in cluster.run(rows, AlignerActor, kwargs)}
        for n, pair in enumerate(window):
            outcome = failed.get(n) or write_beads(str(pair.output), beads[n], scores,
                                                   start=start)
            if progress is not None:
                progress(1)
            yield outcome
