"""Helpers for the TUI tests: units from real corpus lines, the screen as plain text."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from support.paths import REPO, UCP
from workbench.model import BlockKind, State, Unit


def real_lines(lang: str) -> list[str]:
    """Non-empty lines of the real UCP–CPSU pair (Russian or English side)."""
    folder = "sources" if lang == "ru" else "translations"
    text = (REPO / folder / f"{UCP}.{lang}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def corpus_units(count: int) -> list[Unit]:
    """`count` units pairing real Russian and English lines of the corpus, repeated as
    needed (the pairing is by position, not a real alignment: for layout and speed)."""
    ru, en = real_lines("ru"), real_lines("en")
    kinds = (BlockKind.TITLE, BlockKind.BODY, BlockKind.BODY, BlockKind.SIGNATURE)
    states = (State.INITIAL, State.TRANSLATED, State.REVIEWED, State.FINAL, State.REJECTED)
    units = []
    for i in range(count):
        units.append(Unit(
            id=f"u{i + 1}", src=[i], tgt=[i], source_text=ru[i % len(ru)],
            target_text=en[i % len(en)], kind=kinds[i % len(kinds)],
            state=states[i % len(states)], confidence=(i % 10) / 10,
        ))
    return units


def screen_text(app) -> str:
    """What the terminal shows, as plain text (the same render as an SVG screenshot)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def store_positional_units(root: Path, doc_id: str = UCP, pairs: int = 8) -> list[Unit]:
    """Save a working file for `doc_id` whose units pair source and target segments by
    position (the first `pairs` 1:1, the rest of the English 0:1), through the real
    store. A stand-in for the aligner where a test is about something else; the
    confidences are spread so that some units are low-confidence."""
    from workbench import store
    from workbench.align.units import unit_from_bead
    from workbench.model import Bead, WorkingFile
    from workbench.project import open_project

    project = open_project(root)
    doc = project.document(doc_id)
    n_src, n_tgt = len(doc.source.segments), len(doc.target.segments)
    beads = [Bead((i,), (i,), confidence=round(0.3 + 0.1 * (i % 7), 2))
             for i in range(min(pairs, n_src, n_tgt))]
    beads += [Bead((), (j,), 0.9) for j in range(len(beads), n_tgt)
              if doc.target.segments[j].kind is not BlockKind.FURNITURE]
    wf = WorkingFile(doc_id=doc_id)
    wf.units = [unit_from_bead(doc, bead, wf.new_id(), user="aligner",
                               when="2026-01-01T00:00:00Z") for bead in beads]
    store.save(project, wf, user="aligner")
    return wf.units


def store_conflict(root: Path, doc_id: str = UCP) -> None:
    """Positional units (see above) in which two clones changed u5 in different ways and
    the merge driver made a conflict of it: anna's approved English (kept, as it stood
    here) against boris's edit. Fixed timestamps, for the snapshots. English written for
    the test."""
    import copy

    from workbench import store
    from workbench.model import HistoryEntry
    from workbench.project import open_project
    from workbench.team.merge import merge_working_files

    store_positional_units(root, doc_id)
    project = open_project(root)
    base = store.load_stored(project, doc_id)
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for wf, who, english, state, when in (
            (ours, "anna", "Anna's approved English.", State.REVIEWED, "2026-01-02T10:00:00Z"),
            (theirs, "boris", "Boris's new English.", State.TRANSLATED, "2026-01-02T11:00:00Z")):
        unit = wf.unit("u5")
        unit.target_text, unit.state = english, state
        unit.changed_by, unit.changed_at = who, when
        unit.history.append(HistoryEntry(when=when, who=who, action="edit", target=english,
                                         state=state))
    merged, _report = merge_working_files(base, ours, theirs, user="anna",
                                          when="2026-01-02T12:00:00Z")
    merged.stored, merged.version = True, base.version
    store.save(project, merged, user="anna")
