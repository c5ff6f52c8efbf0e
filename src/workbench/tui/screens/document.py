"""The document screen: translate, edit the alignment and review, keyboard only.

Units side by side in the virtualised `UnitTable`; under it the English editor (shown
while editing) and three panels for the current unit: proposals (or the diff against
the machine proposal), QA, glossary terms. Every key calls one method of the
session (`workbench.tui.state.session.DocumentSession`), which goes through `workbench.ops`
and saves at once. Long work (alignment, realignment, proposals) runs in worker threads.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.widgets import Footer, Header, Input, Static

from workbench.errors import WorkbenchError
from workbench.model import Unit
from workbench.tui.screens.conflict import ConflictScreen
from workbench.tui.screens.document_actions import AlignmentActions, TranslatingActions
from workbench.tui.screens.document_base import STATE_FILTERS
from workbench.tui.screens.history import HistoryScreen
from workbench.tui.screens.prompts import GoToScreen, ReasonScreen
from workbench.tui.screens.stats import StatsScreen
from workbench.tui.state.filters import go_to_index, parse_filter
from workbench.tui.state.worklist import (
    fit_middle,
    is_low_confidence,
    is_unreviewed,
    next_index,
)
from workbench.tui.widgets.diff_view import DiffView
from workbench.tui.widgets.editor import EnglishEditor
from workbench.tui.widgets.proposal_panel import ProposalPanel
from workbench.tui.widgets.qa_panel import QAPanel
from workbench.tui.widgets.term_panel import TermPanel
from workbench.tui.widgets.unit_table import UnitTable


class DocumentScreen(TranslatingActions, AlignmentActions):
    """One document's units, and every action on them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit"),
        Binding("enter", "edit", "Edit English", show=False),
        Binding("p", "accept", "Accept"),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u"),
        Binding("U,ctrl+y", "redo", "Redo", key_display="U", show=False),
        Binding("a", "approve", "Approve"),
        Binding("r", "reject", "Reject"),
        Binding("s", "sign_off", "Sign off", show=False),
        Binding("n", "next_unreviewed", "Unrev."),
        Binding("slash", "find", "Find", key_display="/"),
        Binding("g", "go_to", "Go to unit (id or number)", show=False),
        Binding("h", "history", "History of the unit", show=False),
        Binding("S", "stats", "Statistics of the document", show=False),
        Binding("c", "next_low_confidence", "Next low-conf.", show=False),
        Binding("i", "next_issue", "Next QA issue", show=False),
        Binding("x", "apply_fix", "Apply QA fix", show=False),
        Binding("f", "cycle_filter", "Filter by state (or conflicts)", show=False),
        Binding("K", "conflict", "Conflict: take a version or edit", show=False),
        Binding("d", "toggle_diff", "Diff vs machine", show=False),
        Binding("t", "propose", "Proposals (TM/rules/MT)", show=False),
        Binding("T", "fill_empty", "Fill empty units with proposals", show=False),
        Binding("ctrl+t", "split", "Split unit", key_display="ctrl+t", show=False),
        Binding("equals_sign", "merge", "Merge with next unit", key_display="=", show=False),
        Binding("shift+up", "shift('up')", "Move segment to unit above", show=False),
        Binding("shift+down", "shift('down')", "Move segment to unit below", show=False),
        Binding("l", "lock", "Lock/unlock unit", show=False),
        Binding("R", "realign", "Realign around locked", show=False),
        Binding("A", "align", "Align document", show=False),
        Binding("E", "export_tmx", "Export TMX", show=False),
        Binding("escape", "back", "Corpus", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    # The screen's own actions: while the editor is open its keys type text, so the
    # footer shows the editor's keys instead (and the palette does not offer these).
    _ACTIONS = frozenset(b.action for b in BINDINGS if isinstance(b, Binding))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._ACTIONS:
            try:
                return not self.editing
            except NoMatches:  # not composed yet
                return True
        return True

    # --- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="doc-status")
        yield Input(placeholder="find: words, state:S, origin:tm-fuzzy, conf:low, qa "
                    "(Enter keeps it, Esc clears)", id="find")
        yield UnitTable(id="units")
        yield EnglishEditor(id="editor")
        with Horizontal(id="panels"):
            yield ProposalPanel(id="proposals", classes="panel")
            yield DiffView(id="diff", classes="panel")
            yield QAPanel(id="qa", classes="panel")
            yield TermPanel(id="terms", classes="panel")
        yield Footer(compact=True)  # 80 columns hold the main keys

    def on_mount(self) -> None:
        self._fit_header()
        self.title = "workbench"
        self.editor.display = False
        self.query_one(DiffView).display = False
        self.query_one("#find", Input).display = False
        table = self.table
        table.low_confidence = self.low_confidence
        table.term_spans = self._term_spans
        table.focus()
        self.query_one("#doc-status", Static).update(
            f"{self.doc_id} · reading (aligning when nothing is stored yet)…")
        self.load_units()
        self.set_interval(2.0, self.check_disk)

    def on_resize(self) -> None:
        self._fit_header()

    def _fit_header(self) -> None:
        """The document's id in the header, whole when it fits (the header's icon, its
        margins and "workbench — " take 32 columns)."""
        self.sub_title = fit_middle(self.doc_id, max(12, self.size.width - 32))

    def check_disk(self) -> None:
        """Show what another session or the CLI saved meanwhile (never while typing)."""
        if self.long_running or self.editing or not self.session.stored:
            return
        if self.session.changed_on_disk():
            unit = self.current_unit()
            try:
                self.session.load()
            except Exception as exc:  # shown, never fatal
                self._error(exc)
                return
            self.refresh_units(keep_unit_id=unit.id if unit else None)
            self.notify("reloaded: the document was saved by another session", timeout=4)

    @work(thread=True, exclusive=True, group="load")
    def load_units(self) -> None:
        """Read the working file (or align when nothing is stored) off the UI thread."""
        try:
            self.session.load()
            _ = self.session.document
        except Exception as exc:  # shown, never fatal: the TUI must outlive a core bug
            self.app.call_from_thread(self._error, exc)
            return
        self.app.call_from_thread(self.refresh_units, self.start_unit)
        # The QA of the whole document next, still off the UI thread: the rows are shown
        # first and the QA panel fills in (a broken glossary: the panel says so).
        with contextlib.suppress(WorkbenchError):
            self.session.check()
        self.app.call_from_thread(self._qa_done)

    def _qa_done(self) -> None:
        self.qa_ready = True
        self._update_panels()

    # --- reviewing ----------------------------------------------------------------

    def action_approve(self) -> None:
        self._run(lambda u: self.session.approve(u.id), message="approved")

    def action_sign_off(self) -> None:
        self._run(lambda u: self.session.sign_off(u.id), message="signed off")

    def action_reject(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return

        seen = unit.target_text  # what is rejected is the English on screen now

        def done(reason: str | None) -> None:
            if reason:
                self._run(lambda u: self.session.reject(unit.id, reason, seen=seen),
                          message="rejected")

        self.app.push_screen(ReasonScreen(unit.id), done)

    def action_conflict(self) -> None:
        """Settle the conflict of the current unit: take a version, or edit."""
        unit = self.current_unit()
        if unit is None:
            return
        region = self.session.conflict(unit.id)
        if region is None:
            self.notify("no conflict here (f shows only the units in conflict)", timeout=3)
            return

        def done(answer: str | None) -> None:
            if answer == "edit":
                self.action_edit()
            elif answer:
                self._run(lambda u: self.session.resolve(u.id, int(answer)),
                          message=f"took version {answer}")

        self.app.push_screen(ConflictScreen(unit.id, region), done)

    def _jump(self, wanted: Callable[[Unit], bool], what: str) -> None:
        rows = self.table.rows
        units = self.session.units

        def row_wanted(i: int) -> bool:
            return not rows[i].is_fold and wanted(units[rows[i].unit_index])

        found = next_index(len(rows), self.table.cursor, row_wanted) if rows else None
        if found is None:
            self.notify(f"no {what}", timeout=2)
        else:
            self.table.cursor = found

    def action_next_unreviewed(self) -> None:
        self._jump(is_unreviewed, "unreviewed unit")

    def action_next_low_confidence(self) -> None:
        threshold = self.low_confidence
        self._jump(lambda u: is_low_confidence(u, threshold),
                   f"unit with confidence below {threshold:g}")

    def action_next_issue(self) -> None:
        try:
            issues = self.session.check()
        except WorkbenchError as exc:  # a broken glossary: say so, keep the screen
            self._error(exc)
            return
        self._jump(lambda u: bool(issues.get(u.id)), "unit with a QA issue")

    def action_cycle_filter(self) -> None:
        self.state_filter = (self.state_filter + 1) % len(STATE_FILTERS)
        unit = self.current_unit()
        self.refresh_units(keep_unit_id=unit.id if unit else None)

    def action_toggle_diff(self) -> None:
        self.show_diff = not self.show_diff
        self.query_one(DiffView).display = self.show_diff
        self.query_one(ProposalPanel).display = not self.show_diff

    def action_back(self) -> None:
        """Esc: clears the find box first (when it is open or holds a filter), else back
        to the corpus screen."""
        box = self.query_one("#find", Input)
        if box.display or not self.find.empty:
            self.clear_find()
            return
        self.app.pop_screen()

    # --- find, go to, history, statistics ------------------------------------------

    def action_find(self) -> None:
        box = self.query_one("#find", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "find":
            return
        try:
            self.find = parse_filter(event.value, self.low_confidence)
        except WorkbenchError as exc:
            self._set_status(f"find: {exc}")
            return
        unit = self.current_unit()
        self.busy = ""
        self.refresh_units(keep_unit_id=unit.id if unit else None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "find":
            return
        if not event.value.strip():
            event.input.display = False
        self.table.focus()

    def clear_find(self) -> None:
        """Esc in the find box: no filter, the box closes, the cursor stays on its unit."""
        box = self.query_one("#find", Input)
        unit = self.current_unit()
        box.value = ""
        box.display = False
        self.find = parse_filter("", self.low_confidence)
        self.refresh_units(keep_unit_id=unit.id if unit else None)
        self.table.focus()

    def action_go_to(self) -> None:
        def done(answer: str | None) -> None:
            if answer:
                self.go_to_unit(answer)

        self.app.push_screen(GoToScreen(len(self.session.units)), done)

    def go_to_unit(self, where: str) -> bool:
        """Move to a unit by id or 1-based number; a filter hiding it is cleared."""
        index = go_to_index(self.session.units, where)
        if index is None:
            self.notify(f"no unit {where!r} in {self.doc_id}", severity="warning")
            return False
        if self.table.row_of_unit(index) is None:  # filtered out: show everything
            self.state_filter = 0
            if not self.find.empty:
                self.clear_find()
        self.refresh_units()
        row = self.table.row_of_unit(index)
        if row is not None:
            self.table.cursor = row
        return True

    def action_history(self) -> None:
        unit = self.current_unit()
        if unit is not None:
            self.app.push_screen(HistoryScreen(self.doc_id, unit))

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen(self.session.project, [self.doc_id]))
