"""Neural MT on a Ray cluster: the driver tokenises the segments to do and plans the
same length-sorted token batches a single process would (`mt.engine.plan_segments`);
each batch is one row of a Ray dataset and one CTranslate2 call on an actor holding the
translator, so every segment gets exactly the result it gets in one process."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from workbench.distributed.rows import result_row, table
from workbench.errors import WorkbenchError
from workbench.mt.engine import EngineSettings, MTResult, load_tokenizer, plan_segments
from workbench.mt.models import ModelInfo, find_model

if TYPE_CHECKING:
    from workbench.distributed.cluster import Cluster


def node_model(model: ModelInfo) -> ModelInfo:
    """The driver's model as installed where this actor runs (the same package name and
    version; on another machine it may live elsewhere)."""
    if (model.path / "model" / "model.bin").is_file():
        return model
    here = find_model(model.from_code, model.to_code)
    if here is None or (here.name, here.version) != (model.name, model.version):
        found = f"{here.name} {here.version}" if here else "none"
        raise WorkbenchError(f"node {os.uname().nodename} has no {model.name} "
                             f"{model.version} (found: {found})",
                             fix="install the same model on every node "
                             "(`workbench models install FILE.argosmodel`)")
    return here


class TranslatorActor:
    """One CTranslate2 translator, loaded once per actor, on one core."""

    def __init__(self, model: ModelInfo, settings: EngineSettings) -> None:
        from workbench.mt.engine import Engine

        self.engine = Engine(node_model(model), replace(settings, threads=1))

    def __call__(self, batch: Any) -> Any:
        rows = []
        for key, tokens in zip(batch.column("key").to_pylist(),
                               batch.column("tokens").to_pylist(), strict=True):
            (results,) = self.engine.run_batches([tokens])
            rows.append(result_row(key, len(tokens), texts=[r.text for r in results],
                                   confidence=[r.confidence for r in results]))
        return table(rows)


class RayTranslator:
    """`mt.proposals.Translator` on a cluster: batches in any order as they finish."""

    def __init__(self, cluster: Cluster, *,
                 on_batch: Callable[[int], None] | None = None) -> None:
        self.cluster = cluster
        # Enough units per window to keep every actor busy for a while: each window
        # starts the actor pool anew.
        self.window_units = 16_384 * cluster.workers
        self.on_batch = on_batch
        self.sent = 0  # segments handed to the cluster

    def translate(self, model: ModelInfo, settings: EngineSettings, texts: Sequence[str]
                  ) -> Iterator[tuple[list[int], list[MTResult]]]:
        empty, batches = plan_segments(texts, load_tokenizer(model, settings), settings)
        if empty:
            yield empty, [MTResult("", 0.0)] * len(empty)
        rows = [{"key": key, "tokens": pieces} for key, (_, pieces) in enumerate(batches)]
        kwargs = {"model": model, "settings": settings}
        self.sent += sum(len(indices) for indices, _ in batches)
        for row in self.cluster.run(rows, TranslatorActor, kwargs, self.on_batch):
            yield batches[row["key"]][0], [MTResult(text, conf) for text, conf
                                        in zip(row["texts"], row["confidence"], strict=True)]
