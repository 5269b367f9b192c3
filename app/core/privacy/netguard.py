"""The enforced offline switch and the network log's recorder, inside the Python process.

``install(settings)`` wraps ``socket.socket.connect``/``connect_ex``, ``socket.create_connection``
and ``socket.getaddrinfo``. Every attempt to reach a machine other than this one (a non-loopback
address or any host name but ``localhost``) is written to ``logs/network.log`` with the reason
set by ``network_purpose``; with ``settings.network.offline`` on, it is refused with an
``OfflineError`` naming the host. Loopback and Unix sockets pass untouched and unlogged: Chroma,
Qt and a local model server use them, and they never leave the machine.

Why patch ``socket`` rather than trust each library's own offline flag: every Python HTTP stack
(urllib, requests, httpx, huggingface_hub, posthog) ends in these calls, so one guard covers
code Pagefold does not control. Native code that opens sockets itself is not covered; the
robustness suite checks the whole process with ``strace`` for that.

Hugging Face libraries are put in offline mode here too (``HF_HUB_OFFLINE=1``): a model download
the user starts re-opens the hub for its own requests only (``app.core.models.download``).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.core.errors import PagefoldError
from app.core.privacy.netlog import NetworkEvent, NetworkLog, now

if TYPE_CHECKING:
    from app.core.config import Settings

UNATTRIBUTED = "unattributed"
_PLUMBING = (
    "socket",
    "ssl",
    "http.",
    "urllib",
    "requests",
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "asyncio",
    "app.core.privacy",
    "contextlib",
    "concurrent.futures",
    "threading",
)


class OfflineError(PagefoldError, ConnectionRefusedError):
    """An outbound connection refused because Pagefold is in offline mode.

    Also a ``ConnectionRefusedError`` so HTTP libraries treat it as the refused connection it
    is (their retries and fallbacks apply), while Pagefold shows its message to the user.
    """


@dataclass
class _Guard:
    offline: bool = False
    log: NetworkLog | None = None
    originals: dict[str, Callable[..., Any]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # resolved address → host name
    active: list[str] = field(default_factory=list)  # purposes open anywhere in the process
    lock: threading.Lock = field(default_factory=threading.Lock)


_guard = _Guard()
_purpose: ContextVar[str | None] = ContextVar("pagefold_network_purpose", default=None)


# -- public -----------------------------------------------------------------------------------


def install(settings: Settings, offline: bool | None = None) -> None:
    """Start guarding and logging; safe to call again (e.g. after the offline switch changes).

    ``offline`` overrides ``settings.network.offline`` (tests use it for a strict session).
    """
    _guard.offline = settings.network.offline if offline is None else offline
    _guard.log = NetworkLog(settings.layout.network_log)
    hugging_face_offline()
    if not _guard.originals:
        _patch()


def uninstall() -> None:
    """Put the real socket functions back (tests; the app keeps the guard for its lifetime)."""
    originals, _guard.originals = _guard.originals, {}
    if originals:
        socket.socket.connect = originals["connect"]  # type: ignore[method-assign]
        socket.socket.connect_ex = originals["connect_ex"]  # type: ignore[method-assign]
        socket.create_connection = originals["create_connection"]
        socket.getaddrinfo = originals["getaddrinfo"]
    _guard.offline, _guard.log = False, None


def installed() -> bool:
    return bool(_guard.originals)


def offline() -> bool:
    """Whether outbound connections are refused right now."""
    return installed() and _guard.offline


@contextlib.contextmanager
def network_purpose(why: str) -> Iterator[None]:
    """Say why the connections made inside this block happen, for the network log.

    The reason follows the code through this thread and its asyncio tasks; a worker thread
    started by a library inside the block gets it too when it is the only reason open.
    """
    token = _purpose.set(why)
    with _guard.lock:
        _guard.active.append(why)
    try:
        yield
    finally:
        _purpose.reset(token)
        with _guard.lock:
            _guard.active.remove(why)


def hugging_face_offline() -> None:
    """Hub and transformers offline: loading a model must never reach the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    constants = sys.modules.get("huggingface_hub.constants")
    if constants is not None:  # imported before install: its flag was read already
        setattr(constants, "HF_HUB_OFFLINE", True)  # noqa: B010


