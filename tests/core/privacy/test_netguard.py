"""The offline switch refuses outbound connections inside the process; the log names each one.

Addresses used: 203.0.113.0/24 (TEST-NET-3, documentation only: never routed) and the reserved
``.invalid`` domain, so a broken guard still reaches nobody.
"""

from __future__ import annotations

import errno
import os
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.config import Settings
from app.core.errors import PagefoldError
from app.core.privacy import netguard
from app.core.privacy.netguard import OfflineError, network_purpose
from app.core.privacy.netlog import NetworkEvent, NetworkLog, read_network_log

REMOTE = "203.0.113.7"


@pytest.fixture(autouse=True)
def _restore_sockets() -> Iterator[None]:
    yield
    netguard.uninstall()


@pytest.fixture
def offline(settings: Settings) -> Settings:
    settings.network.offline = True
    netguard.install(settings)
    return settings


@pytest.fixture
def online(settings: Settings) -> Settings:
    settings.network.offline = False
    netguard.install(settings)
    return settings


def test_offline_refuses_an_outbound_connection_and_names_the_host(offline: Settings) -> None:
    with (
        network_purpose("model download: Qwen/Qwen2.5-3B-Instruct"),
        pytest.raises(OfflineError, match=f"offline mode.*{REMOTE}:443") as caught,
    ):
        socket.create_connection((REMOTE, 443), timeout=0.2)
    assert isinstance(caught.value, PagefoldError) and isinstance(caught.value, OSError)
    [event] = read_network_log(offline.layout)
    assert (event.host, event.port, event.allowed) == (REMOTE, 443, False)
    assert event.purpose == "model download: Qwen/Qwen2.5-3B-Instruct"
    assert event.caller.startswith("tests.core.privacy.test_netguard:")


def test_offline_refuses_name_lookups_and_raw_sockets(offline: Settings) -> None:
    with pytest.raises(OfflineError, match=r"example\.invalid"):
        socket.getaddrinfo("example.invalid", 80)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with sock, pytest.raises(OfflineError, match=REMOTE):
        sock.connect_ex((REMOTE, 80))
    events = read_network_log(offline.layout)
    assert [(e.action, e.host, e.purpose) for e in events] == [
        ("resolve", "example.invalid", "unattributed"),
        ("connect", REMOTE, "unattributed"),
    ]


def test_http_libraries_get_a_refused_connection_with_the_reason(offline: Settings) -> None:
    with pytest.raises(urllib.error.URLError) as caught:
        urllib.request.urlopen(f"http://{REMOTE}:8080/", timeout=0.5)
    assert isinstance(caught.value.reason, OfflineError)
    assert f"{REMOTE}:8080" in str(caught.value.reason)


def test_loopback_stays_allowed_and_out_of_the_log(offline: Settings) -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=2):
            pass
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
    assert read_network_log(offline.layout) == []


def test_online_attempts_are_allowed_and_logged_with_their_reason(online: Settings) -> None:
    def attempt() -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        with sock:
            sock.connect_ex((REMOTE, 9))  # not refused by Pagefold; nothing answers there

    with network_purpose("answer from remote endpoint"):
        attempt()
        worker = threading.Thread(target=attempt, name="hub-worker")  # a library's own thread
        worker.start()
        worker.join()
    attempt()
    events = read_network_log(online.layout)
    assert [e.allowed for e in events] == [True, True, True]
    assert [e.purpose for e in events] == [
        "answer from remote endpoint",
        "answer from remote endpoint (worker thread)",
        "unattributed",
    ]
    assert events[1].thread == "hub-worker"


def test_install_is_idempotent_and_follows_the_offline_switch(settings: Settings) -> None:
    real = socket.socket.connect
    netguard.install(settings)
    patched = socket.socket.connect
    netguard.install(settings)
    assert socket.socket.connect is patched is not real
    settings.network.offline = True
    netguard.install(settings)
    with pytest.raises(OfflineError):
        socket.create_connection((REMOTE, 80), timeout=0.1)
    settings.network.offline = False
    netguard.install(settings)
    assert not netguard.offline()
    netguard.uninstall()
    assert socket.socket.connect is real


def test_hugging_face_stays_offline_without_a_user_download(online: Settings) -> None:
    from huggingface_hub import hf_hub_download
    from huggingface_hub.constants import is_offline_mode

    assert os.environ["HF_HUB_OFFLINE"] == "1" and is_offline_mode()
    with pytest.raises(Exception, match=r"(?i)offline|cannot find|local"):
        hf_hub_download("Qwen/Qwen2.5-0.5B-Instruct", "config.json", cache_dir=str(online.data_dir))
    assert read_network_log(online.layout) == []  # refused before any connection was attempted


def test_the_cli_context_installs_the_guard(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from app.commands.context import CommandContext

    monkeypatch.setenv("PAGEFOLD_OFFLINE", "1")
    context = CommandContext(data_dir)
    assert context.settings.network.offline
    assert netguard.offline()
    with pytest.raises(OfflineError):
        socket.create_connection((REMOTE, 80), timeout=0.1)
    context.close()
    assert not netguard.installed()


def test_the_log_survives_a_torn_line_and_rotates(settings: Settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    layout = settings.layout
    log = NetworkLog(layout.network_log)
    event = NetworkEvent(
        1.0, "connect", "huggingface.co (18.1.2.3)", 443, "model download: x", True
    )
    log.write(event)
    with layout.network_log.open("a", encoding="utf-8") as handle:
        handle.write('{"time": 2.0, "action": "conn')  # a kill in the middle of a write
    monkeypatch.setattr("app.core.privacy.netlog.MAX_BYTES", 10)
    log.write(event)
    assert read_network_log(layout) == [event, event]
    assert read_network_log(layout, include_rotated=False) == [event]
    assert event.when.startswith("1970-01-01") or event.when.startswith("1969-12-31")


def test_a_full_disk_never_turns_into_a_failed_connection(online: Settings, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    netguard._guard.log = NetworkLog(blocker / "network.log")  # cannot be created
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    with sock:
        result = sock.connect_ex((REMOTE, 9))  # would raise if the log's OSError escaped
    assert result in (errno.EINPROGRESS, errno.ENETUNREACH, errno.EHOSTUNREACH)
