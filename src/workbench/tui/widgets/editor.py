"""The English editor: multi-line, in place, with glossary completion and inline codes.

Tab completes the words before the cursor to a glossary term (the unit's own terms
first) and cycles on repeated presses; Escape or ctrl+s saves through the core and
gives the table back the focus. The candidates come from the document screen, the
matching rule from `workbench.tui.state.worklist.term_completions`.

Inline codes of another tool's markup show as tags (⟨1⟩ … ⟨/1⟩, ⟨2/⟩, ¦) in their own
colour; the cursor never stands inside one, and a deletion or a typed replacement that
touches a tag takes it whole. ctrl+t (OmegaT) or F9 (memoQ) inserts the source's next
code that the English lacks; with text selected, a missing pair wraps it. Saving gives
the unit's placeholders back exactly (`workbench.tui.state.codes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from workbench.inline import InlineCode
from workbench.tui.state.codes import EditorCodes, editor_codes, next_missing
from workbench.tui.state.worklist import term_completions


class EnglishEditor(TextArea):
    """A TextArea for one unit's English."""

    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {
        "english-editor--code"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "save", "Save & leave", priority=True),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("tab", "complete", "Complete term", priority=True),
        # memoQ's name for it (F9); OmegaT's "insert next missing tag" is ctrl+t.
        Binding("ctrl+t,f9", "insert_code", "Insert next tag", key_display="^t",
                tooltip="insert the source's next inline code that the English lacks "
                "(ctrl+t or F9); a missing pair wraps the selection", priority=True),
        Binding("ctrl+g", "cancel", "Discard", priority=True),
        # Select all, as in every CAT editor (TextArea gives ctrl+a to line start; Home
        # still goes there). A priority binding runs before the next key is forwarded, so
        # text typed right after it replaces the selection instead of racing it.
        Binding("ctrl+a", "select_all", "Select all", show=False, priority=True),
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
        self.view = EditorCodes()  # before TextArea's init, which places the cursor
        # No cursor-line highlight: a unit's English is mostly one soft-wrapped line, which
        # the highlight would paint whole (and over the tags' own background).
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         highlight_cursor_line=False, **kwargs)
        self.unit_id = ""
        self.terms: Sequence[str] = ()
        self._cycle: list[tuple[int, str]] = []
        self._cycle_at = 0
        self._last_completion: tuple[int, str] | None = None
        self.codes: Sequence[InlineCode] = ()
        self.source = ""  # the unit's source (placeholders): where missing codes come from

    def start(self, unit_id: str, english: str, terms: Sequence[str], *,
              source: str = "", codes: Sequence[InlineCode] = ()) -> None:
        """Load a unit's stored English (its codes as placeholders) and the glossary terms
        to complete from."""
        self.unit_id = unit_id
        self.terms = terms
        self.source, self.codes = source, codes
        self.view = editor_codes(codes, english)
        self.load_text(self.view.show(english))
        self._cycle = []
        self.move_cursor(self.document.end)
        if written := self.view.looks_like_code(english):
            self.notify(f"{unit_id}: the English has {written} written as text; saving "
                        "reads it as the code", severity="warning", timeout=8)

    @property
    def stored(self) -> str:
        """The English to store: the editor's text with its tags as placeholders."""
        return self.view.store(self.text)

    # --- tags kept whole ------------------------------------------------------------

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        spans = self.view.spans(line.plain)
        if spans:
            style = self.get_component_rich_style("english-editor--code", partial=True)
            for start, end in spans:
                line.stylize(style, start, end)
        return line

    def _snapped(self, location: Location, toward: str) -> Location:
        row, column = location
        if self.view.pattern is None or row >= self.document.line_count:
            return location
        return row, self.view.snap(self.document[row], column, toward)

    def clamp_visitable(self, location: Location) -> Location:
        """Never inside a tag (a click, up/down): to its nearer edge."""
        return self._snapped(super().clamp_visitable(location), "nearest")

    def get_cursor_left_location(self) -> Location:
        return self._snapped(super().get_cursor_left_location(), "left")

    def get_cursor_right_location(self) -> Location:
        return self._snapped(super().get_cursor_right_location(), "right")

    def get_cursor_word_left_location(self) -> Location:
        return self._snapped(super().get_cursor_word_left_location(), "left")

    def get_cursor_word_right_location(self) -> Location:
        return self._snapped(super().get_cursor_word_right_location(), "right")

    def _whole(self, start: Location, end: Location) -> tuple[Location, Location]:
        """A range widened so that it takes every tag it touches whole."""
        top, bottom = sorted((start, end))
        return self._snapped(top, "left"), self._snapped(bottom, "right")

    def _delete_via_keyboard(self, start: Location, end: Location) -> EditResult | None:
        return super()._delete_via_keyboard(*self._whole(start, end))

    def _replace_via_keyboard(self, insert: str, start: Location,
                              end: Location) -> EditResult | None:
        return super()._replace_via_keyboard(insert, *self._whole(start, end))

    def action_insert_code(self) -> None:
        """The source's next code that the English lacks, at the cursor (OmegaT ctrl+t,
        memoQ F9); a missing pair wraps the selected text."""
        if not self.codes:
            self.notify("this unit has no inline codes", timeout=2)
            return
        selected = not self.selection.is_empty
        insertion = next_missing(self.source, self.stored, self.codes, selection=selected)
        if insertion is None:
            self.notify("no code missing: the English has every code of the source",
                        timeout=2)
            return
        top, bottom = sorted(self.selection)
        if insertion.after:
            self.insert(insertion.after, bottom, maintain_selection_offset=False)
            self.insert(insertion.before, top, maintain_selection_offset=False)
            row, column = bottom
            shift = len(insertion.before) if row == top[0] else 0
            self.move_cursor((row, column + shift + len(insertion.after)))
        else:
            self.insert(insertion.before, bottom, maintain_selection_offset=False)
        self.notify(f"inserted {insertion.names}", timeout=2)

    # --- completion -----------------------------------------------------------------

    def _text_before_cursor(self) -> str:
        """The line before the cursor, after the last tag (a tag is no part of a word)."""
        row, col = self.cursor_location
        before = self.document.get_line(row)[:col]
        spans = self.view.spans(before)
        return before[spans[-1][1]:] if spans else before

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
        self.post_message(self.Saved(self, self.unit_id, self.stored))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled(self))
