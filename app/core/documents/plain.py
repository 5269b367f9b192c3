"""Plain text files (``.txt``): decoding, normalising and paging.

Encodings are tried in order: a BOM's (UTF-8, UTF-16), then UTF-8, then CP949 (Korean
Windows; accepted only if most of its non-ASCII characters come out as Hangul), then CP1252
and Latin-1. Anything but UTF-8 adds a warning to the document.

Pages are runs of paragraphs of about ``paging.PAGE_CHARS`` characters (a printed page), so a
citation says "page 3" of a text file and the viewer shows that stretch. The file is read and
normalised in windows of about 1 MB cut at paragraph breaks, so a 50 MB file, even one long
line, takes memory in proportion to its text and time in proportion to its size.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from app.core.documents.model import ParsedDocument
from app.core.documents.normalize import normalize_text
from app.core.documents.paging import Block, assemble_pages
from app.core.errors import DocumentError
from app.core.hangul import count_syllables

WINDOW_CHARS = 1 << 20
READ_BYTES = 1 << 20
MAX_BYTES = 512 << 20
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_FALLBACKS = ("utf-8", "cp949", "cp1252", "latin-1")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def load_text(path: Path) -> ParsedDocument:
    """A text file as pages of normalised paragraphs (see the module docstring)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(f"{path.name}: too large for a text document ({size >> 20} MB).")
    encoding = detect_encoding(path)
    blocks = (Block(p) for window in _windows(path, encoding) for p in window.split("\n\n"))
    pages = assemble_pages(blocks)
    if not pages:
        raise DocumentError(f"{path.name}: contains no text.")
    warnings = [] if encoding.startswith("utf") else [_encoding_warning(encoding)]
    return ParsedDocument(path=path, kind="txt", title=path.stem, pages=pages, warnings=warnings)


def detect_encoding(path: Path) -> str:
    """The first encoding that decodes the whole file (see the module docstring)."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if b"\x00" in head:
        raise DocumentError(f"{path.name}: looks like a binary file, not text.")
    for name in _FALLBACKS:
        if _decodes(path, name):
            return name
    return "latin-1"  # unreachable: Latin-1 decodes any byte


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    hangul = non_ascii = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(READ_BYTES):
                text = decoder.decode(chunk)
                if encoding == "cp949":
                    hangul += count_syllables(text)
                    non_ascii += len(_NON_ASCII.findall(text))
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return encoding != "cp949" or hangul * 2 >= non_ascii


def _windows(path: Path, encoding: str) -> Iterator[str]:
    """Normalised text in windows of about ``WINDOW_CHARS``, cut at paragraph breaks."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    with path.open("rb") as handle:
        while chunk := handle.read(READ_BYTES):
            pending += decoder.decode(chunk)
            while len(pending) > WINDOW_CHARS:
                cut = _window_cut(pending)
                yield normalize_text(pending[:cut])
                pending = pending[cut:]
    pending += decoder.decode(b"", final=True)
    if pending:
        yield normalize_text(pending)


def _window_cut(text: str) -> int:
    """After the last blank line (else line break, sentence end, space) of the first window."""
    for separator in ("\n\n", "\n", ". ", " "):
        found = text.rfind(separator, WINDOW_CHARS // 2, WINDOW_CHARS)
        if found > 0:
            return found + len(separator)
    return WINDOW_CHARS


def _encoding_warning(encoding: str) -> str:
    if encoding == "cp949":
        return "not UTF-8: read as CP949 (Korean Windows encoding)"
    return f"not UTF-8: read as {encoding.upper()}; some characters may be wrong"
