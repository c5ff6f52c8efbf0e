"""Import real third-party files (XLIFF jobs, TMX memories, TBX/tab/CSV glossaries) with
the real CLI, each into a fresh project whose languages are the file's, and print one
tab-separated line per file: file, command, exit code, outcome (the summary line, or the
one-line refusal). A traceback is a failure of the workbench, counted at the end.

    .venv/bin/python bench/import_real_files.py [FOLDER ...]   (default: tests/data/interchange)

How it was made is printed first: the workbench version, the folders, the count."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from workbench import __version__
from workbench.testing.projects import empty_pair_project

REPO = Path(__file__).resolve().parents[1]
WORKBENCH = [sys.executable, "-m", "workbench"]
LANG = re.compile(rb'(?:source-language|srcLang|srclang)="([^"]+)"')
TLANG = re.compile(rb'(?:target-language|trgLang)="([^"]+)"')
TUV = re.compile(rb'(?<![\w:-])(?:xml:lang|lang)="([^"]+)"')


def primary(code: bytes | str) -> str:
    text = code.decode("ascii", "replace") if isinstance(code, bytes) else code
    return text.replace("_", "-").split("-")[0].lower()


def languages(path: Path, data: bytes) -> tuple[str, str]:
    """The language pair a project needs for this file (tab/CSV: en→fr, as they carry
    none)."""
    text = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16").encode("utf-8")
    src = LANG.search(text)
    tgt = TLANG.search(text)
    found = [primary(m) for m in TUV.findall(text)]
    found = [c for c in dict.fromkeys(found) if c.isalpha() and c not in ("all", "x")]
    given = primary(src.group(1)) if src else ""
    source = given if given.isalpha() and given != "all" else (found[0] if found else "en")
    target = primary(tgt.group(1)) if tgt else next((c for c in found if c != source), "fr")
    if target == source:
        target = next((c for c in found if c != source), "fr")
    return source, target


def command(path: Path) -> tuple[str, list[str]]:
    name = path.name.lower()
    head = path.read_bytes()[:4000].replace(b"\x00", b"").lower()
    if name.endswith(".tmx") or b"<tmx" in head:
        return "tm import", ["tm", "import"]
    if name.endswith((".tbx", ".csv", ".tsv", ".tab", ".txt")) or b"<martif" in head or \
            b"<tbx" in head:
        return "glossary import", ["glossary", "import"]
    return "import", ["import"]


def run_one(path: Path, scratch: Path) -> tuple[str, int, str]:
    data = path.read_bytes()
    source, target = languages(path, data)
    root = empty_pair_project(scratch / "p", source, target)
    label, args = command(path)
    env = {**os.environ, "WORKBENCH_USER": "measure"}
    done = subprocess.run([*WORKBENCH, "--root", str(root), *args, str(path)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    traceback = "Traceback (most recent call last)" in done.stderr
    outcome = "TRACEBACK " + (lines[-1] if lines else "") if traceback else (
        lines[-1] if lines else "(no output)")
    return f"{label} {source}→{target}", done.returncode, outcome


def main(folders: list[str]) -> int:
    paths = sorted(p for folder in folders for p in Path(folder).rglob("*")
                   if p.is_file() and not p.name.endswith((".md", ".tsv.txt"))
                   and p.name not in ("INDEX.tsv", "LICENSES.md", "README.md"))
    print(f"# workbench {__version__}; {len(paths)} files from {', '.join(folders)}; each "
          "imported by the CLI into a fresh project with the file's languages")
    tracebacks = 0
    for path in paths:
        with tempfile.TemporaryDirectory() as scratch:
            label, rc, outcome = run_one(path, Path(scratch))
        tracebacks += outcome.startswith("TRACEBACK")
        shown = path.relative_to(folders[0]) if path.is_relative_to(folders[0]) else path
        print(f"{shown}\t{label}\t{rc}\t{outcome}")
    print(f"# {len(paths)} files, {tracebacks} tracebacks")
    return 1 if tracebacks else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or [str(REPO / "tests" / "data" / "interchange")]))