def is_local(host: Any) -> bool:
    """Loopback addresses, ``localhost`` names and the unspecified address stay on the machine."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).split("%")[0].strip("[]").rstrip(".").lower()
    if name in ("", "localhost") or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False  # a host name: resolving it is already network traffic
    return address.is_loopback or address.is_unspecified


# -- the patches ------------------------------------------------------------------------------


def _patch() -> None:
    real: dict[str, Callable[..., Any]] = {
        "connect": socket.socket.connect,
        "connect_ex": socket.socket.connect_ex,
        "create_connection": socket.create_connection,
        "getaddrinfo": socket.getaddrinfo,
    }
    _guard.originals = real

    def connect(sock: socket.socket, address: Any) -> None:
        _check_address(sock, address)
        real["connect"](sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        _check_address(sock, address)
        return int(real["connect_ex"](sock, address))

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        host, port = address[0], address[1]
        if _guard.offline and not is_local(host):
            _attempt("connect", host, port)  # refuses before any lookup is made
        made: socket.socket = real["create_connection"](address, *args, **kwargs)
        return made

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if is_local(host) or _is_address(host):  # no lookup happens for a literal address
            return real["getaddrinfo"](host, port, *args, **kwargs)
        _attempt("resolve", host, port)
        found = real["getaddrinfo"](host, port, *args, **kwargs)
        _remember(host, found)
        return found

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
    socket.create_connection = create_connection
    socket.getaddrinfo = getaddrinfo


def _check_address(sock: socket.socket, address: Any) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or not isinstance(address, tuple):
        return  # Unix sockets and other families never leave the machine
    if not is_local(address[0]):
        _attempt("connect", address[0], address[1])


def _attempt(action: str, host: Any, port: Any) -> None:
    """Log one outbound attempt; raise ``OfflineError`` when offline."""
    name = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
    known = _guard.names.get(name)
    shown = f"{known} ({name})" if known and known != name else name
    allowed = not _guard.offline
    event = NetworkEvent(
        time=now(),
        action=action,
        host=shown,
        port=_port(port),
        purpose=_current_purpose(),
        allowed=allowed,
        caller=_caller(),
        thread=threading.current_thread().name,
    )
    if _guard.log is not None:
        _guard.log.write(event)
    if not allowed:
        where = f"{shown}:{event.port}" if event.port else shown
        raise OfflineError(
            f"Pagefold is in offline mode, so it refused to connect to {where} "
            f"({event.purpose}). Turn offline mode off in Settings → Network to allow it."
        )


def _remember(host: Any, found: Any) -> None:
    """Map resolved addresses back to the name, so a later connect is logged by name."""
    with _guard.lock:
        for entry in found or ():
            with contextlib.suppress(IndexError, TypeError):
                _guard.names[str(entry[4][0])] = str(host)


def _current_purpose() -> str:
    why = _purpose.get()
    if why:
        return why
    with _guard.lock:
        reasons = set(_guard.active)
    return f"{reasons.pop()} (worker thread)" if len(reasons) == 1 else UNATTRIBUTED


def _caller() -> str:
    """The first frame outside the socket and HTTP plumbing: who really asked."""
    frame = sys._getframe(2)
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if not module.startswith(_PLUMBING):
            return f"{module}:{frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    return ""


def _is_address(host: Any) -> bool:
    try:
        ipaddress.ip_address(str(host).split("%")[0].strip("[]"))
    except ValueError:
        return False
    return True


def _port(port: Any) -> int | None:
    try:
        return int(port) if port is not None else None
    except (TypeError, ValueError):
        return None
