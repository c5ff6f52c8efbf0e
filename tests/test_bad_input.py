"""Bad input, read faithfully or refused in one line: a UTF-8 file with a few bad bytes
(read as UTF-8, flagged `invalid-utf8` with byte offsets), UTF-16 without a byte-order
mark, control characters never printed raw, an endless stream, a working file another
tool rewrote, environment settings. Real corpus files, damaged in code; the CLI as a
real subprocess."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys

import pytest

from support.corpus import copy_corpus
from support.paths import PAIRED, REPO
from workbench import ops, store
from workbench.corpus import read_side
from workbench.errors import WorkbenchError
from workbench.model import State
from workbench.project import open_project

RU = REPO / "sources" / "eadaily-cpk-liquidated-2015.ru.txt"
EADAILY = "eadaily-cpk-liquidated-2015"


def cli(root, *argv, env=None, timeout=120):
    out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), "--user",
                          "rita", *argv], capture_output=True, text=True, timeout=timeout,
                         env={**os.environ, **(env or {})})
    assert "Traceback" not in out.stderr, out.stderr
    return out


def damaged(kind: str) -> tuple[bytes, int]:
    """The real Russian file with one bad byte sequence put in mid-text, and its offset."""
    data = RU.read_bytes()
    at = data.index(b" ", len(data) // 2) + 1  # at the start of a word
    if kind == "stray-ff":
        return data[:at] + b"\xff" + data[at:], at
    if kind == "latin1-nbsp":
        return data[:at] + b"\xa0" + data[at:], at
    # a Cyrillic letter cut in half: its second byte lost
    cyr = data.index(b"\xd0", at)
    return data[:cyr + 1] + data[cyr + 2:], cyr


@pytest.mark.parametrize("kind", ["stray-ff", "latin1-nbsp", "cut-letter"])
def test_utf8_but_for_one_byte_is_read_as_utf8_and_flagged(tmp_path, kind):
    data, at = damaged(kind)
    path = tmp_path / "doc.ru.txt"
    path.write_bytes(data)
    side = read_side(path, "ru")
    assert side.encoding == "utf-8"
    assert [byte for byte, _ in side.invalid_utf8] == [at]
    original = RU.read_text(encoding="utf-8")
    offset = side.invalid_utf8[0][1]
    assert side.text[offset] == "\ufffd"
    assert side.text[:offset] == original[:offset]  # the rest is the text as written
    assert "Коммунистическ" in side.text


def test_the_text_offset_of_a_bad_byte_counts_crlf_as_one_newline(tmp_path):
    data, at = damaged("stray-ff")
    crlf = data.replace(b"\n", b"\r\n")
    path = tmp_path / "doc.ru.txt"
    path.write_bytes(crlf)
    side = read_side(path, "ru")
    (byte, offset), = side.invalid_utf8
    assert byte == at + data[:at].count(b"\n") and side.text[offset] == "\ufffd"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_a_real_code_page_is_still_a_code_page(tmp_path, encoding):
    text = RU.read_text(encoding="utf-8").replace("«", '"').replace("»", '"').replace("—", "-")
    path = tmp_path / "doc.ru.txt"
    path.write_bytes(text.encode(encoding))
    side = read_side(path, "ru")
    assert side.encoding == encoding and side.text == text and not side.invalid_utf8


def test_status_inspect_and_the_corpus_screen_show_invalid_utf8(tmp_path):
    root = copy_corpus(tmp_path, docs=[EADAILY, PAIRED])
    data, at = damaged("stray-ff")
    (root / "sources" / f"{EADAILY}.ru.txt").write_bytes(data)
    status = cli(root, "status")
    assert status.returncode == 0
    row = next(line for line in status.stdout.splitlines() if line.startswith(EADAILY))
    assert "invalid-utf8" in row
    inspect = cli(root, "inspect", EADAILY)
    flagged = [line for line in inspect.stdout.splitlines() if "invalid-utf8" in line]
    assert flagged and all(str(at) in line for line in flagged)
    assert re.search(rf"! invalid-utf8: 1 byte sequence\(s\) not UTF-8 at byte offset\(s\) {at}\b",
                     inspect.stdout)
    assert ops.document_status(open_project(root), EADAILY).flags[0] == "invalid-utf8"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_detected_not_called_binary(tmp_path, codec):
    for source, lang in ((RU, "ru"), (REPO / "translations" / f"{PAIRED}.en.txt", "en")):
        text = source.read_text(encoding="utf-8")
        path = tmp_path / f"doc.{lang}.txt"
        path.write_bytes(text.encode(codec))
        side = read_side(path, lang)
        assert side.encoding == codec and not side.bom and side.text == text


def test_odd_utf16_is_named_as_such(tmp_path):
    data = RU.read_text(encoding="utf-8").encode("utf-16-le")
    cut = len(data) // 2 & ~1
    path = tmp_path / "doc.ru.txt"
    path.write_bytes(data[:cut] + b"\x00\xdc" + data[cut:])  # a lone low surrogate
    with pytest.raises(WorkbenchError, match="utf-16-le text without a byte-order mark"):
        read_side(path, "ru")


# ---------------------------------------------------------------- never printed raw


def test_control_characters_in_a_document_are_never_printed_raw(tmp_path):
    root = tmp_path / "project"
    (root / "sources").mkdir(parents=True)
    (root / "translations").mkdir()
    # Written for this test: a short statement whose lines carry terminal escapes.
    (root / "sources" / "ctl.ru.txt").write_text(
        "Заявление \x1b]0;pwned\x07\n\nМы осуждаем \x1b[2J войну.\n", encoding="utf-8")
    (root / "translations" / "ctl.en.txt").write_text(
        "Statement \x1b]0;pwned\x07\n\nWe condemn \x1b[2J the war.\n", encoding="utf-8")
    outputs = [cli(root, *argv) for argv in (
        ("status",), ("inspect", "ctl"), ("segment", str(root / "sources" / "ctl.ru.txt")),
        ("align", "ctl", "--no-embeddings"), ("units", "ctl"), ("history", "ctl", "u1"),
        ("check", "ctl"), ("units", "ctl", "--jsonl"))]
    for out in outputs:
        assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout + out.stderr
    assert "\\u001b[2J" in outputs[4].stdout
    rows = [json.loads(line) for line in outputs[-1].stdout.splitlines()]
    assert any("\x1b[2J" in row["source"] for row in rows)  # JSON escapes: same text


# ---------------------------------------------------------------- streams, working files


def test_import_of_an_endless_stream_stops_at_the_size_limit(tmp_path):
    root = copy_corpus(tmp_path, docs=[PAIRED])
    out = cli(root, "import", "/dev/zero", timeout=60)
    assert out.returncode == 2 and "larger than 200 MB" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.fixture
def stored(tmp_path):
    root = copy_corpus(tmp_path, docs=[PAIRED])
    ops.align_document(open_project(root), PAIRED, user="aligner", embeddings=False)
    return root


def _rewrite(root, change):
    path = root / "translations" / f"{PAIRED}.xlf"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize("how", ["long-comment", "single-quotes"])
def test_a_working_file_another_tool_rewrote_can_still_be_saved(stored, how):
    if how == "long-comment":  # the version element beyond the first 4 KB
        comment = "<!-- " + "saved by another tool; " * 300 + "-->\n"
        _rewrite(stored, lambda t: t.replace("<xliff ", comment + "<xliff ", 1))
    else:
        _rewrite(stored, lambda t: t.replace('type="version"', "type='version'"))
    uid = next(u.id for u in ops.load_or_align(open_project(stored), PAIRED).units
               if u.source_text and u.target_text)
    out = cli(stored, "approve", PAIRED, uid)
    assert out.returncode == 0, out.stderr
    store.workfile._cache.clear()
    wf = store.load_stored(open_project(stored), PAIRED)
    assert wf.unit(uid).state is State.REVIEWED and wf.version == 2


# ---------------------------------------------------------------- environment settings


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "soon", "99999"])
def test_a_bad_lock_timeout_is_one_line_not_a_wait_forever(stored, value):
    out = cli(stored, "approve", PAIRED, "u5", env={"WORKBENCH_LOCK_TIMEOUT": value},
              timeout=60)
    assert out.returncode == 2 and "$WORKBENCH_LOCK_TIMEOUT" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name, value", [
    ("WORKBENCH_MT_BEAM", "0"), ("WORKBENCH_MT_BEAM", "2.5"), ("WORKBENCH_MT_THREADS", "-3"),
    ("WORKBENCH_MT_DEVICE", "gpu"), ("WORKBENCH_MT_COMPUTE_TYPE", "int4"),
])
def test_mt_environment_settings_are_validated(monkeypatch, name, value):
    from workbench.mt.engine import EngineSettings

    monkeypatch.setenv(name, value)
    with pytest.raises(WorkbenchError, match=re.escape(f"${name}")):
        EngineSettings.from_env()


def test_user_and_root_from_the_environment_are_validated(stored, tmp_path):
    out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(stored), "approve",
                          PAIRED, "u5"], capture_output=True, text=True,
                         env={**os.environ, "WORKBENCH_USER": "eve\nforged line"})
    assert out.returncode == 2 and "$WORKBENCH_USER" in out.stderr
    out = subprocess.run([sys.executable, "-m", "workbench", "status"], capture_output=True,
                         text=True, cwd=tmp_path,
                         env={**os.environ, "WORKBENCH_ROOT": str(tmp_path / "nowhere")})
    assert out.returncode == 2 and "$WORKBENCH_ROOT" in out.stderr


def test_the_lock_timeout_is_honoured_when_valid(stored, monkeypatch):
    from workbench.store.lock import lock_timeout

    monkeypatch.setenv("WORKBENCH_LOCK_TIMEOUT", "0.25")
    assert math.isclose(lock_timeout(), 0.25)
    monkeypatch.delenv("WORKBENCH_LOCK_TIMEOUT")
    assert lock_timeout() == 5.0
    shutil.rmtree(stored)
