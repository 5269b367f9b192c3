"""A three-page fixture document whose facts a model cannot know from training."""

from __future__ import annotations

from pathlib import Path

from tests.core.documents.pdfmaker import make_pdf

HARBOR_PAGES = [
    "Harbor Notes. This short report describes the islands near the old port. "
    "It covers ferries, weather and local history.",
    "The lighthouse on Gull Island was built in 1887. "
    "The keeper's cat is named Biscuit and sleeps near the lamp.",
    "Ferries leave the port every morning at seven. "
    "In winter the schedule changes because of storms.",
]
CAT_QUESTION = "What is the name of the keeper's cat?"
CAT_FACT = "Biscuit"
CAT_PAGE = 2


def make_harbor_pdf(folder: Path) -> Path:
    return make_pdf(folder / "harbor-notes.pdf", HARBOR_PAGES)
