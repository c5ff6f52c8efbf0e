"""The `workbench` command: argument parsing and printing only; the work is in the core.

Each command group lives in its own module exposing `register(subparsers)`; the
handlers call `workbench.ops`, which loads each use case on first use, so `workbench
--help` loads no model, dictionary or heavy library (Textual only for the TUI).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from workbench import __version__
from workbench.errors import WorkbenchError, os_error

# Command-group modules, in the order their commands appear in `--help`.
COMMAND_MODULES = (
    "workbench.cli.corpus",  # status, segment, langid, inspect
    "workbench.cli.align",  # align
    "workbench.cli.glossary",  # terms, check, glossary
    "workbench.cli.mt",  # models, translate, propose
    "workbench.cli.review",  # approve, reject, history, export, import …
    "workbench.cli.tm",  # tm import, tm list, tm remove
    "workbench.cli.team",  # sync, team init, conflicts, resolve, merge-driver
    "workbench.cli.analysis",  # search, stats
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Translation and alignment workbench. With no command, opens the TUI.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument(
        "--root",
        default=None,
        help="project folder (holding sources/, translations/, glossary.yaml); default: "
        "the current folder or the nearest parent that has them",
    )
    parser.add_argument("--user", default=None, help="who is working (default: $WORKBENCH_USER, "
                        "else git's user.name)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a command group not built yet
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from workbench.cli.tui import run_tui

            return run_tui(args)
        from workbench.cli.terminal import showable_output

        with showable_output(stdout=not getattr(args, "raw_stdout", False)):
            return int(args.handler(args) or 0)
    except WorkbenchError as exc:
        return _fail(exc)
    except BrokenPipeError:  # `workbench segment … | head`
        sys.stderr.close()
        return 0
    except OSError as exc:  # disk full, read-only folder, name too long, permission denied
        return _fail(os_error(exc))
    except KeyboardInterrupt:
        return 130


def _fail(exc: WorkbenchError) -> int:
    """One line on stderr, shown (never acted on by the terminal), and the exit code."""
    from workbench.chars import showable

    print(f"workbench: {showable(str(exc))}", file=sys.stderr)
    return exc.exit_code
