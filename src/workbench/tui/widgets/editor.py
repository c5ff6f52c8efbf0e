"""The English editor: multi-line, in place, with completion of glossary terms.

Tab completes the words before the cursor to a glossary term (the unit's own terms
first) and cycles on repeated presses; Escape or ctrl+s saves through the core and
gives the table back the focus. The candidates come from the document screen, the
matching rule from `workbench.tui.state.worklist.term_completions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from workbench.tui.state.worklist import stored_text, term_completions


class EnglishEditor(TextArea):
    """A TextArea for one unit's English."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "save", "Save & leave", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("tab", "complete", "Complete term", priority=True),
        Binding("ctrl+g", "cancel", "Discard", priority=True),
    ]

    class Saved(Message):
        """The user finished editing: `text` is the English to store."""

        def __init__(self, editor: EnglishEditor, unit_id: str, text: str) -> None:
            super().__init__()
            self.editor = editor
            self.unit_id = unit_id
            self.text = text

    class Cancelled(Message):
        def __init__(self, editor: EnglishEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         **kwargs)
        self.unit_id = ""
        self.terms: Sequence[str] = ()
        self._cycle: list[tuple[int, str]] = []
        self._cycle_at = 0
        self._last_completion: tuple[int, str] | None = None
        self.codes: dict[str, str] = {}  # shown code character → placeholder (inline codes)

    def start(self, unit_id: str, text: str, terms: Sequence[str]) -> None:
        """Load a unit's English and the glossary terms to complete from."""
        self.unit_id = unit_id
        self.terms = terms
        self.load_text(text)
        self._cycle = []
        self.move_cursor(self.document.end)

    def _text_before_cursor(self) -> str:
        row, col = self.cursor_location
        return self.document.get_line(row)[:col]

    def action_complete(self) -> None:
        if self._cycle and self._last_completion is not None:
            # Repeated tab: replace the previous completion with the next candidate.
            typed_len, previous = self._last_completion
            self._cycle_at = (self._cycle_at + 1) % len(self._cycle)
            _, term = self._cycle[self._cycle_at]
            self._replace_before_cursor(len(previous), term)
            self._last_completion = (typed_len, term)
            return
        candidates = term_completions(self._text_before_cursor(), self.terms)
        if not candidates:
            self.notify("no glossary term completes this", timeout=2)
            return
        typed_len, term = candidates[0]
        # Cycle only through candidates that replace the same typed run.
        self._cycle = [c for c in candidates if c[0] == typed_len]
        self._cycle_at = 0
        self._replace_before_cursor(typed_len, term)
        self._last_completion = (typed_len, term)

    def _replace_before_cursor(self, length: int, text: str) -> None:
        row, col = self.cursor_location
        self.replace(text, (row, col - length), (row, col))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # Typing anything ends a completion cycle (our own replace also lands here, so
        # only clear when the text before the cursor no longer ends with the completion).
        if self._last_completion and not self._text_before_cursor().endswith(
                self._last_completion[1]):
            self._cycle = []
            self._last_completion = None

    def action_save(self) -> None:
        self.post_message(self.Saved(self, self.unit_id, stored_text(self.text, self.codes)))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled(self))
