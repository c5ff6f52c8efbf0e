"""`workbench stats` (segments, words, characters by state and TM match band), the text
export's bytes (the file's own encoding and newlines; inserted units in their own
paragraph) and translate's progress bar kept off the documents' lines."""

from __future__ import annotations

import io
import json

import pytest

from support.cli import run
from support.corpus import copy_corpus
from support.paths import PAIRED
from workbench import ops, store
from workbench.project import open_project

OTHER = "roskomsoyuz-revolutionary-renewal"


@pytest.fixture
def root(tmp_path):
    root = copy_corpus(tmp_path / "c", [PAIRED, OTHER])
    ops.align_document(open_project(root), PAIRED, user="aligner", embeddings=False)
    return root


def test_stats_by_state_and_match_band(root, capsys):
    project = open_project(root)
    units = store.load_stored(project, PAIRED).units
    # u1 and u3 of this document have the same Russian (the title, repeated): once one is
    # approved, the other is a 100 % match (the unit itself never counts)
    same = [u for u in units if u.source_text.strip()]
    twins = next((a, b) for i, a in enumerate(same) for b in same[i + 1:]
                 if a.source_text == b.source_text)
    ops.edit(project, PAIRED, twins[0].id, "The title in English.", user="Rita")
    ops.approve(project, PAIRED, [twins[0].id], user="Rita")
    assert run(root, "stats", PAIRED, OTHER, "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    doc, other = stats["documents"]
    assert doc["doc_id"] == PAIRED and doc["aligned"] and not other["aligned"]
    total = doc["total"]
    assert total["segments"] == sum(f["segments"] for f in doc["by_state"].values())
    assert total["words"] == sum(f["words"] for f in doc["by_match"].values())
    assert doc["by_state"]["reviewed"]["segments"] == 1
    assert doc["by_match"]["100%"]["segments"] >= 1  # the twin of the approved title
    assert stats["project"]["total"]["words"] == total["words"] + other["total"]["words"]
    assert "rapidfuzz" in stats["how"] and stats["memory_units"] == 1
    assert run(root, "stats") == 0
    text = capsys.readouterr().out
    assert "project: 2 document(s)" in text and "no match" in text and "how: " in text


def test_word_and_character_counts_are_what_they_say():
    from workbench.ops.stats import Figures

    figures = Figures()
    figures.add("Дорогие товарищи и друзья!")  # a real line of the corpus (UCP u4)
    assert (figures.segments, figures.words) == (1, 4)
    assert figures.characters == len("Дорогиетоварищиидрузья!")
    assert figures.characters_with_spaces == len("Дорогие товарищи и друзья!")


def test_text_export_keeps_utf16_and_crlf(tmp_path, capsys):
    root = copy_corpus(tmp_path / "c", [PAIRED])
    english = root / "translations" / f"{PAIRED}.en.txt"
    text = english.read_text(encoding="utf-8")
    english.write_bytes(text.replace("\n", "\r\n").encode("utf-16"))  # BOM + UTF-16 LE
    ops.align_document(open_project(root), PAIRED, user="aligner", embeddings=False)
    out = tmp_path / "out.txt"
    assert run(root, "export", PAIRED, "--format", "txt", "-o", str(out)) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfe")  # UTF-16 with its byte-order mark, as read
    decoded = data.decode("utf-16")
    assert "\r\n" in decoded and "\n" not in decoded.replace("\r\n", "")
    assert decoded.replace("\r\n", "\n").strip() == text.strip()


def test_an_inserted_unit_gets_its_own_paragraph(tmp_path):
    root = copy_corpus(tmp_path / "c", [PAIRED])
    project = open_project(root)
    wf = ops.align_document(project, PAIRED, user="aligner", embeddings=False)
    # a Russian title the published English does not have: a unit with no target segment
    title = next(u for u in wf.units if u.src and not u.tgt and u.source_text.strip()
                 and not u.source_in_target)
    ops.edit(project, PAIRED, title.id, "Appeal of the UCP-CPSU", user="Rita")
    (out,) = ops.export_documents(project, [PAIRED], "txt", user="Rita")
    lines = out.text.splitlines()
    assert "Appeal of the UCP-CPSU" in lines  # a line of its own, not glued to another
    where = lines.index("Appeal of the UCP-CPSU")
    assert lines[where - 1] == "" and lines[where + 1] == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_never_shares_a_line_with_a_document_line():
    from workbench.cli.progress import Progress

    bar, out = _Terminal(), io.StringIO()
    progress = Progress(4, stream=bar)
    progress.advance(2)
    progress.say("doc-a: 2 of 2 empty units filled", out=out)
    progress.advance(2)
    progress.close()
    assert out.getvalue() == "doc-a: 2 of 2 empty units filled\n"
    drawn = bar.getvalue()
    # the bar is taken off its line (\r, erase) before the line is printed, then drawn again
    assert "\r\x1b[K" in drawn and drawn.index("\r\x1b[K") < drawn.rindex("4/4 units")
