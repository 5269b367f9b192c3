"""`pagefold serve`: keep the search engine loaded and answer `pagefold search` over a socket.

``pagefold search`` started while this runs (same data folder) is answered by it: about 0.1 s
of search instead of a new process loading Kiwi and the embedding engine (numbers in
``benchmarks/cli_search.py``). Stop it with Ctrl+C; the socket file goes with it.
"""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve", help="keep search loaded and answer `pagefold search` fast (local socket)"
    )
    p.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.search_socket import SearchServer

    try:
        server = SearchServer(ctx.library, ctx.settings.data_dir)
    except (PagefoldError, OSError) as exc:
        return ctx.fail(str(exc))
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.warm_up()
        print(f"Answering searches on {server.path} (Ctrl+C stops).", file=sys.stderr)
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()
    return 0


def _interrupt(*_: object) -> None:
    """SIGTERM stops the server as Ctrl+C does: the socket file is removed on the way out."""
    raise KeyboardInterrupt
