"""Running the CLI in-process, as a named user, on a project folder."""

from __future__ import annotations

from pathlib import Path

from workbench.cli import main


def run(root: Path, *argv: str, user: str = "Rita") -> int:
    """`workbench --root ROOT --user USER ARGV…`; its exit status."""
    return main(["--root", str(root), "--user", user, *argv])
