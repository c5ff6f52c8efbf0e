"""A connected Ray cluster and the one way work goes through it: rows from the driver
into a Ray dataset, `map_batches` over a pool of actors (each holding its model, loaded
once), result rows streamed back to the driver as they finish.

`Cluster` receives the `ray` module from `connect()`: importing this file imports no Ray.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.distributed.translate import RayTranslator
    from workbench.glossary import Glossary
    from workbench.model import Issue
    from workbench.ops.align_batch import AlignOutcome, Pair
    from workbench.project import Project


@dataclass
class WorkerStats:
    """What the actors did, by process id: for progress, benchmarks and tests."""

    batches: dict[int, int] = field(default_factory=dict)  # pid → batches done
    rows: dict[int, int] = field(default_factory=dict)  # pid → items (segments, documents)
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # pid → peak RSS
    duplicates: int = 0  # result rows that came twice (dropped)

    def add(self, pid: int, items: int, rss_kb: int) -> None:
        self.batches[pid] = self.batches.get(pid, 0) + 1
        self.rows[pid] = self.rows.get(pid, 0) + items
        self.peak_rss_kb[pid] = max(self.peak_rss_kb.get(pid, 0), rss_kb)


class Cluster:
    """The cluster `connect()` opened; the use cases below run their work on it."""

    def __init__(self, ray: ModuleType, *, max_workers: int | None = None) -> None:
        self.ray = ray
        cpus = int(ray.cluster_resources().get("CPU", 1)) or 1
        self.workers = max(1, min(cpus, max_workers or cpus))  # actors, one CPU each
        self.stats = WorkerStats()

    def run(self, rows: Sequence[dict[str, Any]], actor: type, kwargs: dict[str, Any],
            on_batch: Callable[[int], None] | None = None) -> Iterator[dict[str, Any]]:
        """Each row through `actor` (one row per call, one actor per worker), result
        rows as they finish, each row once (keyed by its "key")."""
        if not rows:
            return
        data = self.ray.data
        dataset = data.from_items(list(rows), override_num_blocks=len(rows))
        mapped = dataset.map_batches(
            actor, fn_constructor_kwargs=kwargs, batch_size=1, batch_format="pyarrow",
            compute=data.ActorPoolStrategy(size=min(self.workers, len(rows))), num_cpus=1)
        seen: set = set()
        for row in mapped.iter_rows():
            if row["key"] in seen:
                self.stats.duplicates += 1
                continue
            seen.add(row["key"])
            self.stats.add(int(row["pid"]), int(row["items"]), int(row["rss_kb"]))
            if on_batch is not None:
                on_batch(int(row["pid"]))
            yield row

    def translator(self, *, on_batch: Callable[[int], None] | None = None
                   ) -> RayTranslator:
        """Neural MT on the cluster, for `ops.translate_documents(translator=…)`."""
        from workbench.distributed.translate import RayTranslator

        return RayTranslator(self, on_batch=on_batch)

    def align_documents(self, project: Project, doc_ids: Sequence[str], *, user: str,
                        embeddings: bool = True, scores: bool = False,
                        progress: Callable[[int], None] | None = None,
                        on_batch: Callable[[int], None] | None = None
                        ) -> Iterator[AlignOutcome]:
        from workbench.distributed.align import align_documents

        return align_documents(self, project, doc_ids, user=user, embeddings=embeddings,
                               scores=scores, progress=progress, on_batch=on_batch)

    def align_pairs(self, pairs: Sequence[Pair], *, source_lang: str, target_lang: str,
                    embeddings: bool = True, scores: bool = False,
                    progress: Callable[[int], None] | None = None) -> Iterator[AlignOutcome]:
        from workbench.distributed.align import align_pairs

        return align_pairs(self, pairs, source_lang=source_lang, target_lang=target_lang,
                           embeddings=embeddings, scores=scores, progress=progress)

    def check_project(self, project: Project, doc_ids: Sequence[str] | None = None, *,
                      glossary: Glossary | None = None) -> list[Issue]:
        from workbench.distributed.check import check_project

        return check_project(self, project, doc_ids, glossary=glossary)

