"""The persistent cache of read documents (`workbench.reading`, `workbench.store.reads`):
used, invalidated by every input it depends on, never trusted when damaged, and giving
exactly what reading without it gives, over the whole shipped corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from support.corpus import copy_corpus
from support.paths import REPO, UCP
from workbench import ops, reading
from workbench.langid import detector
from workbench.project import CACHE_FOLDER, Project, open_project
from workbench.store import reads

SIDES_OF_UCP = 2


def uncached(root: Path) -> Project:
    """The project read without any persistent cache (what the cache must reproduce)."""
    project = open_project(root)
    assert project.reads is None
    return project


def entries(root: Path) -> list[Path]:
    """The cache's entries of read sides (not those of parsed metadata)."""
    return sorted(path for path in (root / CACHE_FOLDER / reads.FOLDER).glob("*.json")
                  if b'"meta":' not in path.read_bytes()[:120])


class Spy:
    """Counts the sides computed (not taken from the cache), and optionally refuses any
    language detection by lingua."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, no_detector: bool = False) -> None:
        self.computed: list[str] = []
        real = reading.compute_side

        def compute(data, path, *args, **kwargs):
            self.computed.append(Path(path).name)
            return real(data, path, *args, **kwargs)

        monkeypatch.setattr(reading, "compute_side", compute)
        if no_detector:
            def refuse(*_args, **_kwargs):
                raise AssertionError("the language detector was called on a warm read")
            monkeypatch.setattr(detector, "confidences", refuse)


@pytest.fixture
def ucp(tmp_path: Path) -> Path:
    return copy_corpus(tmp_path / "corpus", [UCP])


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.delenv("WORKBENCH_READ_CACHE", raising=False)


def test_a_second_read_takes_the_cache_and_detects_nothing(ucp, monkeypatch):
    first = ops.open_project(ucp).document(UCP)
    assert len(entries(ucp)) == SIDES_OF_UCP
    spy = Spy(monkeypatch, no_detector=True)
    again = ops.open_project(ucp).document(UCP)  # a new process would open it so
    assert spy.computed == []
    assert again == first
    assert again.source.source.path == ucp / "sources" / f"{UCP}.ru.txt"


def test_a_changed_file_is_read_again(ucp, monkeypatch):
    ops.open_project(ucp).document(UCP)
    target = ucp / "translations" / f"{UCP}.en.txt"
    # a line written for this test, appended to the real translation
    target.write_bytes(target.read_bytes() + b"\nA line added by the test.\n")
    spy = Spy(monkeypatch)
    changed = ops.open_project(ucp).document(UCP)
    assert spy.computed == [target.name]  # the unchanged source still from the cache
    assert changed == uncached(ucp).document(UCP)
    assert changed.target.segments[-1].text == "A line added by the test."
    assert len(entries(ucp)) == SIDES_OF_UCP + 1


def test_changed_language_settings_are_read_again(ucp, monkeypatch):
    ops.open_project(ucp).document(UCP)
    (ucp / "workbench.toml").write_text('[langid]\nlanguages = ["ru", "en"]\n')
    spy = Spy(monkeypatch)
    narrow = ops.open_project(ucp).document(UCP)
    assert len(spy.computed) == SIDES_OF_UCP
    assert narrow == uncached(ucp).document(UCP)
    assert {s.lang for side in (narrow.source, narrow.target) for s in side.segments} \
        <= {"ru", "en", "und"}


def test_the_detector_accuracy_is_part_of_the_key(ucp, monkeypatch):
    ops.open_project(ucp).document(UCP)
    monkeypatch.setenv("WORKBENCH_LANGID_ACCURACY", "low")
    spy = Spy(monkeypatch)
    ops.open_project(ucp).document(UCP)
    assert len(spy.computed) == SIDES_OF_UCP


def test_a_changed_code_fingerprint_is_read_again(ucp, monkeypatch):
    ops.open_project(ucp).document(UCP)
    monkeypatch.setattr(reading, "fingerprint", lambda: "code of another version")
    spy = Spy(monkeypatch)
    ops.open_project(ucp).document(UCP)
    assert len(spy.computed) == SIDES_OF_UCP


def test_the_fingerprint_follows_the_code_and_the_libraries(tmp_path, monkeypatch):
    compute = reading.fingerprint.__wrapped__
    before = compute()
    assert compute() == before == reading.fingerprint()
    # the same code elsewhere, then one byte of the segmenter changed
    package = tmp_path / "workbench"
    for path in reading.code_files():
        copy = package / path.relative_to(reading._PACKAGE)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    monkeypatch.setattr(reading, "_PACKAGE", package)
    assert compute() == before
    blocks = package / "segment" / "blocks.py"
    blocks.write_text(blocks.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    changed_code = compute()
    assert changed_code != before
    real_version = reading.metadata.version

    def version(dist: str) -> str:
        return "0.0" if dist == "lingua-language-detector" else real_version(dist)

    monkeypatch.setattr(reading.metadata, "version", version)
    assert compute() not in (before, changed_code)


def _code_modules() -> set[str]:
    modules: set[str] = set()
    for name in reading.CODE:
        dotted = "workbench." + name.removesuffix(".py")
        modules.add(dotted)
    return modules


def _covered(module: str, covered: set[str]) -> bool:
    return any(module == c or module.startswith(c + ".") for c in covered)


def test_the_fingerprint_covers_every_module_and_library_reading_imports():
    """If reading comes to import another module or library, CODE/LIBRARIES must say so,
    or a change there would leave stale entries."""
    graph = grimp.build_graph("workbench", include_external_packages=True)
    used = graph.find_upstream_modules("workbench.reading") | {"workbench.reading"}
    used |= {m for m in graph.modules if m.startswith("workbench.lang.")}  # packs load by name
    ours = {m for m in used if m.startswith("workbench.")}
    assert {m for m in ours if not _covered(m, _code_modules())} == set()
    from importlib.metadata import packages_distributions

    dists = packages_distributions()
    external = {m.split(".")[0] for m in used if not m.startswith("workbench")}
    imported = {dist for module in external for dist in dists.get(module, ())}
    imported -= {"workbench"}
    libraries = {d.lower() for d in reading.LIBRARIES}
    assert {d for d in imported if d.lower() not in libraries} == set()


@pytest.mark.parametrize("damage", [
    b"",  # a crash before the first byte
    b'{"format": 1, "key": "',  # cut short
    b"\xff\xfe not json",
    b'{"format": 1}',  # another shape
])
def test_a_damaged_entry_is_read_again_and_replaced(ucp, monkeypatch, damage):
    good = ops.open_project(ucp).document(UCP)
    for path in entries(ucp):
        path.write_bytes(damage)
    spy = Spy(monkeypatch)
    again = ops.open_project(ucp).document(UCP)
    assert len(spy.computed) == SIDES_OF_UCP
    assert again == good
    assert all(json.loads(p.read_bytes())["format"] == reading.FORMAT for p in entries(ucp))


def test_an_entry_that_does_not_hold_together_is_not_trusted(ucp, monkeypatch):
    good = ops.open_project(ucp).document(UCP)
    for path in entries(ucp):
        record = json.loads(path.read_bytes())
        record["segments"][0][1] = len(record["text"]) + 5  # an end past the text
        path.write_text(json.dumps(record), encoding="utf-8")
    spy = Spy(monkeypatch)
    assert ops.open_project(ucp).document(UCP) == good
    assert len(spy.computed) == SIDES_OF_UCP


def test_an_entry_under_another_key_is_not_trusted(ucp, monkeypatch):
    good = ops.open_project(ucp).document(UCP)
    first, second = entries(ucp)
    first.write_bytes(second.read_bytes())  # the right shape, another side's text
    spy = Spy(monkeypatch)
    assert ops.open_project(ucp).document(UCP) == good
    assert len(spy.computed) == 1


def test_the_whole_corpus_reads_the_same_cold_warm_and_without_cache(corpus_copy, monkeypatch):
    plain = uncached(corpus_copy).documents()
    cold = ops.open_project(corpus_copy).documents()
    spy = Spy(monkeypatch, no_detector=True)
    warm = ops.open_project(corpus_copy).documents()
    assert spy.computed == []
    assert len(plain) == 8
    assert cold == plain
    assert warm == plain
    # segment texts, offsets and languages, side by side, as a reader would compare them
    for a, b in zip(plain, warm, strict=True):
        for side_a, side_b in ((a.source, b.source), (a.target, b.target)):
            if side_a is None:
                assert side_b is None
                continue
            assert [(s.text, s.start, s.end, s.kind, s.lang, s.block, s.flags)
                    for s in side_a.segments] == \
                [(s.text, s.start, s.end, s.kind, s.lang, s.block, s.flags)
                 for s in side_b.segments]
            assert (side_a.blocks, side_a.flags, side_a.source) == \
                (side_b.blocks, side_b.flags, side_b.source)


def test_the_cache_can_be_turned_off(ucp, monkeypatch):
    monkeypatch.setenv("WORKBENCH_READ_CACHE", "off")
    project = ops.open_project(ucp)
    assert project.reads is None
    project.document(UCP)
    assert entries(ucp) == []


def test_a_cache_folder_linked_out_of_the_project_is_not_written(ucp, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (ucp / CACHE_FOLDER).symlink_to(elsewhere, target_is_directory=True)
    project = ops.open_project(ucp)
    assert project.reads is None
    project.document(UCP)
    assert list(elsewhere.rglob("*")) == []


def test_an_unwritable_cache_costs_only_time(ucp):
    (ucp / CACHE_FOLDER).write_text("a file where the folder should be")
    doc = ops.open_project(ucp).document(UCP)
    assert doc == uncached(ucp).document(UCP)


def test_concurrent_processes_fill_one_cache(tmp_path):
    """Two `workbench status` runs at once on an empty cache, then a warm one: the same
    table three times, every entry whole."""
    root = copy_corpus(tmp_path / "corpus", [UCP, "tcc-cpsu-appeal-1998"])
    env = {**os.environ, "WORKBENCH_ROOT": str(root)}
    env.pop("WORKBENCH_READ_CACHE", None)
    command = [sys.executable, "-m", "workbench", "status"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    warm = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300,
                          check=True)
    assert outputs[0][0] == outputs[1][0] == warm.stdout
    assert len(entries(root)) == 3  # the second document has no Russian side
    for path in entries(root):
        assert json.loads(path.read_bytes())["key"] == path.stem
    assert not list((root / CACHE_FOLDER / reads.FOLDER).glob(".*.tmp"))


def test_every_cache_of_the_project_is_in_its_one_cache_folder(monkeypatch):
    """One answer: the folder's name is spelled in project.py only; everything else asks
    `Project.cache_dir`."""
    spelled = [path.relative_to(REPO / "src").as_posix()
               for path in (REPO / "src" / "workbench").rglob("*.py")
               if f'"{CACHE_FOLDER}"' in path.read_text(encoding="utf-8")
               or f"'{CACHE_FOLDER}'" in path.read_text(encoding="utf-8")]
    assert spelled == ["workbench/project.py"]
    from workbench.ops.search import index_path
    from workbench.ops.translate import proposal_context
    from workbench.tm.store import _cache_path

    monkeypatch.delenv("WORKBENCH_READ_CACHE", raising=False)
    project = Project(root=Path("/some/project"))
    store = reads.read_cache(project)
    assert store is not None and store.folder.parent == project.cache_dir
    assert index_path(project).parent == project.cache_dir
    assert _cache_path(project, "0" * 64).parent.parent == project.cache_dir
    assert proposal_context(project, ["argos"]).cache_dir == project.cache_dir
    from workbench.ops.align_batch import EMBED_CACHE

    assert (project.cache_dir / EMBED_CACHE).parent == project.cache_dir


def test_metadata_is_cached_as_read_and_follows_its_file(ucp, monkeypatch):
    from workbench.corpus import discover

    first = ops.open_project(ucp).document(UCP)
    calls = []
    real = discover.load_meta
    monkeypatch.setattr(discover, "load_meta", lambda path: calls.append(path) or real(path))
    assert ops.open_project(ucp).document(UCP).meta == first.meta
    assert calls == []
    meta = ucp / "sources" / f"{UCP}.meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "\ntitle: ", "\ntitle: Changed by the test ", 1), encoding="utf-8")
    changed = ops.open_project(ucp).document(UCP)
    assert len(calls) == 1 and changed.title.startswith("Changed by the test")
    assert changed.meta == uncached(ucp).document(UCP).meta


def test_metadata_json_cannot_give_back_is_not_cached(ucp, monkeypatch):
    meta = ucp / "sources" / f"{UCP}.meta.yaml"
    # a YAML date (written for this test): JSON would turn it into a string
    meta.write_text(meta.read_text(encoding="utf-8") + "checked: 2020-08-18\n",
                    encoding="utf-8")
    first = ops.open_project(ucp).document(UCP)
    again = ops.open_project(ucp).document(UCP)
    assert again.meta == first.meta == uncached(ucp).document(UCP).meta
    assert type(again.meta["checked"]).__name__ == "date"
