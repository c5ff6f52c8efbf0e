"""Exports that other tools read (Translate Toolkit parses them and sees the same units,
sources, targets and states), the plain-text export, and XLIFF import with conflicts."""

from __future__ import annotations

import re

import pytest

from support.corpus import line_project, reviewed_line_project
from support.paths import ENGLISH_ONLY, PAIRED
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.model import State
from workbench.ops.export import export_documents


@pytest.fixture
def project(tmp_path):
    return reviewed_line_project(tmp_path)


def write(tmp_path, project, fmt, doc_ids=(PAIRED,)):
    [out] = export_documents(project, list(doc_ids), fmt, user="exporter")
    path = tmp_path / out.name
    path.write_text(out.text, encoding="utf-8")
    return path


def test_tmx_has_approved_units_with_ids_and_dates(project, tmp_path):
    from translate.storage.tmx import tmxfile

    path = write(tmp_path, project, "tmx")
    wf = ops.load_or_align(project, PAIRED)
    approved = [u for u in wf.units if u.state in (State.REVIEWED, State.FINAL)]
    parsed = tmxfile.parsefile(str(path))
    assert [(u.source, u.target) for u in parsed.units] == \
        [(u.source_text, u.target_text) for u in approved]
    text = path.read_text(encoding="utf-8")
    assert text.count("<tu ") == 3 and 'srclang="ru"' in text
    tu_u3 = re.search(r'<tu tuid="ucp-cpsu-belarus-solidarity-2020#u3"[^>]*>', text).group(0)
    assert 'creationid="aligner"' in tu_u3 and 'changeid="Lena Lead"' in tu_u3
    assert re.search(r'creationdate="\d{8}T\d{6}Z"', tu_u3)
    assert re.search(r'changedate="\d{8}T\d{6}Z"', tu_u3)


def test_xliff12_read_by_translate_toolkit(project, tmp_path):
    from translate.storage.xliff import xlifffile

    path = write(tmp_path, project, "xliff12")
    wf = ops.load_or_align(project, PAIRED)
    parsed = xlifffile.parsefile(str(path))
    assert [u.getid().split("\x04")[-1] for u in parsed.units] == [u.id for u in wf.units]
    assert [u.source for u in parsed.units] == [u.source_text for u in wf.units]
    assert [u.target or "" for u in parsed.units] == [u.target_text for u in wf.units]
    by_id = {u.getid().split("\x04")[-1]: u for u in parsed.units}
    assert by_id["u2"].isapproved() and by_id["u3"].isapproved()
    assert not by_id["u1"].isapproved() and by_id["u1"].target
    assert "the party's name is wrong" in by_id["u4"].getnotes()
    assert by_id["u4"].get_state_n() < by_id["u1"].get_state_n()  # needs review < translated


def test_xliff2_read_by_translate_toolkit(project, tmp_path):
    from translate.storage.xliff2 import Xliff2File

    path = write(tmp_path, project, "xliff2")
    wf = ops.load_or_align(project, PAIRED)
    parsed = Xliff2File.parsefile(str(path))
    assert [u.source for u in parsed.units] == [u.source_text for u in wf.units]
    assert [u.target or "" for u in parsed.units] == [u.target_text for u in wf.units]
    states = [u.xmlelement.get("state") for u in parsed.units]
    assert states[:5] == ["translated", "reviewed", "final", "initial", "reviewed"]
    assert [u.isapproved() for u in parsed.units[:5]] == [False, True, True, False, True]


def test_working_file_itself_is_xliff2_for_translate_toolkit(project):
    from translate.storage.xliff2 import Xliff2File

    parsed = Xliff2File.parsefile(str(store.working_path(project, PAIRED)))
    assert len(parsed.units) == len(ops.load_or_align(project, PAIRED).units)


def test_tbx_of_the_shipped_glossary(project, tmp_path):
    from translate.storage.tbx import tbxfile

    from workbench.glossary import load_glossary

    glossary = load_glossary(project.glossary_path)
    path = write(tmp_path, project, "tbx", doc_ids=())
    parsed = tbxfile.parsefile(str(path))
    assert len(parsed.units) == len(glossary.entries)
    for unit, entry in zip(parsed.units, glossary.entries, strict=True):
        assert unit.getid() == entry.id
        if not entry.ru and not entry.abbr:  # no empty <langSet>: TT reads the English first
            assert next(t.text for t in unit.get_source_terms()) == entry.en
            continue
        assert [t.text for t in unit.get_source_terms()] == [*entry.ru, *entry.abbr]
        targets = unit.get_target_terms()
        assert targets[0].text == entry.en
        assert [t.text for t in targets if t.deprecated] == list(entry.en_forbidden)


