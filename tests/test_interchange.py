"""Work from other CAT tools and back, on real files those tools wrote
(tests/data/interchange) and on the shipped corpus: jobs as new documents or merged by
source text, the review rules of an import, inline codes and segments kept, every export
valid against the official schema, untouched exports re-imported change nothing,
translation memories and glossaries imported."""

from __future__ import annotations

import pytest

from support.corpus import line_project, reviewed_line_project, store_aligned
from support.interchange import FILES, Schemas, pair_project
from support.paths import PAIRED
from workbench import ops, store
from workbench.errors import WorkbenchError
from workbench.inline import BREAK, OPEN, STANDALONE, plain, visible
from workbench.model import State
from workbench.ops.export import export_documents


@pytest.fixture(scope="module")
def schemas():
    return Schemas()


@pytest.fixture
def corpus(tmp_path):
    return reviewed_line_project(tmp_path)


def export(project, fmt, doc_ids, tmp_path, **kwargs):
    [out] = export_documents(project, list(doc_ids), fmt, user="exporter", **kwargs)
    path = tmp_path / f"export-{fmt}{'-job' if kwargs.get('job') else ''}-{out.name}"
    path.write_text(out.text, encoding="utf-8")
    return path, out


@pytest.fixture
def en_de(tmp_path):
    """An en→de project holding real jobs from other tools (inline codes, segments)."""
    project = pair_project(tmp_path / "en-de", "en", "de")
    for name, as_id in (("xliff1.2/okapi__segmented.xlf", "okapi-segmented"),
                        ("xliff1.2/trados-studio__TS09-12-Test01.xlf", "trados"),
                        ("xliff2/oasis-tc__sample1.xlf", "oasis-sample")):
        ops.import_file(project, FILES / name, user="importer", as_id=as_id)
    return project


# ---------------------------------------------------------------- jobs from other tools


def test_memoq_job_becomes_a_document_with_codes_states_and_notes(tmp_path):
    project = pair_project(tmp_path / "p", "en", "fr")
    report = ops.import_file(project, FILES / "xliff1.2/memoq__MQ-12-Test01.xlf", user="imp")
    [doc_id] = report.created
    assert project.document_ids() == [doc_id]
    wf = store.load_stored(project, doc_id)
    assert len(wf.units) == len(report.applied) == 119
    coded = [u for u in wf.units if u.codes]
    assert coded, "memoQ's inline tags are kept as codes"
    assert all(u.history[-1].action == "import" for u in wf.units)
    assert {u.state for u in wf.units} <= {State.INITIAL, State.TRANSLATED, State.REVIEWED}
    with pytest.raises(WorkbenchError, match=r"imported from .* as a job"):
        ops.realign(project, doc_id, user="imp")


def test_segments_of_a_unit_are_kept(en_de):
    wf = store.load_stored(en_de, "okapi-segmented")
    unit = next(u for u in wf.units if any(c.kind == BREAK for c in u.codes))
    assert visible(unit.source_text, unit.codes).count("¦") >= 1
    assert plain(unit.source_text, unit.codes) != unit.source_text


def test_untouched_exports_reimport_unchanged(en_de, corpus, tmp_path):
    for project, doc_ids in ((en_de, ("okapi-segmented", "trados", "oasis-sample")),
                             (corpus, (PAIRED,))):
        before = {d: store.working_path(project, d).read_bytes() for d in doc_ids}
        for fmt, job in (("xliff12", False), ("xliff12", True), ("xliff2", False)):
            path, _out = export(project, fmt, doc_ids, tmp_path, job=job)
            report = ops.import_file(project, path, user="again")
            assert report.applied == [] and report.conflicts == [], (fmt, job, report)
        after = {d: store.working_path(project, d).read_bytes() for d in doc_ids}
        assert after == before


def test_codes_go_back_out_as_the_same_markup(en_de, tmp_path):
    path, _ = export(en_de, "xliff12", ["trados"], tmp_path)
    text = path.read_text(encoding="utf-8")
    original = (FILES / "xliff1.2/trados-studio__TS09-12-Test01.xlf").read_text(encoding="utf-8")
    for tag in ("<g ", "<x ", "<bpt ", "<ph ", "<mrk "):
        if tag in original.split("<body>", 1)[-1]:
            assert tag in text, tag


