"""What each passage contributes to the index: its vector text and its BM25 tokens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core.indexing import pipeline
from app.core.indexing.pipeline import parse_file


def test_a_passage_is_embedded_without_the_overlap_it_repeats(tmp_path: Path) -> None:
    """The overlap is for the reader (a passage cut in two reads whole); the vector is the
    passage's own text under its heading, so two neighbours do not blur into one another,
    while BM25 still sees the overlap and finds a sentence that straddles the cut."""
    sentences = [f"Sentence {i} explains topic{i} with words about subject{i}." for i in range(40)]
    (tmp_path / "notes.md").write_text(
        "# Import and export\n\n" + " ".join(sentences), encoding="utf-8"
    )
    parsed = parse_file(tmp_path / "notes.md", chunk_tokens=96, overlap=24, password=None)
    assert len(parsed.chunks) >= 3
    for i, chunk in enumerate(parsed.chunks[1:], start=1):
        repeated = chunk.text[: chunk.repeat].strip()
        assert repeated, "every later chunk of the section starts with an overlap"
        assert repeated in parsed.chunks[i - 1].text
        embedded = parsed.embed_texts[i]
        assert embedded.startswith("Import and export\n"), "the heading stays with the passage"
        assert repeated not in embedded
        assert chunk.text[chunk.repeat :].strip() in embedded
        topic = re.search(r"topic\d+", repeated)
        assert topic and topic.group() in parsed.tokens[i].split(), "BM25 keeps the overlap"


def test_a_passage_is_indexed_under_its_title_and_section_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A "Syntax" heading alone says nothing: under forty functions each has one. The path above it
    (document title > function > Syntax) goes into both the vector text and the BM25 tokens,
    while the passage shown and cited stays the page's own text."""
    body = "The arguments are dates and a rate, separated by semicolons. " * 2
    (tmp_path / "finance.md").write_text(
        f"# Financial Functions\n\n## ACCRINT\n\nAccrued interest.\n\n### Syntax\n\n{body}\n\n"
        f"## PRICEMAT\n\nDays to settlement.\n\n### Syntax\n\n{body}",
        encoding="utf-8",
    )
    monkeypatch.setattr(pipeline, "SECTION_PATHS", True)
    parsed = parse_file(tmp_path / "finance.md", chunk_tokens=40, overlap=0, password=None)
    syntax = [i for i, c in enumerate(parsed.chunks) if c.heading == "Syntax"]
    assert len(syntax) == 2
    first, second = syntax
    assert parsed.embed_texts[first].startswith("Financial Functions > ACCRINT\n### Syntax")
    assert parsed.embed_texts[second].startswith("Financial Functions > PRICEMAT\n")
    assert "pricemat" in parsed.tokens[second].split()
    assert "pricemat" not in parsed.tokens[first].split()
    assert "ACCRINT" not in parsed.chunks[first].text
