"""`pagefold collections check NAME` and `pagefold collections repair NAME`."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError


def add_health_commands(cmds: Any) -> None:
    p = cmds.add_parser(
        "check", help="compare catalog, vectors and keyword index; check the databases"
    )
    p.add_argument("name")
    p.set_defaults(handler=_check)

    p = cmds.add_parser(
        "repair", help="fix what check finds: re-embed only missing vectors, rebuild the rest"
    )
    p.add_argument("name")
    p.set_defaults(handler=_repair)


def _check(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.health import check, sqlite_problems

    problems = sqlite_problems(ctx.settings.layout.catalog_db)
    if problems:  # the library cannot be trusted to open it
        print("  catalog (SQLite): DAMAGED: " + "; ".join(problems[:3]))
        print(f'Run `pagefold collections repair "{args.name}"` to rebuild it from your files.')
        return 1
    try:
        health = check(ctx.library, args.name)
    except PagefoldError as exc:
        return ctx.fail(exc)
    print("\n".join(health.lines()))
    return 0 if health.ok else 1


def _repair(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.commands.ingest import print_report, progress_printer
    from app.core.health import catalog_damaged, check, rebuild_catalog, repair

    try:
        if catalog_damaged(ctx.settings.layout):
            rebuilt = rebuild_catalog(ctx.settings.layout)  # before the library opens it
            print("\n".join(rebuilt.lines()))
            print(f'Re-indexing "{args.name}" from the files on disk…')
            print_report(ctx.library.refresh(args.name, progress=progress_printer()))
        result = repair(ctx.library, args.name)
        print("\n".join(result.lines()))
        health = check(ctx.library, args.name)
    except PagefoldError as exc:
        return ctx.fail(exc)
    print("\n".join(health.lines()))
    return 0 if health.ok else 1
