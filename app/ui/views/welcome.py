"""First run: what Pagefold does, this computer's hardware, a recommended model, and a way in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ui import theme
from app.ui.icons import app_icon, icon, set_icon

GB = 1024**3


def _card(parent: QWidget, name: str = "Card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 16, 18, 16)
    layout.setSpacing(6)
    return frame, layout


def gpu_build_advice() -> str:
    """For a CPU-only build on a machine with an NVIDIA card (the model manager shows it too)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(
        "WelcomePage",
        "This computer has an NVIDIA graphics card, but this Pagefold build uses only the CPU. "
        "Install the CUDA build (pagefold-cuda on Linux, the -cuda download on Windows) to "
        "answer several times faster on the GPU.",
    )


class WelcomePage(QScrollArea):
    """Shown on first run (and from Help › Welcome); nothing here blocks on core."""

    start_search_only = Signal()
    open_model_manager = Signal()
    add_documents = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._hardware: Any = None
        self._recommended: Any = None
        self._checked = False
        host = QWidget(self)
        host.setObjectName("WelcomeHost")
        self.setWidget(host)
        column = QWidget(host)
        column.setMaximumWidth(760)
        outer = QHBoxLayout(host)
        outer.addStretch(1)
        outer.addWidget(column, 10)
        outer.addStretch(1)
        self._build(column)
        self.retranslate()

    def _build(self, column: QWidget) -> None:
        self.logo = QLabel(column)
        self.logo.setPixmap(app_icon().pixmap(64, 64))
        self.headline = QLabel(column)
        self.headline.setObjectName("WelcomeHeadline")
        self.intro = QLabel(column)
        self.intro.setObjectName("WelcomeIntro")
        self.intro.setWordWrap(True)
        self.features: list[tuple[QLabel, QLabel]] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for i, name in enumerate(("file", "chat", "book")):
            card, layout = _card(column, "FeatureCard")
            badge = QLabel(card)
            badge.setPixmap(icon(name, theme.current().accent).pixmap(22, 22))
            title, body = QLabel(card), QLabel(card)
            title.setObjectName("CardTitle")
            body.setObjectName("Muted")
            body.setWordWrap(True)
            layout.addWidget(badge)
            layout.addWidget(title)
            layout.addWidget(body)
            layout.addStretch(1)
            self.features.append((title, body))
            grid.addWidget(card, 0, i)
        self.machine_card, machine = _card(column)
        self.machine_title = QLabel(self.machine_card)
        self.machine_title.setObjectName("CardTitle")
        self.machine_text = QLabel(self.machine_card)
        self.machine_text.setWordWrap(True)
        self.model_text = QLabel(self.machine_card)
        self.model_text.setWordWrap(True)
        self.model_text.setObjectName("Muted")
        self.model_button = QPushButton(self.machine_card)
        set_icon(self.model_button, "download")
        self.model_button.clicked.connect(self.open_model_manager)
        machine.addWidget(self.machine_title)
        machine.addWidget(self.machine_text)
        machine.addWidget(self.model_text)
        row = QHBoxLayout()
        row.addWidget(self.model_button)
        row.addStretch(1)
        machine.addLayout(row)
        self.start_button = QPushButton(column)
        self.start_button.setProperty("primary", True)
        self.start_button.clicked.connect(self.start_search_only)
        self.add_button = QPushButton(column)
        set_icon(self.add_button, "plus")
        self.add_button.clicked.connect(self.add_documents)
        self.start_note = QLabel(column)
        self.start_note.setObjectName("Muted")
        self.start_note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(8, 40, 8, 40)
        layout.setSpacing(14)
        layout.addWidget(self.logo)
        layout.addWidget(self.headline)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addWidget(self.machine_card)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addWidget(self.start_note)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.headline.setText(self.tr("Welcome to Pagefold"))
        self.intro.setText(
            self.tr(
                "Chat with your own documents, privately. Pagefold reads your PDFs and notes, "
                "finds the passages that answer your question and cites the exact page, all on "
                "this computer. Nothing is sent anywhere."
            )
        )
        texts = [
            (
                self.tr("Drop in documents"),
                self.tr("PDF, Word, Markdown, text and HTML files or whole folders."),
            ),
            (
                self.tr("Ask in Korean or English"),
                self.tr("Answers come in the language of your question."),
            ),
            (
                self.tr("Check every claim"),
                self.tr("Click a [n] to open the page with the passage highlighted."),
            ),
        ]
        for (title, body), (t, b) in zip(self.features, texts, strict=True):
            title.setText(t)
            body.setText(b)
        self.machine_title.setText(self.tr("Your computer"))
        self.model_button.setText(self.tr("Get a model…"))
        self.start_button.setText(self.tr("Start in search-only mode"))
        self.start_button.setAccessibleName(self.tr("Start in search-only mode"))
        self.add_button.setText(self.tr("Add documents…"))
        self.start_note.setText(
            self.tr(
                "Search-only mode answers with the best passages and their pages; add a model any "
                "time from the model picker to get written answers."
            )
        )
        self._show_machine()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self, services: Any, hub: Any) -> None:
        """Detect hardware and pick a recommendation in a worker."""

        def look() -> tuple[Any, Any]:
            api = services.models()
            return api.hardware(), api.recommended()

        hub.call("io", look, on_result=self._on_machine, on_error=self._on_machine_error)

    def refresh_models(self, _models: list[Any]) -> None:
        """Hook for when models change (nothing to redo yet: the recommendation stands)."""

    def _on_machine(self, result: tuple[Any, Any]) -> None:
        self._hardware, self._recommended = result
        self._checked = True
        self._show_machine()

    def _on_machine_error(self, _error: BaseException) -> None:
        self._checked = True
        self._show_machine()

    def _show_machine(self) -> None:
        hw, fit = self._hardware, self._recommended
        if not self._checked:
            self.machine_text.setText(self.tr("Looking at this computer…"))
            self.model_text.setText("")
            return
        if hw is None:
            self.machine_text.setText(self.tr("The hardware could not be detected."))
        elif hw.backend == "cuda":
            self.machine_text.setText(
                self.tr("%1 with %2 GB of video memory, %3 GB of RAM.")
                .replace("%1", hw.gpu_name or "GPU")
                .replace("%2", f"{hw.vram_bytes / GB:.0f}")
                .replace("%3", f"{hw.ram_bytes / GB:.0f}")
            )
        elif hw.backend == "mps":
            self.machine_text.setText(
                self.tr("Apple silicon with %1 GB of unified memory.").replace(
                    "%1", f"{hw.ram_bytes / GB:.0f}"
                )
            )
        else:
            text = self.tr(
                "No usable GPU; %1 GB of RAM. Small models run on the CPU, slowly."
            ).replace("%1", f"{hw.ram_bytes / GB:.0f}")
            if getattr(hw, "nvidia_without_cuda", False):
                text += "\n" + gpu_build_advice()
            self.machine_text.setText(text)
        if fit is None:
            self.model_text.setText(
                self.tr(
                    "No catalog model fits this computer well; search-only mode works everywhere."
                )
            )
        else:
            entry = fit.entry
            where = self.tr("on the CPU") if fit.precision == "cpu" else fit.precision
            reason = str(fit.reason)
            self.model_text.setText(
                self.tr("Recommended: %1 (%2, about %3 GB)")
                .replace("%1", entry.name)
                .replace("%2", where)
                .replace("%3", f"{fit.need_gb:.1f}")
                + "\n"
                + reason[:1].upper()
                + reason[1:]
            )
        self.model_text.setTextFormat(Qt.TextFormat.PlainText)
