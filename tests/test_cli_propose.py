"""`workbench propose FILE [--engine LIST] [--json]`: the engines' proposals per line, as a
real subprocess prints them."""

import json
import subprocess
import sys
from pathlib import Path

from support.paths import REPO, translation_file

WB = [sys.executable, "-m", "workbench"]


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([*WB, *args], capture_output=True, text=True, cwd=cwd, check=False)


def test_json_lines_one_per_line_of_the_file(tmp_path):
    # The four Russian letterhead lines at the top of a corpus translation file.
    head = translation_file("ucp-cpsu-belarus-solidarity-2020").read_text("utf-8")
    lines = [line for line in head.splitlines() if line.strip()][:4]
    path = tmp_path / "head.txt"
    path.write_text("\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n", "utf-8")
    out = _run("--root", str(REPO), "propose", str(path), "--engine", "tm,rules", "--json")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 4, 5]  # the empty line is no segment
    assert [r["source"] for r in rows] == lines
    assert [r["lang"] for r in rows] == ["ru", "ru", "ru", "en"]  # "e-mail: …@mail.ru"
    for row in rows:
        for proposal in row["proposals"]:
            assert set(proposal) == {"text", "origin", "score", "detail", "issues"}
    by_line = {r["line"]: r["proposals"] for r in rows}
    assert by_line[1][0]["text"] == "UNION OF COMMUNIST PARTIES – CPSU"  # the glossary
    assert by_line[2][0]["text"].startswith("3 Malyy Sukharevskiy per., Moscow, 127051")
    assert by_line[2][0]["origin"] == "rules"


def test_plain_output_outside_a_project_and_errors(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("факс: +7 (495) 692-17-69\n", "utf-8")  # a phone line written for the test
    out = _run("propose", str(path), "--engine", "rules", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "1\tru\t'факс: +7 (495) 692-17-69'"
    assert "rules 0.95 'Fax: +7 495 692-17-69'" in out.stdout
    bad = _run("propose", str(path), "--engine", "nope", cwd=tmp_path)
    assert bad.returncode != 0 and "unknown engine nope" in bad.stderr
    missing = _run("propose", str(tmp_path / "absent.txt"), cwd=tmp_path)
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
