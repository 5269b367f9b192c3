"""Hangul word processor documents (``.hwpx`` and HWP 5 ``.hwp``) with python-hwpx.

python-hwpx reads both: HWPX as the OWPML ZIP package it is, HWP 5 by converting its compound
file to the same document model. Its Markdown export keeps paragraphs in order and writes
tables as ``| a | b |`` rows, which go through the Markdown loader's block reader so every
format writes tables the same way. Like a Word file, an HWP file does not store where pages
break (the word processor lays them out), so pages are sections as in ``paging``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from app.core.documents.md import markdown_blocks
from app.core.documents.model import ParsedDocument
from app.core.documents.office import OLE_MAGIC
from app.core.documents.paging import assemble_pages
from app.core.errors import DocumentError, EncryptedDocumentError

_PROTECTED_WORDS = ("password", "encrypt", "protect", "distribution", "drm", "암호", "배포용")


def load_hangul(path: Path) -> ParsedDocument:
    kind = path.suffix.lower().lstrip(".")
    _check_signature(path, kind)
    document = _open(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # conversion notes about layout we do not use
        markdown = str(document.text.markdown())
    blocks = list(markdown_blocks(markdown))
    pages = assemble_pages(blocks)
    if not pages:
        raise DocumentError(f"{path.name}: contains no text.")
    title = next((b.text for b in blocks if b.level == 1), "") or _first_line(blocks) or path.stem
    return ParsedDocument(path=path, kind=kind, title=title, pages=pages)


def _check_signature(path: Path, kind: str) -> None:
    import zipfile

    with path.open("rb") as handle:
        head = handle.read(8)
    if kind == "hwp" and head != OLE_MAGIC:
        hint = " (an HWPX file named .hwp?)" if zipfile.is_zipfile(path) else ""
        raise DocumentError(f"{path.name}: not an HWP 5 file{hint}.")
    if kind == "hwpx" and not zipfile.is_zipfile(path):
        raise DocumentError(f"{path.name}: not an HWPX file (it is not a ZIP package).")


def _open(path: Path) -> Any:
    from hwpx import HwpxDocument

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return HwpxDocument.open(str(path))
    except Exception as error:  # python-hwpx raises many kinds for broken or locked files
        message = str(error)
        if any(word in message.lower() for word in _PROTECTED_WORDS):
            raise EncryptedDocumentError(
                f"{path.name}: the document is password- or distribution-protected; save it "
                "without protection in Hancom Office and add it again."
            ) from None
        raise DocumentError(f"{path.name}: the Hangul file is damaged ({message}).") from None


def _first_line(blocks: list[Any]) -> str:
    first = next((b.text for b in blocks if b.text.strip()), "")
    line = first.splitlines()[0] if first else ""
    return line[:80] if not line.startswith("|") else ""
