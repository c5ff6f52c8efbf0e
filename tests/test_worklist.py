"""workbench.tui.state.worklist: rows, what a reviewer looks for, word diffs, wrapping, completion —
the rules behind the TUI, tested without a terminal (and without Textual)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support.paths import REPO
from workbench.model import BlockKind, State, Unit
from workbench.project import open_project
from workbench.tui.state.worklist import (
    DiffPart,
    build_rows,
    filter_rows,
    is_low_confidence,
    is_unreviewed,
    next_index,
    term_completions,
    word_diff,
    wrap_offsets,
)


def unit(i: int, state=State.TRANSLATED, confidence=0.9, src=None, tgt=None) -> Unit:
    return Unit(id=f"u{i}", src=src if src is not None else [i],
                tgt=tgt if tgt is not None else [i], source_text=f"src {i}",
                target_text=f"tgt {i}", state=state, confidence=confidence)


def test_core_module_does_not_import_textual():
    code = ("import sys, workbench.tui.state.worklist, workbench.ops.status, "
            "workbench.tui.state.session; print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_russian_letterhead_in_the_english_file_gets_a_badge():
    doc = open_project(REPO).document("ucp-cpsu-belarus-solidarity-2020")
    letterhead = [i for i, s in enumerate(doc.target.segments) if s.lang == "ru"]
    assert letterhead, "the English file starts with the sender's Russian letterhead"
    units = [unit(0, src=[], tgt=[letterhead[0]])]
    units[0].target_text = doc.target.segments[letterhead[0]].text
    (row,) = build_rows(units, doc)
    assert row.target_badge == "ru" and row.source_badge == ""
    # as aligned, that line is the unit's source: the badge says where it was found
    units = [Unit(id="u1", src=[], tgt=[letterhead[0]], source_in_target=True,
                  source_text=doc.target.segments[letterhead[0]].text, target_text="")]
    (row,) = build_rows(units, doc)
    assert (row.source_badge, row.target_badge) == ("en file", "")


def test_web_furniture_is_folded_into_one_row_where_it_stands():
    project = open_project(REPO)
    doc = project.document("lugansk-forum-invitation-2015")
    furniture = [i for i, s in enumerate(doc.target.segments) if s.kind is BlockKind.FURNITURE]
    assert furniture, "this page ends in comment forms and pingbacks"
    body = [i for i, s in enumerate(doc.target.segments) if s.kind is not BlockKind.FURNITURE]
    units = [unit(n, src=[], tgt=[i]) for n, i in enumerate(body)]
    rows = build_rows(units, doc)
    folds = [r for r in rows if r.is_fold]
    assert sum(r.folded for r in folds) == len(furniture)
    assert len(rows) == len(units) + len(folds)
    # A fold sits after the last unit before its furniture.
    first_fold = rows.index(folds[0])
    before = [r for r in rows[:first_fold] if not r.is_fold]
    assert all(units[r.unit_index].tgt[0] < furniture[0] for r in before)


def test_unreviewed_low_confidence_and_next_index_wrap_round():
    units = [unit(0, State.REVIEWED), unit(1, State.FINAL), unit(2, State.REJECTED, 0.2),
             unit(3, State.INITIAL, None)]
    assert [is_unreviewed(u) for u in units] == [False, False, True, True]
    assert [is_low_confidence(u, 0.8) for u in units] == [False, False, True, False]
    assert next_index(4, 2, lambda i: is_unreviewed(units[i])) == 3
    assert next_index(4, 3, lambda i: is_unreviewed(units[i])) == 2  # wraps round
    assert next_index(4, 0, lambda i: False) is None
    assert next_index(4, 0, lambda i: is_unreviewed(units[i]), backwards=True) == 3


def test_filter_rows_by_state_drops_folds():
    units = [unit(0, State.REVIEWED), unit(1, State.TRANSLATED)]
    rows = build_rows(units)
    assert filter_rows(rows, units, None) == rows
    kept = filter_rows(rows, units, [State.REVIEWED])
    assert [r.unit_index for r in kept] == [0]


def test_word_diff_marks_removed_and_added_words():
    parts = word_diff("the Communist party of the United States",
                      "the Communist Party USA")
    assert DiffPart("-", "party") in parts and DiffPart("+", "Party") in parts
    assert DiffPart("-", "of the United States") in parts and DiffPart("+", "USA") in parts
    assert "".join(p.text for p in parts if p.op != "+") == \
        "the Communist party of the United States"
    assert "".join(p.text for p in parts if p.op != "-") == "the Communist Party USA"
    assert all(p.op == "=" for p in word_diff("same text", "same text"))


@pytest.mark.parametrize("width", [5, 12, 31, 80])
def test_wrap_offsets_cover_every_word_within_width(width):
    text = "КОММУНИСТАМ БЕЛАРУСИ НУЖНА БРАТСКАЯ СОЛИДАРНОСТЬ! Dear comrades\nand friends!"
    lines = wrap_offsets(text, width)
    assert all(end - start <= width for start, end in lines)
    shown = " ".join(text[s:e] for s, e in lines)
    assert "".join(shown.split()) == "".join(text.split())  # nothing lost
    if width >= max(len(w) for w in text.split()):  # no word is cut when words fit
        assert shown.split() == text.split()


def test_term_completions_prefer_the_longest_typed_run_and_the_given_order():
    terms = ["Communist Party USA", "Communist Party of the Soviet Union", "Soviet Union"]
    assert term_completions("Gus Hall of the Communist Party U", terms) == [
        (len("Communist Party U"), "Communist Party USA")]
    found = term_completions("leader of the Communist Pa", terms)
    assert [t for _, t in found] == terms[:2]
    assert term_completions("the Sov", terms) == [(3, "Soviet Union")]
    assert term_completions("ends with a space ", terms) == []


def test_find_box_terms_filter_by_text_state_origin_confidence_and_qa():
    from workbench.errors import WorkbenchError
    from workbench.model import Issue, Origin, Proposal, Severity
    from workbench.tui.state.filters import go_to_index, matches, parse_filter

    fuzzy = unit(1, State.TRANSLATED, 0.55)
    fuzzy.origin = Origin.TM
    fuzzy.proposal = Proposal("tgt 1", Origin.TM, 0.81, "tm fuzzy 90%: d#u9")
    exact = unit(2, State.REVIEWED, 0.95)
    exact.origin = Origin.TM
    exact.proposal = Proposal("tgt 2", Origin.TM, 1.0, "tm exact: d#u8")
    units = [unit(0, State.INITIAL, 0.2), fuzzy, exact, unit(3, State.REJECTED, None)]
    issues = {"u3": [Issue("numbers", Severity.ERROR, "numbers differ")],
              "u0": [Issue("term-capitalisation", Severity.WARNING, "case")]}

    def shown(text: str, threshold: float = 0.8) -> list[str]:
        wanted = parse_filter(text, threshold)
        return [u.id for u in units if matches(u, wanted, issues)]

    assert shown("TGT 2") == ["u2"]  # words, any case, in source or English
    assert shown("state:initial,rejected") == ["u0", "u3"]
    assert shown("origin:tm") == ["u1", "u2"] and shown("origin:tm-fuzzy") == ["u1"]
    assert shown("conf:low") == ["u0", "u1"] and shown("conf:low", 0.5) == ["u0"]
    assert shown("conf:0.5-0.8") == ["u1"] and shown("conf:>0.9") == ["u2"]
    assert shown("qa") == ["u0", "u3"] and shown("qa:error") == ["u3"]
    assert shown("state:translated origin:tm conf:<0.6 src") == ["u1"]  # all must hold
    for bad in ("state:done", "origin:human", "conf:high", "conf:<2", "qa:fatal"):
        with pytest.raises(WorkbenchError):
            parse_filter(bad, 0.8)
    assert go_to_index(units, "u2") == 2 and go_to_index(units, "1") == 0
    assert go_to_index(units, "9") is None and go_to_index(units, "u9") is None


def test_inline_codes_show_as_tags_in_the_editor_and_go_back_exactly():
    from workbench.inline import BREAK, CLOSE, OPEN, STANDALONE, InlineCode, placeholder
    from workbench.tui.state.codes import editor_codes, next_missing

    p = [placeholder(i) for i in range(5)]
    codes = (InlineCode(OPEN, "1", "x12:g", pair="1"), InlineCode(CLOSE, "1", "x12:g", pair="1"),
             InlineCode(STANDALONE, "2", "x12:x"), InlineCode(BREAK, "s2", "x12:seg"),
             InlineCode(BREAK, "s3", "x12:seg"))
    # English written for the test; its boundaries are in the other order than the codes
    english = f"Press {p[0]}OK{p[1]} now{p[2]}.{p[4]}Then wait.{p[3]}Done."
    view = editor_codes(codes, english)
    shown = view.show(english)
    assert shown == "Press ⟨1⟩OK⟨/1⟩ now⟨2/⟩.¦Then wait.¦Done."
    assert view.store(shown) == english  # saving untouched text changes nothing
    assert view.spans("a⟨1⟩b⟨/1⟩") == [(1, 4), (5, 9)]
    assert view.snap("a⟨/1⟩b", 2, "left") == 1 and view.snap("a⟨/1⟩b", 2, "right") == 5
    assert view.snap("a⟨/1⟩b", 2) == 1 and view.snap("a⟨/1⟩b", 4) == 5
    assert view.snap("a⟨/1⟩b", 1) == 1  # at an edge: stays
    assert view.store("⟨9⟩ is text") == "⟨9⟩ is text"  # no such code: plain text
    assert view.looks_like_code(english) == "" and view.looks_like_code("a ⟨1⟩") == "⟨1⟩"
    # the next missing code in the source's order; a missing pair wraps a selection
    source = f"{p[0]}Press OK{p[1]} now{p[2]}"
    assert next_missing(source, f"{p[0]}Press", codes).before == "⟨/1⟩"
    wrap = next_missing(source, "Press", codes, selection=True)
    assert (wrap.before, wrap.after) == ("⟨1⟩", "⟨/1⟩")
    assert next_missing(source, "Press", codes).after == ""
    assert next_missing(source, source, codes) is None



def test_a_long_document_id_is_cut_in_the_middle_to_fit_the_header():
    from workbench.tui.state.worklist import fit_middle

    long_id = "C-Projects-Daniel-Rivelin-Samples-SampleProject-New-en-US-SamplePhotoPrinter.doc"
    assert fit_middle("ucp-cpsu", 20) == "ucp-cpsu"
    cut = fit_middle(long_id, 40)
    assert len(cut) == 40 and cut.startswith("C-Projects-") and cut.endswith("Printer.doc")
    assert "…" in cut
