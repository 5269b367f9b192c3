"""The sidebar tells a collection kept on a Chroma server from one in the embedded store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from app.core.storage.remote import ServerConfig, with_backend
from app.ui.models.collections import CollectionListModel
from app.ui.models.roles import ServerRole
from app.ui.views.delegates import CollectionDelegate
from tests.ui.fakes import FakeLibrary

SERVER = ServerConfig(
    "chroma.team.example",
    8443,
    ssl=True,
    collection="pagefold-0123456789abcdef",
    token_ref="chroma.team.example:8443",
)


def _library() -> FakeLibrary:
    """Two collections with the same name length and counts; only the backend differs."""
    library = FakeLibrary()
    library.create_collection("Handbook").document_count = 2
    team = library.create_collection("TeamDocs")
    team.document_count = 2
    team.options = with_backend(team.options, SERVER)
    return library


def test_model_exposes_the_server_url_only_for_server_collections(qapp: Any) -> None:
    model = CollectionListModel()
    model.set_collections(_library().collections())
    embedded, server = model.index(0), model.index(1)
    assert embedded.data(ServerRole) is None
    assert server.data(ServerRole) == "https://chroma.team.example:8443"
    assert embedded.data(Qt.ItemDataRole.ToolTipRole) == "2 document(s), 0 passages"
    assert server.data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "2 document(s), 0 passages",
        "Vectors on the Chroma server https://chroma.team.example:8443",
    ]
    assert "Chroma server" in server.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "server" not in embedded.data(Qt.ItemDataRole.AccessibleTextRole)


def test_broken_server_settings_still_read_as_a_server(qapp: Any) -> None:
    library = FakeLibrary()
    rec = library.create_collection("Odd")
    rec.options = {"vector_backend": {"kind": "server", "host": "box", "port": 0}}
    model = CollectionListModel()
    model.set_collections(library.collections())
    assert model.index(0).data(ServerRole) == "box"


def _paint(delegate: CollectionDelegate, index: Any) -> QImage:
    image = QImage(260, 36, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 260, 36)
    painter = QPainter(image)
    option.font = painter.font()
    delegate.paint(painter, option, index)
    painter.end()
    return image


def test_server_row_is_drawn_with_a_badge_that_embedded_rows_lack(qapp: Any) -> None:
    library = _library()
    model = CollectionListModel()
    model.set_collections(library.collections())
    delegate = CollectionDelegate()
    before = _paint(delegate, model.index(0))
    library.collections()[0].options = with_backend({}, SERVER)  # same row, moved to a server
    model.set_collections(library.collections())
    after = _paint(delegate, model.index(0))
    assert before != after
    library.collections()[0].options = with_backend({}, None)  # and back to the embedded store
    model.set_collections(library.collections())
    assert _paint(delegate, model.index(0)) == before


def test_korean_ui_translates_the_server_badge_and_tooltip(
    qtbot: Any, settings: Any, make_window: Any
) -> None:
    settings.ui.language = "ko"
    window = make_window(library=_library())
    qtbot.waitUntil(lambda: window.collections.rowCount() == 2, timeout=5000)
    server = window.collections.index(window.collections.row_of("TeamDocs"))
    tooltip = server.data(Qt.ItemDataRole.ToolTipRole)
    assert (
        tooltip.splitlines()[-1] == "벡터 저장 위치: Chroma 서버 https://chroma.team.example:8443"
    )
    delegate = window.sidebar.collection_list.itemDelegate()
    assert isinstance(delegate, CollectionDelegate)
    assert delegate.tr("server") == "서버"
