"""Project folders made for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path


def empty_pair_project(root: Path, source: str, target: str) -> Path:
    """An empty project folder translating `source`→`target`: `sources/`,
    `translations/`, its `workbench.toml` and an empty glossary."""
    (root / "sources").mkdir(parents=True)
    (root / "translations").mkdir()
    (root / "workbench.toml").write_text(
        f'[languages]\nsource = "{source}"\ntarget = "{target}"\n', encoding="utf-8")
    (root / "glossary.yaml").write_text(
        f"source_lang: {source}\ntarget_lang: {target}\nterms: []\n", encoding="utf-8")
    return root
