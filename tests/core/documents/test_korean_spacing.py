"""Korean that has lost the spaces between its words is indexed with them put back, while the
passage a user reads keeps the page's own text."""

from __future__ import annotations

import pytest

from app.core.documents import korean
from app.core.documents.korean import lost_spaces, respaced
from app.core.documents.model import ChunkSpan
from app.core.indexing.pipeline import index_texts, with_heading

# The opening of Debian's "Short History of Debian" in Korean, as its PDF's text layer has it.
RUN_TOGETHER = (
    "데비안프로젝트는전적으로자유소프트웨어로구성된운영체제배포판을만들려고노력하는"
    "세계적인자원봉사단체이다. 현재까지프로젝트의주요산물은리눅스운영체제커널과"
    "수천개의미리패키지된응용프로그램이들어있는데비안배포판이다."
)
SPACED = (
    "데비안 프로젝트는 전적으로 자유 소프트웨어로 구성된 운영체제 배포판을 만들려고 노력하는 "
    "세계적인 자원봉사 단체이다."
)


def test_run_together_korean_is_told_from_korean_with_its_spaces() -> None:
    assert lost_spaces(RUN_TOGETHER)
    assert not lost_spaces(SPACED)
    assert not lost_spaces("The Debian Project is an association of volunteers. " * 3)
    assert not lost_spaces("데비안역사")  # too short to say


def test_the_spaces_come_back_and_nothing_else_changes() -> None:
    spaced = respaced(RUN_TOGETHER)
    assert "자유 소프트웨어" in spaced and "주요 산물은" in spaced
    assert spaced.replace(" ", "") == RUN_TOGETHER.replace(" ", "")
    assert respaced(SPACED) == SPACED  # text with its spaces is left exactly as it is


def test_only_the_index_sees_the_spaces() -> None:
    chunk = ChunkSpan(index=0, page=1, start=0, end=len(RUN_TOGETHER), text=RUN_TOGETHER)
    indexed = with_heading(chunk, own_text_only=True)
    assert "자유 소프트웨어" in indexed
    assert chunk.text == RUN_TOGETHER  # what the citation shows and highlights


class _BrokenKiwi:
    def space(self, text: str, reset_whitespace: bool = False) -> str:
        raise RuntimeError("the analyser's process died")


class _RewritingKiwi:
    def space(self, text: str, reset_whitespace: bool = False) -> str:
        return text.replace("데비안", "데 비 앙")


def test_a_failing_or_rewriting_analyser_leaves_the_text_as_the_page_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(korean._state, "kiwi", _BrokenKiwi())
    assert respaced(RUN_TOGETHER) == RUN_TOGETHER  # and the document still indexes
    monkeypatch.setitem(korean._state, "kiwi", _RewritingKiwi())
    assert respaced(RUN_TOGETHER) == RUN_TOGETHER


def test_the_vector_leaves_out_the_overlap_of_a_respaced_passage() -> None:
    repeat = RUN_TOGETHER.index("현재까지")  # the first sentence repeats the passage before
    chunk = ChunkSpan(
        index=1, page=1, start=0, end=len(RUN_TOGETHER), text=RUN_TOGETHER, repeat=repeat
    )
    bm25_text, embedded = index_texts(chunk)
    assert bm25_text.startswith("데비안 프로젝트는") and "자유 소프트웨어" in bm25_text
    assert embedded.startswith("현재까지") and "주요 산물은" in embedded
    assert "자원" not in embedded  # none of the overlap
    assert bm25_text.endswith(embedded)  # re-spaced once, the same words both ways
