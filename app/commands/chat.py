"""`pagefold ask`, `summarize`, `translate` and `conversations ...`.

Answers stream to stdout as they are written; progress goes to stderr so the answer can be piped.
Every turn is kept in a conversation (a new one unless ``--conversation N`` is given), and its
id is printed to stderr. Without a model (no ``--model`` and none in the settings) ``ask``
prints the best passages, labelled as passages. ``--json`` prints one object (see
``Answer.to_json``) once the answer is done.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.commands.context import CommandContext
from app.core.errors import NotFoundError, PagefoldError
from app.core.retrieval.query import check_query

if TYPE_CHECKING:
    from app.core.chat.events import Answer, ChatEvent
    from app.core.chat.service import ChatService
    from app.core.storage.conversations import ConversationStore


def register(sub: Any) -> None:
    _register_ask(sub)
    _register_summarize(sub)
    _register_translate(sub)
    _register_conversations(sub)


# -- parsers ---------------------------------------------------------------------------------


def _model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="a model folder, a .gguf file or an installed model id")
    p.add_argument("--max-new-tokens", type=int, help="longest answer, in tokens")
    p.add_argument("--json", action="store_true", help="print the finished answer as JSON")


def _conversation_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--conversation", type=int, help="continue this conversation (its id)")


def _register_ask(sub: Any) -> None:
    p = sub.add_parser("ask", help="answer a question from a collection, citing pages")
    p.add_argument("collection", nargs="?", help="collection name (comma-separated for several)")
    p.add_argument("question", nargs="?")
    p.add_argument(
        "--no-documents",
        action="store_true",
        help='chat with the model alone: `pagefold ask --no-documents "QUESTION"`',
    )
    _conversation_option(p)
    p.add_argument("--document", type=int, action="append", help="limit to a document id")
    p.add_argument("--no-model", action="store_true", help="passages only, even with a model set")
    _model_options(p)
    p.set_defaults(handler=_ask)


def _register_summarize(sub: Any) -> None:
    p = sub.add_parser("summarize", help="summarize a whole document with page citations")
    p.add_argument("collection")
    p.add_argument("document", help="document id, file name or title")
    _conversation_option(p)
    _model_options(p)
    p.set_defaults(handler=_summarize)


def _register_translate(sub: Any) -> None:
    p = sub.add_parser("translate", help="translate text or a whole document (Korean ↔ English)")
    p.add_argument("collection", nargs="?", help="collection of the document to translate")
    p.add_argument("document", nargs="?", help="document id, file name or title")
    p.add_argument("--text", help="translate this text instead of a document ('-' reads stdin)")
    p.add_argument("--to", choices=["ko", "en"], help="target language (default: the other one)")
    _conversation_option(p)
    _model_options(p)
    p.set_defaults(handler=_translate)


def _register_conversations(sub: Any) -> None:
    p = sub.add_parser("conversations", help="list, show, rename, delete, search, export, import")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="most recent first")
    listing.add_argument("--collection", help="only conversations over this collection")
    listing.add_argument("--json", action="store_true")
    show = actions.add_parser("show", help="print a conversation with its sources")
    show.add_argument("id", type=int)
    rename = actions.add_parser("rename", help="give a conversation a new title")
    rename.add_argument("id", type=int)
    rename.add_argument("title")
    delete = actions.add_parser("delete", help="delete a conversation and its messages")
    delete.add_argument("id", type=int)
    search = actions.add_parser("search", help="conversations whose title or messages contain TEXT")
    search.add_argument("text")
    search.add_argument("--json", action="store_true")
    export = actions.add_parser("export", help="write a conversation as Markdown or JSON")
    export.add_argument("id", type=int)
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    export.add_argument(
        "--json",
        action="store_true",
        help="JSON with every source and model detail (default when OUTPUT ends in .json)",
    )
    imported = actions.add_parser("import", help="add a conversation exported as JSON")
    imported.add_argument("file", type=Path)
    p.set_defaults(handler=_conversations)


# -- handlers --------------------------------------------------------------------------------


def _ask(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.no_documents and args.question is None:
        args.collection, args.question = None, args.collection
    if args.question is None:
        return ctx.fail(
            'Give a collection and a question, or --no-documents "QUESTION" to chat '
            "with the model alone."
        )
    names = [n.strip() for n in (args.collection or "").split(",") if n.strip()]
    try:
        check_query(args.question)  # before the model loads: a 100 KB question cost 80 s
        service = _service(args, ctx, allow_search_only=not args.no_documents)
        if args.no_documents:
            events = service.chat(args.question, args.conversation)
        else:
            events = service.ask(
                args.question, names, args.conversation, document_ids=args.document
            )
        answer = _print_events(events, args.json)
    except PagefoldError as exc:
        return ctx.fail(exc)
    if answer is None:
        return 1
    if not args.json:
        _print_sources(answer)
        _print_continuation(answer)
    return 0


def _summarize(args: argparse.Namespace, ctx: CommandContext) -> int:
    try:
        service = _service(args, ctx)
        document_id = _document_id(ctx, args.collection, args.document)
        events = service.summarize(args.collection, document_id, conversation_id=args.conversation)
        answer = _print_events(events, args.json)
    except PagefoldError as exc:
        return ctx.fail(exc)
    if answer is not None and not args.json:
        _print_sources(answer)
        _print_continuation(answer)
    return 0 if answer is not None else 1


def _translate(args: argparse.Namespace, ctx: CommandContext) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    if text is None and not (args.collection and args.document):
        return ctx.fail("Give --text TEXT, or a collection and a document to translate.")
    try:
        service = _service(args, ctx)
        if text is not None:
            events = service.translate(
                text, target_language=args.to, conversation_id=args.conversation
            )
        else:
            document_id = _document_id(ctx, args.collection, args.document)
            events = service.translate(
                collection=args.collection,
                document_id=document_id,
                target_language=args.to,
                conversation_id=args.conversation,
            )
        answer = _print_events(events, args.json)
    except PagefoldError as exc:
        return ctx.fail(exc)
    if answer is not None and not args.json:
        _print_continuation(answer)
    return 0 if answer is not None else 1


def _conversations(args: argparse.Namespace, ctx: CommandContext) -> int:
    store = ctx.conversations
    try:
        if args.action in ("list", "search"):
            found = (
                store.list(args.collection) if args.action == "list" else store.search(args.text)
            )
            _print_conversations(found, args.json)
        elif args.action == "show":
            print(store.export_markdown(args.id), end="")
        elif args.action == "rename":
            print(f"Renamed to: {store.rename(args.id, args.title).title}")
        elif args.action == "delete":
            store.delete(args.id)
            print(f"Deleted conversation {args.id}.")
        elif args.action == "export":
            _export(store, args.id, args.output, args.json)
        elif args.action == "import":
            from app.core.chat.transcript import read_json

            new_id = read_json(store, args.file)
            print(f"Imported as conversation {new_id}: {store.get(new_id).title}")
    except PagefoldError as exc:
        return ctx.fail(exc)
    return 0


# -- helpers ---------------------------------------------------------------------------------


def _service(
    args: argparse.Namespace, ctx: CommandContext, allow_search_only: bool = False
) -> ChatService:
    settings = ctx.settings
    if args.max_new_tokens:
        settings.generation.max_new_tokens = args.max_new_tokens
    backend = None
    if not getattr(args, "no_model", False):
        if args.model or settings.generation.model or settings.network.use_remote:
            print("Loading the model…", file=sys.stderr)
        backend = ctx.session.backend(args.model)
    if backend is None and not allow_search_only:
        raise PagefoldError(
            "This needs a language model: pass --model PATH or set one in settings."
        )
    return ctx.session.chat(backend)


def _document_id(ctx: CommandContext, collection: str, document: str) -> int:
    """A document by id, file name or title within the collection."""
    documents = ctx.library.documents(collection)
    if document.isdigit() and any(d.id == int(document) for d in documents):
        return int(document)
    wanted = document.casefold()
    for doc in documents:
        if wanted in (Path(doc.path).name.casefold(), doc.title.casefold(), doc.path.casefold()):
            return doc.id
    raise NotFoundError(f'No document "{document}" in collection {collection}.')


def _print_events(events: Iterator[ChatEvent], as_json: bool) -> Answer | None:
    """Stream tokens to stdout (unless JSON); return the answer, or None after an error."""
    from app.core.chat.events import DoneEvent, ErrorEvent, StatusEvent, TokenEvent

    for event in events:
        if isinstance(event, StatusEvent):
            print(event.text, file=sys.stderr, flush=True)
        elif isinstance(event, TokenEvent) and not as_json:
            print(event.text, end="", flush=True)
        elif isinstance(event, ErrorEvent):
            print(f"\npagefold: {event.message}", file=sys.stderr)
            return None
        elif isinstance(event, DoneEvent):
            if as_json:
                print(json.dumps(event.answer.to_json(), ensure_ascii=False, indent=2))
            else:
                print()
            return event.answer
    return None


def _print_continuation(answer: Answer) -> None:
    """Every turn is kept in a conversation: say which, and how to go on with it."""
    print(
        f"\n(conversation {answer.conversation_id}: continue with "
        f"--conversation {answer.conversation_id})",
        file=sys.stderr,
    )


def _print_sources(answer: Answer) -> None:
    numbers = answer.cited if answer.mode != "passages" else list(range(1, len(answer.sources) + 1))
    if answer.attributed:
        marks = ", ".join(f"[{n}]" for n in answer.cited)
        print(f"(the model gave no citations; Pagefold matched its sentences to {marks})")
    if answer.stopped:
        print("(stopped)")
    if not numbers and answer.mode == "answer" and answer.sources and not answer.refused:
        # A small model may write an answer no sentence of which matches a passage: say so,
        # and show what was searched, rather than print an answer that looks sourced.
        print(
            "\n(No sentence of this answer matches the passages found, so it cites none: "
            "check it against them before you rely on it.)"
        )
        numbers = list(range(1, min(len(answer.sources), 5) + 1))
    if not numbers and answer.mode == "summary" and answer.sources and not answer.stopped:
        _print_uncited_summary(answer)
        return
    if not numbers:
        return
    print("\nSources:")
    for number in numbers:
        passage = answer.sources[number - 1]
        page = f", p. {passage.page}" if passage.page > 0 else ""
        print(f"[{number}] {passage.title or Path(passage.path).name}{page}")


def _print_uncited_summary(answer: Answer) -> None:
    """A summary no sentence of which matches the document (a small model may write one):
    say so, and name the pages it was written from, rather than print it as if it were sourced."""
    first = answer.sources[0]
    pages = sorted({p.page for p in answer.sources if p.page > 0})
    span = f", p. {pages[0]}" if len(pages) == 1 else ""
    if len(pages) > 1:
        span = f", pp. {pages[0]}–{pages[-1]}"
    print(
        "\n(No sentence of this summary matches the document, so it cites no page: "
        "check it against the document before you rely on it.)"
    )
    print(f"\nSummarized:\n{first.title or Path(first.path).name}{span}")


def _print_conversations(found: list[Any], as_json: bool) -> None:
    if as_json:
        rows = [
            {
                "id": c.id,
                "title": c.title,
                "collections": c.collections,
                "messages": c.message_count,
                "updated_at": c.updated_at,
            }
            for c in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not found:
        print("No conversations.")
    for c in found:
        print(f"{c.id:>5}  {c.title}  ({', '.join(c.collections)}; {c.message_count} messages)")


def _export(
    store: ConversationStore, conversation_id: int, output: Path | None, as_json: bool
) -> None:
    if as_json or (output is not None and output.suffix.lower() == ".json"):
        from app.core.chat.transcript import export_json

        text = json.dumps(export_json(store, conversation_id), ensure_ascii=False, indent=2)
        markdown = text + "\n"
    else:
        markdown = store.export_markdown(conversation_id)
    if output is None:
        print(markdown, end="")
        return
    output.write_text(markdown, encoding="utf-8")
    print(f"Wrote {output}")
