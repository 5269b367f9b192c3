"""An English question about Korean documents, from the command line, with the default model.

``pagefold ingest`` prepares search as the window does after indexing: the keyword index and
the word bridge (``app.core.retrieval.bridge``) are on disk before the first question, and an
English ``pagefold search`` then finds the Korean page through it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main

pytestmark = pytest.mark.slow

TRAVEL = """제주도 여행 안내

제주도의 한라산은 높이가 1947미터로 남한에서 가장 높은 산입니다. 한라산 정상까지는 성판악
코스로 보통 네 시간 반이 걸립니다.

제주도의 바다는 여름에 수영하기 좋습니다. 협재 해변은 물이 맑고 얕아서 아이들과 함께 가기
좋습니다. 해변 근처에는 식당이 많습니다.

제주도에서는 버스가 공항과 주요 관광지를 잇습니다. 버스 요금은 교통카드로 내면 더 쌉니다.
한라산 등산로 입구까지 가는 버스도 있습니다.
"""


def test_ingest_builds_the_bridge_and_an_english_search_finds_the_korean_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, doc = tmp_path / "home", tmp_path / "jeju.txt"
    doc.write_text(TRAVEL, encoding="utf-8")
    assert main(["--data-dir", str(home), "ingest", "travel", str(doc)]) == 0
    assert list(home.rglob("bridge-*.npz")), "built by ingest, not by the first question"
    capsys.readouterr()

    assert main(["--data-dir", str(home), "search", "travel", "How tall is Hallasan?"]) == 0
    out = capsys.readouterr().out
    first = out.split("\n\n")[0]
    assert "1947미터" in first, out
