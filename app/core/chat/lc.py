"""Any ``ChatBackend`` as a LangChain chat model, so the pipeline composes with LCEL.

Imported only when a chain is built (it imports langchain_core). Generation settings and the stop
token arrive as bound keyword arguments (``model.bind(max_new_tokens=..., cancel=...)``), so one
chat model object serves every request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict

from app.core.chat.prompts import to_dicts


class BackendChatModel(BaseChatModel):
    """Streams from a ``ChatBackend``; ``_generate`` is the joined stream."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    backend: Any
    max_new_tokens: int = 512
    temperature: float = 0.2

    @property
    def _llm_type(self) -> str:
        return "pagefold-backend"

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        pieces = self.backend.stream(
            to_dicts(messages),
            int(kwargs.get("max_new_tokens", self.max_new_tokens)),
            float(kwargs.get("temperature", self.temperature)),
            kwargs.get("cancel"),
        )
        for piece in pieces:
            if run_manager is not None:
                run_manager.on_llm_new_token(piece)
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(chunk.text for chunk in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
