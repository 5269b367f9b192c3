"""`pagefold ingest COLLECTION PATH...`: index files and folders, with a progress bar."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.commands.context import CommandContext
from app.commands.stopping import EXIT_TERMINATED, stop_on_signals
from app.core.cancel import CancelToken
from app.core.errors import PagefoldError
from app.core.indexing.events import FileStatus, IngestProgress, IngestReport


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ingest", help="index files and folders into a collection (created if missing)"
    )
    p.add_argument("collection")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="only files matching this pattern inside folders (repeatable), e.g. '*.pdf'",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="also index files that links inside the folders point to outside them",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="index files longer than the indexing.max_text_chars setting too",
    )
    p.set_defaults(handler=_ingest)


def _ingest(args: argparse.Namespace, ctx: CommandContext) -> int:
    progress = None if args.quiet else progress_printer()
    if args.follow_links:
        ctx.settings.indexing.follow_outside_links = True
    cancel = CancelToken()
    with stop_on_signals(cancel) as stopped:
        try:
            report = ctx.library.ingest(
                args.collection,
                args.paths,
                args.include,
                progress=progress,
                cancel=cancel,
                force=args.force,
            )
            if report.chunks and not report.cancelled and not stopped.is_set():
                # As the window does: the keyword index and the word bridge are built now,
                # not by the first question (seconds on a large collection).
                ctx.library.prepare_search(args.collection)
        except PagefoldError as exc:
            return ctx.fail(exc)
    code = print_report(report)
    if stopped.is_set():
        print(
            "Stopped by a signal: the files listed as indexed are kept; run the same command "
            "again to index the rest.",
            file=sys.stderr,
        )
        return EXIT_TERMINATED
    return code


def progress_printer(stream: Any = None) -> Callable[[IngestProgress], None]:
    """A one-line progress bar on a terminal; occasional lines otherwise."""
    out = stream or sys.stderr
    tty = getattr(out, "isatty", lambda: False)()
    last = [0.0]

    def show(p: IngestProgress) -> None:
        now = time.monotonic()
        if p.phase != "done" and now - last[0] < (0.1 if tty else 5.0):
            return
        last[0] = now
        filled = int(p.fraction * 30)
        bar = "#" * filled + "-" * (30 - filled)
        line = (
            f"[{bar}] {p.files_done}/{p.files_total} files  {p.chunks_done} passages  "
            f"{p.current[:40]}"
        )
        if tty:
            out.write("\r" + line.ljust(110))
            if p.phase == "done":
                out.write("\n")
        else:
            out.write(line + "\n")
        out.flush()

    return show


def print_report(report: IngestReport) -> int:
    """Per-file summary; exit code 1 when any file failed or was refused as too long, so
    scripts notice."""
    marks = {
        FileStatus.INDEXED: "indexed",
        FileStatus.UNCHANGED: "unchanged",
        FileStatus.DUPLICATE: "duplicate",
        FileStatus.FAILED: "FAILED",
        FileStatus.REMOVED: "removed",
        FileStatus.CANCELLED: "cancelled",
        FileStatus.SKIPPED: "skipped",
    }
    for r in report.results:
        if r.status == FileStatus.UNCHANGED:
            continue
        detail = f" - {r.message}" if r.message else ""
        size = f" ({r.pages} pages, {r.chunks} passages)" if r.status == FileStatus.INDEXED else ""
        print(f"{marks.get(r.status, r.status):>9}  {r.path}{size}{detail}")
    counts = (
        ", ".join(f"{report.count(s)} {marks[s]}" for s in marks if report.count(s))
        or "nothing to do"
    )
    print(f"{report.collection}: {counts} in {report.seconds:.1f} s.")
    refused = any(r.error_kind == "too_long" for r in report.results)
    return 1 if report.failed or refused else 0
