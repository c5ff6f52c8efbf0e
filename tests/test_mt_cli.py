"""`workbench models …` and `workbench translate …` end to end, in subprocesses with their
own Argos data dirs (argostranslate reads them once, at import), on a copy of the real
project, with the tiny Argos package. Offline: no test touches the network."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.corpus import copy_corpus
from support.paths import EADAILY, UCP
from workbench.testing.argos_tiny import argos_env


@pytest.fixture
def env(tmp_path) -> dict:
    out = {**os.environ, **argos_env(tmp_path / "argos"), "WORKBENCH_USER": "tester"}
    out.pop("ARGOS_PACKAGES_DIR", None)
    out.pop("WORKBENCH_ROOT", None)
    return out


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_corpus(tmp_path / "proj", (UCP, EADAILY, "political-prisoners-appeal"))


def wb(env, *args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_models_list_install_remove(env, tiny_zip):
    out = wb(env, "models", "list")
    assert out.returncode == 0 and "no translation models installed" in out.stdout
    assert "workbench models install FILE.argosmodel" in out.stdout
    out = wb(env, "models", "install", str(tiny_zip))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("installed ru→en 0.0.1 in ")
    out = wb(env, "models", "list")
    assert "ru→en\t0.0.1\ttranslate-ru_en-0_0_1" in out.stdout
    out = wb(env, "models", "remove", "ru", "en")
    assert out.returncode == 0 and out.stdout.startswith("removed ru→en 0.0.1")
    out = wb(env, "models", "remove", "ru", "en")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_install_pair_offline_says_what_to_do_at_once(env):
    env = {**env, "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}  # refused on loopback
    start = time.monotonic()
    out = wb(env, "models", "install", "ru", "en")
    assert time.monotonic() - start < 10
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "cannot reach Argos's package index" in out.stderr
    assert "workbench models install FILE.argosmodel" in out.stderr


def test_bad_model_file_is_a_one_line_error(env, tmp_path):
    bad = tmp_path / "x.argosmodel"
    bad.write_bytes(b"PK not really")
    out = wb(env, "models", "install", str(bad))
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "zip archive" in out.stderr


def test_translate_without_a_model_still_proposes_rules(env, project):
    out = wb(env, "translate", UCP, "--dry-run", cwd=project)
    assert out.returncode == 0, out.stderr
    assert "no ru→en model installed" in out.stderr
    assert "workbench models install FILE.argosmodel" in out.stderr
    assert "'3 Malyy Sukharevskiy per., Moscow, 127051, Russia'" in out.stdout
    assert "'Tel./fax: +7 495 692-54-76, +7 495 692-17-69'" in out.stdout
    assert "'UNION OF COMMUNIST PARTIES – CPSU'" in out.stdout
    assert not (project / "translations" / f"{UCP}.xlf").exists()  # a dry run saves nothing
    out = wb(env, "translate", "political-prisoners-appeal", cwd=project)
    assert "damaged, not translated: u1, u2, u3, u4" in out.stdout


def test_translate_fills_drafts_and_a_rerun_costs_nothing(env, project, tiny_zip):
    from workbench.model import Origin, State
    from workbench.project import open_project
    from workbench.store import load_stored

    assert wb(env, "models", "install", str(tiny_zip)).returncode == 0
    out = wb(env, "translate", "--all", cwd=project)
    assert out.returncode == 0, out.stderr
    assert "no ru→en model" not in out.stderr
    # the Russian letterhead of the English file by rules, the untranslated heading by MT
    assert f"{UCP}: 4 of 4 empty units filled (mt 1, rules 3)" in out.stdout
    assert "translate: " in out.stderr  # plain progress lines when stderr is no terminal
    proj = open_project(project)
    wf = load_stored(proj, UCP)
    filled = [u for u in wf.units if u.origin is Origin.MT]
    assert len(filled) == 1 and filled[0].state is State.TRANSLATED
    assert filled[0].proposal is not None and filled[0].proposal.detail.startswith("argos ru→en")
    assert filled[0].history[-1].action == "translate"
    assert (project / ".workbench-cache" / "mt.sqlite3").is_file()
    before = (project / "translations" / f"{UCP}.xlf").read_bytes()
    again = wb(env, "translate", "--all", cwd=project)
    assert f"{UCP}: 0 of 0 empty units filled" in again.stdout
    assert (project / "translations" / f"{UCP}.xlf").read_bytes() == before


def test_translate_argument_errors(env, project):
    out = wb(env, "translate", cwd=project)
    assert out.returncode == 2 and "--all" in out.stderr
    out = wb(env, "translate", UCP, "--engine", "tm,google", cwd=project)
    assert out.returncode == 2 and "unknown engine google" in out.stderr
    out = wb(env, "translate", "../etc", cwd=project)
    assert out.returncode == 2 and "Traceback" not in out.stderr


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty, self.text = tty, ""

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_progress_bar_on_a_terminal_plain_lines_otherwise():
    from workbench.cli.progress import Progress

    tty = _Stream(True)
    bar = Progress(4, tty)
    bar.advance(1)
    bar.advance(3)
    bar.close()
    assert "\r[#######" in tty.text and "1/4 units  ETA" in tty.text and "4/4 units" in tty.text
    plain = _Stream(False)
    lines = Progress(4, plain)
    lines.advance(1)
    lines.advance(3)
    lines.advance(0)
    lines.close()
    assert plain.text == "translate: 1/4 units\ntranslate: 4/4 units\n"


def test_the_translation_path_never_imports_argos_translate_stanza_or_torch(env, project,
                                                                           tiny_zip):
    """Neural proposals arrive through CTranslate2 and SentencePiece alone: the heavy half
    of argostranslate (its `translate` module, stanza, spaCy, torch, minisbd) stays out."""
    assert wb(env, "models", "install", str(tiny_zip)).returncode == 0
    code = (
        "import sys\n"
        "from workbench.cli import main\n"
        f"rc = main(['--root', {str(project)!r}, 'translate', {UCP!r}])\n"
        "heavy = ('argostranslate.translate', 'argostranslate.sbd', 'stanza', 'spacy', "
        "'torch', 'minisbd')\n"
        "print('RC', rc, 'HEAVY', [m for m in heavy if m in sys.modules], "
        "'CT2', 'ctranslate2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120)
    assert "RC 0 HEAVY [] CT2 True" in out.stdout, out.stdout + out.stderr
    assert "(mt 1" in out.stdout  # a neural proposal was made on this path


def test_without_a_model_the_message_names_only_the_engines_asked_for(env, project):
    out = wb(env, "translate", UCP, "--engine", "argos", "--dry-run", cwd=project)
    assert out.returncode == 0
    assert "nothing can be proposed (add --engine tm,rules)" in out.stderr
    out = wb(env, "translate", UCP, "--engine", "tm,argos", "--dry-run", cwd=project)
    assert "proposing translation-memory only" in out.stderr
