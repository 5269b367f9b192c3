"""The LCEL chains: ``prompt | chat model | parser`` over whichever backend writes answers.

Packing and generation use the same ``ChatPromptTemplate``, so the prompt whose tokens were
counted is exactly the prompt the model receives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from app.core.cancel import CancelToken
from app.core.chat.backends import ChatBackend
from app.core.chat.fence import TagFilter
from app.core.chat.packing import Counter
from app.core.chat.prompts import to_dicts

if TYPE_CHECKING:
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnableConfig

_LC_ROLES = {"user": "human", "assistant": "ai", "system": "system"}


class PromptRunner:
    """Runs prompt templates on one backend, streaming or whole."""

    def __init__(self, backend: ChatBackend) -> None:
        from app.core.chat.lc import BackendChatModel

        self.backend = backend
        self.model = BackendChatModel(backend=backend)
        self.counter = Counter(prompt=backend.count_prompt_tokens, text=backend.count_tokens)

    def messages(
        self, template: ChatPromptTemplate, variables: dict[str, Any]
    ) -> list[dict[str, str]]:
        """The chat messages the template makes from ``variables``, as the model gets them."""
        return to_dicts(template.format_messages(**variables))

    def stream(
        self,
        template: ChatPromptTemplate,
        variables: dict[str, Any],
        max_new_tokens: int,
        temperature: float,
        cancel: CancelToken | None = None,
        config: RunnableConfig | None = None,
    ) -> Iterator[str]:
        """The answer's pieces; ``config`` makes the model's run a child of the caller's
        (its tokens then show in the caller's ``astream_events``)."""
        from langchain_core.output_parsers import StrOutputParser

        model = self.model.bind(
            max_new_tokens=max_new_tokens, temperature=temperature, cancel=cancel
        )
        chain = template | model | StrOutputParser()
        echo = TagFilter()  # a small model may copy the documents' fence into what it writes
        for piece in chain.stream(variables, config):
            if kept := echo.feed(piece):
                yield kept
        if rest := echo.flush():
            yield rest

    def complete(
        self,
        template: ChatPromptTemplate,
        variables: dict[str, Any],
        max_new_tokens: int,
        temperature: float = 0.0,
        cancel: CancelToken | None = None,
        config: RunnableConfig | None = None,
    ) -> str:
        pieces = self.stream(template, variables, max_new_tokens, temperature, cancel, config)
        return "".join(pieces)


def history_messages(history: Sequence[dict[str, str]]) -> list[tuple[str, str]]:
    """Stored turns in the form LangChain's ``MessagesPlaceholder`` takes."""
    return [(_LC_ROLES.get(m["role"], m["role"]), m["content"]) for m in history]
