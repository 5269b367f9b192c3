"""`pagefold models use ID|auto|off` and `pagefold collections embedder NAME [MODEL]`.

Choosing is apart from downloading: a downloaded reranker is used at once (``auto``), and
these commands pick another one, switch reranking off, or move a collection to another
embedding model (its passages are embedded again, with progress; Ctrl+C changes nothing).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.commands.context import CommandContext
from app.core.errors import CancelledError, PagefoldError


def register_use(cmds: Any) -> None:
    p = cmds.add_parser(
        "use",
        help="choose the reranker for search (an id, auto or off), or the embedder for new "
        "collections (an embedding model's id)",
    )
    p.add_argument("model", help="installed model id, auto (newest reranker) or off")
    p.set_defaults(handler=_use)


def register_embedder(cmds: Any) -> None:
    p = cmds.add_parser(
        "embedder", help="show a collection's embedding model, or change it (re-embeds)"
    )
    p.add_argument("name")
    p.add_argument("model", nargs="?", help="an installed embedding model's id or a built-in")
    p.set_defaults(handler=_embedder)


def _use(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.models.registry import ModelRegistry
    from app.core.retrieval.reranker_choice import OFF, normalise, resolve

    settings = ctx.settings
    value = normalise(args.model)
    try:
        model = ModelRegistry(settings.layout).find(value)
        if model is not None and model.kind == "embedding":
            settings.retrieval.embedding_model = model.id
            settings.save()
            print(f'New collections will use the embedding model "{model.id}".')
            return 0
        choice = resolve(value, settings.layout)
    except PagefoldError as exc:
        return ctx.fail(exc)
    settings.retrieval.reranker = value
    settings.retrieval.use_reranker = True
    settings.save()
    if value == OFF:
        print("Search will not rerank.")
    elif choice.folder is None:
        print("Search will rerank with the newest reranker once one is downloaded.")
    else:
        print(f"Search will rerank with {choice.label}.")
    return 0


def _embedder(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        col = ctx.library.collection(args.name)
        if not args.model:
            dim = f" ({col.embedding_dim} dimensions)" if col.embedding_dim else ""
            print(f"{col.name}: {col.embedding_model}{dim}")
            return 0
        report = ctx.library.change_embedder(col.name, args.model, progress=_progress)
    except KeyboardInterrupt:
        print("\nStopped; the collection keeps its old embedding model.", file=sys.stderr)
        return 130
    except CancelledError as exc:
        return ctx.fail(exc)
    except PagefoldError as exc:
        return ctx.fail(exc)
    print(file=sys.stderr)
    print(
        f"{report.collection}: {report.old_model} -> {report.new_model} "
        f"({report.new_dimension} dimensions), {report.passages} passages re-embedded "
        f"in {report.seconds:.1f} s."
    )
    return 0


def _progress(done: int, total: int) -> None:
    end = "\n" if not sys.stderr.isatty() and done == total else ""
    print(f"\rre-embedding {done}/{total} passages", end=end, file=sys.stderr, flush=True)
