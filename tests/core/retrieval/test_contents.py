"""Contents and index pages are recognised and ranked below body text, never dropped."""

from __future__ import annotations

from app.core.retrieval.contents import is_contents
from app.core.retrieval.hybrid import HybridSearcher
from tests.core.retrieval.conftest import FakeEmbedder, Store

TOC_KO = """# 9장. 데비안 시스템 최신으로 유지하기

차례

9.1. 어떻게 내 데비안 시스템을 현재로 유지하나요?

9.1.1. aptitude

9.1.2. apt-get 및 apt-cdrom

9.2. 패키지를 업그레이드하려면 꼭 단일 사용자 모드로 가야 하나요?

9.3. 디스크에 .deb 보관 파일을 모두 보관해야 하나요?"""

TOC_LEADERS = """Contents
Filters ........................ 112
Layers ......................... 140
Paths .......................... 151
Brushes ........................ 163
Selections ..................... 170"""

INDEX = """bookmarks, 12, 45
brushes, 163-170
cache, tile, 201
crop tool, 88
cursor, 12"""

BODY = """9.2. 패키지를 업그레이드하려면 꼭 단일 사용자 모드로 가야 하나요?

아뇨. 실행 중인 시스템에서도 패키지를 업그레이드할 수 있습니다.
데비안에는 패키지 업그레이드 중에 필요한 경우 실행 프로세스를 다시 시작하는
start-stop-daemon 프로그램이 있습니다."""

STEPS = """1. 파일 - 열기를 선택합니다.
2. 열려는 CSV 파일을 찾습니다.
3. 파일 형식에서 텍스트 CSV를 선택합니다.
4. 열기를 클릭합니다.
5. 구분자 옵션을 선택합니다."""

ERROR_CODES = """962 Procedure not found
963 Label undefined
964 Unknown data type
965 Exit expected
966 Statement block still open"""


def test_contents_and_index_pages_are_recognised() -> None:
    assert is_contents(TOC_KO)
    assert is_contents(TOC_LEADERS)
    assert is_contents(INDEX)


def test_body_text_numbered_steps_and_code_lists_are_not_contents() -> None:
    assert not is_contents(BODY)
    assert not is_contents(STEPS)
    assert not is_contents(ERROR_CODES)
    assert not is_contents("9.1. aptitude\n\n짧은 본문.")  # too few lines to tell


def test_contents_rank_below_the_section_and_stay_findable(
    store: Store, fake_embedder: FakeEmbedder
) -> None:
    collection = store.collection(fake_embedder)
    store.add_document(collection, fake_embedder, "faq.txt", [(1, TOC_KO), (2, BODY)])
    searcher = HybridSearcher(store.catalog, store.vectors, store.layout)
    question = "패키지를 업그레이드할 때 단일 사용자 모드로 가야 하나요?"

    found = searcher.search(collection, question, fake_embedder, k=5)

    assert [p.page for p in found] == [2, 1]
