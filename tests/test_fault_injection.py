"""Operating-system errors on save, lock and export — disk full, read-only — give one
line and exit 2, and leave what is on disk as it was (no half-written file, no
temporary file, no export).

Two ways: an injected OSError at the system call that fails in real life (always run),
and a real small tmpfs filled up and then remounted read-only, in a private mount
namespace of a subprocess (`unshare -m`, needs root; skipped with the reason otherwise).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from support.corpus import aligned_corpus_copy, fresh_copy
from support.paths import PAIRED
from workbench import ops
from workbench.cli import main
from workbench.project import open_project

OTHER = "tcc-cpsu-appeal-1998"  # never aligned here: it has no lock file yet


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    return aligned_corpus_copy(tmp_path_factory.mktemp("corpus"), [PAIRED, OTHER])


@pytest.fixture
def root(aligned, tmp_path):
    return fresh_copy(aligned, tmp_path / "project")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes; a lock file only by its presence (its text says who holds the
    lock, and changes with every holder: it is no saved work)."""
    return {str(p.relative_to(root)): b"" if p.name.endswith(".lock") else p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def a_unit(root) -> str:
    return next(u.id for u in ops.load_or_align(open_project(root), PAIRED).units
                if u.source_text and u.target_text)


def fail_with(monkeypatch, module, name, code):
    def boom(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)
    monkeypatch.setattr(module, name, boom)


def run_failing(capsys, root, *argv) -> str:
    code = main(["--root", str(root), "--user", "rita", *argv])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("workbench: "), err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "the disk is full"), (errno.EROFS, "read-only"),
    (errno.EACCES, "permissions"), (errno.EDQUOT, "quota"),
])
def test_save_failing_in_the_os_gives_one_line_and_changes_nothing(root, capsys,
                                                                   monkeypatch, code, words):
    import workbench.store.atomic as atomic

    before = snapshot(root)
    # the data is written, then fsync reports the failure (as delayed allocation does)
    fail_with(monkeypatch, atomic.os, "fsync", code)
    err = run_failing(capsys, root, "approve", PAIRED, a_unit(root))
    assert os.strerror(code) in err and words in err and f"{PAIRED}.xlf" in err
    assert "saved before is unchanged" in err
    monkeypatch.undo()
    assert snapshot(root) == before  # no temporary file left, the working file as it was


def test_a_read_only_folder_for_the_temporary_file(root, capsys, monkeypatch):
    import workbench.store.atomic as atomic

    before = snapshot(root)
    fail_with(monkeypatch, atomic.tempfile, "mkstemp", errno.EROFS)
    err = run_failing(capsys, root, "edit", PAIRED, a_unit(root), "New English.")
    assert "Read-only file system" in err and f"{PAIRED}.xlf" in err
    monkeypatch.undo()
    assert snapshot(root) == before


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_the_lock_failing_in_the_os(root, capsys, monkeypatch, code):
    import workbench.store.lock as lock

    before = snapshot(root)
    fail_with(monkeypatch, lock.os, "open", code)
    err = run_failing(capsys, root, "approve", PAIRED, a_unit(root))
    assert os.strerror(code) in err and f".{PAIRED}.xlf.lock" in err
    monkeypatch.undo()
    assert snapshot(root) == before


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_export_failing_in_the_os_leaves_no_file(root, capsys, monkeypatch, tmp_path, code):
    import workbench.store.atomic as atomic

    out = tmp_path / "exports" / "all.tmx"
    out.parent.mkdir()
    fail_with(monkeypatch, atomic.os, "fsync", code)
    err = run_failing(capsys, root, "export", PAIRED, "--format", "tmx", "-o", str(out))
    assert os.strerror(code) in err and "all.tmx" in err
    monkeypatch.undo()
    assert list(out.parent.iterdir()) == []


def test_a_name_too_long_for_the_file_system(root, capsys, tmp_path):
    err = run_failing(capsys, root, "export", PAIRED, "--format", "tmx", "-o",
                      str(tmp_path / ("x" * 300 + ".tmx")))
    assert "File name too long" in err and "shorter name" in err


# ---------------------------------------------------------------- a real tmpfs

DRIVER = textwrap.dedent('''
    """Run inside `unshare -m`: a private 4 MB tmpfs, the project copied onto it."""
    import json, os, shutil, subprocess, sys
    project, mount = sys.argv[1], sys.argv[2]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount], check=True)
    work = os.path.join(mount, "project")
    shutil.copytree(project, work)
    doc, other, unit = sys.argv[3], sys.argv[4], sys.argv[5]

    def wb(*argv):
        out = subprocess.run([sys.executable, "-m", "workbench", "--root", work, "--user",
                              "rita", *argv], capture_output=True, text=True, timeout=300)
        return {"rc": out.returncode, "err": out.stderr, "out": out.stdout}

    def snapshot():
        found = {}
        for folder, _, names in os.walk(work):
            for name in names:
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:  # a lock file by its presence only
                    data = b"" if name.endswith(".lock") else handle.read()
                found[os.path.relpath(path, work)] = data.hex()
        return found

    results = {}
    filler = os.path.join(mount, "filler")
    with open(filler, "wb") as handle:  # fill the disk to the last block
        try:
            while True:
                handle.write(b"\\0" * 65536)
                handle.flush()
        except OSError:
            pass
    for small in (4096, 512, 1):
        try:
            with open(filler, "ab") as handle:
                while True:
                    handle.write(b"\\0" * small)
                    handle.flush()
        except OSError:
            pass
    before = snapshot()
    results["full-save"] = wb("approve", doc, unit)
    results["full-export"] = wb("export", doc, "--format", "tmx", "-o",
                                os.path.join(mount, "out.tmx"))
    results["full-unchanged"] = snapshot() == before
    os.unlink(filler)
    subprocess.run(["mount", "-o", "remount,ro", mount], check=True)
    results["ro-save"] = wb("approve", doc, unit)
    results["ro-lock"] = wb("lock", other, "u1")
    results["ro-export"] = wb("export", doc, "--format", "tmx", "-o",
                              os.path.join(mount, "out.tmx"))
    results["ro-unchanged"] = snapshot() == before
    results["no-export"] = not os.path.exists(os.path.join(mount, "out.tmx"))
    print(json.dumps(results))
''')


def _can_unshare_and_mount() -> str | None:
    if os.geteuid() != 0:
        return "needs root (a private tmpfs is mounted in its own mount namespace)"
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "needs util-linux unshare and mount"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                           capture_output=True)
    if probe.returncode != 0:
        return f"cannot mount a tmpfs here: {probe.stderr.decode().strip()}"
    return None


@pytest.mark.slow
def test_a_real_full_then_read_only_tmpfs(root, tmp_path):
    reason = _can_unshare_and_mount()
    if reason:
        pytest.skip(reason)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    mount = tmp_path / "mnt"
    mount.mkdir()
    out = subprocess.run(["unshare", "-m", "--propagation", "private", sys.executable,
                          str(driver), str(root), str(mount), PAIRED, OTHER, a_unit(root)],
                         capture_output=True, text=True, timeout=900,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    expected = {"full-save": "No space left on device",
                "full-export": "No space left on device",
                "ro-save": "Read-only file system", "ro-lock": "Read-only file system",
                "ro-export": "Read-only file system"}
    for name, message in expected.items():
        result = results[name]
        lines = result["err"].strip().splitlines()
        assert result["rc"] == 2 and len(lines) == 1, (name, result)
        assert message in lines[0] and "Traceback" not in result["err"], (name, result)
    assert results["full-unchanged"] and results["ro-unchanged"] and results["no-export"]
