"""`pagefold collections move|backend`: where a collection's vectors live (embedded or a server).

Registered by ``app.commands.collections``; nothing heavy is imported until a handler runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError


def add_backend_commands(cmds: Any) -> None:
    p = cmds.add_parser(
        "move",
        help="move a collection's vectors to a Chroma server or back, verifying the copy",
        description="Copies the vectors, verifies the copy (counts, every id, sampled vectors "
        "to float32 rounding), switches the collection over, and only then deletes the old copy. "
        "Documents, passages and the keyword index stay in this computer's data folder.",
    )
    p.add_argument("name")
    p.add_argument("--to", choices=["embedded", "server"], required=True)
    p.add_argument("--host", help="Chroma server host name or address (with --to server)")
    p.add_argument("--port", type=int, default=8000, help="Chroma server port (default 8000)")
    p.add_argument("--ssl", action="store_true", help="connect with TLS (https)")
    p.add_argument("--ca-file", default="", help="CA bundle for a server's private certificate")
    p.add_argument(
        "--token-from-keyring",
        action="store_true",
        help="send the access token saved in the system keyring for HOST:PORT "
        "(save it with: python -m keyring set pagefold-chroma HOST:PORT)",
    )
    p.add_argument(
        "--save-token",
        action="store_true",
        help="ask for the access token (or read it from standard input) and keep it in the "
        "system keyring for HOST:PORT before moving; implies --token-from-keyring",
    )
    p.add_argument(
        "--token-header",
        choices=["Authorization", "X-Chroma-Token"],
        default="Authorization",
        help="how the token is sent (default: Authorization: Bearer TOKEN)",
    )
    p.add_argument("--no-verify", action="store_true", help="skip verifying the copy")
    p.set_defaults(handler=_move)

    p = cmds.add_parser("backend", help="show where a collection's vectors are stored")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_backend)


def _move(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.storage.move import Destination

    try:
        to: Destination = "embedded" if args.to == "embedded" else _server_config(args)
        report = ctx.library.move_collection(
            args.name, to, verify=not args.no_verify, progress=_progress_printer()
        )
    except PagefoldError as exc:
        print(file=sys.stderr)
        return ctx.fail(exc)
    checked = (
        f"verified: counts, every id and {report.sampled} sampled vectors match"
        if report.verified
        else "not verified"
    )
    print(
        f'\nMoved "{report.collection}" ({report.vectors} vectors) to {report.target} '
        f"in {report.seconds:.1f} s; {checked}."
    )
    if report.note:
        print(report.note, file=sys.stderr)
    return 0


def _server_config(args: argparse.Namespace) -> Any:
    from app.core.storage.remote import ServerConfig, load_token, save_token, token_user

    if not args.host:
        raise PagefoldError("Moving to a server needs --host (and --port if not 8000).")
    token_ref = None
    if args.save_token:
        save_token(args.host, args.port, _read_token(f"{args.host}:{args.port}"))
    if args.token_from_keyring or args.save_token:
        token_ref = token_user(args.host, args.port)
        if not load_token(token_ref):
            raise PagefoldError(
                f"No token for {token_ref} in the system keyring. Save it first with: "
                f"python -m keyring set pagefold-chroma {token_ref}"
            )
    return ServerConfig(
        host=args.host,
        port=args.port,
        ssl=args.ssl or bool(args.ca_file),
        token_ref=token_ref,
        auth_header=args.token_header,
        ca_file=args.ca_file,
    )


def _read_token(where: str) -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Access token for the Chroma server at {where}: ")
    return sys.stdin.readline()


def _backend(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.storage.remote import backend_of, describe

    try:
        col = ctx.library.collection(args.name)
        config = backend_of(col.options)
    except PagefoldError as exc:
        return ctx.fail(exc)
    if args.json:
        data = config.to_options() if config else {"kind": "embedded"}
        print(json.dumps({"collection": col.name, **data}, ensure_ascii=False, indent=2))
    else:
        print(f"{col.name}: {describe(config)}")
    return 0


def _progress_printer() -> Any:
    def show(done: int, total: int) -> None:
        print(f"\rcopied {done}/{total} vectors", end="", file=sys.stderr, flush=True)

    return show
