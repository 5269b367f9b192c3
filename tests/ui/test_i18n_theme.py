"""Korean UI through Qt translations, live language switching, light/dark themes, a11y names."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QWidget

import app.ui
from app.ui import theme
from app.ui.i18n import resolve_language


def test_korean_setting_shows_korean_strings(qtbot: Any, settings: Any, make_window: Any) -> None:
    settings.ui.language = "ko"
    window = make_window()
    assert window.translations.language == "ko"
    assert window.sidebar.new_chat_button.text() == "새 대화"
    assert window.chat_page.empty.headline.text() == "문서에 무엇이든 물어보세요"
    assert window.action("add_documents").text() == "문서 추가…"
    assert window.chat_page.header.model_box.itemText(0) == "검색 전용 (모델 없음)"
    assert window.menuBar().actions()[0].text() == "파일(&F)"


def test_korean_text_renders_with_a_hangul_font(
    qtbot: Any, settings: Any, make_window: Any
) -> None:
    settings.ui.language = "ko"
    window = make_window()
    families = window.font().families()
    hangul = [
        f
        for f in families
        if f in QFontDatabase.families()
        and QFontDatabase.WritingSystem.Korean in QFontDatabase.writingSystems(f)
    ]
    assert hangul, f"no installed Korean font in {families}"
    metrics = QFontMetrics(window.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "새대화문서")


def test_switching_language_in_settings_retranslates_live(qtbot: Any, window: Any) -> None:
    from app.ui.views.settings_dialog import SettingsDialog

    assert window.sidebar.new_chat_button.text() == "New chat"
    dialog = SettingsDialog(window.settings, [], window)
    qtbot.addWidget(dialog)
    dialog.applied.connect(window.settings_actions.apply)
    dialog.language.setCurrentIndex(dialog.language.findData("ko"))
    dialog.apply()
    qtbot.waitUntil(lambda: window.sidebar.new_chat_button.text() == "새 대화")
    assert window.sidebar.indexing.cancel_button.text() == "취소"
    assert window.settings.ui.language == "ko"
    qtbot.waitUntil(lambda: window.settings.layout.settings_file.exists())
    assert '"language": "ko"' in window.settings.layout.settings_file.read_text("utf-8")


def test_system_language_follows_the_locale() -> None:
    from PySide6.QtCore import QLocale

    assert resolve_language("system", QLocale(QLocale.Language.Korean)) == "ko"
    assert resolve_language("system", QLocale(QLocale.Language.German)) == "en"
    assert resolve_language("en", QLocale(QLocale.Language.Korean)) == "en"


def test_dark_theme_changes_the_palette_and_the_rendered_html(
    qtbot: Any, settings: Any, make_window: Any
) -> None:
    settings.ui.theme = "dark"
    window = make_window()
    assert theme.current() is theme.DARK
    assert window.palette().window().color().name() == theme.DARK.window
    window.theme.apply("light")
    assert window.palette().window().color().name() == theme.LIGHT.window


def test_buttons_have_accessible_names(window: Any) -> None:
    unnamed = [
        b
        for b in window.findChildren(QAbstractButton)
        if b.isVisibleTo(window) and not (b.accessibleName() or b.text())
    ]
    assert not unnamed, [b.objectName() or type(b).__name__ for b in unnamed]
    for widget in (
        window.chat_page.composer.edit,
        window.sidebar.search,
        window.chat_page.header.model_box,
        window.sidebar.collection_list,
    ):
        assert isinstance(widget, QWidget) and widget.accessibleName()


def test_every_korean_string_is_translated_and_compiled(tmp_path: Path) -> None:
    """Extracts the strings from the code again (into a copy): a ``tr()`` added after the last
    ``scripts/update_translations.py`` run shows up as unfinished and fails here."""
    from app.ui.resources import resource_path

    source = resource_path("translations", "pagefold_ko.ts")
    ts = source.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    assert ts.count("<message") > 200
    assert resource_path("translations", "pagefold_ko.qm").stat().st_size > 10_000
    copy = tmp_path / source.name
    copy.write_text(ts, encoding="utf-8")
    code = sorted(str(p) for p in Path(app.ui.__file__).parent.rglob("*.py"))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), "-target-language", "ko_KR", *code, "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    fresh = copy.read_text(encoding="utf-8")
    missing = re.findall(
        r"<source>([^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?"
        r'<translation type="unfinished">',
        fresh,
    )
    assert not missing, f"run scripts/update_translations.py and translate: {missing}"


def test_korean_document_actions_and_network_log(
    qtbot: Any, settings: Any, make_window: Any, fake_library: Any, sample_pdf: Path
) -> None:
    from app.core.privacy.netlog import NetworkEvent
    from app.ui import chat_requests
    from app.ui.views.documents_dialog import DocumentsDialog
    from app.ui.views.network_log import NetworkLogDialog

    settings.ui.language = "ko"
    window = make_window()
    fake_library.ingest("Docs", [sample_pdf])
    dialog = DocumentsDialog("Docs", window.services, window.hub, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.model.item(0, 3).text() == "색인됨"
    assert dialog.summarize_button.text() == "요약"
    assert dialog.translate_button.text() == "번역"
    assert [a.text() for a in dialog.translate_menu.actions()] == ["한국어로 번역", "영어로 번역"]
    request = chat_requests.summarize("Docs", 1, "report.pdf")
    assert request.label == "요약: report.pdf"
    assert chat_requests.first_status(request) == "문서를 읽는 중…"
    assert window.action("network_log").text() == "네트워크 기록…"
    event = NetworkEvent(0.0, "connect", "203.0.113.9", 80, "unattributed", False)
    log = NetworkLogDialog([event], window)
    qtbot.addWidget(log)
    assert log.windowTitle() == "네트워크 기록"
    assert log.table.horizontalHeaderItem(1).text() == "호스트"
    assert log.table.item(0, 4).text() == "거부됨"
