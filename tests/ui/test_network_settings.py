"""Settings › Network takes effect at once: the privacy guard is re-installed on Apply.

Addresses: 203.0.113.0/24 (TEST-NET-3, documentation only, never routed), as in core's tests.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from app.core.privacy import netguard
from app.core.privacy.netlog import read_network_log
from app.ui.views.settings_dialog import SettingsDialog

ENDPOINT_HOST = "203.0.113.7"
ENDPOINT = f"http://{ENDPOINT_HOST}:8000/v1"
OTHER = ("203.0.113.99", 443)


@pytest.fixture
def guarded(settings: Any) -> Iterator[Any]:
    """The guard as the app installs it at start (online: connections allowed and logged)."""
    netguard.install(settings)
    yield settings
    netguard.uninstall()


def _settings_dialog(qtbot: Any, window: Any) -> SettingsDialog:
    window.settings_actions.open_settings()
    dialog = window.findChildren(SettingsDialog)[-1]
    qtbot.waitExposed(dialog)
    return dialog


def _reach(address: tuple[str, int]) -> int:
    """A non-blocking connect: returns at once; nothing answers at a TEST-NET address."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    with sock:
        return int(sock.connect_ex(address))


def test_turning_offline_on_refuses_connections_at_once(
    qtbot: Any, make_window: Any, guarded: Any
) -> None:
    window = make_window()
    dialog = _settings_dialog(qtbot, window)
    dialog.use_remote.setChecked(True)
    dialog.remote_url.setText(ENDPOINT)
    dialog.offline.setChecked(True)
    dialog.apply()
    assert netguard.offline()
    with pytest.raises(netguard.OfflineError, match=ENDPOINT_HOST):
        _reach((ENDPOINT_HOST, 8000))
    with pytest.raises(netguard.OfflineError, match=OTHER[0]):
        socket.create_connection(OTHER, timeout=0.2)


def test_turning_offline_off_lets_the_remote_endpoint_through(
    qtbot: Any, make_window: Any, settings: Any
) -> None:
    settings.network.offline = True
    netguard.install(settings)  # started offline, as the saved settings said
    try:
        window = make_window()
        with pytest.raises(netguard.OfflineError):
            _reach((ENDPOINT_HOST, 8000))
        dialog = _settings_dialog(qtbot, window)
        dialog.offline.setChecked(False)
        dialog.use_remote.setChecked(True)
        dialog.remote_url.setText(ENDPOINT)
        dialog.remote_model.setText("qwen2.5:7b-instruct")
        dialog.accept()
        assert not netguard.offline()
        result = _reach((ENDPOINT_HOST, 8000))  # Pagefold no longer refuses it
        assert result in (0, errno.EINPROGRESS, errno.ENETUNREACH, errno.EHOSTUNREACH)
        events = read_network_log(settings.layout)
        assert [(e.host, e.port, e.allowed) for e in events] == [
            (ENDPOINT_HOST, 8000, False),
            (ENDPOINT_HOST, 8000, True),
        ]
    finally:
        netguard.uninstall()
