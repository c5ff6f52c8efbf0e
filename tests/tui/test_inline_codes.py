"""Inline codes in the TUI editor, on a real job another tool wrote: memoQ 4's XLIFF 1.2
(tests/data/interchange/xliff1.2/memoq__MQ-12-Test01.xlf, see its PROVENANCE.md),
imported with `workbench import` as a translator moving from memoQ would.

The tags show as ⟨1⟩ … ⟨/1⟩ in the source and in the editor; the cursor never stands
inside one, backspace/delete take a tag whole, ctrl+t (OmegaT) / F9 (memoQ) insert the
next code the English lacks (a missing pair wraps the selection); saving stores the
unit's placeholders exactly, the QA panel says what `workbench check` says about a
missing code, and the export gives memoQ's markup back. The French typed here is
written for the test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pilot import go_to_unit, settle
from tui_helpers import screen_text

from support.interchange import FILES, pair_project
from workbench import store
from workbench.inline import placeholder
from workbench.project import open_project
from workbench.tui.app import make_app
from workbench.tui.screens.document import DocumentScreen
from workbench.tui.widgets.qa_panel import QAPanel

pytestmark = pytest.mark.anyio
MEMOQ = FILES / "xliff1.2" / "memoq__MQ-12-Test01.xlf"
DOC = "memoq-job"
SIZE = (100, 30)
# Unit 15's source: Select ⟨1⟩Edit Root⟨/1⟩ in the ⟨2⟩Input⟨/2⟩ menu (or the context menu),
P0, P1, P2, P3 = (placeholder(i) for i in range(4))


def workbench(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKBENCH_USER": "tester"}
    return subprocess.run([sys.executable, "-m", "workbench", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """An en→fr project holding memoQ's job, imported by the CLI (once per module)."""
    root = tmp_path_factory.mktemp("memoq") / "project"
    pair_project(root, "en", "fr")
    done = workbench(root, "import", str(MEMOQ), "--as", DOC)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def project(imported, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(imported, root)
    return root


def stored_unit(root: Path, unit_id: str):
    return store.load_stored(open_project(root), DOC).unit(unit_id)


async def open_at(app, pilot, unit_id: str) -> DocumentScreen:
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, DocumentScreen)
    await go_to_unit(pilot, screen, unit_id)
    return screen


async def test_tags_are_shown_kept_whole_and_inserted_from_the_source(project):
    unit = stored_unit(project, "15")
    assert unit.source_text == f"Select {P0}Edit Root{P1} in the {P2}Input{P3} menu (or " \
        "the context menu),"
    assert unit.target_text == ""
    app = make_app(project, "tester", embeddings=False, open_doc=DOC)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(app, pilot, "15")
        shown = screen_text(app)
        assert "Select ⟨1⟩Edit Root⟨/1⟩ in the" in shown and "⟨2⟩Input⟨/2⟩ menu" in shown, shown
        await pilot.press("e")
        editor = screen.editor
        assert editor.has_focus and editor.text == ""
        await pilot.press(*"Choisissez ", "ctrl+t", *"Modifier la racine", "f9")
        assert editor.text == "Choisissez ⟨1⟩Modifier la racine⟨/1⟩"
        # backspace after a tag takes the whole tag, and ctrl+t gives it back
        await pilot.press("backspace")
        assert editor.text == "Choisissez ⟨1⟩Modifier la racine"
        await pilot.press("ctrl+t")
        assert editor.text == "Choisissez ⟨1⟩Modifier la racine⟨/1⟩"
        # the selection wrapped in the missing pair (memoQ/OmegaT habit)
        await pilot.press(*" dans le menu Saisie", *["shift+left"] * 6, "ctrl+t")
        assert editor.text.endswith("dans le menu ⟨2⟩Saisie⟨/2⟩")
        assert editor.cursor_location == (0, len(editor.text))
        await pilot.press(*" (ou le menu contextuel),")
        # the cursor steps over a tag, never into it
        await pilot.press("home", *["right"] * 11)
        assert editor.cursor_location == (0, 11)
        await pilot.press("right")
        assert editor.cursor_location == (0, 14), "one step crosses ⟨1⟩ whole"
        await pilot.press("left")
        assert editor.cursor_location == (0, 11)
        editor.move_cursor((0, 12))  # as a click inside the tag would
        assert editor.cursor_location in ((0, 11), (0, 14))
        # delete (forward) in front of a tag takes it whole too; undo (ctrl+z) restores it
        editor.move_cursor((0, 11))
        await pilot.press("delete")
        assert editor.text.startswith("Choisissez Modifier")
        await pilot.press("ctrl+z")
        assert editor.text.startswith("Choisissez ⟨1⟩Modifier")
        text = editor.text
        await pilot.press("ctrl+t")  # nothing missing now: changes nothing
        assert editor.text == text
        await pilot.press("escape")
        await settle(app, pilot)
        assert not screen.editing
        panel = str(screen.query_one(QAPanel).content)
        assert "tag-mismatch" not in panel
    english = stored_unit(project, "15").target_text
    assert english == f"Choisissez {P0}Modifier la racine{P1} dans le menu {P2}Saisie{P3} " \
        "(ou le menu contextuel),"
    # The export gives memoQ's own markup back around the French, and re-importing the
    # untouched export changes nothing.
    out = project / "out.xlf"
    done = workbench(project, "export", DOC, "--format", "xliff12", "-o", str(out))
    assert done.returncode == 0, done.stderr
    exported = out.read_text(encoding="utf-8")
    assert ('Choisissez <bpt id="1">&lt;cite&gt;</bpt>Modifier la racine<ept id="1">'
            '&lt;/cite&gt;</ept> dans le menu <bpt id="2">&lt;cite&gt;</bpt>Saisie'
            '<ept id="2">&lt;/cite&gt;</ept> (ou le menu contextuel),') in exported
    before = store.working_path(open_project(project), DOC).read_bytes()
    done = workbench(project, "import", str(out))
    assert done.returncode == 0, done.stderr
    assert store.working_path(open_project(project), DOC).read_bytes() == before


