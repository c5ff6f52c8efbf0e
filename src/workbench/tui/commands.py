"""Command-palette commands: one for every action of the screen the palette was opened on.

Generated from the bindings themselves (the focused widget's, the screen's, the app's),
so a new key is in the palette (and the help screen) the moment it exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


def screen_commands(screen, focused=None) -> Iterator[tuple[str, object, str, str]]:
    """(title, owner, action, help) for each described binding of the focused widget,
    the screen and the app; an action named twice is offered once (the nearest owner)."""
    seen: set[str] = set()
    owners = [o for o in (focused, screen, screen.app) if o is not None]
    for owner in owners:
        for binding in getattr(owner, "BINDINGS", ()):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen or binding.description in seen:
                continue
            if owner.check_action(binding.action, ()) is False:  # e.g. while editing
                continue
            seen.update((binding.action, binding.description))
            key = binding.key_display or binding.key
            yield binding.description, owner, binding.action, f"key: {key}"


class ActionCommands(Provider):
    """Every action of the current screen, by its description."""

    def _run(self, owner, action: str) -> None:
        if action.startswith("app."):
            self.app.call_later(self.app.run_action, action[4:])
        else:
            self.app.call_later(owner.run_action, action)

    async def discover(self) -> Hits:
        for title, owner, action, help_text in screen_commands(self.screen, self.focused):
            yield DiscoveryHit(title, partial(self._run, owner, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, owner, action, help_text in screen_commands(self.screen, self.focused):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, owner, action),
                          help=help_text)
