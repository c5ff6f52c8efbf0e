"""The workbench TUI application: factory, screens stack, errors shown not raised.

`make_app(root, user)` builds the app on a project folder (tests use it with
`run_test()`); `run(args)` is what `workbench` with no command calls.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from workbench import ops
from workbench.errors import WorkbenchError
from workbench.tui.commands import ActionCommands
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.corpus import CorpusScreen
from workbench.tui.screens.document import DocumentScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.prompts import QuitScreen
from workbench.tui.state.glossary import GlossaryView
from workbench.tui.state.session import DocumentSession

if TYPE_CHECKING:
    from workbench.project import Project


class WorkbenchApp(App[int]):
    """Corpus screen first; Enter on a document opens its document screen."""

    CSS_PATH = "workbench.tcss"
    TITLE = "workbench"
    COMMANDS = App.COMMANDS | {ActionCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footers (the corpus screen shows ctrl+k and q; help and the palette
        # list these): an 80-column footer keeps room for each screen's own keys.
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("ctrl+k", "concordance", "Concordance", show=False),
        Binding("f1", "help", "Help", show=False),
        Binding("ctrl+p", "command_palette", "Commands", show=False),
    ]

    def __init__(self, project: Project, user: str, *, open_doc: str | None = None,
                 glossary_view: GlossaryView | None = None, embeddings: bool = True) -> None:
        super().__init__()
        # Short terminals (80x24) give the unit table more room: see workbench.tcss.
        self.VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
        self.embeddings = embeddings
        self.project = project
        self.user = user
        self.open_doc = open_doc
        self._glossary_view = glossary_view

    @property
    def glossary_view(self) -> GlossaryView:
        """The project's glossary, loaded once (an error in it is shown, not fatal)."""
        if self._glossary_view is None:
            try:
                self._glossary_view = GlossaryView.for_project(self.project)
            except (WorkbenchError, ImportError) as exc:
                self.notify(f"glossary not loaded: {exc}", severity="error", timeout=10)
                self._glossary_view = GlossaryView(None)
        return self._glossary_view

    def get_default_screen(self) -> CorpusScreen:
        """The corpus screen is the base of the stack (no empty screen built first)."""
        return CorpusScreen(self.project, lambda: self.glossary_view.glossary)

    def on_corpus_screen_open(self, message: CorpusScreen.Open) -> None:
        self.open_document(message.doc_id)

    def on_mount(self) -> None:
        if self.open_doc:
            self.open_document(self.open_doc)

    def open_document(self, doc_id: str, unit_id: str | None = None) -> None:
        """The document's screen (at `unit_id`, if given); one already open for it is
        reused, one open for another document is closed first."""
        try:
            self.project.check_id(doc_id)
        except WorkbenchError as exc:
            self.notify(str(exc), severity="error")
            return
        while isinstance(self.screen, ConcordanceScreen):
            self.pop_screen()
        screen = self.screen
        if isinstance(screen, DocumentScreen):
            if screen.doc_id == doc_id:
                if unit_id is not None:
                    screen.go_to_unit(unit_id)
                return
            self.pop_screen()
        session = DocumentSession(self.project, doc_id, self.user, embeddings=self.embeddings)
        self.push_screen(DocumentScreen(session, self.glossary_view, start_unit=unit_id))

    def action_concordance(self) -> None:
        """ctrl+k: the concordance screen (memoQ's key), from any screen."""
        if isinstance(self.screen, ConcordanceScreen):
            self.screen.action_focus_query()
            return
        self.push_screen(ConcordanceScreen(self.project))

    def on_concordance_screen_open(self, message: ConcordanceScreen.Open) -> None:
        self.open_document(message.doc_id, message.unit_id)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit; English still in the editor is saved, discarded or kept on request."""
        screen = self.screen
        if isinstance(screen, DocumentScreen) and screen.editor_dirty():
            def done(answer: str | None) -> None:
                if answer == "save":
                    if screen.save_editor():  # quit only once the English is stored
                        self.exit()
                elif answer == "discard":
                    self.exit()

            self.push_screen(QuitScreen(), done)
            return
        self.exit()


def make_app(root: str | Path | None = None, user: str | None = None, *,
             open_doc: str | None = None, embeddings: bool = True) -> WorkbenchApp:
    """The app on the project at `root` (default: found from the cwd) for `user`.

    `embeddings=False` aligns without the sentence-embedding model (tests, slow machines).
    """
    project = ops.open_project(root)
    return WorkbenchApp(project, ops.current_user(user), open_doc=open_doc,
                        embeddings=embeddings)


def run(args: argparse.Namespace) -> int:
    """`workbench` with no command: the TUI on the project found from the cwd."""
    app = make_app(getattr(args, "root", None), getattr(args, "user", None),
                   open_doc=getattr(args, "doc", None))
    app.run()
    return int(app.return_code or 0)