def test_every_export_is_valid_against_the_official_schemas(en_de, corpus, schemas, tmp_path):
    for project, doc_ids in ((en_de, ("okapi-segmented", "trados", "oasis-sample")),
                             (corpus, (PAIRED,))):
        for fmt, job, validator in (("xliff12", False, schemas.xliff12_strict),
                                    ("xliff12", True, schemas.xliff12_strict),
                                    ("xliff2", False, schemas.xliff21),
                                    ("tmx", False, schemas.tmx14)):
            _path, out = export(project, fmt, doc_ids, tmp_path, job=job)
            assert schemas.errors(validator, out.text) == [], (fmt, job, doc_ids)
    for forbidden in (True, False):
        [tbx] = export_documents(corpus, [], "tbx", user="x", forbidden=forbidden)
        assert schemas.errors(schemas.tbx_basic, tbx.text) == []
        assert schemas.errors(schemas.tbx_basic_dtd, tbx.text) == []
        assert ("Central Comittee" in tbx.text) is forbidden
        assert "<langSet xml:lang=\"ru\">\n        </langSet>" not in tbx.text


def test_into_merges_by_source_text(corpus, tmp_path):
    """A job another tool made of our text (its own ids) goes into the document by
    source: untranslated units get the English, approved ones are conflicts."""
    wf = ops.load_or_align(corpus, PAIRED)
    units = wf.units[:3]
    body = "".join(
        f'<trans-unit id="t{n}"><source>{u.source_text}</source>'
        f'<target state="translated">Other tool {n}.</target></trans-unit>'
        for n, u in enumerate(units, 1) if u.source_text)  # English written for the test
    path = tmp_path / "other.xlf"
    path.write_text('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                    '<file original="other.txt" source-language="ru-RU" target-language="en-US"'
                    f' datatype="plaintext"><body>{body}</body></file></xliff>', encoding="utf-8")
    report = ops.import_file(corpus, path, user="imp", into=PAIRED)
    outcome = {u: w for _, u, w in report.applied} | {u: w for _, u, w in report.conflicts}
    assert outcome, report
    after = ops.load_or_align(corpus, PAIRED)
    for unit in units:
        if unit.source_text and unit.state in (State.REVIEWED, State.FINAL):
            assert after.unit(unit.id).target_text == unit.target_text  # never overwritten


# ---------------------------------------------------------------- the review rules


def _edit_xliff12(path, unit_id, english, approved=None):
    from translate.storage.xliff import xlifffile

    store_ = xlifffile.parsefile(str(path))
    unit = next(u for u in store_.units if u.getid().split("\x04")[-1] == unit_id)
    was = unit.isapproved()
    unit.target = english
    unit.markapproved(was if approved is None else approved)
    store_.savefile(str(path))


def test_changed_english_needs_review_unless_the_file_newly_approves_it(corpus, tmp_path):
    path, _ = export(corpus, "xliff12", [PAIRED], tmp_path)
    _edit_xliff12(path, "u2", "Changed in another tool.")  # reviewed here, approved stays
    _edit_xliff12(path, "u1", "Approved in another tool.", approved=True)  # newly approved
    ops.import_file(corpus, path, user="Ivan Importer")
    wf = ops.load_or_align(corpus, PAIRED)
    assert wf.unit("u2").state is State.TRANSLATED
    assert wf.unit("u1").state is State.REVIEWED
    assert wf.unit("u1").history[-1].who == "Ivan Importer"
    tmx_path, _ = export(corpus, "tmx", [PAIRED], tmp_path)
    tmx = tmx_path.read_text(encoding="utf-8")
    assert 'changeid="Ivan Importer"' in tmx and "u2\"" not in tmx.split("#u2")[0][-5:]
    assert f'tuid="{PAIRED}#u2"' not in tmx  # not approved any more: not in the TMX


