"""Expand ``facts.jsonl`` into ``questions.jsonl``: each fact asked four ways, split by fact.

    .venv/bin/python benchmarks/evalset/make_questions.py

A fact names a page (built by ``build_docs.py`` in both languages) and gives a question and a
short answer-bearing snippet in Korean and in English, each copied from that language's page.
It becomes four questions: Korean on the Korean collection (kind ``ko``), English on the English
one (``en``), English on the Korean one and Korean on the English one (``cross``). Facts, not
questions, are split into ``tune`` and ``test`` halves with a fixed seed, so no fact's wording
leaks from the half that tunes into the half that judges.

``history_facts.jsonl`` (38 facts, ids ``h001``...) asks about Debian's project history, whose
Korean PDF has lost the spaces between its words ("데비안프로젝트는무엇인가?"): what a Korean PDF
made by a careless converter looks like. Its Korean questions are written with spaces, as a user
types them; its snippets are copied from the PDFs' text.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 15
COLLECTIONS = {"ko": "evalset-ko", "en": "evalset-en"}


def expand(facts: list[dict[str, object]], prefix: str = "f") -> list[dict[str, object]]:
    order = list(range(len(facts)))
    random.Random(SEED).shuffle(order)
    test = set(order[: len(order) // 2])
    rows: list[dict[str, object]] = []
    for n, fact in enumerate(facts):
        fid = f"{prefix}{n + 1:03d}"
        split = "test" if n in test else "tune"
        for q_lang in ("ko", "en"):
            for d_lang in ("ko", "en"):
                question = fact[q_lang]
                snippet = fact[d_lang]
                assert isinstance(question, list) and isinstance(snippet, list)
                rows.append(
                    {
                        "id": f"{fid}-{q_lang}-{d_lang}",
                        "q": question[0],
                        "doc": f"{fact['doc']}.{d_lang}.html",
                        "answer": snippet[1],
                        "kind": q_lang if q_lang == d_lang else "cross",
                        "collection": COLLECTIONS[d_lang],
                        "split": split,
                    }
                )
    return rows


def read(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (HERE / name).read_text("utf-8").splitlines()]


def main() -> None:
    # Each file is split on its own, so adding the history's facts left the first 101 facts'
    # halves as they were.
    facts, history = read("facts.jsonl"), read("history_facts.jsonl")
    rows = expand(facts) + expand(history, prefix="h")
    facts += history
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (HERE / "questions.jsonl").write_text(text, encoding="utf-8")
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("ko", "en", "cross")}
    print(f"{len(facts)} facts -> {len(rows)} questions {kinds}")


if __name__ == "__main__":
    main()
