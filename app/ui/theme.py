"""Light and dark themes that follow the system, and a font list that renders Korean well.

Colours are tokens; the palette and ``resources/styles/pagefold.qss`` (a ``string.Template``)
are both built from them, so widgets that paint rich text (chat messages, snippets) read the same
tokens through ``current()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from string import Template

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.ui.resources import resource_path


@dataclass(frozen=True)
class Tokens:
    """Named colours of one theme."""

    name: str
    window: str
    surface: str
    sidebar: str
    raised: str
    text: str
    muted: str
    border: str
    accent: str
    accent_hover: str
    accent_text: str
    accent_soft: str
    user_bubble: str
    code_bg: str
    mark: str
    danger: str
    success: str


LIGHT = Tokens(
    name="light",
    window="#f7f7f8",
    surface="#ffffff",
    sidebar="#f0f0f3",
    raised="#ffffff",
    text="#1f2328",
    muted="#6b7280",
    border="#e2e3e8",
    accent="#4f5bd5",
    accent_hover="#4350c4",
    accent_text="#ffffff",
    accent_soft="#e8eafc",
    user_bubble="#eef0fb",
    code_bg="#f3f4f6",
    mark="#fde68a",
    danger="#c0392b",
    success="#1e8e3e",
)
DARK = Tokens(
    name="dark",
    window="#1d1e21",
    surface="#232428",
    sidebar="#18191b",
    raised="#2b2c31",
    text="#e6e7ea",
    muted="#9aa0aa",
    border="#34363c",
    accent="#8891f2",
    accent_hover="#9ba3f5",
    accent_text="#15161a",
    accent_soft="#2e3157",
    user_bubble="#2c2f45",
    code_bg="#2a2b30",
    mark="#8a6d1f",
    danger="#f07167",
    success="#5cc47a",
)

# Latin UI fonts first where the OS has them, then fonts with Hangul (Noto CJK, Nanum, the
# Windows and macOS Korean fonts); Qt falls back per glyph along this list.
LATIN_FONTS = ["Segoe UI", "SF Pro Text", "Helvetica Neue", "Cantarell", "Noto Sans"]
KOREAN_FONTS = [
    "Noto Sans CJK KR",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "NanumGothic",
    "NanumBarunGothic",
]
MONO_FONTS = [
    "JetBrains Mono",
    "Cascadia Mono",
    "SF Mono",
    "Consolas",
    "Noto Sans Mono CJK KR",
    "DejaVu Sans Mono",
    "Noto Mono",
    "monospace",
]

_current: Tokens = LIGHT


def current() -> Tokens:
    """The tokens of the theme on screen now."""
    return _current


def font_families(language: str) -> list[str]:
    """Installed families in preference order; Korean first when the UI is Korean."""
    installed = set(QFontDatabase.families())
    order = KOREAN_FONTS + LATIN_FONTS if language == "ko" else LATIN_FONTS + KOREAN_FONTS
    chosen = [f for f in order if f in installed]
    return [*chosen, "DejaVu Sans", "sans-serif"]


def mono_families() -> list[str]:
    installed = set(QFontDatabase.families())
    return [f for f in MONO_FONTS if f in installed] or ["monospace"]


def apply_font(app: QApplication, language: str) -> None:
    font = QFont(app.font())
    font.setFamilies(font_families(language))
    font.setPointSizeF(10.5)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def tokens_for(setting: str) -> Tokens:
    if setting == "dark" or (setting == "system" and system_is_dark()):
        return DARK
    return LIGHT


def palette_for(t: Tokens) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: t.window,
        role.WindowText: t.text,
        role.Base: t.surface,
        role.AlternateBase: t.sidebar,
        role.Text: t.text,
        role.Button: t.raised,
        role.ButtonText: t.text,
        role.ToolTipBase: t.raised,
        role.ToolTipText: t.text,
        role.Highlight: t.accent,
        role.HighlightedText: t.accent_text,
        role.Link: t.accent,
        role.LinkVisited: t.accent,
        role.PlaceholderText: t.muted,
        role.Mid: t.border,
        role.Midlight: t.border,
        role.Light: t.raised,
        role.Dark: t.border,
        role.Shadow: t.border,
        role.BrightText: t.danger,
    }
    for r, colour in colours.items():
        p.setColor(r, QColor(colour))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(t.muted))
    return p


def stylesheet_for(t: Tokens) -> str:
    template = Template(resource_path("styles", "pagefold.qss").read_text(encoding="utf-8"))
    return template.substitute(asdict(t))


#: Called after each switch, before ``changed``: ``icons`` re-tints its icons there. A list it
#: joins, because ``icons`` imports this module for the colours and so cannot be imported here.
_on_switch: list[Callable[[], None]] = []


def on_switch(callback: Callable[[], None]) -> None:
    _on_switch.append(callback)


class ThemeManager(QObject):
    """Applies the chosen theme and re-applies it when the system switches light/dark."""

    changed = Signal(object)  # Tokens

    def __init__(self, app: QApplication, setting: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self.setting = setting
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    def apply(self, setting: str | None = None) -> Tokens:
        global _current
        if setting is not None:
            self.setting = setting
        tokens = tokens_for(self.setting)
        _current = tokens
        self._app.setPalette(palette_for(tokens))
        self._app.setStyleSheet(stylesheet_for(tokens))
        for retint in _on_switch:
            retint()
        self.changed.emit(tokens)
        return tokens

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.setting == "system":
            self.apply()