def test_text_export_keeps_the_layout_and_uses_current_english(tmp_path):
    project = line_project(tmp_path)
    original = project.target_path(ENGLISH_ONLY).read_text(encoding="utf-8")
    [plain] = export_documents(project, [ENGLISH_ONLY], "txt", user="x")
    assert plain.text == original  # nothing changed: byte-for-byte the English file
    wf = ops.load_or_align(project, ENGLISH_ONLY)
    old = wf.units[1].target_text
    ops.edit(project, ENGLISH_ONLY, "u2", "Comrades!", user="x")  # English written for the test
    [edited] = export_documents(project, [ENGLISH_ONLY], "txt", user="x")
    assert edited.text == original.replace(old, "Comrades!", 1)


def test_xliff12_import_merges_changes_made_in_another_tool(project, tmp_path):
    from translate.storage.xliff import xlifffile

    path = write(tmp_path, project, "xliff12")
    other = xlifffile.parsefile(str(path))
    by_id = {u.getid().split("\x04")[-1]: u for u in other.units}
    by_id["u1"].target = "Edited in another tool."  # English written for the test
    by_id["u1"].markapproved(True)
    by_id["u6"].target = "Changed there too."
    other.savefile(str(path))
    ops.edit(project, PAIRED, "u6", "Changed here after the export.", user="here")
    report = ops.import_file(project, path, user="importer")
    assert [(d, u) for d, u, _ in report.applied] == [(PAIRED, "u1")]
    assert [(d, u) for d, u, _ in report.conflicts] == [(PAIRED, "u6")]
    wf = ops.load_or_align(project, PAIRED)
    assert (wf.unit("u1").target_text, wf.unit("u1").state) == ("Edited in another tool.",
                                                                State.REVIEWED)
    assert wf.unit("u1").history[-1].action == "import"
    assert wf.unit("u6").target_text == "Changed here after the export."  # not overwritten
    assert wf.unit("u4").state is State.REJECTED  # untouched there: still rejected here


def test_xliff2_import_round_trip_and_conflict(project, tmp_path):
    path = write(tmp_path, project, "xliff2")
    text = path.read_text(encoding="utf-8")
    # another tool signs off u2 and rewrites u7's English (edits written for the test)
    text = text.replace('<segment id="s1" state="reviewed">', '<segment id="s1" state="final">', 1)
    wf = ops.load_or_align(project, PAIRED)
    text = text.replace(f"<target>{wf.unit('u7').target_text}</target>",
                        "<target>New English there.</target>", 1)
    path.write_text(text, encoding="utf-8")
    ops.approve(project, PAIRED, ["u7"], user="here")  # changed here since the export
    report = ops.import_file(project, path, user="importer")
    assert [(u, w) for _, u, w in report.applied] == \
        [("u2", "reviewed → final, signed off in the file")]
    assert [u for _, u, _ in report.conflicts] == ["u7"]
    wf = ops.load_or_align(project, PAIRED)
    assert wf.unit("u2").state is State.FINAL and wf.unit("u7").state is State.REVIEWED


def test_import_of_unknown_document_changes_nothing(project, tmp_path):
    path = write(tmp_path, project, "xliff12")
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'original="{PAIRED}"', 'original="no-such-document"'), encoding="utf-8")
    before = store.working_path(project, PAIRED).read_bytes()
    with pytest.raises(WorkbenchError, match="no-such-document"):
        ops.import_file(project, path, user="x")
    assert store.working_path(project, PAIRED).read_bytes() == before


def test_every_format_is_one_registry_entry_the_cli_offers(project, tmp_path, capsys):
    from workbench.cli import main
    from workbench.formats.registry import EXPORTERS, IMPORTERS

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    usage = capsys.readouterr().out
    assert "{" + ",".join(EXPORTERS) + "}" in usage
    for name in EXPORTERS:
        outputs = export_documents(project, [PAIRED], name, user="exporter")
        assert outputs and all(out.text for out in outputs), name
        if name in IMPORTERS:  # what we export in an importable format reads back
            path = tmp_path / outputs[0].name
            path.write_text(outputs[0].text, encoding="utf-8")
            assert ops.import_file(project, path, user="importer").format == name
    other = tmp_path / "other.xml"
    other.write_text("<root/>", encoding="utf-8")
    with pytest.raises(WorkbenchError, match=r"is not XLIFF 2\.x or XLIFF 1\.2"):
        ops.import_file(project, other, user="importer")
