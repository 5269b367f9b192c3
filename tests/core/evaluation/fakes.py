"""Fakes for evaluation tests: a keyword searcher over fixed passages and a scripted answerer."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.errors import PagefoldError
from app.core.evaluation.answers import AnswerResult
from app.core.storage.passage import Passage


def passage(text: str, page: int, title: str = "manual.pdf", doc_id: int = 1) -> Passage:
    return Passage(
        f"{title}-{page}-{hash(text) % 997}",
        text,
        doc_id,
        f"/docs/{title}",
        title,
        page,
        0,
        len(text),
    )


class FakeSearcher:
    """Ranks passages by how many lowercase words they share with the question."""

    def __init__(self, passages: Sequence[Passage], fail_on: str = "") -> None:
        self.passages = list(passages)
        self.fail_on = fail_on
        self.calls = 0

    def __call__(self, query: str, k: int) -> list[Passage]:
        self.calls += 1
        if self.fail_on and self.fail_on in query:
            raise PagefoldError("search failed for this question")
        words = set(query.lower().split())
        scored = [
            (len(words & set(p.text.lower().split())), n, p) for n, p in enumerate(self.passages)
        ]
        scored.sort(key=lambda t: (-t[0], t[1]))
        return [p for s, _, p in scored if s > 0][:k]


class FakeAnswerer:
    """Answers from a script; cites the passages named for each question."""

    def __init__(self, script: dict[str, tuple[str, list[Passage]]]) -> None:
        self.script = script

    def answer(self, question: str) -> AnswerResult:
        text, cited = self.script.get(question, ("I don't know.", []))
        return AnswerResult(
            text, cited, retrieval_ms=3.0, prompt_ms=1.0, first_token_ms=20.0, total_ms=80.0
        )
