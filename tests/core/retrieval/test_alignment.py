"""The rotation between an embedder's English and Korean question vectors (``alignment``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.retrieval import alignment
from app.core.retrieval.alignment import alignment_for, fit


def random_rotation(size: int, seed: int) -> np.ndarray:
    q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(size, size)))
    return q.astype(np.float32)


def test_fit_recovers_the_rotation_between_two_languages_from_noisy_pairs() -> None:
    """500 "sentences" and their "translations", the latter turned by a hidden rotation and
    blurred: the fit carries new sentences to their translations, both ways."""
    rng = np.random.default_rng(0)
    hidden = random_rotation(32, 1)
    english = rng.normal(size=(500, 32)).astype(np.float32)
    korean = english @ hidden + 0.05 * rng.normal(size=(500, 32)).astype(np.float32)
    found = fit(english, korean)
    assert np.allclose(found.to_korean @ found.to_korean.T, np.eye(32), atol=1e-4)
    new = rng.normal(size=32).astype(np.float32)
    target = new @ hidden
    moved = np.array(found.into("ko", new.tolist()))
    assert moved @ target / np.linalg.norm(target) > 0.99
    back = np.array(found.into("en", target.tolist()))
    assert back @ new / np.linalg.norm(new) > 0.99
    assert np.linalg.norm(moved) == pytest.approx(1.0, abs=1e-5)


def test_the_default_embedder_ships_a_rotation() -> None:
    """multilingual-e5-small's rotation is bundled, square in its 384 dimensions and
    orthogonal (float16 keeps it so to about 1e-3)."""
    alignment_for.cache_clear()
    found = alignment_for(DEFAULT_EMBEDDING_MODEL, 384)
    assert found is not None
    assert np.allclose(found.to_korean @ found.to_korean.T, np.eye(384), atol=5e-3)
    assert alignment_for("someone/other-model", 384) is None


def test_a_damaged_or_mismatched_rotation_is_left_unused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Search goes on without it (``hybrid`` then keeps the fixed offset), and says why."""
    monkeypatch.setattr(alignment, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    folder = tmp_path / alignment.ALIGNMENT_FOLDER
    folder.mkdir()
    (folder / "bad--model.npy").write_bytes(b"not a matrix")
    np.save(folder / "small--model.npy", np.eye(8, dtype=np.float16))
    alignment_for.cache_clear()
    try:
        assert alignment_for("bad/model", 8) is None
        assert alignment_for("small/model", 16) is None
        assert alignment_for("small/model", 8) is not None
    finally:
        alignment_for.cache_clear()
    assert "Cannot read the language alignment" in caplog.text
    assert "not 16 square" in caplog.text
