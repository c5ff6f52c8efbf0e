"""Project and environment settings (workbench.toml, $WORKBENCH_*), and the check of
characters a unit's text may hold. The texts here are written for the test."""

import pytest

from workbench.chars import check_storable, first_unstorable, showable
from workbench.errors import WorkbenchError
from workbench.project import open_project
from workbench.settings import Settings, env_float, env_int, load_settings


def _project(tmp_path, toml: str):
    (tmp_path / "sources").mkdir()
    (tmp_path / "workbench.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def test_defaults_without_a_file(tmp_path):
    settings = load_settings(tmp_path)
    assert settings == Settings()
    assert settings.review.low_confidence == 0.8
    assert settings.review.signoff_requires_review and not settings.review.four_eyes
    assert "kk" in settings.langid.languages


def test_sections_are_read_and_reach_the_project(tmp_path):
    root = _project(tmp_path, '[languages]\nsource = "DE"\ntarget = "en"\n'
                    '[review]\nlow_confidence = 0.7\nfour_eyes = true\n'
                    '[team]\nreviewers = ["anna", "boris"]\n'
                    '[langid]\nlanguages = ["de", "EN"]\n')
    project = open_project(root)
    assert (project.source_lang, project.target_lang) == ("de", "en")
    assert project.settings.review.low_confidence == 0.7
    assert project.settings.review.four_eyes
    assert project.settings.team.reviewers == ("anna", "boris")
    assert project.settings.langid.languages == ("de", "en")


@pytest.mark.parametrize("toml, words", [
    ("[review]\nlow_confidnce = 0.7\n", "no setting 'low_confidnce'"),
    ("[reviw]\nfour_eyes = true\n", "unknown section [reviw]"),
    ("[review]\nlow_confidence = 7\n", "number from 0 to 1"),
    ("[review]\nfour_eyes = \"yes\"\n", "true or false"),
    ("[team]\nsigners = \"anna\"\n", "list of names"),
    ("[langid]\nlanguages = [\"ru\", \"русский\"]\n", "not a language code"),
    ("[languages]\nsource = \"r1\"\n", "not a language code"),
    ("[review\n", "not valid TOML"),
])
def test_a_mistake_is_one_line_naming_the_file(tmp_path, toml, words):
    root = _project(tmp_path, toml)
    with pytest.raises(WorkbenchError) as err:
        load_settings(root)
    assert words in str(err.value) and "workbench.toml" in str(err.value)


def test_environment_numbers_are_validated(monkeypatch):
    monkeypatch.setenv("WB_TEST_T", "nan")
    with pytest.raises(WorkbenchError, match=r"\$WB_TEST_T must be a number"):
        env_float("WB_TEST_T", 5.0, maximum=3600)
    monkeypatch.setenv("WB_TEST_T", "2.5")
    assert env_float("WB_TEST_T", 5.0, maximum=3600) == 2.5
    monkeypatch.setenv("WB_TEST_T", "-1")
    with pytest.raises(WorkbenchError):
        env_float("WB_TEST_T", 5.0)
    monkeypatch.setenv("WB_TEST_N", "4.5")
    with pytest.raises(WorkbenchError, match="whole number"):
        env_int("WB_TEST_N", 2, minimum=1)
    monkeypatch.delenv("WB_TEST_N")
    assert env_int("WB_TEST_N", 2, minimum=1) == 2


@pytest.mark.parametrize("text, code", [
    ("Dear \x1b[31mcomrades", "U+001B"), ("bell\x07", "U+0007"), ("nul\x00", "U+0000"),
    ("lone \udcff surrogate", "U+DCFF"), ("c1 \x85 next line", "U+0085"),
    ("nonchar \uffff", "U+FFFF"),
])
def test_unstorable_characters_are_refused_with_the_unit_and_character(text, code):
    assert first_unstorable(text) is not None
    with pytest.raises(WorkbenchError) as err:
        check_storable(text, "doc u31")
    assert "doc u31" in str(err.value) and code in str(err.value)


def test_tab_newline_and_any_other_unicode_are_kept():
    text = "Tab\there\nand 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, emoji 🙂, zero\u200bwidth, RTL \u202e, Ё"
    assert check_storable(text, "doc u1") == text
    assert check_storable("a\r\nb\rc", "doc u1") == "a\nb\nc"


def test_showable_never_prints_a_control_character_raw():
    shown = showable("red \x1b[31m bell\x07 cr\r tab\t ok Ё \udcff")
    assert "\x1b" not in shown and "\x07" not in shown and "\r" not in shown
    assert "\\u001b[31m" in shown and "\t" in shown and "Ё" in shown
    shown.encode("utf-8")  # no lone surrogate left
