"""QA on a Ray cluster: the distinct unit texts go to actors holding the glossary, their
per-unit results come back into the check memo, and the driver runs the same
`ops.check_project` (consistency across documents included) on them."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from workbench.distributed.rows import result_row, table
from workbench.ops.check import CheckMemo, MemoKey, unit_results
from workbench.ops.check import check_project as check_here

if TYPE_CHECKING:
    from workbench.distributed.cluster import Cluster
    from workbench.glossary import Glossary
    from workbench.model import Issue
    from workbench.project import Project

KEYS_PER_ROW = 64


class CheckActor:
    """The glossary, built once per actor from the driver's file."""

    def __init__(self, glossary: tuple[str, str | None], langs: tuple[str, str]) -> None:
        from workbench.glossary import glossary_from_text

        self.glossary = glossary_from_text(glossary[0], glossary[1])
        self.langs = langs

    def __call__(self, batch: Any) -> Any:
        rows = []
        for key, payload in zip(batch.column("key").to_pylist(),
                                batch.column("payload").to_pylist(), strict=True):
            keys = pickle.loads(payload)
            found = [unit_results(self.langs, k, self.glossary) for k in keys]
            rows.append(result_row(key, len(keys), results=pickle.dumps(found)))
        return table(rows)


def check_project(cluster: Cluster, project: Project, doc_ids: Sequence[str] | None = None,
                  *, glossary: Glossary | None = None) -> list[Issue]:
    """`ops.check_project`, the per-unit rules run on the cluster."""

    def on_cluster(keys: list[MemoKey], used: Glossary) -> CheckMemo:
        path = used.path
        text = (path.read_text(encoding="utf-8") if path is not None and path.is_file()
                else "terms: []\n")
        kwargs = {"glossary": (text, str(path) if path is not None else None),
                  "langs": (project.source_lang, project.target_lang)}
        chunks = [keys[i:i + KEYS_PER_ROW] for i in range(0, len(keys), KEYS_PER_ROW)]
        rows = [{"key": n, "payload": pickle.dumps(chunk)} for n, chunk in enumerate(chunks)]
        memo = CheckMemo()
        for row in cluster.run(rows, CheckActor, kwargs):
            for key, found in zip(chunks[row["key"]], pickle.loads(row["results"]),
                                  strict=True):
                memo.units[key] = found
        return memo

    return check_here(project, doc_ids, glossary=glossary, results=on_cluster)
