"""Ray backend: translate, align and check a corpus on a Ray cluster.

`connect(address)` starts or joins a cluster for a block of work (`ray.init()`: a local
cluster by default, `address` or `$RAY_ADDRESS` for a real one) and shuts down what it
started. The cluster only computes: Ray Data reads the work to do from the driver, an
actor pool holds one model per actor (a CTranslate2 translator, an embedding model, a
glossary), loaded once, and results stream back to the driver, which writes them
through `workbench.ops` under each document's lock exactly as a single process does, so
a person's work is never overwritten and a rerun continues from the caches.

Ray is an optional extra (`pip install 'workbench[distributed]'`); nothing outside this
package imports it, and this package imports it only when a cluster is asked for.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from workbench.distributed.cluster import Cluster
from workbench.errors import WorkbenchError
from workbench.settings import env_int

INSTALL_HINT = "install the extra: pip install 'workbench[distributed]'"


def import_ray() -> ModuleType:
    """The `ray` module, or a one-line error saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise WorkbenchError(f"--ray needs Ray, which is not installed ({exc.name})",
                             fix=INSTALL_HINT) from None
    return ray


@contextmanager
def connect(address: str = "", *, num_cpus: int | None = None,
            workers: int | None = None) -> Iterator[Cluster]:
    """A Ray cluster for the block: the one this process is already connected to, else
    `address` (or `$RAY_ADDRESS`), else a new local one with `num_cpus` CPUs. A cluster
    started or joined here is left (and a local one stopped) when the block ends.
    `workers` (or `$WORKBENCH_RAY_WORKERS`) caps the actors: default one per CPU."""
    ray = import_ray()
    joined = False
    if not ray.is_initialized():
        options: dict = {"include_dashboard": False, "log_to_driver": False,
                         "configure_logging": False}
        target = address or os.environ.get("RAY_ADDRESS") or None
        if target is None and num_cpus is not None:
            options["num_cpus"] = num_cpus
        try:
            ray.init(address=target, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise WorkbenchError(f"cannot start or join the Ray cluster "
                                 f"{target or '(local)'}: {first}",
                                 fix="check the address (ray://HOST:10001 or HOST:6379) or "
                                 "start one with `ray start --head`") from None
        joined = True
    try:
        _quiet(ray)
        limit = workers if workers is not None else env_int("WORKBENCH_RAY_WORKERS", 0)
        yield Cluster(ray, max_workers=limit or None)
    finally:
        if joined:
            ray.shutdown()


def _quiet(ray: ModuleType) -> None:
    """Ray Data's own progress bars off: the workbench prints its own progress."""
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    if hasattr(context, "print_on_execution_start"):
        context.print_on_execution_start = False


__all__ = ["INSTALL_HINT", "Cluster", "connect", "import_ray"]
