"""One Pagefold session with the network shut, reporting every connection it tried; JSON out.

``python -m tests.robustness.drivers.offline_session PHASE [DOCS MODEL]`` with ``PAGEFOLD_HOME``:

- ``start``: ingest DOCS, search, answer a question with MODEL (the real SmolLM2);
- ``restart``: a fresh process on the same data folder: search, follow up in the conversation;
- ``probe``: deliberately reach 203.0.113.1 (TEST-NET-3, routed nowhere), once through the guard
  and once around it, to prove each detector sees an attempt.

Two detectors run inside: Pagefold's own guard in strict offline mode (refused attempts land
in the network log) and a ``sys.addaudithook`` on the interpreter's socket events, installed
before anything else is imported. The test runs this process under ``strace`` too, which also
sees sockets opened by native code.
"""

from __future__ import annotations

import sys

attempts: list[tuple[str, object, object]] = []  # (event, host, port)


def _audit(event: str, args: tuple) -> None:  # type: ignore[type-arg]
    """Keep the host of every socket event that names one (Unix socket paths are skipped)."""
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple) and address:
            attempts.append((event, address[0], address[1] if len(address) > 1 else None))
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"):
        attempts.append((event, args[0], args[1] if len(args) > 1 else None))


sys.addaudithook(_audit)  # before any other import: nothing escapes it

import json  # noqa: E402
import socket  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def outbound() -> list[str]:
    """Audited attempts that would leave the machine."""
    from app.core.privacy.netguard import is_local

    return [f"{event} {host!r}:{port}" for event, host, port in attempts if not is_local(host)]


def session(phase: str, docs: Path | None, model: str | None) -> dict[str, Any]:
    from app.core.chat.events import DoneEvent
    from app.core.chat.factory import make_backend, open_conversations
    from app.core.chat.service import ChatService
    from app.core.config import Settings
    from app.core.library import Library
    from app.core.privacy import netguard

    settings = Settings.load()
    netguard.install(settings, offline=True)  # strict: refuse anything outbound
    settings.generation.max_new_tokens = 40
    settings.retrieval.use_reranker = False
    result: dict[str, Any] = {"phase": phase}
    if phase == "probe":
        return _probe(result)
    library = Library(settings)
    store = open_conversations(settings)
    try:
        if phase == "start" and docs is not None:
            report = library.ingest("private", [docs])
            result["indexed"] = report.count("indexed")
        result["hits"] = len(library.search("private", "When does the museum open?", k=3))
        conversation = store.list()[0].id if phase == "restart" and store.list() else None
        service = ChatService(library, store, make_backend(settings, model=model), settings)
        question = "When does the museum open?" if phase == "start" else "And the ticket price?"
        for event in service.ask(question, ["private"], conversation_id=conversation):
            if isinstance(event, DoneEvent):
                result["sources"] = len(event.answer.sources)
                result["conversation"] = event.answer.conversation_id
        result["messages"] = [m.role for m in store.messages(result["conversation"])]
    finally:
        store.close()
        library.close()
    return result


def _probe(result: dict[str, Any]) -> dict[str, Any]:
    from app.core.privacy import netguard

    try:
        socket.create_connection(("203.0.113.1", 9), timeout=0.2)
    except netguard.OfflineError as exc:
        result["guard"] = str(exc)
    around = netguard._guard.originals["connect_ex"]  # the real call, as native code would
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    with sock:
        around(sock, ("203.0.113.1", 9))
    return result


if __name__ == "__main__":
    phase = sys.argv[1]
    docs = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    model = sys.argv[3] if len(sys.argv) > 3 else None
    result = session(phase, docs, model)
    result["audited_outbound"] = outbound()
    print("RESULT " + json.dumps(result, ensure_ascii=False), flush=True)
