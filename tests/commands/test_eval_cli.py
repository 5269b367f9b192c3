"""`pagefold eval` end to end through ``app.cli.main``: real PDFs, real Chroma, real MiniLM."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.core.config import TEST_EMBEDDING_MODEL
from app.core.evaluation.example import example_dir

MANUAL = example_dir() / "airpure-300-manual.en.pdf"
QUESTIONS = [
    {
        "id": "w",
        "q": "How long is the warranty?",
        "answer": "2 years from the date of purchase",
        "doc": MANUAL.name,
        "page": 8,
    },
    {"id": "p", "q": "Which part number should I order for a new filter?", "answer": "NW-F300"},
    {"id": "b", "q": "What kind of battery goes in the remote?", "answer": "CR2032", "page": 1},
    {"id": "u", "q": "How much does the purifier cost?", "unanswerable": True},
]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One data folder with the English manual indexed by MiniLM, shared by this module."""
    root = tmp_path_factory.mktemp("eval-cli")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(MANUAL, docs / MANUAL.name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PAGEFOLD_EMBEDDING_MODEL", TEST_EMBEDDING_MODEL)
        assert (
            main(["--data-dir", str(root / "data"), "ingest", "manual", str(docs), "--quiet"]) == 0
        )
    questions = root / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n", encoding="utf-8")
    yield root


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(root / "data"), "eval", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_question_format_and_compare_settings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    out = capsys.readouterr().out
    assert '"unanswerable": true' in out and "recipe" in out and "--example" in out


def test_mistakes_get_messages_not_tracebacks(
    capsys: pytest.CaptureFixture[str], indexed: Path
) -> None:
    code, _, err = run(capsys, indexed)
    assert code == 1 and "pagefold eval --example" in err
    code, _, err = run(capsys, indexed, "nope", str(indexed / "questions.jsonl"))
    assert code == 1 and 'No collection named "nope"' in err
    code, _, err = run(capsys, indexed, "manual", str(indexed / "missing.jsonl"))
    assert code == 1 and "Cannot read the questions file" in err
    code, _, err = run(
        capsys, indexed, "manual", str(indexed / "questions.jsonl"), "--compare", "x"
    )
    assert code == 1 and "Use one of: dense | lexical" in err


@pytest.mark.slow
def test_a_run_prints_the_table_and_writes_json_and_markdown(
    capsys: pytest.CaptureFixture[str], indexed: Path
) -> None:
    out_json, out_md = indexed / "r.json", indexed / "r.md"
    code, out, _ = run(
        capsys,
        indexed,
        "manual",
        str(indexed / "questions.jsonl"),
        "-k",
        "3",
        "--json",
        str(out_json),
        "--markdown",
        str(out_md),
        "--quiet",
    )
    assert code == 0, out
    assert "4 questions, 3 judged for retrieval, 1 unanswerable" in out
    assert "hit@3" in out and "MRR@3" in out
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert report["k"] == 3 and report["settings"]["mode"] == "hybrid"
    assert report["metrics"]["hit@k"] == 1.0  # three plain English questions on an 8-page manual
    assert report["settings"]["embedding_model"] == TEST_EMBEDDING_MODEL
    assert out_md.read_text(encoding="utf-8").startswith("# Evaluation: hybrid")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("setting", "labels"),
    [
        ("dense", ("hybrid", "dense-only")),
        ("recipe", ("Pagefold hybrid", "LangChain recipe")),
        ("chunks=128", ("chunks 256", "chunks 128")),
    ],
)
def test_compare_prints_both_settings_and_the_difference(
    capsys: pytest.CaptureFixture[str], indexed: Path, setting: str, labels: tuple[str, str]
) -> None:
    out_json = indexed / f"compare-{setting}.json"
    code, out, _ = run(
        capsys,
        indexed,
        "manual",
        str(indexed / "questions.jsonl"),
        "--compare",
        setting,
        "--json",
        str(out_json),
        "--quiet",
    )
    assert code == 0, out
    assert out.splitlines()[0].startswith(f"{labels[0]}  vs  {labels[1]}")
    assert "difference" in out.splitlines()[2]
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert (data["a"]["label"], data["b"]["label"]) == labels
    assert set(data["difference"]) >= {"hit@1", "hit@k", "mrr", "ndcg"}
    if setting == "chunks=128":
        assert data["b"]["settings"]["chunk_tokens"] == 128


@pytest.mark.slow
def test_answers_from_the_real_small_model_are_judged(
    capsys: pytest.CaptureFixture[str], indexed: Path, smollm2_gguf: Path
) -> None:
    pytest.importorskip("app.core.chat.service")
    settings = indexed / "data" / "settings.json"
    small = {"generation": {"max_new_tokens": 24}, "retrieval": {"k": 2}}  # a short prompt
    settings.write_text(json.dumps(small), encoding="utf-8")
    questions = indexed / "two.jsonl"  # one answerable, one not: a small model is slow on CPU
    questions.write_text(
        "\n".join(json.dumps(q) for q in (QUESTIONS[0], QUESTIONS[-1])), encoding="utf-8"
    )
    out_json = indexed / "answers.json"
    try:
        code, out, err = run(
            capsys,
            indexed,
            "manual",
            str(questions),
            "--model",
            str(smollm2_gguf),
            "--json",
            str(out_json),
            "--quiet",
        )
    finally:
        settings.unlink()
    assert code == 0, err
    assert "answer token F1" in out and "answer total p50" in out  # a first token may not come
    report = json.loads(out_json.read_text(encoding="utf-8"))
    answered = [q for q in report["questions"] if q["answer"] is not None]
    assert len(answered) == 2 and all(q["total_ms"] > 0 for q in answered)
    assert report["metrics"]["refusal_unanswerable"] is not None
    assert report["settings"]["answer_model"]
    # the evaluation's questions never reach the user's conversation history
    assert not (indexed / "data" / "conversations.sqlite3").exists()


def test_questions_naming_collections_run_one_split_with_per_kind_numbers(
    capsys: pytest.CaptureFixture[str], indexed: Path
) -> None:
    """The development set's layout: each question names its collection, kind and half."""
    rows = [
        {**QUESTIONS[0], "id": "w-en", "kind": "en", "split": "test"},
        {**QUESTIONS[2], "id": "b-en", "kind": "en", "split": "tune"},
        {
            "id": "w-cross",
            "q": "보증 기간은 얼마나 되나요?",
            "answer": "2 years from the date of purchase",
            "kind": "cross",
            "split": "test",
        },
    ]
    path = indexed / "named.jsonl"
    path.write_text(
        "\n".join(json.dumps({**r, "collection": "manual"}, ensure_ascii=False) for r in rows),
        encoding="utf-8",
    )
    code, out, _ = run(capsys, indexed, str(path), "--split", "test", "--quiet")
    assert code == 0, out
    assert "2 questions, 2 judged" in out
    kinds = [
        line.split()[:2]
        for line in out.splitlines()
        if line.split()[:1] in (["en"], ["cross"], ["all"])
    ]
    assert kinds == [["en", "1"], ["cross", "1"], ["all", "2"]]

    code, _, err = run(capsys, indexed, str(path), "--split", "tune", "--compare", "dense")
    assert code == 1 and "--compare needs one collection" in err
    unnamed = indexed / "unnamed.jsonl"
    unnamed.write_text(json.dumps(QUESTIONS[0]), encoding="utf-8")
    code, _, err = run(capsys, indexed, str(unnamed))
    assert code == 1 and 'every question has a "collection" field' in err
