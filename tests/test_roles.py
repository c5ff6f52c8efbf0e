"""Roles (`[team] reviewers`, `signers`) and the four-eyes rule (`[review] four_eyes`),
enforced by the operations: the CLI and the TUI are held alike, with one clear line."""

from __future__ import annotations

import pytest

from support.corpus import LineProject, copy_corpus, store_aligned
from support.paths import PAIRED
from workbench import ops
from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.model import State
from workbench.settings import load_settings


def project_with(tmp_path, toml: str) -> LineProject:
    root = copy_corpus(tmp_path / "project", [PAIRED])
    (root / "workbench.toml").write_text(toml, encoding="utf-8")
    project = LineProject(root=root, settings=load_settings(root))
    store_aligned(project, PAIRED)
    return project


def state(project, unit_id):
    return ops.load_or_align(project, PAIRED).unit(unit_id).state


def test_only_the_named_reviewers_approve_or_reject(tmp_path):
    project = project_with(tmp_path, '[team]\nreviewers = ["rita", "ravi"]\n')
    with pytest.raises(WorkbenchError) as refused:
        ops.approve(project, PAIRED, ["u5"], user="tom")
    assert str(refused.value) == ("tom may not approve: [team] reviewers in workbench.toml "
                                  "names rita, ravi (ask one of them, or add 'tom' to [team] "
                                  "reviewers)")
    with pytest.raises(WorkbenchError, match="tom may not reject"):
        ops.reject(project, PAIRED, ["u5"], reason="wrong term", user="tom")
    assert state(project, "u5") is State.TRANSLATED  # nothing saved
    ops.approve(project, PAIRED, ["u5"], user="rita")
    ops.sign_off(project, PAIRED, ["u5"], user="tom")  # no signers named: anyone signs
    assert state(project, "u5") is State.FINAL
    ops.edit(project, PAIRED, "u6", "Tom's English", user="tom")  # translators translate


def test_only_the_named_signers_sign_off(tmp_path, capsys):
    project = project_with(tmp_path, '[team]\nsigners = ["lena"]\n')
    ops.approve(project, PAIRED, ["u5"], user="tom")  # no reviewers named: anyone approves
    code = main(["--root", str(project.root), "--user", "rita", "sign-off", PAIRED, "u5"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "rita may not sign off: [team] signers in workbench.toml names lena" in err


def test_four_eyes_the_signer_did_not_write_or_approve_that_english(tmp_path):
    project = project_with(tmp_path, '[review]\nfour_eyes = true\n')
    ops.edit(project, PAIRED, "u5", "Tom's English", user="tom")
    ops.approve(project, PAIRED, ["u5"], user="rita")
    for person, what in (("tom", "wrote"), ("rita", "approved")):
        with pytest.raises(WorkbenchError, match=f"{person} {what} that English"):
            ops.sign_off(project, PAIRED, ["u5"], user=person)
    assert state(project, "u5") is State.REVIEWED
    ops.sign_off(project, PAIRED, ["u5"], user="lena")
    assert state(project, "u5") is State.FINAL
    # the published English from alignment is nobody's here: its aligner may sign it off
    ops.approve(project, PAIRED, ["u6"], user="rita")
    ops.sign_off(project, PAIRED, ["u6"], user="aligner")
    # English changed after an approval: the old approval no longer counts against rita
    ops.approve(project, PAIRED, ["u7"], user="rita")
    ops.edit(project, PAIRED, "u7", "Tom's new English", user="tom")
    ops.approve(project, PAIRED, ["u7"], user="ravi")
    ops.sign_off(project, PAIRED, ["u7"], user="rita")


def test_without_four_eyes_the_approver_may_sign_off(tmp_path):
    project = project_with(tmp_path, '[review]\nfour_eyes = false\n')
    ops.approve(project, PAIRED, ["u5"], user="rita")
    ops.sign_off(project, PAIRED, ["u5"], user="rita")
    assert state(project, "u5") is State.FINAL
