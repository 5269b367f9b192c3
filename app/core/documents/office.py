"""Shared checks for the ZIP-based Office and book formats (PPTX, XLSX, EPUB, HWPX)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.core.errors import DocumentError, EncryptedDocumentError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_zip_package(path: Path, kind: str, suffix: str) -> None:
    """A password-protected or old binary file (OLE) and a non-ZIP file get their own message."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise EncryptedDocumentError(
            f"{path.name}: the {kind} file is password-protected (or an older binary format "
            f"saved as {suffix}); save it without a password as {suffix} and add it again."
        )
    if not zipfile.is_zipfile(path):
        raise DocumentError(f"{path.name}: not a {kind} {suffix} file (it is not a ZIP package).")
