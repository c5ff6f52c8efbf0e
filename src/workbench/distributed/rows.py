"""The rows actors send back: a result keyed like the row it answers, with how many
items it held and which process (and how much memory) did it."""

from __future__ import annotations

import os
import resource
from typing import Any


def peak_rss_kb() -> int:
    """This process's peak resident memory (kB)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def result_row(key: Any, items: int, **columns: Any) -> dict[str, Any]:
    """An actor's answer for one row: its key, how many items it held, who did it."""
    return {"key": key, "items": items, "pid": os.getpid(), "rss_kb": peak_rss_kb(),
            **columns}


def table(rows: list[dict[str, Any]]) -> Any:
    """Result rows as the Arrow table `map_batches` takes back."""
    import pyarrow

    return pyarrow.Table.from_pylist(rows)
