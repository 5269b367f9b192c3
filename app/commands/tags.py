"""`pagefold tags labels|run|list`: name a collection's labels and tag its documents.

Tags come from zero-shot classification with the collection's embedding model; new documents
are tagged as they are indexed once a collection has labels. ``pagefold search --tag`` limits a
search to documents carrying a tag.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError


def register(sub: Any) -> None:
    parser = sub.add_parser("tags", help="label a collection's documents by kind (contract, ...)")
    cmds = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = cmds.add_parser("labels", help="set the labels documents are sorted into (or show them)")
    p.add_argument("collection")
    p.add_argument("labels", nargs="*", metavar="LABEL", help='e.g. 계약서 논문 "meeting report"')
    p.add_argument("--no-run", action="store_true", help="do not tag the documents right away")
    p.add_argument("--clear", action="store_true", help="remove the labels and their tags")
    p.set_defaults(handler=_labels)

    p = cmds.add_parser("run", help="tag (again) every document of a collection")
    p.add_argument("collection")
    p.set_defaults(handler=_run)

    p = cmds.add_parser("list", help="list the documents of a collection with their tags")
    p.add_argument("collection")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_list)


def _labels(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.tagging.service import set_labels

    lib = ctx.library
    try:
        col = lib.collection(args.collection)
        if args.clear:
            set_labels(lib, col.name, [])
            print(f'Removed the labels of "{col.name}" and the tags they gave (yours stay).')
            return 0
        if not args.labels:
            labels = lib.catalog.labels(col.id)
            print(", ".join(labels) if labels else f'"{col.name}" has no labels yet.')
            return 0
        labels = set_labels(lib, col.name, args.labels)
        print(f'Labels of "{col.name}": {", ".join(labels)}')
        return 0 if args.no_run else _run(args, ctx)
    except PagefoldError as exc:
        return ctx.fail(exc)


def _run(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.tagging.service import tag_collection

    try:
        found = tag_collection(ctx.library, args.collection)
    except PagefoldError as exc:
        return ctx.fail(exc)
    tagged = sum(1 for tags in found.values() if tags)
    print(f"Tagged {tagged} of {len(found)} documents.")
    return 0


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    lib = ctx.library
    try:
        col = lib.collection(args.collection)
    except PagefoldError as exc:
        return ctx.fail(exc)
    tags = lib.catalog.collection_tags(col.id)
    documents = lib.catalog.documents(col.id, "indexed")
    if args.json:
        rows = [
            {
                "id": d.id,
                "path": d.path,
                "title": d.title,
                "tags": [asdict(t) for t in tags.get(d.id, [])],
            }
            for d in documents
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for d in documents:
        shown = ", ".join(
            t.tag + (" (yours)" if t.source == "user" else "") for t in tags.get(d.id, [])
        )
        print(f"{d.id:>5}  {Path(d.path).name:<40} {shown or '-'}")
    return 0
