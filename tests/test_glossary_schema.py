"""glossary.yaml validation: every bad input is a WorkbenchError naming file and line."""

from pathlib import Path

import pytest

from support.paths import REPO
from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.glossary import load_glossary

MINIMAL = """\
terms:
  - id: cprf
    kind: party
    ru: [Коммунистическая партия Российской Федерации, КПРФ]
    en: Communist Party of the Russian Federation
    en_variants: [CPRF]
    en_forbidden: [Communist party of the Russian Federation, KPRF]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> WorkbenchError:
    with pytest.raises(WorkbenchError) as info:
        load_glossary(write(tmp_path, text))
    return info.value


def test_the_minimal_schema_of_the_issue_is_valid(tmp_path):
    g = load_glossary(write(tmp_path, MINIMAL))
    entry = g.term("cprf")
    assert entry.ru == ("Коммунистическая партия Российской Федерации",)
    assert entry.abbr == ("КПРФ",)
    assert entry.en_variants == ("CPRF",) and entry.kind == "party"
    assert [h.term_id for h in g.match_source("членов КПРФ")] == ["cprf"]


def test_shipped_glossary_validates():
    assert main(["--root", str(REPO), "glossary", "validate"]) == 0


def test_yaml_syntax_error_has_a_line(tmp_path):
    err = error_for(tmp_path, MINIMAL + "  - id: [broken\n")
    assert err.path.name == "glossary.yaml" and err.line == 9
    assert "YAML" in str(err)


def test_unknown_field(tmp_path):
    err = error_for(tmp_path, MINIMAL + "    colour: red\n")
    assert err.line == 8 and "unknown field 'colour'" in str(err)


def test_duplicate_id(tmp_path):
    second = MINIMAL.split("\n", 1)[1].replace("КПРФ", "КП РФ").replace(
        "Коммунистическая партия Российской Федерации", "Компартия России").replace(
        "CPRF", "CP RF").replace("KPRF", "K P R F").replace(
        "Communist Party of the Russian Federation", "CP of Russia")
    err = error_for(tmp_path, MINIMAL + second)
    assert err.line == 8 and "duplicate term id 'cprf'" in str(err)


def test_one_russian_form_claimed_by_two_entries_even_inflected(tmp_path):
    text = MINIMAL + (
        "  - id: other\n"
        "    kind: party\n"
        "    ru: [Коммунистической партии Российской Федерации]\n"  # the same lemmas
        "    en: Other\n")
    err = error_for(tmp_path, text)
    assert err.line == 8 and "already claimed by term 'cprf'" in str(err)


def test_one_english_form_claimed_by_two_entries(tmp_path):
    text = MINIMAL + "  - id: other\n    kind: org\n    en: CPRF\n"
    err = error_for(tmp_path, text)
    assert err.line == 8 and "already claimed" in str(err)


def test_empty_canonical(tmp_path):
    err = error_for(tmp_path, MINIMAL.replace("en: Communist Party of the Russian Federation",
                                              "en: ''"))
    assert err.line == 5 and "canonical 'en' is empty" in str(err)


def test_bad_kind_and_bad_id(tmp_path):
    assert error_for(tmp_path, MINIMAL.replace("kind: party", "kind: club")).line == 3
    assert error_for(tmp_path, MINIMAL.replace("id: cprf", "id: Bad Id")).line == 2


def test_allowed_and_forbidden_at_once(tmp_path):
    err = error_for(tmp_path, MINIMAL.replace("en_forbidden: [", "en_forbidden: [CPRF, "))
    assert "both allowed and forbidden" in str(err)


def test_cli_reports_file_line_and_exits_2(tmp_path, capsys):
    path = write(tmp_path, MINIMAL + "    colour: red\n")
    assert main(["glossary", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:8: unknown field 'colour'" in err and "Traceback" not in err
    assert main(["glossary", "validate", str(tmp_path / "none.yaml")]) == 2
