"""One entry point that reads any supported file into pages of normalised text.

Every failure a user can cause (missing, empty, unsupported, damaged, encrypted, scanned)
comes out as a ``DocumentError`` whose message names the file and the reason; a parser's own
exception never escapes, so one bad file cannot stop a batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from app.core.documents.books import load_epub
from app.core.documents.hangul import load_hangul
from app.core.documents.md import load_markdown
from app.core.documents.model import ParsedDocument
from app.core.documents.pdf import load_pdf
from app.core.documents.plain import load_text
from app.core.documents.sheets import load_xlsx
from app.core.documents.slides import load_pptx
from app.core.documents.web import load_html
from app.core.documents.word import load_docx
from app.core.errors import DocumentError

log = logging.getLogger(__name__)

Loader = Callable[[Path], ParsedDocument]
_LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
    ".pptx": load_pptx,
    ".xlsx": load_xlsx,
    ".xlsm": load_xlsx,
    ".epub": load_epub,
    ".hwpx": load_hangul,
    ".hwp": load_hangul,
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".pdf", *_LOADERS})


def load_document(path: Path, password: str | None = None) -> ParsedDocument:
    """Read ``path`` by its suffix; ``password`` opens an encrypted PDF."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(no extension)"
        raise DocumentError(f"{path.name}: unsupported file type {shown}")
    _check_readable(path)
    if suffix in ZIP_SUFFIXES:
        _check_zip_size(path)
    try:
        if suffix == ".pdf":
            return load_pdf(path, password)
        return _LOADERS[suffix](path)
    except DocumentError:
        raise
    except OSError as error:
        raise DocumentError(f"{path.name}: cannot be read ({error.strerror or error}).") from None
    except Exception as error:  # a parser bug or an input it chokes on
        log.exception("loading %s failed", path)
        raise DocumentError(
            f"{path.name}: could not be read ({type(error).__name__}: {error})."
        ) from None


# Office, e-book and HWPX files are zip archives: a decompression bomb must be refused before any
# parser inflates it. Real documents stay far below both limits.
ZIP_SUFFIXES = frozenset({".docx", ".pptx", ".xlsx", ".xlsm", ".epub", ".hwpx"})
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100


def _check_zip_size(path: Path) -> None:
    """Read the archive's directory only (no inflating) and refuse what would explode."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return  # not a zip: the format's own loader gives the precise message
    packed = max(path.stat().st_size, 1)
    if unpacked > MAX_UNZIPPED_BYTES and unpacked > packed * MAX_ZIP_RATIO:
        raise DocumentError(
            f"{path.name}: refused: it would unpack to {unpacked / 1e6:.0f} MB from "
            f"{packed / 1e6:.1f} MB (a decompression bomb?)."
        )


def _check_readable(path: Path) -> None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DocumentError(f"{path.name}: file not found.") from None
    except OSError as error:
        raise DocumentError(f"{path.name}: cannot be opened ({error.strerror}).") from None
    if not path.is_file():
        raise DocumentError(f"{path.name}: not a file.")
    if stat.st_size == 0:
        raise DocumentError(f"{path.name}: the file is empty (0 bytes).")
