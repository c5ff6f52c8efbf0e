"""Two clones of one project for the merge tests: a common ancestor (`base`) with a
stored working file, copied twice (`a` and `b`); `merge()` runs the real merge driver
as git would (ancestor, this clone's file, the other's), writing into `a`'s file."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from support.corpus import LineProject, copy_corpus, store_aligned
from support.paths import PAIRED
from workbench import store
from workbench.model import WorkingFile
from workbench.team.driver import merge_paths
from workbench.team.merge import MergeReport

WHEN = "2030-01-01T00:00:00Z"


@dataclass(repr=False)
class Clones:
    base: LineProject
    a: LineProject
    b: LineProject
    doc_id: str = PAIRED
    pristine: bytes = b""  # the base's working file, to start each trial from

    def __repr__(self) -> str:  # short: hypothesis prints the arguments it failed on
        return f"Clones({self.base.root.parent})"

    def path(self, project: LineProject) -> Path:
        return store.working_path(project, self.doc_id)

    def merge(self, *, into: str = "a", user: str = "merger") -> tuple[WorkingFile, MergeReport]:
        """Merge the other clone's file into `into`'s (a or b) through the driver."""
        ours, theirs = (self.a, self.b) if into == "a" else (self.b, self.a)
        report = merge_paths(self.path(self.base), self.path(ours), self.path(theirs),
                             f"translations/{self.doc_id}.xlf", user=user, when=WHEN)
        store.workfile._cache.clear()  # read what the driver wrote
        merged = store.load_stored(ours, self.doc_id)
        assert merged is not None
        return merged, report

    def load(self, project: LineProject) -> WorkingFile:
        store.workfile._cache.clear()
        wf = store.load_stored(project, self.doc_id)
        assert wf is not None
        return wf


def make_clones(tmp_path: Path, doc_id: str = PAIRED) -> Clones:
    root = copy_corpus(tmp_path / "base", [doc_id])
    base = LineProject(root=root)
    store_aligned(base, doc_id)
    a = LineProject(root=shutil.copytree(root, tmp_path / "a"))
    b = LineProject(root=shutil.copytree(root, tmp_path / "b"))
    return Clones(base, a, b, doc_id)
