"""`workbench` with no command: the Textual workbench on the project found from the cwd."""

from __future__ import annotations

import argparse


def run_tui(args: argparse.Namespace) -> int:
    """Open the TUI; Textual is imported here only, so other commands stay light."""
    from workbench.tui.app import run

    return run(args)
