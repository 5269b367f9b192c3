"""Issue 15.3 / 17.3: a reranker downloaded by its catalog id is used by default; "off" and
another id are chosen from the CLI; a download during a session is picked up by the next search.

The reranker is a tiny random-weight BERT cross-encoder served by a fake hub under the catalog's
repository id, so the test checks that search returns the cross-encoder's own scores, in its
order, and the fusion's scores when reranking is off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.config import TEST_EMBEDDING_MODEL, Settings
from app.core.library import Library
from app.core.models.download import Downloader
from app.core.models.registry import ModelRegistry
from app.core.retrieval.reranker_choice import RerankerChoiceError, resolve
from tests.core.encoders.docs import write_docs
from tests.core.models.hubfake import FakeHub

QUESTION = "what tool do I need to install the telescope mount"
RERANKER_ID = "mmarco-mminilmv2-l12"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def search(capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    code, out, err = cli(capsys, "search", "handbook", QUESTION, "-k", "4", "--json", *extra)
    assert code == 0, err
    hits: list[dict[str, object]] = json.loads(out)
    return hits


def cross_encoder_scores(folder: Path, hits: list[dict[str, object]]) -> list[float]:
    from sentence_transformers import CrossEncoder

    from app.core.embeddings.sentence import autocast, cpu_has_native_bf16

    model = CrossEncoder(str(folder), device="cpu", local_files_only=True, max_length=512)
    pairs = [(QUESTION, str(h["text"])) for h in hits]
    with autocast("bf16" if cpu_has_native_bf16() else "fp32"):  # as the reranker runs it
        return [float(s) for s in model.predict(pairs, show_progress_bar=False)]


@pytest.fixture
def handbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "docs")
    code, _, err = cli(
        capsys, "collections", "create", "handbook", "--embedding-model", TEST_EMBEDDING_MODEL
    )
    assert code == 0, err
    code, _, err = cli(capsys, "ingest", "handbook", str(docs), "--quiet")
    assert code == 0, err


@pytest.mark.slow
def test_downloaded_reranker_is_used_by_default_and_off_turns_it_off(
    capsys: pytest.CaptureFixture[str], hub: FakeHub, home: Path, handbook: None
) -> None:
    fused = search(capsys)

    code, out, err = cli(capsys, "models", "download", RERANKER_ID)
    assert code == 0, err
    folder = home / "models" / RERANKER_ID
    assert (folder / "model.safetensors").is_file()
    assert "Search reranks with it" in out

    reranked = search(capsys)  # no setting changed: the download alone switches it on
    scores = [float(str(h["score"])) for h in reranked]
    assert scores == pytest.approx(cross_encoder_scores(folder, reranked), abs=1e-4)
    assert scores == sorted(scores, reverse=True)
    assert scores != pytest.approx([float(str(h["score"])) for h in fused], abs=1e-4)

    assert search(capsys, "--reranker", "off") == fused  # one run without it
    assert cli(capsys, "models", "use", "off")[0] == 0
    assert search(capsys) == fused  # the choice is kept
    assert Settings.load(home).retrieval.reranker == "off"
    assert cli(capsys, "models", "use", RERANKER_ID)[0] == 0
    assert search(capsys) == reranked


def test_unknown_or_wrong_kind_of_reranker_is_refused_with_advice(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, _, err = cli(capsys, "models", "use", "no-such-reranker")
    assert code == 1 and "No installed reranker" in err and "models download" in err
    with pytest.raises(RerankerChoiceError, match="auto"):
        resolve("no-such-reranker", Settings.load(home).layout)
    assert resolve("", Settings.load(home).layout).folder is None  # nothing installed: no rerank


@pytest.mark.slow
def test_a_reranker_downloaded_mid_session_is_picked_up_by_the_next_search(
    capsys: pytest.CaptureFixture[str], hub: FakeHub, home: Path, handbook: None
) -> None:
    library = Library(Settings.load(home))  # the window's library, open all along
    try:
        before = library.search("handbook", QUESTION, k=4)
        assert library.searcher.reranker is None
        downloader = Downloader(ModelRegistry(library.layout))
        downloader.download("cross-encoder/mmarco-mMiniLMv2-L12-H384-v1", kind="reranker")
        after = library.search("handbook", QUESTION, k=4)
        assert library.searcher.reranker is not None
        assert library.reranker_choice().model_id == "cross-encoder--mmarco-mminilmv2-l12-h384-v1"
        assert [p.score for p in after] != pytest.approx([p.score for p in before], abs=1e-4)
    finally:
        library.close()
