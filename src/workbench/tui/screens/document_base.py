"""What the document screen's parts share: its state, how it shows the session's units
and panels, and how it runs an operation (errors shown, never fatal). The actions live
in `document_actions` (translating, alignment) and `document` (reviewing, moving)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.widgets import Static

from workbench import ops
from workbench.errors import WorkbenchError, os_error
from workbench.model import State, Unit
from workbench.tui.state.filters import UnitFilter, matches
from workbench.tui.state.glossary import GlossaryView
from workbench.tui.state.session import DocumentSession
from workbench.tui.state.worklist import CONFLICTS, build_rows, filter_rows, word_diff
from workbench.tui.widgets.diff_view import DiffView
from workbench.tui.widgets.editor import EnglishEditor
from workbench.tui.widgets.proposal_panel import ProposalPanel
from workbench.tui.widgets.qa_panel import QAPanel
from workbench.tui.widgets.term_panel import TermPanel
from workbench.tui.widgets.unit_table import UnitTable

# The state filter cycles through these (None: all units; CONFLICTS: units in conflict).
STATE_FILTERS: tuple[tuple[State, ...] | str | None, ...] = (
    None,
    (State.INITIAL,),
    (State.TRANSLATED,),
    (State.REVIEWED,),
    (State.FINAL,),
    (State.REJECTED,),
    CONFLICTS,
)


def review_note(unit: Unit) -> str:
    """What the reviewer said about the unit, shown on it: the rejection and its reason,
    with who and when (the same words `workbench history` has)."""
    if unit.state is not State.REJECTED:
        return ""
    entry = next((h for h in reversed(unit.history) if h.action == "reject"), None)
    who = f" by {entry.who} at {entry.when}" if entry is not None else ""
    return f"rejected{who}: {unit.reject_reason or '(no reason given)'}"


class DocumentView(Screen[None]):
    """One document's session on screen: the unit table, the editor, the panels."""

    def __init__(self, session: DocumentSession, glossary: GlossaryView, *,
                 start_unit: str | None = None) -> None:
        super().__init__()
        self.start_unit = start_unit  # where the cursor goes once the units are read
        self.doc_id = session.doc_id
        self.session = session
        self.glossary = glossary
        self.state_filter = 0
        self.find = UnitFilter()  # what the find box (/) holds
        self.low_confidence = ops.low_confidence(session.project)
        self.show_diff = False
        self.busy = ""
        self.long_running = ""  # alignment or filling in progress (a worker holds the lock)
        self._proposals_pending: set[str] = set()
        self.qa_ready = False  # the loading worker has checked the document once

    @property
    def table(self) -> UnitTable:
        return self.query_one(UnitTable)

    @property
    def editor(self) -> EnglishEditor:
        return self.query_one(EnglishEditor)

    def _blocked(self) -> bool:
        """While alignment runs in its worker, other changes wait (they would queue on the
        document's lock and freeze the screen)."""
        if self.long_running:
            self.notify(f"wait: {self.long_running}", severity="warning", timeout=3)
            return True
        return False

    def _close_editor(self) -> None:
        self.editor.display = False
        self.table.focus()
        self.refresh_bindings()  # the screen's keys are back in the footer

    @property
    def editing(self) -> bool:
        return bool(self.editor.display)

    def refresh_units(self, keep_unit_id: str | None = None) -> None:
        """Rebuild the rows from the session's units; keep the cursor on a unit."""
        units = self.session.units
        doc = self._document()
        self.table.one_sided = doc is not None and doc.source is None
        rows = build_rows(units, doc)
        wanted: Callable[[Unit], bool] | None = None
        if not self.find.empty:
            issues, find = self.session.checked() or {}, self.find
            wanted = lambda unit: matches(unit, find, issues)  # noqa: E731
        rows = filter_rows(rows, units, STATE_FILTERS[self.state_filter], wanted)
        keep = None
        if keep_unit_id is not None:
            keep = next((i for i, u in enumerate(units) if u.id == keep_unit_id), None)
        self.table.set_rows(rows, units, keep_unit=keep)
        self._update_panels()
        self._set_status()

    def _document(self):
        try:
            return self.session.document
        except WorkbenchError:
            return None

    def _set_status(self, busy: str | None = None) -> None:
        if busy is not None:
            self.busy = busy
        units = self.session.units
        done = sum(1 for u in units if u.state in (State.REVIEWED, State.FINAL))
        states = STATE_FILTERS[self.state_filter]
        shown = ("all" if states is None else states if isinstance(states, str)
                 else "/".join(s.value for s in states))
        if not self.find.empty:
            rows = sum(1 for r in self.table.rows if not r.is_fold)
            shown = f"{rows} matching {self.find.text.strip()!r}" + (
                "" if states is None else f" ({shown})")
        stored = "" if self.session.stored or not units else " (not saved yet)"
        conflicts = sum(1 for u in units if u.conflict is not None)
        clash = f" · {conflicts} in conflict (K)" if conflicts else ""
        # The document's id is in the header: this line keeps 80 columns for the figures.
        text = (f"{len(units)} units{stored} · {done} reviewed{clash} · "
                f"showing {shown} · {self.session.user}")
        if self.busy:  # progress first: it must be visible on an 80-column terminal
            text = f"{self.busy} · {text}"
        self.query_one("#doc-status", Static).update(text, layout=False)

    def current_unit(self) -> Unit | None:
        index = self.table.current_unit_index
        if index is None or index >= len(self.session.units):
            return None
        return self.session.units[index]

    def on_unit_table_highlighted(self, event: UnitTable.Highlighted) -> None:
        self._update_panels()

    def _update_panels(self) -> None:
        unit = self.current_unit()
        proposals = self.session.proposals.get(unit.id) if unit else None
        pending = unit is not None and unit.id in self._proposals_pending
        self.query_one(ProposalPanel).show(unit, proposals, busy=pending)
        if unit is None:
            self.query_one(QAPanel).show(None)
            self.query_one(TermPanel).show(None)
            self.query_one(DiffView).show(None)
            return
        review = review_note(unit)
        if not self.qa_ready and self.session.checked() is None:
            self.query_one(QAPanel).show(None, busy=True, review=review)  # the worker checks
        else:
            try:
                self.query_one(QAPanel).show(self.session.issues(unit.id), review=review)
            except (WorkbenchError, ImportError) as exc:
                self.query_one(QAPanel).show([], note=f"QA unavailable: {exc}", review=review)
        try:
            self.query_one(TermPanel).show(self.glossary.unit_terms(unit),
                                           note="" if self.glossary.glossary else
                                           "no glossary.yaml in this project")
        except (WorkbenchError, ImportError) as exc:
            self.query_one(TermPanel).show([], note=f"glossary unavailable: {exc}")
        machine = unit.proposal.text if unit.proposal is not None else None
        self.query_one(DiffView).show(
            None if machine is None else word_diff(machine, unit.target_text),
            label="" if unit.proposal is None else
            f"{unit.proposal.origin.value} {unit.proposal.score:.2f} → now")

    def _term_spans(self, row_index: int, side: str) -> list[tuple[int, int]]:
        row = self.table.rows[row_index]
        try:
            hits = (self.glossary.source_hits(row.source_text) if side == "src"
                    else self.glossary.target_hits(row.target_text))
        except (WorkbenchError, ImportError):
            return []
        return sorted((h.start, h.end) for h in hits)

    def _error(self, exc: Exception) -> None:
        self.long_running = ""
        self._set_status("")
        if isinstance(exc, OSError):  # disk full, read-only: the CLI's one line
            exc = os_error(exc)
        text = str(exc) if isinstance(exc, WorkbenchError) else f"{type(exc).__name__}: {exc}"
        self.notify(text, severity="error", timeout=8)

    def _run(self, what: Callable[[Unit], object], *, message: str = "") -> None:
        """Apply a session operation to the current unit; show errors, keep the cursor."""
        unit = self.current_unit()
        if unit is None:
            self.notify("no unit here", severity="warning")
            return
        if self._blocked():
            return
        try:
            what(unit)
        except WorkbenchError as exc:  # e.g. the English changed meanwhile: show it
            self.refresh_units(keep_unit_id=unit.id)
            self._error(exc)
            return
        except Exception as exc:  # a core bug: show it, keep the session alive
            self.log.error(repr(exc))
            self._error(exc)
            return
        self.refresh_units(keep_unit_id=unit.id)
        if message:
            self.notify(message, timeout=2)

    def _after_long_op(self, message: str) -> None:
        self.long_running = ""
        self._set_status("")
        self.refresh_units()
        self.notify(message, timeout=3)

