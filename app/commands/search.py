"""`pagefold search COLLECTION "question" -k 5 [--json]`.

The ``--json`` output is stable: a list of objects with the keys chunk_id, text, document_id,
path, title, page, start, end, score, collection and ocr (see ``Passage.to_json``). ``page`` is
1-based; ``start``/``end`` are character offsets into that page's normalised text.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError
from app.core.storage.passage import Passage


def register(sub: Any) -> None:
    p = sub.add_parser("search", help="find the best passages for a question (no model needed)")
    p.add_argument("collection", help="collection name (comma-separated for several)")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=None, help="number of passages (default from settings)")
    p.add_argument("--document", type=int, action="append", help="limit to a document id")
    p.add_argument("--tag", action="append", help="limit to documents with this tag")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--reranker", metavar="ID|auto|off", help="rerank with this installed model, or not at all"
    )
    p.set_defaults(handler=_search)


def _search(args: argparse.Namespace, ctx: CommandContext) -> int:
    names = [n.strip() for n in args.collection.split(",") if n.strip()]
    if args.reranker is not None:  # this run only; `pagefold models use` keeps a choice
        ctx.settings.retrieval.reranker = args.reranker
        ctx.settings.retrieval.use_reranker = True
    try:
        passages = _served(args, names)  # a running `pagefold serve` answers in milliseconds
        if passages is None:
            passages = ctx.library.search(
                names, args.query, k=args.k, document_ids=args.document, tags=args.tag
            )
    except PagefoldError as exc:
        return ctx.fail(exc)
    if args.json:
        print(json.dumps([p.to_json() for p in passages], ensure_ascii=False, indent=2))
        return 0
    if not passages:
        print("No passages found.")
        return 0
    for rank, p in enumerate(passages, 1):
        page = f"page {p.page}" + (" (OCR)" if p.ocr else "")
        print(f"[{rank}] {p.title} - {page}  (score {p.score:.3f}, chars {p.start}-{p.end})")
        print(textwrap.indent(textwrap.fill(" ".join(p.text.split()), 100), "    "))
        print()
    return 0


def _served(args: argparse.Namespace, names: list[str]) -> list[Passage] | None:
    from app.core.search_socket import search_via_socket
    from app.core.storage.layout import chosen_data_dir

    return search_via_socket(
        chosen_data_dir(), names, args.query, k=args.k, document_ids=args.document, tags=args.tag
    )
