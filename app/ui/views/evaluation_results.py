"""The evaluation dialog's results: a metrics table, a bar chart, and the report as text.

Split from ``evaluate_dialog`` (issue 18: no UI module over 400 lines): the dialog runs the
evaluation, this module only renders a finished ``EvalReport`` or ``Comparison``.

Why QPainter for the chart: QtCharts lives in PySide6-Addons, which Pagefold does not depend on
(the Essentials wheel is a third of the size); a few bars need no chart library.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme

CHART_METRICS = ("hit@1", "hit@3", "hit@k", "mrr", "ndcg")


class MetricsChart(QWidget):
    """Grouped bars, one group per metric (all between 0 and 1), one colour per setting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._labels: list[str] = []
        self._series: list[tuple[str, list[float | None]]] = []

    def set_data(
        self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]
    ) -> None:
        self._labels = list(labels)
        self._series = [(name, list(values)) for name, values in series]
        self.setAccessibleDescription(self.describe())
        self.update()

    @property
    def series(self) -> list[tuple[str, list[float | None]]]:
        return list(self._series)

    def describe(self) -> str:
        """The chart in words, for screen readers and tooltips."""
        parts = []
        for name, values in self._series:
            cells = ", ".join(
                f"{label} {value:.2f}"
                for label, value in zip(self._labels, values, strict=True)
                if value is not None
            )
            parts.append(f"{name}: {cells}")
        return "; ".join(parts)

    def sizeHint(self) -> QSize:
        return QSize(460, 170)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._series or not self._labels:
            return
        tokens = theme.current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        legend_h = painter.fontMetrics().height() + 6
        label_h = painter.fontMetrics().height() + 4
        plot = QRectF(8, legend_h, self.width() - 16, self.height() - legend_h - label_h - 4)
        self._grid(painter, plot, QColor(tokens.border))
        colours = [QColor(tokens.accent), QColor(tokens.success), QColor(tokens.muted)]
        self._bars(painter, plot, colours, QColor(tokens.text))
        self._legend(painter, colours, QColor(tokens.text))
        painter.end()

    def _grid(self, painter: QPainter, plot: QRectF, colour: QColor) -> None:
        painter.setPen(QPen(colour, 1))
        for step in range(5):
            y = plot.bottom() - plot.height() * step / 4
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))

    def _bars(self, painter: QPainter, plot: QRectF, colours: list[QColor], text: QColor) -> None:
        group_w = plot.width() / len(self._labels)
        bar_w = group_w * 0.7 / len(self._series)
        for g, label in enumerate(self._labels):
            left = plot.left() + g * group_w + group_w * 0.15
            for s, (_, values) in enumerate(self._series):
                value = values[g]
                if value is None:
                    continue
                height = plot.height() * max(0.0, min(1.0, value))
                rect = QRectF(left + s * bar_w, plot.bottom() - height, bar_w - 2, height)
                painter.fillRect(rect, colours[s % len(colours)])
            painter.setPen(text)
            painter.drawText(
                QRectF(plot.left() + g * group_w, plot.bottom() + 2, group_w, 20),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                label,
            )

    def _legend(self, painter: QPainter, colours: list[QColor], text: QColor) -> None:
        x = 8
        metrics = painter.fontMetrics()
        for s, (name, _) in enumerate(self._series):
            painter.fillRect(QRectF(x, 4, 10, 10), colours[s % len(colours)])
            painter.setPen(text)
            painter.drawText(x + 14, 4 + metrics.ascent() - 1, name)
            x += 14 + metrics.horizontalAdvance(name) + 16


class ResultsPanel(QWidget):
    """The table of metrics (one column per run, and their difference) above the chart."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chart = MetricsChart(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chart)

    def show_result(self, result: Any) -> None:
        """Fill the table and the chart from an ``EvalReport`` or a ``Comparison``."""
        from app.core.evaluation.formatting import format_delta, format_value
        from app.core.evaluation.report import Comparison, metric_label

        if isinstance(result, Comparison):
            reports = [result.a, result.b]
            headers = [self.tr("Metric"), result.a.label, result.b.label, self.tr("Difference")]
            rows = [
                [label, format_value(key, a), format_value(key, b), format_delta(key, d)]
                for key, label, a, b, d in result.rows()
            ]
        else:
            reports = [result]
            summary = result.summary()
            headers = [self.tr("Metric"), result.label]
            rows = [
                [metric_label(key, result.k), format_value(key, value)]
                for key, value in summary.items()
                if value is not None
            ]
        self._fill_table(headers, rows)
        k = reports[0].k
        self.chart.set_data(
            [metric_label(m, k) for m in CHART_METRICS],
            [(r.label, [r.summary()[m] for m in CHART_METRICS]) for r in reports],
        )

    def _fill_table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)

    def summary_text(self, result: Any) -> str:
        """One line under the progress bar: how many questions, how long."""
        from app.core.evaluation.report import Comparison

        reports = [result.a, result.b] if isinstance(result, Comparison) else [result]
        counts = reports[0].counts()
        text = self.tr("%1 questions, %2 judged for search, in %3 s.")
        text = text.replace("%1", str(counts["questions"])).replace("%2", str(counts["judged"]))
        return text.replace("%3", f"{sum(r.seconds for r in reports):.1f}")


def report_text(result: Any, json_format: bool) -> str:
    """The saved report: the same Markdown or JSON that ``pagefold eval`` writes."""
    from app.core.evaluation import formatting
    from app.core.evaluation.report import Comparison

    if json_format:
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    if isinstance(result, Comparison):
        return formatting.comparison_markdown(result)
    return formatting.markdown(result)
