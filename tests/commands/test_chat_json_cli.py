"""`pagefold ask --no-documents` and JSON export/import of conversations, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.core.chat.fakes import passage


def _run(home: Path, *argv: str) -> int:
    return main(["--data-dir", str(home), *argv])


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.core.models.tinyllm import make_tiny_llama

    return make_tiny_llama(tmp_path_factory.mktemp("tiny-llama"))


def test_ask_without_documents_chats_with_the_model_and_cites_nothing(
    data_dir: Path, tiny_model: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--model", str(tiny_model), "--max-new-tokens", "6", "--json"]
    assert _run(data_dir, "ask", "--no-documents", "Hello, who are you?", *argv) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["mode"] == "chat" and first["sources"] == [] and first["cited"] == []
    assert first["model"] == tiny_model.name

    conversation = str(first["conversation_id"])
    assert (
        _run(data_dir, "ask", "--no-documents", "--conversation", conversation, "And?", *argv) == 0
    )
    second = json.loads(capsys.readouterr().out)
    assert second["conversation_id"] == first["conversation_id"] and second["mode"] == "chat"

    assert _run(data_dir, "conversations", "list", "--json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["collections"] == [] and listed["messages"] == 4


def test_ask_without_documents_needs_a_model(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(data_dir, "ask", "--no-documents", "Hello?") == 1
    assert "needs a language model" in capsys.readouterr().err


def test_ask_without_a_collection_or_the_flag_explains_both(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(data_dir, "ask", "Hello?") == 1
    assert "--no-documents" in capsys.readouterr().err


def _conversation_with_an_answer(home: Path) -> int:
    """A stored turn with everything an answer keeps: sources, citations, model, settings."""
    from app.core.config import Settings
    from app.core.storage.conversations import ConversationStore

    store = ConversationStore(Settings.load(home).layout.conversations_db)
    conversation = store.create("Harbor 항구", ["harbor", "notes"])
    store.add_message(
        conversation.id,
        "user",
        "Summarize: harbor.pdf",
        action={"kind": "summarize", "collection": "harbor", "document_id": 3},
    )
    sources = [passage(1, "Ferries leave at 7.", page=2), passage(2, "서울 항구.", page=5)]
    store.add_message(
        conversation.id,
        "assistant",
        "Ferries leave at 7 [1]. 항구 [2].",
        sources=sources,
        cited=[1, 2],
        mode="summary",
        model="SmolLM2-135M-Instruct.Q4_1",
        settings={"temperature": 0.0, "k": 6},
        extra={"language": "en", "timings": {"total_s": 1.5}},
    )
    store.close()
    return conversation.id


def test_json_export_and_import_round_trip_without_loss(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _conversation_with_an_answer(data_dir)
    exported = tmp_path / "chat.json"
    assert _run(data_dir, "conversations", "export", str(original), "-o", str(exported)) == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["messages"][1]["sources"][1]["page"] == 5
    assert data["messages"][1]["model"] == "SmolLM2-135M-Instruct.Q4_1"

    capsys.readouterr()
    assert _run(data_dir, "conversations", "import", str(exported)) == 0
    new_id = int(capsys.readouterr().out.split("conversation ", 1)[1].split(":")[0])
    assert new_id != original
    again = tmp_path / "again.json"
    assert _run(data_dir, "conversations", "export", str(new_id), "--json", "-o", str(again)) == 0
    assert json.loads(again.read_text(encoding="utf-8")) == data


def test_importing_something_else_is_refused_and_adds_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"title": "x", "messages": []}', encoding="utf-8")
    assert _run(data_dir, "conversations", "import", str(bad)) == 1
    assert "not a Pagefold conversation" in capsys.readouterr().err
    assert _run(data_dir, "conversations", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
