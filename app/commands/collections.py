"""`pagefold collections create|list|rename|delete|documents|refresh|remove|embedder|move|backend`,
and `check|repair` (``app.commands.health``).

``embedder`` lives in ``model_choice.py`` with the other model choices.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError


def register(sub: Any) -> None:
    parser = sub.add_parser("collections", help="create, list, rename and delete collections")
    cmds = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = cmds.add_parser("create", help="create an empty collection")
    p.add_argument("name")
    p.add_argument("--embedding-model", help="embedding model for this collection")
    p.add_argument("--chunk-tokens", type=int, help="passage size in tokens")
    p.add_argument("--chunk-overlap", type=int, help="overlap between passages in tokens")
    p.set_defaults(handler=_create)

    p = cmds.add_parser("list", help="list collections with document and passage counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = cmds.add_parser("rename", help="rename a collection")
    p.add_argument("name")
    p.add_argument("new_name")
    p.set_defaults(handler=_rename)

    p = cmds.add_parser("delete", help="delete a collection and its index (not your files)")
    p.add_argument("name")
    p.set_defaults(handler=_delete)

    p = cmds.add_parser("documents", help="list the documents of a collection")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_documents)

    p = cmds.add_parser("refresh", help="re-scan: index new and changed files, drop deleted ones")
    p.add_argument("name")
    p.set_defaults(handler=_refresh)

    p = cmds.add_parser("remove", help="remove one document from a collection")
    p.add_argument("name")
    p.add_argument("document_id", type=int)
    p.set_defaults(handler=_remove)

    from app.commands.model_choice import register_embedder

    register_embedder(cmds)

    from app.commands.teams import add_backend_commands  # move, backend: vectors on a server

    add_backend_commands(cmds)

    from app.commands.health import add_health_commands  # check, repair

    add_health_commands(cmds)


def _create(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        col = ctx.library.create_collection(
            args.name, args.embedding_model, args.chunk_tokens, args.chunk_overlap
        )
    except PagefoldError as exc:
        return ctx.fail(exc)
    print(f'Created collection "{col.name}" (embedding model {col.embedding_model}).')
    return 0


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    cols = ctx.library.collections()
    if args.json:
        rows = [
            {
                "id": c.id,
                "name": c.name,
                "documents": c.document_count,
                "chunks": c.chunk_count,
                "embedding_model": c.embedding_model,
                "chunk_tokens": c.chunk_tokens,
            }
            for c in cols
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not cols:
        print("No collections yet. Create one with: pagefold ingest NAME FILES...")
        return 0
    width = max(len(c.name) for c in cols)
    for c in cols:
        print(f"{c.name:<{width}}  {c.document_count:>5} documents  {c.chunk_count:>7} passages")
    return 0


def _rename(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        ctx.library.rename_collection(args.name, args.new_name)
    except PagefoldError as exc:
        return ctx.fail(exc)
    print(f'Renamed "{args.name}" to "{args.new_name}".')
    return 0


def _delete(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        ctx.library.delete_collection(args.name)
    except PagefoldError as exc:
        return ctx.fail(exc)
    print(f'Deleted collection "{args.name}". Your files were not touched.')
    return 0


def _documents(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        docs = ctx.library.documents(args.name)
    except PagefoldError as exc:
        return ctx.fail(exc)
    if args.json:
        rows = [
            {
                "id": d.id,
                "path": d.path,
                "title": d.title,
                "status": d.status,
                "pages": d.pages,
                "chunks": d.chunks,
                "error": d.error,
            }
            for d in docs
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for d in docs:
        extra = f"  ({d.error})" if d.error else ""
        print(f"{d.id:>5}  {d.status:<9} {d.pages:>4} p  {d.chunks:>5} passages  {d.path}{extra}")
    return 0


def _refresh(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.commands.ingest import print_report, progress_printer

    try:
        report = ctx.library.refresh(args.name, progress=progress_printer())
    except PagefoldError as exc:
        return ctx.fail(exc)
    return print_report(report)


def _remove(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        ctx.library.remove_document(args.name, args.document_id)
    except PagefoldError as exc:
        return ctx.fail(exc)
    print(f"Removed document {args.document_id} from {args.name}.")
    return 0
