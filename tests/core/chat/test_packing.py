"""Context packing: whatever the history and the sources, the prompt fits the window."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.chat.chain import PromptRunner, history_messages
from app.core.chat.packing import PackedContext, answer_room, pack
from app.core.chat.prompts import chat_template, format_sources, refusal
from app.core.errors import PagefoldError
from app.core.storage.passage import Passage
from tests.core.chat.fakes import FakeBackend, passage

WORDS = ["lighthouse", "서울은", "cat", "1887", "수도이며", "ferry", "Biscuit", "port", "["]


class SkewedBackend(FakeBackend):
    """Whole prompts cost more than their pieces (templates, merges at joins), as with real
    tokenizers: estimates from pieces undershoot and only the exact count can be trusted."""

    def count_prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        return sum(
            self.count_tokens(m["content"]) + m["content"].count("\n") * 3 + 20 for m in messages
        )


def _pack(
    history: list[dict[str, str]],
    passages: list[Passage],
    window: int,
    max_new: int,
    question: str = "When was the lighthouse built?",
    skewed: bool = False,
) -> tuple[PackedContext, FakeBackend]:
    backend = (SkewedBackend if skewed else FakeBackend)(context_length=window)
    runner = PromptRunner(backend)
    template = chat_template("answer", "en")

    def render(kept: list[dict[str, str]], chosen: list[Passage]) -> list[dict[str, str]]:
        return runner.messages(
            template,
            {
                "question": question,
                "refusal": refusal("en"),
                "history": history_messages(kept),
                "sources": format_sources(chosen),
            },
        )

    return pack(render, runner.counter, history, passages, window, max_new), backend


texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=400).map(" ".join)
turns = st.lists(texts, max_size=30).map(
    lambda contents: [
        {"role": "user" if i % 2 == 0 else "assistant", "content": c}
        for i, c in enumerate(contents)
    ]
)
sources = st.lists(texts, max_size=12).map(
    lambda contents: [passage(i + 1, c, page=i + 1) for i, c in enumerate(contents)]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    history=turns,
    passages=sources,
    window=st.integers(min_value=450, max_value=6000),
    max_new=st.integers(min_value=16, max_value=4096),
    skewed=st.booleans(),
)
def test_packed_prompt_never_exceeds_the_window(
    history: list[dict[str, str]], passages: list[Passage], window: int, max_new: int, skewed: bool
) -> None:
    packed, backend = _pack(history, passages, window, max_new, skewed=skewed)

    assert backend.count_prompt_tokens(packed.messages) == packed.prompt_tokens
    assert packed.prompt_tokens + packed.answer_tokens <= window
    assert packed.answer_tokens == answer_room(window, max_new) > 0
    # least relevant dropped first: what is kept is the head of the ranking
    kept_ids = [p.chunk_id for p in packed.passages]
    assert kept_ids == [p.chunk_id for p in passages[: len(kept_ids)]]
    # oldest turns dropped first: what is kept is the tail of the conversation
    if packed.history:
        assert packed.history == history[len(history) - len(packed.history) :]
        assert packed.history[0]["role"] == "user"


def test_least_relevant_sources_are_dropped_first() -> None:
    ranked = [passage(i, " ".join(["lighthouse"] * 60), page=i) for i in range(1, 6)]

    packed, _ = _pack([], ranked, window=400, max_new=100)

    assert 0 < len(packed.passages) < 5
    assert [p.page for p in packed.passages] == list(range(1, len(packed.passages) + 1))
    assert packed.dropped_passages == 5 - len(packed.passages)


def test_a_long_history_is_trimmed_oldest_first_and_leaves_room_for_sources() -> None:
    history = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"turn {i} " + "port " * 50}
        for i in range(40)
    ]
    ranked = [passage(1, "The lighthouse was built in 1887.", page=2)]

    packed, _ = _pack(history, ranked, window=1024, max_new=256)

    assert packed.passages == ranked
    assert 0 < len(packed.history) < 40
    assert packed.history[-1]["content"].startswith("turn 39 ")
    assert packed.dropped_history == 40 - len(packed.history)


def test_one_huge_passage_is_cut_to_fit_rather_than_dropped() -> None:
    huge = passage(1, " ".join(["Biscuit"] * 3000), page=4)

    packed, _ = _pack([], [huge], window=600, max_new=100)

    assert packed.truncated
    assert len(packed.passages) == 1 and packed.passages[0].page == 4
    assert packed.passages[0].text and len(packed.passages[0].text) < len(huge.text)
    assert packed.passages[0].end == packed.passages[0].start + len(packed.passages[0].text)


def test_a_question_longer_than_the_window_is_a_clear_error() -> None:
    with pytest.raises(PagefoldError, match="question is too long"):
        _pack([], [], window=200, max_new=50, question="why " * 500)
