"""docs/langchain.md runs as written: a real collection, MiniLM retrieval, SmolLM2 answering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.chat.events import Answer
from app.core.config import Settings
from app.core.library import Library
from tests.conftest import REPO
from tests.core.chat.harbor import CAT_FACT, CAT_PAGE, make_harbor_pdf
from tests.core.models.smollm2 import smollm2_runtime

pytestmark = pytest.mark.slow

DOC = REPO / "docs" / "langchain.md"


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)


def test_the_document_has_the_example_blocks() -> None:
    blocks = python_blocks(DOC.read_text(encoding="utf-8"))

    assert len(blocks) == 2
    assert "answer_chain(" in blocks[0] and "library.retriever(" in blocks[0]
    assert "astream_events(" in blocks[1]


def test_the_langchain_example_runs_as_written(
    settings: Settings,
    smollm2_gguf: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings.generation.max_new_tokens = 48
    settings.generation.temperature = 0.0
    settings.save()  # the example loads the settings of "your" data folder: this one
    library = Library(settings)
    library.ingest("harbor", [make_harbor_pdf(tmp_path)])
    library.close()
    monkeypatch.setenv("PAGEFOLD_HOME", str(settings.data_dir))
    monkeypatch.setenv("PAGEFOLD_MODEL", str(smollm2_gguf))
    smollm2_runtime(smollm2_gguf)  # the session's resident model: make_backend reuses it
    namespace: dict[str, object] = {}

    for block in python_blocks(DOC.read_text(encoding="utf-8")):
        exec(compile(block, str(DOC), "exec"), namespace)

    documents = namespace["documents"]
    assert documents[0].metadata["page"] == CAT_PAGE  # type: ignore[index]
    answer = namespace["answer"]
    assert isinstance(answer, Answer)
    assert answer.text and CAT_FACT in answer.text
    assert answer.sources[0].page == CAT_PAGE
    assert CAT_PAGE in [p.page for p in answer.cited_sources]
    printed = capsys.readouterr().out
    assert f"p. {CAT_PAGE} of " in printed  # the retriever's documents
    assert re.search(rf"^\[\d+\] .+, p\. {CAT_PAGE}$", printed, re.MULTILINE)
    assert printed.count(CAT_FACT) >= 2  # streamed, and written again through astream_events
