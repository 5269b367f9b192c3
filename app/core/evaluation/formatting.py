"""Reports as a terminal table and as Markdown, for one run or two compared.

Rates print as percentages, scores with three decimals and latencies in milliseconds; a metric
that does not apply prints as a dash. The same strings feed the GUI's table.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.evaluation.report import (
    LOWER_IS_BETTER,
    METRICS,
    Comparison,
    EvalReport,
    metric_kind,
    metric_label,
)

DASH = "–"


def format_value(key: str, value: float | None) -> str:
    if value is None:
        return DASH
    kind = metric_kind(key)
    if kind == "rate":
        return f"{value * 100:.1f}%"
    if kind == "ms":
        return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"
    return f"{value:.3f}"


def format_delta(key: str, delta: float | None) -> str:
    """Signed difference; rates move in percentage points."""
    if delta is None:
        return DASH
    kind = metric_kind(key)
    if kind == "rate":  # rounded first (and + 0.0), so a tie never prints as "-0.0"
        return f"{round(delta * 100, 1) + 0.0:+.1f} pt"
    if kind == "ms":
        return f"{round(delta):+d} ms"
    return f"{round(delta, 3) + 0.0:+.3f}"


def verdict(key: str, delta: float | None) -> str:
    """ "better", "worse" or "" (no change or no number) for a difference b - a."""
    if delta is None or abs(delta) < 1e-9:
        return ""
    better = delta < 0 if key in LOWER_IS_BETTER else delta > 0
    return "better" if better else "worse"


def summary_rows(report: EvalReport) -> list[tuple[str, str]]:
    """(label, formatted value) for the metrics this run has."""
    values = report.summary()
    return [
        (metric_label(key, report.k), format_value(key, values[key]))
        for key, _, _ in METRICS
        if values.get(key) is not None
    ]


def _heading(report: EvalReport) -> str:
    c = report.counts()
    parts = [f"{c['questions']} questions", f"{c['judged']} judged for retrieval"]
    if c["unanswerable"]:
        parts.append(f"{c['unanswerable']} unanswerable")
    if c["answered"]:
        parts.append(f"{c['answered']} answered")
    if c["errors"]:
        parts.append(f"{c['errors']} failed")
    return f"{report.label} on {report.collection!r}, k={report.k}: " + ", ".join(parts)


def _grid(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(w) if r else cell.ljust(w)
            for cell, w, r in zip(row, widths, right, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def kind_rows(report: EvalReport) -> list[tuple[str, str, str, str, str]]:
    """(kind, questions, hit@1, hit@k, MRR) for each kind of question in the run, then all."""
    parts = report.by_kind()
    if not parts:
        return []
    rows = []
    for kind, part in [*parts.items(), ("all", report)]:
        s = part.summary()
        rows.append(
            (
                kind,
                str(len(part.judged)),
                format_value("hit@1", s["hit@1"]),
                format_value("hit@k", s["hit@k"]),
                format_value("mrr", s["mrr"]),
            )
        )
    return rows


def text_table(report: EvalReport, show_missed: bool = True) -> str:
    lines = [_heading(report), ""]
    lines += _grid([("metric", "value"), *summary_rows(report)], (False, True))
    kinds = kind_rows(report)
    if kinds:
        head = ("kind", "questions", "hit@1", f"hit@{report.k}", f"MRR@{report.k}")
        lines += ["", *_grid([head, *kinds], (False, True, True, True, True))]
    if show_missed:
        lines += _missed_lines(report)
    return "\n".join(lines)


def _missed_lines(report: EvalReport) -> list[str]:
    missed = report.missed()
    errors = [r for r in report.results if r.error]
    lines: list[str] = []
    if missed:
        lines += ["", f"Not found in the top {report.k}:"]
        lines += [f"  {r.id}: {r.question}" for r in missed]
    if errors:
        lines += ["", "Failed:"]
        lines += [f"  {r.id}: {r.error}" for r in errors]
    return lines


def comparison_table(comparison: Comparison) -> str:
    a, b = comparison.a, comparison.b
    rows = [("metric", a.label, b.label, "difference", "")]
    for key, label, va, vb, delta in comparison.rows():
        rows.append(
            (
                label,
                format_value(key, va),
                format_value(key, vb),
                format_delta(key, delta),
                verdict(key, delta),
            )
        )
    lines = [
        f"{a.label}  vs  {b.label}  on {a.collection!r}, k={a.k}, "
        f"{a.counts()['questions']} questions",
        "",
    ]
    lines += _grid(rows, (False, True, True, True, False))
    lines += _kind_comparison(comparison)
    gained, lost = comparison.flipped()
    if gained:
        lines += ["", f"Found only by {b.label}: {', '.join(gained)}"]
    if lost:
        lines += ["", f"Found only by {a.label}: {', '.join(lost)}"]
    return "\n".join(lines)


def _kind_comparison(comparison: Comparison) -> list[str]:
    """Per kind of question, hit@1 / hit@k / MRR of each side, so a win on one kind cannot
    hide a loss on another."""
    a, b = comparison.a.by_kind(), comparison.b.by_kind()
    if not a:
        return []
    k = comparison.a.k
    head = ("kind", f"{comparison.a.label} hit@1/{k}/MRR", f"{comparison.b.label} hit@1/{k}/MRR")
    rows = [head]
    for kind in a:
        cells = [kind]
        for side in (a.get(kind), b.get(kind)):
            s = side.summary() if side is not None else {}
            cells.append(" / ".join(format_value(m, s.get(m)) for m in ("hit@1", "hit@k", "mrr")))
        rows.append((cells[0], cells[1], cells[2]))
    return ["", *_grid(rows, (False, True, True))]


def _md_table(rows: Sequence[Sequence[str]], right: Sequence[bool]) -> list[str]:
    head, *body = rows
    align = ["---:" if r else ":---" for r in right]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in body]
    return lines


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(report: EvalReport) -> str:
    lines = [f"# Evaluation: {report.label}", "", _heading(report) + ".", ""]
    lines += _md_table([("Metric", "Value"), *summary_rows(report)], (False, True))
    if report.settings:
        lines += ["", "## Settings", ""]
        lines += [f"- {key}: `{value}`" for key, value in report.settings.items()]
    lines += ["", "## Questions", ""]
    rows = [("Id", "Question", "First relevant rank", "Answer")]
    for r in report.results:
        rank = DASH if not r.judged else str(r.first_rank or f"> {report.k}")
        answer = DASH if r.answer is None else " ".join(r.answer.split())[:120]
        rows.append((r.id, r.question, rank, r.error or answer))
    lines += _md_table(rows, (False, False, True, False))
    return "\n".join(lines) + "\n"


def comparison_markdown(comparison: Comparison) -> str:
    a, b = comparison.a, comparison.b
    lines = [f"# Evaluation: {a.label} vs {b.label}", "", _heading(a) + ".", ""]
    rows = [("Metric", a.label, b.label, "Difference")]
    for key, label, va, vb, delta in comparison.rows():
        rows.append((label, format_value(key, va), format_value(key, vb), format_delta(key, delta)))
    lines += _md_table(rows, (False, True, True, True))
    gained, lost = comparison.flipped()
    if gained or lost:
        lines += [""]
        if gained:
            lines.append(f"- Found only by {b.label}: {', '.join(gained)}")
        if lost:
            lines.append(f"- Found only by {a.label}: {', '.join(lost)}")
    return "\n".join(lines) + "\n"
