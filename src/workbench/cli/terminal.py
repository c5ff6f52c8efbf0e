"""What the CLI prints is shown, never acted on: every command's stdout and stderr go
through `workbench.chars.showable`, so an ANSI escape, a BEL or a lone surrogate in a
document, a unit's English, an imported file or an error message reaches the terminal
as a visible `\\u001b`, never raw (and never as a UnicodeEncodeError). Commands whose
stdout is a file's content (`export` without `-o`) keep it exact.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from workbench.chars import showable


class ShowableStream:
    """A text stream writing `showable(text)` to the stream it wraps; everything else
    (isatty, flush, encoding, fileno) is the wrapped stream's. `unfiltered` is the
    stream itself, for output made here that must reach the terminal as it is (the
    progress meter's carriage return)."""

    def __init__(self, stream: TextIO) -> None:
        self.unfiltered = stream

    def write(self, text: str) -> int:
        return self.unfiltered.write(showable(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self.unfiltered, name)


@contextmanager
def showable_output(*, stdout: bool = True) -> Iterator[None]:
    """For the block, stderr (and stdout unless `stdout` is False) show, never act."""
    saved = sys.stdout, sys.stderr
    if stdout:
        sys.stdout = ShowableStream(sys.stdout)
    sys.stderr = ShowableStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
