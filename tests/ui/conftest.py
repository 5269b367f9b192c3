"""Fixtures for window tests: fakes of core services, a window factory, strict Qt logging."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.storage.passage import Passage
from tests.ui.fakes import (
    FakeChatService,
    FakeConversationStore,
    FakeLibrary,
    FakeModelApi,
)

# Qt messages that say nothing about Pagefold: the offscreen platform cannot resize native
# windows, and has no native file dialogs.
IGNORED_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "QFont::setPointSizeF: Point size <= 0",
)


@pytest.fixture(autouse=True)
def _qt_warnings_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Qt warnings fail the test (qutebrowser's rule), except the offscreen platform's noise."""
    if "qtlog" not in request.fixturenames:
        yield
        return
    qtlog = request.getfixturevalue("qtlog")
    yield
    from pytestqt.qt_compat import qt_api

    bad = [
        r.message
        for r in qtlog.records
        if r.type >= qt_api.QtCore.QtMsgType.QtWarningMsg
        and not any(m in r.message for m in IGNORED_QT_MESSAGES)
    ]
    assert not bad, f"Qt warnings: {bad}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every UI test gets the ``qtlog`` fixture, so the warning check above always runs."""
    for item in items:
        if "tests/ui" in str(item.fspath) and "qtlog" not in getattr(item, "fixturenames", []):
            item.fixturenames.append("qtlog")  # type: ignore[attr-defined]


@pytest.fixture
def sample_pdf(tmp_path: Path) -> Path:
    """A real three-page PDF; the capital fact sits on page 2."""
    from fpdf import FPDF

    pdf = FPDF()
    pages = [
        "Chapter one. The river delta supports farming villages and fishing towns.",
        "Seoul is the capital of South Korea. The Han River flows through the middle of the "
        "city, which is home to about ten million people.",
        "Appendix. Population figures were gathered in the national census of 2020.",
    ]
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 8, text)
    path = tmp_path / "capitals.pdf"
    pdf.output(str(path))
    return path


@pytest.fixture
def passages(sample_pdf: Path) -> list[Passage]:
    page2 = (
        "Seoul is the capital of South Korea. The Han River flows through the middle of the "
        "city, which is home to about ten million people."
    )
    return [
        Passage("c-2", page2, 1, str(sample_pdf), "Capitals", 2, 0, len(page2), 0.9),
        Passage(
            "c-3",
            "Population figures were gathered in the national census of 2020.",
            1,
            str(sample_pdf),
            "Capitals",
            3,
            10,
            75,
            0.4,
        ),
    ]


@pytest.fixture
def store() -> FakeConversationStore:
    return FakeConversationStore()


@pytest.fixture
def fake_library() -> FakeLibrary:
    return FakeLibrary()


@pytest.fixture
def fake_chat(store: FakeConversationStore, passages: list[Passage]) -> FakeChatService:
    answer = "**Seoul** is the capital of South Korea [1]. The census was in 2020 [2]."
    return FakeChatService(store, passages, answer)


@pytest.fixture
def make_window(
    qtbot: Any,
    settings: Any,
    fake_library: FakeLibrary,
    store: FakeConversationStore,
    fake_chat: FakeChatService,
) -> Iterator[Callable[..., Any]]:
    """Builds the real window over fakes (or over what the test passes), shown and exposed."""
    from app.ui.app import build_window, create_application
    from app.ui.services import Services

    created: list[Any] = []

    def make(
        welcome_done: bool = True,
        library: Any = None,
        chat: Any = None,
        conversations: Any = None,
        models: Any = None,
        show: bool = True,
        services: Any = None,
    ) -> Any:
        """``services`` replaces all the fakes (the real end-to-end test passes real ones)."""
        services = services or Services(
            settings,
            library=library or fake_library,
            conversations=conversations or store,
            chat=chat or fake_chat,
            models=models or FakeModelApi(),
        )
        from PySide6.QtCore import QSettings

        ini = QSettings(str(settings.layout.root / "window.ini"), QSettings.Format.IniFormat)
        ini.setValue("welcome/done", welcome_done)
        ini.sync()
        window = build_window(settings, create_application(), services)
        created.append(window)
        qtbot.addWidget(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    for window in created:  # translators and theme are app-wide: back to the defaults
        window.translations.apply("en")
        window.theme.apply("light")


@pytest.fixture
def window(make_window: Callable[..., Any], qtbot: Any) -> Any:
    """A shown window whose first lists have loaded."""
    win = make_window()
    qtbot.waitUntil(lambda: not win.hub.busy(), timeout=5000)
    return win
