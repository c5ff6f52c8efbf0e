"""Progress of a long batch command on stderr: a bar with ETA on a terminal, plain lines
(at most one every two seconds, and the last) when stderr is a file or a pipe."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts work done out of `total` (units, documents, pairs) and shows it. Lines for
    the reader go through `say`, which takes the bar off its line first and draws it
    again below, so a document's line is never mixed into the bar."""

    def __init__(self, total: int, stream: TextIO | None = None, *, label: str = "translate",
                 noun: str = "units") -> None:
        self.total = max(total, 0)
        self.done = 0
        stream = stream or sys.stderr
        self.stream = getattr(stream, "unfiltered", stream)  # its own \r, digits and #s
        self.tty = self.stream.isatty()
        self.label, self.noun = label, noun
        self.start = time.monotonic()
        self._last_line = -1.0
        self._last_done = -1
        self._drawn = False  # the bar is on the terminal's last line now

    def _draw(self) -> None:
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                          f"{self.done}/{self.total} {self.noun}  ETA {eta:4.0f}s ")
        self.stream.flush()
        self._drawn = True

    def say(self, line: str, out: TextIO | None = None) -> None:
        """Print a line for the reader (stdout), never on the bar's line."""
        out = out or sys.stdout
        if self.tty and self._drawn:
            self.stream.write("\r\x1b[K")  # take the bar off its line
            self.stream.flush()
        print(line, file=out, flush=True)
        if self.tty and self._drawn:
            self._draw()

    def advance(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        now = time.monotonic()
        if self.tty:
            self._draw()
        elif (now - self._last_line >= 2.0 or self.done == self.total) \
                and self.done != self._last_done:
            self._last_line, self._last_done = now, self.done
            print(f"{self.label}: {self.done}/{self.total} {self.noun}", file=self.stream)

    def close(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
