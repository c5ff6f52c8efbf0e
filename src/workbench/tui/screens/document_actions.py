"""The document screen's translating and alignment actions (mixins of DocumentScreen).

Split from `document.py` by concern; each action is one call into the session
(`workbench.tui.state.session.DocumentSession`, and so into `workbench.ops`), shown
afterwards.
"""

from __future__ import annotations

from textual import work

from workbench import ops
from workbench.errors import WorkbenchError
from workbench.tui.screens.document_base import DocumentView
from workbench.tui.screens.prompts import ConfirmScreen
from workbench.tui.state.session import fixed_text
from workbench.tui.widgets.editor import EnglishEditor


class TranslatingActions(DocumentView):
    """Edit in place with completion, proposals, QA fixes, undo."""

    def action_edit(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        try:
            terms = self.glossary.completion_terms(unit)
        except (WorkbenchError, ImportError):
            terms = []
        editor = self.editor
        editor.start(unit.id, unit.target_text, terms, source=unit.source_text,
                     codes=unit.codes)
        editor.display = True
        editor.focus()
        self.refresh_bindings()  # the footer shows the editor's keys
        # The table is shorter now: keep the unit being edited (its source) in view.
        self.call_after_refresh(self.table.scroll_to_cursor)

    def on_english_editor_saved(self, event: EnglishEditor.Saved) -> None:
        if self._blocked():
            return  # the editor stays open with the text: nothing is lost
        try:
            changed = self.session.edit(event.unit_id, event.text)
        except WorkbenchError as exc:  # e.g. changed by another session: the text stays
            self.refresh_units(keep_unit_id=event.unit_id)
            self._error(exc)
            return
        self._close_editor()
        self.refresh_units(keep_unit_id=event.unit_id)
        self.notify(f"{event.unit_id} saved" if changed else "unchanged", timeout=2)

    def on_english_editor_cancelled(self, event: EnglishEditor.Cancelled) -> None:
        self._close_editor()

    def save_editor(self) -> bool:
        """Store what is in the editor now (quitting mid-edit). False, with the reason on
        screen and the editor still open, when it could not be stored."""
        if not self.editing:
            return True
        if self._blocked():
            return False
        try:
            self.session.edit(self.editor.unit_id, self.editor.stored)
        except WorkbenchError as exc:
            self._error(exc)
            return False
        self._close_editor()
        return True

    def editor_dirty(self) -> bool:
        if not self.editing:
            return False
        try:
            return self.editor.stored != self.session.unit(self.editor.unit_id).target_text
        except WorkbenchError:
            return True

    def action_accept(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        proposals = self.session.proposals.get(unit.id)
        if not proposals:
            self.notify("no proposal yet: press t to look for one", severity="warning")
            return
        best = ops.best_usable(proposals)
        if best is None:  # e.g. a damaged letterhead line: nothing worth writing
            self.notify("no usable proposal: " + "; ".join(
                i.message for p in proposals for i in p.issues)[:200], severity="warning")
            return
        self._run(lambda u: self.session.accept(u.id, best),
                  message=f"accepted {best.origin.value} {best.score:.2f}")

    def action_undo(self) -> None:
        self._undo_or_redo("undo")

    def action_redo(self) -> None:
        self._undo_or_redo("redo")

    def _undo_or_redo(self, which: str) -> None:
        if self._blocked():
            return
        try:
            step = self.session.undo() if which == "undo" else self.session.redo()
        except WorkbenchError as exc:  # someone changed those units since: never taken back
            unit = self.current_unit()
            self.refresh_units(keep_unit_id=unit.id if unit else None)
            self._error(exc)
            return
        if step is None:
            self.notify(f"nothing to {which}", severity="warning")
            return
        ids = {u.id for u in self.session.units}
        self.refresh_units(keep_unit_id=step.unit_id if step.unit_id in ids else None)
        self.notify(f"{'undid' if which == 'undo' else 'redid'} {step.label}", timeout=2)

    def action_propose(self) -> None:
        unit = self.current_unit()
        if unit is not None:
            self._proposals_pending.add(unit.id)
            self._update_panels()
            self.propose_for([unit.id])

    @work(thread=True, group="propose")
    def propose_for(self, unit_ids: list[str]) -> None:
        self.app.call_from_thread(self._set_status, "looking for proposals (TM, rules, MT)…")
        try:
            self.session.propose(unit_ids)
        except Exception as exc:  # shown, never fatal
            self.app.call_from_thread(self._error, exc)
        finally:
            self._proposals_pending.difference_update(unit_ids)
            self.app.call_from_thread(self._proposals_done, unit_ids)

    def _proposals_done(self, unit_ids: list[str] | None = None) -> None:
        self._set_status("")
        self._update_panels()
        for unit_id in unit_ids or ():
            if unit_id in self.session.proposals and not self.session.proposals[unit_id]:
                self.notify(f"no proposal for {unit_id}: no translation-memory match, no "
                            "letterhead or glossary rule, no MT (" + (
                                self.session.mt_note() or "the model had nothing") + ")",
                            severity="warning", timeout=6)

    def action_fill_empty(self) -> None:
        if self._blocked():
            return
        self.long_running = "filling empty units with proposals…"
        self.fill_empty()

    @work(thread=True, exclusive=True, group="fill")
    def fill_empty(self) -> None:
        self.app.call_from_thread(self._set_status, "filling empty units with proposals…")
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._set_status, f"proposals {done}/{total}…")

        try:
            filled = self.session.fill_empty(progress)
        except Exception as exc:  # shown, never fatal
            self.app.call_from_thread(self._error, exc)
            return
        self.app.call_from_thread(self._after_long_op, f"{filled} unit(s) filled")

    def action_apply_fix(self) -> None:
        unit = self.current_unit()
        if unit is None:
            return
        try:
            issues = self.session.issues(unit.id)
        except WorkbenchError as exc:  # a broken glossary: say so, keep the screen
            self._error(exc)
            return
        fixable = [i for i in issues if fixed_text(unit.target_text, i) is not None]
        if not fixable:
            self.notify("no QA fix for this unit", severity="warning")
            return
        self._run(lambda u: self.session.apply_fix(u.id, fixable[0]),
                  message=f"applied {fixable[0].rule}")


class AlignmentActions(DocumentView):
    """Split, merge, shift, lock, (re)align in a worker; TMX export."""

    def action_split(self) -> None:
        self._run(lambda u: self.session.split(u.id), message="split")

    def action_merge(self) -> None:
        self._run(lambda u: self.session.merge(u.id), message="merged with the next unit")

    def action_shift(self, direction: str) -> None:
        side = "source" if self.table.side == "src" else "target"
        self._run(lambda u: self.session.shift(u.id, side, direction),
                  message=f"moved a {side} segment {direction}")

    def action_lock(self) -> None:
        self._run(lambda u: self.session.lock(u.id, not u.locked))

    def start_long_op(self, name: str, busy: str) -> None:
        if self._blocked():
            return
        self.long_running = busy
        self.long_op(name, busy)

    def action_realign(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.start_long_op("realign", "realigning around locked units…")

        self.app.push_screen(ConfirmScreen("Realign every unlocked unit around the locked "
                                           "ones? (y/n)"), done)

    def action_align(self) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.start_long_op("align", "aligning…")

        if self.session.stored and self.session.units:
            self.app.push_screen(ConfirmScreen("Align the whole document again? Locked units "
                                               "are kept. (y/n)"), done)
        else:
            done(True)

    @work(thread=True, exclusive=True, group="align")
    def long_op(self, name: str, busy: str) -> None:
        self.app.call_from_thread(self._set_status, busy)
        try:
            getattr(self.session, name)()
        except Exception as exc:  # shown, never fatal
            self.app.call_from_thread(self._error, exc)
            return
        self.app.call_from_thread(self._after_long_op, f"{name}: done")

    def action_export_tmx(self) -> None:
        try:
            path, count = self.session.export_tmx()
        except Exception as exc:  # shown, never fatal
            self._error(exc)
            return
        self.notify(f"TMX: {count} approved unit(s) written to {path}", timeout=5)
