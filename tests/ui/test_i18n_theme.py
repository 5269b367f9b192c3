"""Korean UI through Qt translations, live language switching, light/dark themes, a11y names."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QWidget

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
    dialog.applied.connect(window._on_settings_applied)
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


def test_every_korean_string_is_translated_and_compiled() -> None:
    from app.ui.resources import resource_path

    ts = resource_path("translations", "pagefold_ko.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    assert ts.count("<message") > 200
    assert resource_path("translations", "pagefold_ko.qm").stat().st_size > 10_000
