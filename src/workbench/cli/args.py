"""Argument pieces several command groups share."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def user_parsers(subparsers: argparse._SubParsersAction
                 ) -> Callable[..., argparse.ArgumentParser]:
    """`add_parser(name, **kwargs)` for commands done as someone: `--user` is accepted
    after the command too (SUPPRESS keeps a global `--user` when it is not given)."""
    def add_parser(name: str, **kwargs) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, **kwargs)
        p.add_argument("--user", default=argparse.SUPPRESS,
                       help="who is working (default: $WORKBENCH_USER, else git's user.name)")
        return p

    return add_parser
