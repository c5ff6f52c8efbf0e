"""Argos packages: install from a file (validated), list, remove, install from an index —
offline, on a tiny real package built in the session. No test touches the network."""

import json
import time
import zipfile
from pathlib import Path

import pytest

from support.argos import isolate_argos
from workbench.errors import WorkbenchError
from workbench.mt import models


@pytest.fixture
def argos(tmp_path, monkeypatch):
    return isolate_argos(monkeypatch, tmp_path / "argos")


def _rezip(src: Path, dst: Path, rename=lambda n: n, extra: dict | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            zout.writestr(rename(item.filename), zin.read(item.filename))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def test_install_list_remove(argos, tiny_zip):
    assert models.installed() == []
    info = models.install_file(tiny_zip)
    assert (info.from_code, info.to_code, info.version) == ("ru", "en", "0.0.1")
    assert info.path.parent == Path(argos.package_data_dir)
    assert (info.path / "model" / "model.bin").is_file()
    assert models.find_model("ru", "en") == info
    assert models.find_model("en", "ru") is None
    # argostranslate's own reader sees the same package
    from argostranslate import package

    assert [(p.from_code, p.to_code) for p in package.get_installed_packages()] == [("ru", "en")]
    removed = models.remove("ru", "en")
    assert [m.name for m in removed] == [info.name]
    assert models.installed() == []
    with pytest.raises(WorkbenchError, match="no ru→en model"):
        models.remove("ru", "en")


def test_reinstall_replaces_the_package(argos, tiny_zip):
    first = models.install_file(tiny_zip)
    (first.path / "stale.txt").write_text("from the old install")
    second = models.install_file(tiny_zip)
    assert second.path == first.path and not (second.path / "stale.txt").exists()
    assert [p.name for p in Path(argos.package_data_dir).iterdir()] == [first.name]


def test_stray_folder_is_listed_not_fatal(argos, tiny_zip):
    models.install_file(tiny_zip)
    (Path(argos.package_data_dir) / "junk").mkdir()
    found, stray = models.scan()
    assert [m.from_code for m in found] == ["ru"] and [p.name for p in stray] == ["junk"]


@pytest.mark.parametrize(("rename", "extra", "message"), [
    (lambda n: "../" + n, None, "unsafe path"),
    (lambda n: n, {"evil.txt": "x"}, "at the archive root"),
    (lambda n: n, {"other/metadata.json": "{}"}, "exactly one top-level folder"),
    (lambda n: n.replace("metadata.json", "meta.json"), None, "missing"),
    (lambda n: n.replace("model/model.bin", "model/weights.bin"), None, "model/model.bin"),
])
def test_bad_archives_are_refused_and_nothing_is_installed(argos, tiny_zip, tmp_path, rename,
                                                            extra, message):
    bad = _rezip(tiny_zip, tmp_path / "bad.argosmodel", rename, extra)
    with pytest.raises(WorkbenchError, match=message):
        models.install_file(bad)
    assert list(Path(argos.package_data_dir).iterdir()) == []


def test_not_a_zip_and_missing_file(argos, tmp_path):
    text = tmp_path / "notes.argosmodel"
    text.write_text("not a zip")
    with pytest.raises(WorkbenchError, match="zip archive"):
        models.install_file(text)
    with pytest.raises(WorkbenchError, match="no such file"):
        models.install_file(tmp_path / "absent.argosmodel")


def test_install_pair_offline_fails_at_once_with_what_to_do(argos, monkeypatch):
    # port 9 (discard) on loopback: refused at once, as an unreachable index would be
    monkeypatch.setattr(argos, "remote_package_index", "http://127.0.0.1:9/index.json")
    start = time.monotonic()
    with pytest.raises(WorkbenchError) as err:
        models.install_pair("ru", "en")
    assert time.monotonic() - start < 5
    assert "workbench models install FILE.argosmodel" in str(err.value)


def test_install_pair_from_an_index(argos, tiny_zip, tmp_path, monkeypatch):
    """The online path, with the index and the package served from file:// URLs."""
    index = [{"type": "translate", "from_code": "ru", "to_code": "en", "package_version": "0.0.1",
              "links": [tiny_zip.as_uri()]},
             {"type": "translate", "from_code": "en", "to_code": "ru", "package_version": "9",
              "links": []}]
    index_path = tmp_path / "index.json"
    index_path.write_text(json.dumps(index))
    monkeypatch.setattr(argos, "remote_package_index", index_path.as_uri())
    info = models.install_pair("ru", "en")
    assert (info.from_code, info.to_code) == ("ru", "en")
    assert json.loads(Path(argos.local_package_index).read_text()) == index
    assert list(Path(argos.downloads_dir).iterdir()) == []  # the download is cleaned up
    with pytest.raises(WorkbenchError, match="no de→en package"):
        models.install_pair("de", "en")
