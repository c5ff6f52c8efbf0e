"""Property: any text a person types as a unit's English — any Unicode, control
characters, non-BMP, lone surrogates, leading/trailing spaces — goes through edit →
save → load → every export → import and either round-trips exactly or is refused with
a one-line message. Never a traceback, never a silent change."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.corpus import line_project, store_aligned
from support.paths import PAIRED
from workbench import ops, store
from workbench.chars import has_visible_text
from workbench.errors import WorkbenchError
from workbench.model import State
from workbench.ops.export import export_documents

EXAMPLES = int(os.environ.get("WORKBENCH_PROPERTY_EXAMPLES", "1000"))

texts = st.one_of(
    st.text(min_size=0, max_size=40),  # any code point, surrogates included
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40),
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(["", " ", "  ", "\t", "\n"]),
              st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFFF),
                      max_size=20),
              st.sampled_from(["", " ", "\t", "\n ", "\x1b[31m", "\x00", "\U0001F600"])),
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = line_project(tmp_path_factory.mktemp("property"))
    store_aligned(project, PAIRED)
    return project


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(text=texts)
def test_any_english_round_trips_or_is_refused(project, tmp_path_factory, text):
    try:
        ops.edit(project, PAIRED, "u1", text, user="typist")
    except WorkbenchError as exc:
        assert "\n" not in str(exc) and "u1" in str(exc)
        return
    stored = store.load_stored(project, PAIRED).unit("u1")
    expected = stored.target_text
    assert expected == text.replace("\r\n", "\n").replace("\r", "\n")
    assert stored.state is (State.TRANSLATED if has_visible_text(text) else State.INITIAL)
    folder = tmp_path_factory.mktemp("exports")
    for fmt, job in (("xliff2", False), ("xliff12", False), ("xliff12", True), ("tmx", False),
                     ("txt", False)):
        try:
            [out] = export_documents(project, [PAIRED], fmt, user="exporter", job=job)
        except WorkbenchError as exc:
            assert "\n" not in str(exc)
            continue
        if fmt in ("tmx", "txt"):
            continue  # not imported as jobs (TMX has no states; text is not an exchange)
        path = folder / f"{fmt}{job}.xlf"
        path.write_text(out.text, encoding="utf-8")
        left_out = any("u1 left out" in note for note in out.notes)
        report = ops.import_file(project, path, user="importer")
        assert report.applied == [] and report.conflicts == [], (fmt, job, report)
        unit = store.load_stored(project, PAIRED).unit("u1")
        assert unit.target_text == expected, (fmt, job, left_out)
