"""File › Export chat as JSON, then File › Import chat: the same conversation, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def test_export_json_and_import_it_back_in_the_window(
    qtbot: Any, make_window: Any, settings: Any, fake_library: Any, tmp_path: Path
) -> None:
    from app.core.chat.transcript import export_json
    from app.core.storage.conversations import ConversationStore
    from tests.core.chat.fakes import passage

    store = ConversationStore(settings.layout.conversations_db)
    original = store.create("Ferries", ["harbor"])
    store.add_message(original.id, "user", "When do ferries leave?")
    store.add_message(
        original.id, "assistant", "At 7 [1].", sources=[passage(1, "Ferries leave at 7.", page=2)],
        cited=[1], mode="answer", model="SmolLM2-135M-Instruct.Q4_1", extra={"language": "en"},
    )  # fmt: skip
    window = make_window(conversations=store, library=fake_library)
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 1, timeout=5000)

    target = tmp_path / "ferries.json"
    window.conversation_actions.save(original.id, str(target))
    qtbot.waitUntil(target.exists, timeout=5000)
    assert json.loads(target.read_text(encoding="utf-8")) == export_json(store, original.id)

    window.conversation_actions.import_(str(target))
    qtbot.waitUntil(lambda: window.conversations.rowCount() == 2, timeout=5000)
    qtbot.waitUntil(lambda: window.chat.model.rowCount() == 2, timeout=5000)
    imported = window.chat.conversation_id
    assert imported != original.id
    answer = window.chat.model.message(1)
    assert answer.text == "At 7 [1]." and answer.cited == [1] and answer.sources[0].page == 2
    assert answer.model == "SmolLM2-135M-Instruct.Q4_1"
    again = export_json(store, imported)
    assert again == export_json(store, original.id)
    store.close()
