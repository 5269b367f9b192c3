"""Collections whose vectors live in a Chroma server the team runs, not in the data folder.

A collection's backend is recorded in its catalog ``options`` as ``{"vector_backend": {...}}``
(host, port, TLS, the collection's name on the server, and where its token is kept); a missing
entry means the embedded store. The access token is never written there: it stays in the OS
keyring (service ``pagefold-chroma``, user ``host:port``), like the Hugging Face token.

Only the vectors move to the server. The catalog (documents, chunk text, BM25 tokens) stays in
the data folder, so a search still runs its lexical arm locally and every passage shown comes
from local text.

Network failures are turned into ``VectorServerError``s that name the server, so an ingest
stopped by a server going away says so in words instead of an httpx traceback.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from app.core.errors import PagefoldError
from app.core.secrets import read_secret, save_secret
from app.core.storage.vectors import VectorStore

log = logging.getLogger(__name__)

KEYRING_SERVICE = "pagefold-chroma"
OPTIONS_KEY = "vector_backend"
DEFAULT_PORT = 8000
CONNECT_TIMEOUT_S = 5.0
REQUEST_TIMEOUT_S = 120.0
AUTH_HEADERS = ("Authorization", "X-Chroma-Token")


class VectorServerError(PagefoldError):
    """The Chroma server holding a collection cannot be used right now."""


class VectorServerUnreachable(VectorServerError):
    """No answer: the server is down, the address is wrong, or the network is cut."""


class VectorServerRefused(VectorServerError):
    """The server (or the proxy in front of it) turned the request away: usually the token."""


@dataclass(frozen=True)
class ServerConfig:
    """Where one collection's vectors live on a Chroma server."""

    host: str
    port: int = DEFAULT_PORT
    ssl: bool = False
    #: The collection's name on the server; unique per move, so several people's Pagefold
    #: collections can share one server without their catalog ids colliding.
    collection: str = ""
    #: Keyring user name (under ``pagefold-chroma``) holding the token; ``None``: no token.
    token_ref: str | None = None
    auth_header: str = "Authorization"
    #: TLS: a CA bundle for a server with a private certificate; empty uses the system's.
    ca_file: str = ""

    def __post_init__(self) -> None:
        if not self.host.strip():
            raise PagefoldError("Give the host name or address of the Chroma server.")
        if not 0 < int(self.port) < 65536:
            raise PagefoldError(f"{self.port} is not a port number (1-65535).")
        if self.auth_header not in AUTH_HEADERS:
            raise PagefoldError(f"The token header must be one of {', '.join(AUTH_HEADERS)}.")

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{'https' if self.ssl else 'http'}://{self.address}"

    def same_server(self, other: ServerConfig | None) -> bool:
        return other is not None and (self.host, self.port) == (other.host, other.port)

    def with_new_collection_name(self) -> ServerConfig:
        return replace(self, collection=f"pagefold-{uuid.uuid4().hex[:16]}")

    def to_options(self) -> dict[str, Any]:
        """What goes into the catalog: everything but the token itself."""
        data = asdict(self)
        return {"kind": "server", **{k: v for k, v in data.items() if v not in ("", None)}}

    @classmethod
    def from_options(cls, data: dict[str, Any]) -> ServerConfig:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        try:
            return cls(**known)
        except (TypeError, ValueError) as exc:
            raise PagefoldError(f"The collection's server settings are invalid: {exc}") from exc

    def headers(self) -> dict[str, str]:
        """The auth header with the token read from the keyring now (never cached on disk)."""
        if self.token_ref is None:
            return {}
        token = load_token(self.token_ref)
        if not token:
            raise VectorServerRefused(
                f"No access token for the Chroma server at {self.address} is saved in the system "
                f'keyring (service "{KEYRING_SERVICE}", user "{self.token_ref}"). Save it with: '
                f"python -m keyring set {KEYRING_SERVICE} {self.token_ref}"
            )
        value = f"Bearer {token}" if self.auth_header == "Authorization" else token
        return {self.auth_header: value}


# -- the collection's backend in the catalog ------------------------------------------------


def backend_of(options: dict[str, Any]) -> ServerConfig | None:
    """The server a collection's options name, or ``None`` for the embedded store."""
    data = options.get(OPTIONS_KEY) or {}
    if data.get("kind", "embedded") == "embedded":
        return None
    return ServerConfig.from_options(data)


def with_backend(options: dict[str, Any], config: ServerConfig | None) -> dict[str, Any]:
    """A copy of ``options`` naming ``config`` (``None``: back to the embedded store)."""
    updated = dict(options)
    updated[OPTIONS_KEY] = config.to_options() if config else {"kind": "embedded"}
    return updated


def describe(config: ServerConfig | None) -> str:
    """One line for the CLI and the collection list: where the vectors are."""
    if config is None:
        return "embedded (in this computer's data folder)"
    extras = ["TLS" if config.ssl else "no TLS"]
    extras.append("token from the system keyring" if config.token_ref else "no token")
    return f"Chroma server {config.url} ({', '.join(extras)}), collection {config.collection}"


# -- tokens in the OS keyring ---------------------------------------------------------------


def token_user(host: str, port: int) -> str:
    return f"{host}:{port}"


def load_token(user: str) -> str | None:
    return read_secret(KEYRING_SERVICE, user)


def save_token(host: str, port: int, token: str) -> str:
    """Keep the token in the OS keyring; returns the ``token_ref`` to store in the config."""
    user = token_user(host, port)
    save_secret(KEYRING_SERVICE, user, token, what="Chroma token")
    return user


