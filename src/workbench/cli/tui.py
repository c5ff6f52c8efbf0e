"""`workbench` with no command: the TUI (until it lands, the corpus status table)."""

from __future__ import annotations

import argparse


def run_tui(args: argparse.Namespace) -> int:
    try:
        from workbench.tui.app import run
    except ModuleNotFoundError:
        from workbench.cli.corpus import cmd_status

        return cmd_status(args)
    return run(args)
