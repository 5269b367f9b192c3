"""`pagefold eval COLLECTION QUESTIONS.jsonl`: how often search finds the answer, and how well
a model answers, on the user's own documents.

``--example`` runs the bundled example set (indexed into a collection of its own first).
``--compare SETTING`` runs a second setting on the same questions and prints the difference;
``--json`` and ``--markdown`` write the reports (the JSON's shape is ``EvalReport.to_json`` or,
with ``--compare``, ``Comparison.to_json``; both carry ``"version": 1``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError

if TYPE_CHECKING:
    from app.core.evaluation.answers import Answerer
    from app.core.evaluation.report import Comparison, EvalReport
    from app.core.evaluation.runner import EvalProgress
    from app.core.evaluation.session import EvalRequest

DESCRIPTION = """\
Measure how often search finds the passage that answers each question (hit@k, MRR, nDCG)
and, with a model, how well it answers (contains / token F1, citations, refusals, latency).

  pagefold eval --example                              the bundled example set
  pagefold eval docs q.jsonl --json r.json --markdown r.md  reports to files
  pagefold eval docs q.jsonl --compare dense           hybrid against dense-only
  pagefold eval docs q.jsonl --compare recipe          against the LangChain recipe
  pagefold eval benchmarks/evalset/questions.jsonl --split test
                                                       questions that name their collections

Each line of QUESTIONS.jsonl is a JSON object with "q" and any of "answer" (text the
answering passage contains), "reference" (a full reference answer), "doc" (file name),
"page" (1-based, or a list), "unanswerable": true, "kind" (results are broken down by it),
"collection" (the collection it is asked of) and "split" ("tune" or "test").
"""

COMPARE_HELP = (
    "also run another setting on the same questions and print the difference: dense, lexical, "
    "reranker, recipe (the usual LangChain recipe), chunks=N[,M], embedding=MODEL[,MODEL]"
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help="measure retrieval (and answers, with a model) on a questions file",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("collection", nargs="?", help="collection to evaluate")
    p.add_argument(
        "questions",
        nargs="?",
        type=Path,
        metavar="QUESTIONS.jsonl",
        help='one JSON object a line: "q" and any of "answer", "reference", "doc", '
        '"page", "unanswerable"',
    )
    p.add_argument(
        "--example",
        action="store_true",
        help="use the bundled Korean + English example set (indexes it first)",
    )
    p.add_argument("-k", "--k", type=int, default=None, help="passages per question (default 5)")
    p.add_argument(
        "--mode",
        choices=("hybrid", "dense", "lexical"),
        default="hybrid",
        help="search mode to evaluate (default: hybrid, as the app searches)",
    )
    p.add_argument("--model", help="answer with this model (folder or .gguf) and judge answers")
    p.add_argument(
        "--retrieval-only",
        action="store_true",
        help="do not answer, even when settings name a model",
    )
    p.add_argument(
        "--split",
        choices=("tune", "test"),
        help='only the questions whose "split" is this (tune on one half, report the other)',
    )
    p.add_argument("--compare", metavar="SETTING", help=COMPARE_HELP)
    p.add_argument("--json", type=Path, metavar="OUT.json", help="write the report as JSON")
    p.add_argument("--markdown", type=Path, metavar="OUT.md", help="write the report as Markdown")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.set_defaults(handler=_evaluate)


def _evaluate(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.evaluation.runner import run_to_end
    from app.core.evaluation.session import evaluate_collection

    try:
        request = _request(args, ctx)
        with contextlib.ExitStack() as stack:
            answerer = None if request.compare else _answerer(args, ctx, request.collection, stack)
            if request.compare and args.model:
                print(
                    "pagefold: --compare measures retrieval; --model is ignored.", file=sys.stderr
                )
            job = evaluate_collection(ctx.library, request, answerer)
            result = run_to_end(job, None if args.quiet else ProgressLine())
    except PagefoldError as exc:
        return ctx.fail(exc)
    return _output(args, result)


def _request(args: argparse.Namespace, ctx: CommandContext) -> EvalRequest:
    from app.core.evaluation.session import EvalRequest

    k = args.k or ctx.settings.retrieval.k
    compare = args.compare or ""
    if args.example:
        example = EvalRequest.bundled_example(k, compare)
        return EvalRequest(
            args.collection or example.collection,
            args.questions or example.questions,
            k,
            args.mode,
            compare,
            example=True,
        )
    split = args.split or ""
    if args.collection and not args.questions and args.collection.endswith(".jsonl"):
        args.collection, args.questions = "", Path(args.collection)  # questions name collections
    if not args.questions:
        raise PagefoldError(
            "Name a collection and a questions file (pagefold eval COLLECTION QUESTIONS.jsonl), "
            "or run the bundled example with: pagefold eval --example"
        )
    return EvalRequest(args.collection or "", args.questions, k, args.mode, compare, split=split)


def _answerer(
    args: argparse.Namespace, ctx: CommandContext, collection: str, stack: contextlib.ExitStack
) -> Answerer | None:
    model = args.model or ("" if args.retrieval_only else ctx.settings.generation.model)
    if not model:
        return None
    from app.core.evaluation.chat import open_chat_answerer

    if not args.quiet:
        print(f"Loading {model} …", file=sys.stderr)
    return open_chat_answerer(ctx.library, model, collection, stack)


def _output(args: argparse.Namespace, result: EvalReport | Comparison) -> int:
    from app.core.evaluation import formatting
    from app.core.evaluation.report import Comparison

    if isinstance(result, Comparison):
        print(formatting.comparison_table(result))
        markdown = formatting.comparison_markdown(result)
    else:
        print(formatting.text_table(result))
        markdown = formatting.markdown(result)
    try:
        if args.json:
            text = json.dumps(result.to_json(), ensure_ascii=False, indent=2)
            args.json.write_text(text + "\n", encoding="utf-8")
            print(f"JSON report: {args.json}")
        if args.markdown:
            args.markdown.write_text(markdown, encoding="utf-8")
            print(f"Markdown report: {args.markdown}")
    except OSError as exc:
        return CommandContext.fail(f"Cannot write the report: {exc}")
    return 0


class ProgressLine:
    """``label  12/25 questions`` on one terminal line; a line every few seconds otherwise."""

    def __init__(self, stream: Any = None) -> None:
        self.out = stream or sys.stderr
        self.tty = bool(getattr(self.out, "isatty", lambda: False)())
        self.last = 0.0

    def __call__(self, event: EvalProgress) -> None:
        now = time.monotonic()
        final = event.phase == "done"
        if not final and now - self.last < (0.1 if self.tty else 5.0):
            return
        self.last = now
        if event.phase == "indexing":
            line = f"{event.label}: indexing {event.fraction * 100:3.0f}%  {event.message[:50]}"
        else:
            line = f"{event.label}: {event.done}/{event.total} questions"
        if self.tty:
            self.out.write("\r" + line.ljust(90) + ("\n" if final else ""))
        else:
            self.out.write(line + "\n")
        self.out.flush()