async def test_a_missing_code_is_in_the_qa_panel_as_check_reports_it(project):
    app = make_app(project, "tester", embeddings=False, open_doc=DOC)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_at(app, pilot, "4")  # ⟨1⟩Input List 1⟨/1⟩
        await pilot.press("e", "ctrl+t", *"Liste 1", "escape")  # the closing tag left out
        await settle(app, pilot)
        panel = str(screen.query_one(QAPanel).content)
    assert stored_unit(project, "4").target_text == f"{P0}Liste 1"
    done = workbench(project, "check", DOC, "--json")
    found = [i for i in json.loads(done.stdout) if i["unit_id"] == "4"]
    assert [i["rule"] for i in found] == ["tag-mismatch"]
    assert found[0]["message"] == "inline codes: missing in the English: ⟨/1⟩"
    assert f"error tag-mismatch: {found[0]['message']}" in " ".join(panel.split())


async def test_an_untouched_english_with_codes_and_segments_is_stored_as_it_was(tmp_path):
    """Okapi's segmented XLIFF: a pair of codes in one unit, a segment boundary (¦) in
    another; opening the editor and saving changes nothing, and typing in one segment
    keeps the boundary where it was."""
    from workbench import ops

    project = pair_project(tmp_path / "p", "en", "de")
    [doc] = ops.import_file(project, FILES / "xliff1.2" / "okapi__segmented.xlf",
                            user="importer").created
    path = store.working_path(project, doc)
    before = path.read_bytes()
    app = make_app(project.root, "tester", embeddings=False, open_doc=doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        for unit_id, shown in (("1", "Der schnelle braune ⟨1⟩fuchs⟨/1⟩ sprang über den "
                                     "faulen hund."),
                               ("3", "Segment ein.¦Segment zwei.")):
            await go_to_unit(pilot, screen, unit_id)
            await pilot.press("e")
            assert screen.editor.text == shown
            await pilot.press("escape")
            await settle(app, pilot)
        assert path.read_bytes() == before
        await pilot.press("e", "left", *["left"] * len("Segment zwei."), "backspace")
        assert screen.editor.text == "Segment ein¦Segment zwei."
        await pilot.press("escape")
        await settle(app, pilot)
    unit = store.load_stored(open_project(project.root), doc).unit("3")
    assert unit.target_text == "Segment ein" + placeholder(0) + "Segment zwei."


def test_editor_showing_tags_snapshot_80x24(project, snap_compare):
    """80x24: the source's tags in the table, the editor's tags in their colour, the
    editor's keys in the footer (ctrl+t inserts the next tag), and the QA panel naming
    the pair the English still lacks."""
    from workbench import ops

    ops.edit(open_project(project), DOC, "15", f"Choisissez {P0}Modifier la racine{P1} dans "
             "le menu Saisie (ou le menu contextuel),", user="tester")
    app = make_app(project, "tester", embeddings=False, open_doc=DOC)

    async def run_before(pilot) -> None:
        await open_at(app, pilot, "15")
        await pilot.press("e")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
