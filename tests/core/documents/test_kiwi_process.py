"""Kiwi in a child process gives the window's search and wrap-joining the same answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.documents import korean
from app.core.documents.kiwi_loader import load_kiwi
from app.core.documents.kiwi_process import KiwiProcess
from app.core.retrieval.tokenize import lexical_tokens

TEXTS = [
    "데비안의 코드명은 어디서 왔나요? 토이 스토리의 등장인물에서 따왔습니다.",
    "패키지를 설치하려면 apt-get install 명령을 사용하세요.",
]


@pytest.fixture(scope="module")
def child() -> Iterator[KiwiProcess]:
    proxy = KiwiProcess()
    yield proxy
    proxy.close()


def test_child_tokens_and_spacing_equal_in_process_kiwi(child: KiwiProcess) -> None:
    local = load_kiwi()
    assert child.available()
    for text in TEXTS:
        assert [(t.form, t.tag) for t in child.tokenize(text)] == [
            (t.form, t.tag) for t in local.tokenize(text)
        ]
    assert child.space("조건에따라배포하면", reset_whitespace=False) == str(
        local.space("조건에따라배포하면", reset_whitespace=False)
    )


def test_search_tokens_come_from_the_child_once_switched(
    child: KiwiProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [lexical_tokens(text) for text in TEXTS]  # in-process Kiwi (the CLI's)
    monkeypatch.setitem(korean._state, "kiwi", child)
    assert [lexical_tokens(text) for text in TEXTS] == expected
    assert "코드명" in expected[0] or "코드" in expected[0]


def test_a_killed_analyser_is_restarted(child: KiwiProcess) -> None:
    before = child.tokenize(TEXTS[1])
    child._process.kill()  # a crash of the child, e.g. out of memory
    child._process.join()
    assert child.tokenize(TEXTS[1]) == before