# -- talking to the server ------------------------------------------------------------------


@contextmanager
def guard(config: ServerConfig) -> Iterator[None]:
    """Network and auth failures in the block become a ``VectorServerError`` naming the server."""
    import httpx

    try:
        yield
    except VectorServerError:
        raise
    except httpx.TransportError as exc:
        raise unreachable(config, exc) from exc
    except Exception as exc:
        translated = _translate(config, exc)
        if translated is None:
            raise
        raise translated from exc


def unreachable(config: ServerConfig, exc: BaseException) -> VectorServerUnreachable:
    detail = str(exc) or type(exc).__name__
    return VectorServerUnreachable(
        f"The Chroma server at {config.address} is not reachable: {detail}. Nothing was lost: "
        "once the server is back, run the same ingest again and it picks up where it stopped."
    )


def _translate(config: ServerConfig, exc: Exception) -> VectorServerError | None:
    """Chroma's client reports a refused connection or token as plain ``ValueError``s and
    ``Exception``s carrying the response text; these are the ones a user can act on."""
    from chromadb.errors import AuthorizationError, ChromaAuthError

    text = str(exc)
    if "Could not connect to a Chroma server" in text:
        return unreachable(config, exc)
    plain_http_error = type(exc) is Exception  # what Chroma raises for a non-Chroma reply
    if isinstance(exc, AuthorizationError | ChromaAuthError) or (
        plain_http_error and any(m in text for m in ("401", "403", "Unauthorized", "Forbidden"))
    ):
        return VectorServerRefused(
            f"The Chroma server at {config.address} refused the request ({text[:200]}). "
            "Check the access token saved for it in the system keyring."
        )
    return None


def check_server(config: ServerConfig) -> None:
    """One heartbeat with a short timeout, so a wrong address or token fails fast and clearly."""
    import httpx

    verify: bool | str = config.ca_file or True
    try:
        response = httpx.get(
            f"{config.url}/api/v2/heartbeat",
            headers=config.headers(),
            timeout=CONNECT_TIMEOUT_S,
            verify=verify,
        )
    except httpx.HTTPError as exc:
        raise unreachable(config, exc) from exc
    if response.status_code in (401, 403):
        raise VectorServerRefused(
            f"The Chroma server at {config.address} refused the access token "
            f"({response.status_code}). Check the token saved for it in the system keyring."
        )
    if response.status_code != 200 or "heartbeat" not in response.text:
        raise VectorServerError(
            f"{config.url} does not answer like a Chroma server "
            f"({response.status_code}: {response.text[:120]})."
        )


def http_client(config: ServerConfig) -> Any:
    """Chroma's HTTP client for ``config``: telemetry off, token header from the keyring."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:  # pragma: no cover - packaging error
        raise PagefoldError("The vector database (chromadb) is not installed.") from exc
    check_server(config)
    settings = ChromaSettings(anonymized_telemetry=False)
    if config.ssl and config.ca_file:
        settings.chroma_server_ssl_verify = config.ca_file
    with guard(config):
        client = chromadb.HttpClient(
            host=config.host,
            port=config.port,
            ssl=config.ssl,
            headers=config.headers(),
            settings=settings,
        )
    _bound_waits(client)
    return client


def _bound_waits(client: Any) -> None:
    """Chroma's HTTP session waits forever by default; a hung server would freeze an ingest
    that cannot then be cancelled. The session is private, so this is best effort."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(REQUEST_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)


class _GuardedCollection:
    """A Chroma collection whose calls raise ``VectorServerError`` when the server fails."""

    def __init__(self, inner: Any, config: ServerConfig) -> None:
        self._inner = inner
        self._config = config

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            with guard(self._config):
                return attr(*args, **kwargs)

        return call


class ServerVectorStore(VectorStore):
    """The ``VectorStore`` interface over one Chroma server; one client per server address.

    Collections are created exactly as in the embedded store (cosine space, no embedding
    function), under the server-side name recorded in the collection's config.
    """

    def __init__(self, config: ServerConfig, client: Any = None) -> None:
        super().__init__(Path(), client=client)  # no local folder: the path is unused
        self.config = config
        self._names: dict[int, str] = {}

    def bind(self, collection_id: int, name: str) -> None:
        """Which server-side collection holds ``collection_id``'s vectors."""
        if self._names.get(collection_id) != name:
            self._names[collection_id] = name
            self._collections.pop(collection_id, None)

    def name_of(self, collection_id: int) -> str:
        return (
            self._names.get(collection_id) or self.config.collection or f"pagefold-{collection_id}"
        )

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = http_client(self.config)
            return self._client

    def _collection(self, collection_id: int) -> Any:
        if collection_id not in self._collections:
            with guard(self.config):
                inner = self.client.get_or_create_collection(
                    name=self.name_of(collection_id),
                    embedding_function=None,
                    metadata={"hnsw:space": "cosine"},
                )
            self._collections[collection_id] = _GuardedCollection(inner, self.config)
        return self._collections[collection_id]

    def drop(self, collection_id: int) -> None:
        """Delete the server-side collection; a server that is down is an error, not a no-op."""
        self._collections.pop(collection_id, None)
        from chromadb.errors import NotFoundError as ChromaNotFound

        with guard(self.config), suppress(ChromaNotFound, ValueError):  # absent: nothing to drop
            self.client.delete_collection(self.name_of(collection_id))

    def exists(self, collection_id: int) -> bool:
        with guard(self.config):
            names = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
        return self.name_of(collection_id) in names
