"""A cloned project can be hostile: git stores symbolic links, odd file names and any
YAML or XML. Each case here is planted with real files and real links, and driven
through the real CLI in a subprocess: the workbench never writes through a link, never
reads a file outside the project through one, refuses odd ids with one line, and
refuses YAML tags and XInclude."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import aligned_corpus_copy, fresh_copy
from support.paths import PAIRED
from workbench import ops
from workbench.project import open_project

SECRET = "root:x:0:0:the user's own file, outside the project\n"


@pytest.fixture(scope="module")
def aligned(tmp_path_factory):
    return aligned_corpus_copy(tmp_path_factory.mktemp("corpus"), [PAIRED])


@pytest.fixture
def root(aligned, tmp_path):
    return fresh_copy(aligned, tmp_path / "clone", symlinks=True)


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "home" / ".bashrc"
    path.parent.mkdir()
    path.write_text(SECRET)
    return path


def cli(root, *argv, timeout=120):
    out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), "--user",
                          "rita", *argv], capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in out.stderr, out.stderr
    return out


def one_line_error(out) -> str:
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


def a_unit(root) -> str:
    return next(u.id for u in ops.load_or_align(open_project(root), PAIRED).units
                if u.source_text and u.target_text)


# ---------------------------------------------------------------- lock, temp, working file


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(root, secret):
    lock = root / "translations" / f".{PAIRED}.xlf.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(secret)
    working = root / "translations" / f"{PAIRED}.xlf"
    before = working.read_bytes()
    line = one_line_error(cli(root, "approve", PAIRED, a_unit(root)))
    assert f".{PAIRED}.xlf.lock" in line and "symbolic link" in line
    assert secret.read_text() == SECRET and working.read_bytes() == before


def test_a_dangling_lock_link_creates_nothing(root, tmp_path):
    target = tmp_path / "elsewhere" / "created-by-workbench"
    target.parent.mkdir()
    lock = root / "translations" / f".{PAIRED}.xlf.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)
    assert "symbolic link" in one_line_error(cli(root, "approve", PAIRED, a_unit(root)))
    assert not target.exists()


def test_a_fifo_in_place_of_the_lock_is_refused_without_hanging(root):
    lock = root / "translations" / f".{PAIRED}.xlf.lock"
    lock.unlink(missing_ok=True)
    os.mkfifo(lock)
    line = one_line_error(cli(root, "approve", PAIRED, a_unit(root), timeout=60))
    assert "not a regular file" in line


def test_a_working_file_that_is_a_link_is_neither_read_nor_written(root, tmp_path):
    working = root / "translations" / f"{PAIRED}.xlf"
    outside = tmp_path / "outside.xlf"
    shutil.move(working, outside)
    working.symlink_to(outside)
    before = outside.read_bytes()
    line = one_line_error(cli(root, "approve", PAIRED, "u5"))
    assert f"{PAIRED}.xlf" in line and "symbolic link" in line
    assert outside.read_bytes() == before and working.is_symlink()


def test_a_planted_stale_temp_link_is_removed_not_followed(root, secret):
    planted = root / "translations" / f".{PAIRED}.xlf.abcdefgh.tmp"
    planted.symlink_to(secret)
    assert cli(root, "approve", PAIRED, a_unit(root)).returncode == 0
    assert not planted.is_symlink() and secret.read_text() == SECRET


def test_export_never_writes_through_a_link(root, secret):
    link = root / "out.tmx"
    link.symlink_to(secret)
    line = one_line_error(cli(root, "export", PAIRED, "--format", "tmx", "-o", str(link)))
    assert "symbolic link" in line and secret.read_text() == SECRET


# ---------------------------------------------------------------- document files


def test_a_document_file_linked_outside_the_project_is_refused(root, secret):
    english = root / "translations" / f"{PAIRED}.en.txt"
    english.unlink()
    english.symlink_to(secret)
    working = root / "translations" / f"{PAIRED}.xlf"
    working.unlink()  # a fresh clone: nothing aligned yet
    line = one_line_error(cli(root, "export", PAIRED, "--format", "txt"))
    assert f"translations/{PAIRED}.en.txt" in line and "outside the project" in line
    assert "root:x" not in line
    status = cli(root, "status")
    assert status.returncode == 2 and "outside the project" in status.stderr
    assert "root:x" not in status.stdout + status.stderr
    assert not working.exists()


def test_a_folder_linked_outside_the_project_is_refused_too(root, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.move(root / "translations", elsewhere)
    (root / "translations").symlink_to(elsewhere)
    line = one_line_error(cli(root, "units", PAIRED))
    assert "outside the project" in line


def test_a_link_that_stays_inside_the_project_is_read(root):
    english = root / "translations" / f"{PAIRED}.en.txt"
    kept = root / "originals" / english.name
    kept.parent.mkdir()
    shutil.move(english, kept)
    english.symlink_to(Path("..") / "originals" / english.name)
    out = cli(root, "export", PAIRED, "--format", "txt")
    assert out.returncode == 0 and out.stdout.strip()


# ---------------------------------------------------------------- document ids


def test_a_file_name_with_a_newline_is_not_a_document(root):
    shutil.copy(root / "sources" / f"{PAIRED}.ru.txt", root / "sources" / "evil\n.ru.txt")
    ids = open_project(root).document_ids()
    assert ids == [PAIRED]
    out = cli(root, "status")
    assert out.returncode == 0 and "evil" not in out.stdout
    assert len(out.stdout.splitlines()) == 2  # the header and the one document


def test_an_id_too_long_for_file_names_is_one_line(root):
    line = one_line_error(cli(root, "approve", "a" * 300, "u1"))
    assert "300 characters" in line and "limit is 200" in line


def test_the_longest_id_allowed_can_be_saved(root):
    long_id = "d" * 200  # .<id>.xlf.XXXXXXXX.tmp is 218 bytes: under the 255 limit
    for side, lang in (("sources", "ru"), ("translations", "en")):
        shutil.copy(root / side / f"{PAIRED}.{lang}.txt", root / side / f"{long_id}.{lang}.txt")
    assert long_id in open_project(root).document_ids()
    assert cli(root, "align", long_id, "--no-embeddings").returncode == 0
    assert (root / "translations" / f"{long_id}.xlf").is_file()


# ---------------------------------------------------------------- YAML tags, XInclude


@pytest.mark.parametrize("tagged, tag", [
    ('!!python/object/apply:os.system ["touch pwned"]', "!!python/object/apply:os.system"),
    ("!foo Communist Party", "!foo"),
])
def test_glossary_yaml_tags_are_refused_with_file_and_line(root, tagged, tag):
    glossary = root / "glossary.yaml"
    lines = glossary.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("en:"))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = f"{indent}en: {tagged}"
    glossary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = one_line_error(cli(root, "glossary", "validate"))
    assert f"glossary.yaml:{at + 1}:" in line and tag in line
    assert not (root / "pwned").exists()


def test_xinclude_in_an_imported_xliff_is_refused(root, tmp_path):
    exported = tmp_path / "out.xlf"
    assert cli(root, "export", PAIRED, "--format", "xliff2", "-o", str(exported)).returncode == 0
    text = exported.read_text(encoding="utf-8")
    first_target = text.index("<target>") + len("<target>")
    hostile = (text[:first_target] + '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
               'href="/etc/passwd" parse="text"/>' + text[first_target:])
    exported.write_text(hostile, encoding="utf-8")
    working = root / "translations" / f"{PAIRED}.xlf"
    before = working.read_bytes()
    line = one_line_error(cli(root, "import", str(exported)))
    expected_line = hostile[:hostile.index("<xi:include")].count("\n") + 1
    assert "XInclude" in line and f"out.xlf:{expected_line}:" in line
    assert working.read_bytes() == before
