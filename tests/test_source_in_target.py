"""Source-language text left in the translation file (the Russian letterhead at the top
of ucp-cpsu-belarus-solidarity-2020's English file) is text to translate: its units have
that text as source and no English yet, the letterhead rules fill them, the working file
keeps the distinction, and the English export carries the English letterhead."""

from __future__ import annotations

from support.corpus import copy_corpus
from support.paths import PAIRED
from workbench import ops, store
from workbench.ops.export import export_documents
from workbench.ops.translate import translate_document
from workbench.project import open_project

LETTERHEAD_RU = "Россия, 127051, г.Москва, Малый Сухаревский пер, д.3"  # from the corpus file


def _project(tmp_path):
    return open_project(copy_corpus(tmp_path / "project"))


def test_russian_letterhead_in_english_file_becomes_source_text(tmp_path):
    project = _project(tmp_path)
    units = ops.load_or_align(project, PAIRED, embeddings=False).units
    letterhead = [u for u in units if u.source_in_target]
    texts = [u.source_text for u in letterhead]
    assert LETTERHEAD_RU in texts
    assert texts[0].startswith("СОЮЗ КОММУНИСТИЧЕСКИХ ПАРТИЙ")
    assert all(u.target_text == "" and u.state == "initial" and not u.src for u in letterhead)
    # the English e-mail line of the same letterhead is English already: an ordinary unit
    assert any(u.target_text == "e-mail: Skp-kpss@mail.ru" and not u.source_in_target
               for u in units)


def test_rules_translate_it_and_the_export_shows_english(tmp_path):
    project = _project(tmp_path)
    ops.align_document(project, PAIRED, user="tester", embeddings=False)
    result = translate_document(project, PAIRED, user="tester", engines=("rules",))
    assert result.filled >= 3
    wf = ops.load_or_align(project, PAIRED)
    by_source = {u.source_text: u for u in wf.units if u.source_in_target}
    address = by_source[LETTERHEAD_RU]
    assert address.target_text == "3 Malyy Sukharevskiy per., Moscow, 127051, Russia"
    assert address.origin == "rules" and address.source_in_target  # survives the round trip

    text = export_documents(project, [PAIRED], "txt", user="tester")[0].text
    assert "3 Malyy Sukharevskiy per., Moscow, 127051, Russia" in text
    assert LETTERHEAD_RU not in text
    assert text.index("Tel./fax: +7 495 692-54-76") < text.index("THE COMMUNISTS OF BELARUS")


def test_split_keeps_the_source_in_the_translation_file(tmp_path):
    project = _project(tmp_path)
    wf = ops.align_document(project, PAIRED, user="tester", embeddings=False)
    first = next(u for u in wf.units if u.source_in_target)
    nxt = wf.units[wf.units.index(first) + 1]
    merged = ops.merge(project, PAIRED, [first.id, nxt.id], user="tester")
    assert merged.source_in_target and LETTERHEAD_RU in merged.source_text
    one, two = ops.split(project, PAIRED, merged.id, src_at=0, tgt_at=1, user="tester")
    assert one.source_in_target and two.source_in_target
    assert two.source_text == LETTERHEAD_RU and two.target_text == ""


def test_translate_aligns_a_new_document_once_and_stores_it(tmp_path, monkeypatch):
    import workbench.align.units

    calls = []
    real = workbench.align.units.align_document

    def counting(doc, **options):
        calls.append(doc.id)
        return real(doc, **{**options, "embeddings": False})

    monkeypatch.setattr(workbench.align.units, "align_document", counting)
    project = _project(tmp_path)
    result = translate_document(project, PAIRED, user="tester", engines=("rules",))
    assert result.filled >= 3 and calls == [PAIRED]
    assert store.load_stored(project, PAIRED) is not None
