"""`pagefold tags labels|run|list` and `pagefold search --tag` through ``app.cli.main``, on real
PDFs, Chroma and MiniLM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.core.config import TEST_EMBEDDING_MODEL
from tests.core.tagging.kinds import ENGLISH_LABELS, make_english

pytestmark = pytest.mark.slow


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_label_tag_list_and_search_by_tag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFOLD_EMBEDDING_MODEL", TEST_EMBEDDING_MODEL)
    data = tmp_path / "data"
    expected = make_english(tmp_path / "docs")
    assert run(capsys, data, "ingest", "kinds", str(tmp_path / "docs"), "--quiet")[0] == 0

    code, out, _ = run(capsys, data, "tags", "labels", "kinds", *ENGLISH_LABELS)
    assert code == 0
    assert "contract, research paper, meeting report" in out and "Tagged 3 of 4" in out

    code, out, _ = run(capsys, data, "tags", "labels", "kinds")
    assert out.strip() == "contract, research paper, meeting report"

    code, out, _ = run(capsys, data, "tags", "list", "kinds", "--json")
    rows = {Path(r["path"]).name: [t["tag"] for t in r["tags"]] for r in json.loads(out)}
    assert rows == {name: [label] if label else [] for name, label in expected.items()}

    code, out, _ = run(capsys, data, "tags", "list", "kinds")
    assert any(line.split()[1:] == ["doc-c.pdf", "meeting", "report"] for line in out.splitlines())

    code, out, _ = run(
        capsys, data, "search", "kinds", "When is the next meeting?", "--tag", "contract", "--json"
    )
    assert code == 0
    assert {Path(p["path"]).name for p in json.loads(out)} == {"doc-a.pdf"}

    code, _, err = run(capsys, data, "search", "kinds", "meeting", "--tag", "invoice")
    assert code == 1 and "no tag invoice" in err and "research paper" in err

    code, _, err = run(capsys, data, "tags", "run", "nowhere")
    assert code == 1 and "nowhere" in err

    assert run(capsys, data, "tags", "labels", "kinds", "--clear")[0] == 0
    code, out, _ = run(capsys, data, "tags", "list", "kinds", "--json")
    assert all(r["tags"] == [] for r in json.loads(out))
    code, _, err = run(capsys, data, "tags", "run", "kinds")
    assert code == 1 and "no labels yet" in err
