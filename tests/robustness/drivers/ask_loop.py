"""Ask questions with the real SmolLM2 until killed, saying on stdout what was saved.

``python -m tests.robustness.drivers.ask_loop COLLECTION MODEL.gguf QUESTIONS...`` with
``PAGEFOLD_HOME`` set. Lines printed (flushed at once, so a parent can time its kill):
``TOKEN <turn>`` when a turn's first token streams, and ``SAVED {json}`` once a turn's answer is
stored (conversation, message id, a hash of the text, the number of sources). Every third
question starts a new conversation; the others follow up in the current one.
"""

from __future__ import annotations

import hashlib
import json
import sys


def main(collection: str, model: str, questions: list[str]) -> None:
    from app.core.chat.events import DoneEvent, ErrorEvent, TokenEvent
    from app.core.chat.factory import make_backend, open_conversations
    from app.core.chat.service import ChatService
    from app.core.config import Settings
    from app.core.library import Library

    settings = Settings.load()
    settings.generation.max_new_tokens = 48
    settings.retrieval.use_reranker = False
    library = Library(settings)
    store = open_conversations(settings)
    service = ChatService(library, store, make_backend(settings, model=model), settings)
    conversation: int | None = None
    for turn, question in enumerate(questions, start=1):
        if turn % 3 == 1:
            conversation = None
        streaming = False
        for event in service.ask(question, [collection], conversation_id=conversation):
            if isinstance(event, TokenEvent) and not streaming:
                streaming = True
                print(f"TOKEN {turn}", flush=True)
            elif isinstance(event, ErrorEvent):
                print(f"ERROR {event}", flush=True)
            elif isinstance(event, DoneEvent):
                answer = event.answer
                conversation = answer.conversation_id
                saved = {
                    "turn": turn,
                    "conversation": answer.conversation_id,
                    "message": answer.message_id,
                    "sha": hashlib.sha256(answer.text.encode()).hexdigest(),
                    "sources": len(answer.sources),
                }
                print("SAVED " + json.dumps(saved), flush=True)
    print("FINISHED", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
