"""What the window asks of the library and the conversation store, as Protocols.

Why Protocols and not the classes: the window's tests run on in-memory fakes
(``tests/ui/fakes.py``) so a click-through takes milliseconds, and the window must accept
either. Typing the seam as these Protocols lets mypy check every call the window makes against
both the real classes and the fakes (``tests/core/test_seams.py`` checks the fakes and the
real classes satisfy them), where ``Any`` let a renamed method slip through to run time.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from app.core.cancel import CancelToken
    from app.core.indexing.events import IngestProgress, IngestReport
    from app.core.storage.catalog import CollectionRecord, DocumentRecord
    from app.core.storage.passage import Passage


@runtime_checkable
class WindowLibrary(Protocol):
    """The part of ``app.core.library.Library`` the window uses."""

    def warm_up(self) -> None: ...

    def collections(self) -> list[CollectionRecord]: ...

    def create_collection(self, name: str) -> CollectionRecord: ...

    def rename_collection(self, name: str, new_name: str) -> None: ...

    def delete_collection(self, name: str) -> None: ...

    def set_collection_options(self, name: str, options: dict[str, object]) -> None: ...

    def documents(self, name: str) -> list[DocumentRecord]: ...

    def remove_document(self, name: str, document_id: int) -> None: ...

    def prepare_search(self, name: str) -> None: ...

    def page_text(self, document_id: int, page: int) -> str: ...

    def ingest(
        self,
        name: str,
        paths: list[Path],
        *,
        progress: Callable[[IngestProgress], None] | None = None,
        cancel: CancelToken | None = None,
        passwords: dict[str, str] | None = None,
        force: bool = False,
    ) -> IngestReport: ...

    def refresh(
        self,
        name: str,
        progress: Callable[[IngestProgress], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> IngestReport: ...

    def close(self) -> None: ...


class ConversationRecord(Protocol):
    """A conversation as listed: ``app.core.storage.conversations.Conversation``."""

    id: int
    title: str
    collections: list[str]
    updated_at: float


class MessageRecord(Protocol):
    """A stored message: ``app.core.storage.conversations.Message``."""

    id: int
    role: str
    content: str
    sources: list[Passage]
    cited: list[int]
    action: dict[str, Any]


@runtime_checkable
class ConversationStoreApi(Protocol):
    """The part of ``ConversationStore`` the window uses."""

    def create(self, title: str, collections: builtins.list[str]) -> ConversationRecord: ...

    def list(self) -> Sequence[ConversationRecord]: ...

    def get(self, conversation_id: int) -> ConversationRecord: ...

    def rename(self, conversation_id: int, title: str) -> object: ...

    def set_collections(self, conversation_id: int, collections: builtins.list[str]) -> None: ...

    def delete(self, conversation_id: int) -> None: ...

    def search(self, text: str) -> Sequence[ConversationRecord]: ...

    def messages(self, conversation_id: int) -> Sequence[MessageRecord]: ...

    def export_markdown(self, conversation_id: int) -> str: ...
