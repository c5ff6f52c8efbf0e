"""check_project over units: the gold alignment of a real document stands in for the
aligner (so the test checks the QA, not the alignment), on the real project folder."""

import pytest

from support.paths import GOLD, REPO
from workbench.model import BlockKind, Severity, Unit
from workbench.ops import check
from workbench.ops.check import check_project
from workbench.project import open_project


def gold_units(doc_id: str) -> list[Unit]:
    folder = GOLD / doc_id
    ru = (folder / "ru.sents").read_text(encoding="utf-8").split("\n")
    en = (folder / "en.sents").read_text(encoding="utf-8").split("\n")
    units = []
    for n, line in enumerate((folder / "gold.align").read_text(encoding="utf-8").split()):
        left, right = line.split(":")
        src = [int(x) for x in left.strip("[]").split(",") if x]
        tgt = [int(x) for x in right.strip("[]").split(",") if x]
        units.append(Unit(id=f"u{n + 1}", src=src, tgt=tgt,
                          source_text=" ".join(ru[i] for i in src),
                          target_text=" ".join(en[i] for i in tgt), kind=BlockKind.BODY))
    return units


@pytest.fixture
def project(monkeypatch):
    if not GOLD.is_dir():
        pytest.skip(f"corpus gold absent: {GOLD}")
    real = check.document_units
    monkeypatch.setattr(check, "document_units", lambda project, doc_id: gold_units(doc_id)
                        if (GOLD / doc_id).is_dir() else real(project, doc_id))
    return open_project(REPO)


def test_units_of_a_real_document(project):
    issues = check_project(project, ["eadaily-cpk-liquidated-2015"])
    assert all(i.doc_id == "eadaily-cpk-liquidated-2015" and i.unit_id for i in issues)
    by_unit = {}
    for i in issues:
        by_unit.setdefault(i.unit_id, []).append(i.rule)
    # u3 = ru 1-2 ↔ en 2-3: the English drops "4 сентября" and names the party only as
    # "the party's activities"
    assert {"numbers", "term-missing"} <= set(by_unit["u3"])
    # u5: "27 августа 1998 года" ↔ "Aug 27 1998": no issue
    assert "u5" not in by_unit
    missing = next(i for i in issues if i.rule == "term-missing")
    assert missing.fix == "Communist Party of Kazakhstan" and missing.severity == Severity.ERROR


def test_english_only_and_bilingual_documents_together(project):
    ids = ["roskomsoyuz-revolutionary-renewal", "political-prisoners-appeal"]
    issues = check_project(project, ids)
    assert {i.doc_id for i in issues} <= set(ids)
    forbidden = [i for i in issues if i.rule == "term-forbidden"]
    assert [(i.doc_id, i.fix) for i in forbidden] == [
        ("political-prisoners-appeal", "Chairman of the Central Committee")]
    # the roskomsoyuz units render every name of the Russian (ОКП, РКРП, ОПК, …)
    assert not [i for i in issues if i.rule == "term-missing"]
