"""The CLI contracts: status, segment, langid, inspect, and exit 2 with one line on bad
input."""

import json
import os
import subprocess
import sys

import pytest

from support.paths import GOLD, REPO
from workbench.cli import main

UCP_EN = REPO / "translations" / "ucp-cpsu-belarus-solidarity-2020.en.txt"
UCP_RU = REPO / "sources" / "ucp-cpsu-belarus-solidarity-2020.ru.txt"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--root", str(REPO), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_status_table(capsys):
    code, out, _ = run(capsys, "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["id", "title", "ru", "en"]
    assert len(lines) == 9
    row = next(line for line in lines if line.startswith("political-prisoners-appeal"))
    assert "ascii-stripped" in row and " no " in row and "-/full" in row
    row = next(line for line in lines if line.startswith("ucp-cpsu-belarus"))
    assert "excerpt/full" in row and "11/65" in row


def test_segment_plain_one_per_line(capsys):
    code, out, _ = run(capsys, "segment", str(UCP_EN), "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert ("Address of the Union of Communist parties-CPSU to the Communist and workers' "
            "parties of the world") in lines
    assert lines[-2:] == ["Moscow,", "August 18, 2020"]


def test_segment_detects_the_language(capsys):
    code, out, _ = run(capsys, "segment", str(UCP_RU), "--jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["lang"] for r in records} == {"ru"}
    assert records[3] == {"text": "Дорогие товарищи и друзья!", "kind": "addressee",
                          "lang": "ru", "start": 229, "end": 255, "flags": []}
    text = UCP_RU.read_text(encoding="utf-8")
    for r in records:
        assert " ".join(text[r["start"]:r["end"]].split("\n")) == r["text"]


def test_segment_jsonl_flags_and_kinds(capsys):
    path = REPO / "translations" / "political-prisoners-appeal.en.txt"
    code, out, _ = run(capsys, "segment", str(path), "--lang", "en", "--jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    first = records[0]
    assert first["kind"] == "letterhead" and first["lang"] == "und"
    assert first["flags"][0]["code"] == "ascii-stripped" and first["flags"][0]["reason"]
    assert records[-1]["kind"] == "signature"


def test_segment_works_on_any_file(capsys, tmp_path):
    # Written for the test.
    path = tmp_path / "note.txt"
    path.write_text("First sentence here. Second one follows.\n", encoding="utf-8")
    code, out, _ = run(capsys, "segment", str(path))
    assert code == 0 and out.splitlines() == ["First sentence here.", "Second one follows."]


@pytest.mark.skipif(not GOLD.is_dir(), reason="shared gold corpus not present")
def test_langid_one_label_per_line(capsys):
    path = GOLD / "roskomsoyuz-revolutionary-renewal" / "ru.sents"
    code, out, _ = run(capsys, "langid", str(path))
    assert code == 0
    labels = out.splitlines()
    assert len(labels) == len(path.read_text(encoding="utf-8").splitlines())
    assert set(labels) == {"ru"}  # the Roman numeral "I" included


def test_langid_blank_lines_are_und(capsys, tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("Moscow,\n\nAugust 18, 2020\nThe people of Ukraine should not be a "
                    "victim of global capital and oligarchic clans.\n", encoding="utf-8")
    code, out, _ = run(capsys, "langid", str(path))
    assert code == 0 and out.splitlines() == ["en", "und", "en", "en"]


def _short_lines(tmp_path):
    """Real Russian and Ukrainian short lines (tests/data/shortlines.tsv, with their
    sources there) in one file."""
    import csv

    with open(REPO / "tests" / "data" / "shortlines.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    chosen = [r["line"] for r in rows if r["lang"] == "ru"][:4]
    chosen += [r["line"] for r in rows if r["lang"] == "uk"][:6]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return path, chosen


def _workbench(*argv, cwd):
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_ROOT"}
    done = subprocess.run([sys.executable, "-m", "workbench", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_langid_and_segment_use_the_projects_languages(tmp_path):
    """Inside a project, `langid FILE` and `segment FILE` label lines from its
    `[langid] languages`, as its documents are labelled; outside one, the default set."""
    from workbench.langid import detect_lines
    from workbench.settings import DEFAULT_LANGID_LANGUAGES

    path, chosen = _short_lines(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    default = _workbench("langid", str(path), cwd=outside).splitlines()
    assert default == detect_lines(chosen, DEFAULT_LANGID_LANGUAGES)
    assert "uk" in default

    project = tmp_path / "project"
    (project / "sources").mkdir(parents=True)
    (project / "workbench.toml").write_text('[langid]\nlanguages = ["ru", "en"]\n')
    (project / "sub").mkdir()
    inside = _workbench("langid", str(path), cwd=project / "sub").splitlines()
    assert inside == detect_lines(chosen, ("ru", "en")) == ["ru"] * len(chosen)
    assert _workbench("--root", str(project), "langid", str(path), cwd=outside) \
        .splitlines() == inside
    segments = [json.loads(line) for line in
                _workbench("segment", str(path), "--jsonl", cwd=project).splitlines()]
    assert {s["lang"] for s in segments} == {"ru"}
    assert "uk" in {json.loads(line)["lang"] for line in
                    _workbench("segment", str(path), "--jsonl", cwd=outside).splitlines()}


def test_langid_in_a_project_with_broken_settings_is_an_error(tmp_path):
    path, _ = _short_lines(tmp_path)
    (tmp_path / "project" / "sources").mkdir(parents=True)
    (tmp_path / "project" / "workbench.toml").write_text("[langid]\nlanguages = [7]\n")
    done = subprocess.run([sys.executable, "-m", "workbench", "langid", str(path)],
                          cwd=tmp_path / "project", capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2 and "workbench.toml" in done.stderr
    assert done.stdout == ""


def test_inspect(capsys):
    code, out, _ = run(capsys, "inspect", "political-prisoners-appeal")
    assert code == 0
    assert "block 0 letterhead" in out and "signature" in out
    assert "! ascii-stripped:" in out and "[source] (none)" in out


@pytest.mark.parametrize("argv", [
    ["inspect", "../etc"], ["inspect", "no-such-document"], ["segment", "/no/such/file.txt"],
])
def test_errors_exit_2_with_one_line(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("workbench: ") and err.count("\n") == 1


@pytest.mark.parametrize(("name", "data"), [
    ("empty.txt", b""), ("binary.bin", b"\x00\x01\x02PK\x03\x04" * 50),
])
def test_bad_files_exit_2_in_a_subprocess(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    for command in ("segment", "langid"):
        out = subprocess.run([sys.executable, "-m", "workbench", command, str(path)],
                             capture_output=True, text=True, cwd=REPO)
        assert out.returncode == 2
        assert "Traceback" not in out.stderr and str(path) in out.stderr
        assert out.stderr.count("\n") == 1


def test_cmd_status_is_exported_for_the_no_command_fallback():
    from workbench.cli.corpus import cmd_status

    assert callable(cmd_status)


def test_status_goes_on_past_an_unreadable_document(capsys, tmp_path):
    for folder in ("sources", "translations"):
        (tmp_path / folder).mkdir()
    name = "tcc-cpsu-appeal-1998.en.txt"
    (tmp_path / "translations" / name).write_bytes((REPO / "translations" / name).read_bytes())
    (tmp_path / "translations" / "broken.en.txt").write_bytes(b"")
    code = main(["--root", str(tmp_path), "status"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "broken.en.txt: is empty" in err
    assert any(line.startswith("broken") and "unreadable" in line for line in out.splitlines())
    assert any(line.startswith("tcc-cpsu-appeal-1998") for line in out.splitlines())


def test_segment_refuses_a_bad_language_code(capsys):
    code, out, err = run(capsys, "segment", str(UCP_EN), "--lang", "../x")
    assert code == 2 and out == "" and "not a language code" in err
