"""Command-palette commands: one for every action of the screen the palette was opened on.

Generated from the screens' own bindings, so a new key is in the palette (and the help
screen) the moment it exists: nothing to keep in sync by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


def screen_commands(screen) -> Iterator[tuple[str, str, str]]:
    """(title, action, help) for each described binding of `screen` and the app."""
    seen: set[str] = set()
    for owner in (screen, screen.app):
        for binding in getattr(owner, "BINDINGS", ()):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            action = binding.action
            if action in seen:
                continue
            seen.add(action)
            key = binding.key_display or binding.key
            yield binding.description, action, f"key: {key}"


class ActionCommands(Provider):
    """Every action of the current screen, by its description."""

    def _run(self, action: str) -> None:
        target = self.screen
        if action.startswith("app."):
            self.app.call_later(self.app.run_action, action[4:])
        else:
            self.app.call_later(target.run_action, action)

    async def discover(self) -> Hits:
        for title, action, help_text in screen_commands(self.screen):
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in screen_commands(self.screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action),
                          help=help_text)
