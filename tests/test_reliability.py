"""Reliability: a writer killed with SIGKILL at random moments never loses a saved
approval and always leaves a loadable file; concurrent writers lose no update; a held
lock gives a clear message; hostile or broken XML is refused and changes nothing.

Writers are forked from the test process (no interpreter start-up per trial), so a
trial costs milliseconds and the kill lands inside the save loop."""

from __future__ import annotations

import os
import random
import signal
import socket
import time

import pytest

from support.corpus import line_project, store_aligned
from support.paths import PAIRED
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.model import State


@pytest.fixture
def project(tmp_path):
    project = line_project(tmp_path)
    store_aligned(project, PAIRED)
    return project


def _fork(body) -> tuple[int, int]:
    """Run `body(write_fd)` in a forked child; returns (pid, read_fd)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        code = 0
        try:
            body(write_fd)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode("utf-8", "replace")


def _writer(project, unit_ids, trial):
    def body(fd):
        n = trial  # each trial starts at another unit
        while True:
            uid = unit_ids[n % len(unit_ids)]
            text = f"trial {trial} edit {n}"
            os.write(fd, f"B {uid} {text}\n".encode())
            ops.edit(project, PAIRED, uid, text, user="writer")
            ops.approve(project, PAIRED, [uid], user="writer")
            os.write(fd, f"D {uid} {text}\n".encode())
            n += 1
    return body


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_saved_approval(project):
    rng = random.Random(20261121)
    unit_ids = [f"u{i}" for i in range(1, 9)]
    expected: dict[str, tuple[str, State]] = {}
    mid_operation = completed = 0
    trials = 120
    for trial in range(trials):
        pid, fd = _fork(_writer(project, unit_ids, trial))
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = _read_all(fd).splitlines()
        in_flight = None
        for line in lines:
            if line.count(" ") < 2:
                continue  # a line cut by the kill
            kind, uid, text = line.split(" ", 2)
            if kind == "D":
                expected[uid] = (text, State.REVIEWED)
                completed += 1
                in_flight = None
            else:
                in_flight = (uid, text)
        wf = store.load_stored(project, PAIRED)  # always loadable
        assert wf is not None
        for uid, (text, state) in expected.items():
            unit = wf.unit(uid)
            if in_flight and uid == in_flight[0]:
                assert (unit.target_text, unit.state) in {
                    (text, state), (in_flight[1], State.TRANSLATED),
                    (in_flight[1], State.REVIEWED)}, (trial, uid)
            else:
                assert (unit.target_text, unit.state) == (text, state), (trial, uid)
        if in_flight:
            mid_operation += 1
            unit = wf.unit(in_flight[0])
            expected[in_flight[0]] = (unit.target_text, unit.state)
    assert completed > 0 and len(expected) >= 2
    assert mid_operation > trials // 2  # most kills landed inside an edit or approval
    # every reported edit and approval was a save: none of them is missing from the count
    assert store.load_stored(project, PAIRED).version >= 1 + 2 * completed


def test_two_concurrent_writers_lose_no_update(project):
    ids_a = [f"u{i}" for i in range(1, 41, 2)]
    ids_b = [f"u{i}" for i in range(2, 41, 2)]

    def writer(name, unit_ids):
        def body(fd):
            for uid in unit_ids:
                ops.edit(project, PAIRED, uid, f"{name} wrote {uid}", user=name)
                ops.approve(project, PAIRED, [uid], user=name)
            os.write(fd, b"done\n")
        return body

    children = [_fork(writer("alice", ids_a)), _fork(writer("bob", ids_b))]
    for pid, fd in children:
        _, status = os.waitpid(pid, 0)
        assert _read_all(fd) == "done\n" and os.waitstatus_to_exitcode(status) == 0
    wf = ops.load_or_align(project, PAIRED)
    for name, unit_ids in (("alice", ids_a), ("bob", ids_b)):
        for uid in unit_ids:
            unit = wf.unit(uid)
            assert (unit.target_text, unit.state, unit.changed_by) == \
                (f"{name} wrote {uid}", State.REVIEWED, name)


def test_a_held_lock_names_who_holds_it(project, monkeypatch):
    def holder(fd):
        with store.locked(project, PAIRED, "bob"):
            os.write(fd, b"locked\n")
            time.sleep(5)

    pid, fd = _fork(holder)
    try:
        assert os.read(fd, 7) == b"locked\n"
        before = store.working_path(project, PAIRED).read_bytes()
        monkeypatch.setenv("WORKBENCH_LOCK_TIMEOUT", "0.2")
        with pytest.raises(WorkbenchError) as err:
            ops.approve(project, PAIRED, ["u1"], user="alice")
        message = str(err.value)
        assert f"translations/{PAIRED}.xlf is being edited by bob@{socket.gethostname()} " \
               f"(pid {pid}) since " in message
        assert "wait" in message
        assert store.working_path(project, PAIRED).read_bytes() == before
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    ops.approve(project, PAIRED, ["u1"], user="alice")  # released when the holder died
    assert ops.load_or_align(project, PAIRED).unit("u1").state is State.REVIEWED


XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="{doc}" source-language="ru" target-language="en" datatype="plaintext"><body>
  <trans-unit id="u1"><source>x</source><target state="final">&xxe;</target></trans-unit>
 </body></file></xliff>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ru" trgLang="en">
 <file id="{doc}"><unit id="u1"><segment state="final"><source>x</source>
 <target>&lol3;</target></segment></unit></file></xliff>"""