def test_empty_target_stays_initial_and_nothing_created_when_nothing_applies(tmp_path):
    project = line_project(tmp_path)
    store_aligned(project, PAIRED)
    path, _ = export(project, "xliff12", [PAIRED], tmp_path)
    other = "tcc-cpsu-appeal-1998"
    path.write_text(path.read_text(encoding="utf-8").replace(
        f'original="{PAIRED}"', f'original="{other}"'), encoding="utf-8")
    assert not store.working_path(project, other).exists()
    report = ops.import_file(project, path, user="imp")
    assert report.applied == []
    assert not store.working_path(project, other).exists()


# ---------------------------------------------------------------- memories and glossaries


def test_tmx_from_trados_gives_proposals_naming_the_memory(tmp_path):
    project = pair_project(tmp_path / "p", "en", "de")
    info = ops.import_memory(project, FILES / "tmx/trados-studio__status.tmx")
    assert info.units == 14 and info.tool.startswith("SDL Language Platform")
    assert [i.name for i in ops.list_memories(project)] == ["tm/trados-studio__status.tmx"]
    from workbench.tm import tm_units

    unit = next(tm_units(project))
    assert unit.tm == "tm/trados-studio__status.tmx" and dict(unit.meta).get("creationid")
    from workbench.model import Unit

    probe = Unit(id="u1", src=[], tgt=[], source_text=unit.source, target_text="",
                 codes=unit.codes)
    [best, *_] = ops.propose(project, [probe], engines="tm")["u1"]
    assert best.score == 1.0 and "tm/trados-studio__status.tmx" in best.detail
    ops.remove_memory(project, "trados-studio__status")
    assert ops.list_memories(project) == []


def test_tmx_language_variants_and_several_targets(tmp_path):
    project = pair_project(tmp_path / "p", "en", "fr")
    info = ops.import_memory(project, FILES / "tmx/olifant__tmxtest-attributes.tmx")
    assert info.units >= 1 and "EN-US" in info.languages
    with pytest.raises(WorkbenchError, match="no unit with both"):
        ops.import_memory(project, FILES / "tmx/cafetran__ProjectTM.tmx")


def test_glossary_import_keeps_comments_and_merges_duplicates(corpus, tmp_path):
    before = corpus.glossary_path.read_text(encoding="utf-8")
    # a tab-separated glossary as OmegaT writes it: one known name (with a new variant)
    # and one new term; the Russian is the glossary's own, the English written for the test
    tsv = tmp_path / "glossary.txt"
    tsv.write_text("# OmegaT glossary\nЦентральный комитет\tCentral Committee (CC)\t\n"
                   "Президиум\tPresidium\tcomment\n", encoding="utf-8")
    report = ops.import_glossary(corpus, tsv)
    assert {t for t, _ in report.merged} == {"central-committee", "presidium"}
    after = corpus.glossary_path.read_text(encoding="utf-8")
    assert after.startswith(before.split("terms:")[0])  # the header comments as they were
    assert "Central Committee (CC)" in after
    ops.load_glossary(corpus.glossary_path)  # still valid


@pytest.mark.parametrize("path", sorted(p for p in FILES.rglob("*")
                                        if p.is_file() and p.suffix != ".md"),
                         ids=lambda p: p.relative_to(FILES).as_posix())
def test_real_files_are_accepted_or_refused_with_a_message(path, tmp_path):
    """Every collected file: accepted (and something came in), or one line saying what
    to do; never a traceback. (bench/import_real_files.py prints the outcomes.)"""
    import importlib.util

    spec = importlib.util.spec_from_file_location("measure", FILES.parents[2] / "bench" /
                                                  "import_real_files.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    source, target = measure.languages(path, path.read_bytes())
    project = pair_project(tmp_path / "p", source, target)
    label, _args = measure.command(path)
    try:
        if label == "tm import":
            assert ops.import_memory(project, path).units > 0
        elif label == "glossary import":
            report = ops.import_glossary(project, path)
            assert report.added or report.merged or report.skipped
        else:
            report = ops.import_file(project, path, user="imp")
            assert report.created and report.applied
    except WorkbenchError as exc:
        assert path.name == "cafetran__ProjectTM.tmx", str(exc)  # an empty memory
        assert "\n" not in str(exc)


def test_code_kinds_survive_the_working_file(en_de):
    wf = store.load_stored(en_de, "oasis-sample")
    kinds = {c.kind for u in wf.units for c in u.codes}
    assert OPEN in kinds or STANDALONE in kinds
