"""Command line: argument parsing only; every command calls a core service.

Each command group lives in its own module under ``app/commands/`` and registers itself with
``register(subparsers)``; a parser's ``handler`` takes ``(args, context)`` and returns an exit code.
Nothing heavy is imported here, so ``pagefold --help`` is instant.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.commands.context import CommandContext

COMMAND_MODULES = (
    "app.commands.collections",
    "app.commands.ingest",
    "app.commands.search",
    "app.commands.serve",
    "app.commands.tags",
    "app.commands.chat",
    "app.commands.models",
    "app.commands.evaluate",
)


class _VersionAction(argparse.Action):
    """``--version``, with the version looked up only when asked for (see ``app.__getattr__``)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        import app

        parser.exit(message=f"Pagefold {app.__version__}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pagefold",
        description=(
            "Private, local chat with your own documents. With no command, opens the window."
        ),
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="data folder (default: $PAGEFOLD_HOME or the platform's user data folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="offscreen self-test: ingest a bundled PDF, search it and (with --model) answer",
    )
    parser.add_argument("--model", dest="self_test_model", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command group not built yet
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        os.environ["PAGEFOLD_HOME"] = str(args.data_dir.expanduser().resolve())
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test(model=args.self_test_model)
    if not args.command:
        return gui_main()
    from app.commands.context import CommandContext

    context = CommandContext(data_dir=args.data_dir)
    try:
        return int(args.handler(args, context))
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except Exception as exc:  # a store failure a handler did not expect: a message, no traceback
        return _store_failure(exc, context)
    finally:
        with contextlib.suppress(Exception):  # closing a damaged store must not hide the message
            context.close()


def _store_failure(exc: Exception, context: CommandContext) -> int:
    from app.core.storage.failures import translate

    error = translate(exc)
    if error is None:
        raise exc
    logging.getLogger("app.cli").error("command failed", exc_info=exc)
    return context.fail(error)


def gui_main() -> int:
    """Open the desktop window (imports Qt only now)."""
    from app.ui.app import run_gui

    return run_gui()


if __name__ == "__main__":
    raise SystemExit(main())