TMX_XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "http://example.invalid/x">]>
<tmx version="1.4"><header srclang="ru"/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv>
</tu></body></tmx>"""

BROKEN = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ru" trgLang="en">
 <file id="{doc}"><unit id="u1"><segment><source>x</source><target>y</segment></unit>
</file></xliff>"""


@pytest.mark.parametrize(("name", "content", "message"), [
    ("xxe.xliff", XXE, "refused"), ("laughs.xlf", LAUGHS, "refused"),
    ("xxe.tmx", TMX_XXE, "refused"), ("broken.xlf", BROKEN, r":3: is not well-formed XML"),
    ("plain.xlf", "not xml at all", "is not well-formed XML"),
])
def test_hostile_or_broken_input_is_refused_and_changes_nothing(project, tmp_path, name,
                                                               content, message):
    path = tmp_path / name
    path.write_text(content.replace("{doc}", PAIRED), encoding="utf-8")
    before = store.working_path(project, PAIRED).read_bytes()
    with pytest.raises(WorkbenchError, match=message) as err:
        ops.import_file(project, path, user="x")
    assert str(path) in str(err.value) and "root:" not in str(err.value)
    assert store.working_path(project, PAIRED).read_bytes() == before
    if name.endswith(".tmx"):
        from workbench.formats.tmx import read_tmx

        with pytest.raises(WorkbenchError, match="refused"):
            read_tmx(path)


def test_hostile_working_file_is_refused_on_load(project):
    path = store.working_path(project, PAIRED)
    path.write_text(LAUGHS.replace("{doc}", PAIRED), encoding="utf-8")
    with pytest.raises(WorkbenchError, match="refused"):
        ops.load_or_align(project, PAIRED)
    with pytest.raises(WorkbenchError, match="refused"):
        ops.approve(project, PAIRED, ["u1"], user="x")
    assert path.read_text(encoding="utf-8") == LAUGHS.replace("{doc}", PAIRED)


def test_threads_of_one_process_wait_for_each_other(project):
    """A TUI worker thread and the main thread: the lock serialises them too."""
    import threading

    order = []

    def worker():
        with store.locked(project, PAIRED, "worker"):
            order.append("worker in")
            time.sleep(0.3)
            order.append("worker out")

    thread = threading.Thread(target=worker)
    with store.locked(project, PAIRED, "main"):
        thread.start()
        time.sleep(0.1)
        order.append("main still holding")
    thread.join()
    assert order == ["main still holding", "worker in", "worker out"]
