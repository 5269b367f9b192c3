"""Tesseract through its command line, Korean and English together.

Chosen by measurement (``benchmarks/ocr_engines.py``): Debian's ``tesseract-ocr-kor`` reads
Korean scans well, while RapidOCR's wheels carry Chinese/Latin models only and fetch Korean
ones from the internet at run time, which Pagefold never does.

The binary is called directly rather than through pytesseract so its environment can be set
per call: ``OMP_THREAD_LIMIT=1`` keeps Tesseract's OpenMP threads from fighting each other
(and the embedder) for cores: on a busy 2-core machine one page took 44 s with two threads
and 2.4 s with one. Setting that variable process-wide would also throttle torch.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

WANTED_LANGUAGES = ("kor", "eng")
PAGE_TIMEOUT_S = 180
ENV_BINARY = "PAGEFOLD_TESSERACT"  # an installer's bundled binary; TESSDATA_PREFIX finds its data


class OcrFailed(RuntimeError):
    """Tesseract ran but could not read one page (a bug, a timeout or a broken image)."""


@dataclass(frozen=True)
class TesseractEngine:
    """A working Tesseract and the wanted languages it has data for (``kor+eng``)."""

    binary: str
    languages: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"tesseract ({'+'.join(self.languages)})"

    def recognize(self, image: Any) -> str:
        """Text of one page image (a PIL image), in reading order, lines kept.

        Automatic layout analysis (``--psm 3``) reads columns, but calls a page holding one
        or two lines "Empty page!!"; such a page is read again as one block (``--psm 6``).
        """
        data = io.BytesIO()
        image.convert("L").save(data, format="PPM")  # uncompressed: 30 ms against PNG's 300
        text = self._run(data.getvalue(), "3")
        return text if text.strip() else self._run(data.getvalue(), "6")

    def _run(self, image: bytes, layout: str) -> str:
        # No --dpi: Tesseract estimates it from the glyphs. Declaring the render's true 300 dpi
        # made it find nothing on a 14 pt Korean page that it read cleanly when left to guess.
        command = [self.binary, "stdin", "stdout", "-l", "+".join(self.languages)]
        command += ["--oem", "1", "--psm", layout]
        try:
            done = subprocess.run(
                command,
                input=image,
                capture_output=True,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                timeout=PAGE_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise OcrFailed(str(error)) from None
        if done.returncode != 0:
            raise OcrFailed(done.stderr.decode("utf-8", "replace").strip()[-300:])
        return done.stdout.decode("utf-8", "replace")


def find_tesseract() -> TesseractEngine | None:
    """The installed Tesseract with Korean and/or English data, or None when it is unusable."""
    binary = os.environ.get(ENV_BINARY) or shutil.which("tesseract")
    if not binary:
        return None
    try:
        listing = subprocess.run(
            [binary, "--list-langs"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        log.warning("tesseract at %s does not run", binary)
        return None
    found = set(listing.stdout.decode("utf-8", "replace").split())
    languages = tuple(lang for lang in WANTED_LANGUAGES if lang in found)
    if not languages:
        log.warning("tesseract at %s has neither Korean nor English data", binary)
        return None
    return TesseractEngine(binary, languages)
