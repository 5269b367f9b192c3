"""Refusing a PDF whose compressed streams would inflate past a limit, before PDFium opens it.

Why: a 250 KB PDF whose one page's content stream inflates to 256 MB made PDFium take about
+512 MB (issue 19). Each Flate stream is inflated here through a bounded ``decompressobj``
(1 MB at a time, output discarded) and counted, so the check itself holds about 1 MB. Image
streams are left alone: text extraction never decodes them, and a blank 600-dpi scan inflates
a hundred-fold quite honestly. 64 MB is far above any real content, font or object stream (the
largest in the R manual is under 1 MB) and keeps PDFium's peak well under the suite's 200 MB.
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

from app.core.errors import DocumentError

MAX_STREAM_BYTES = 64 * 1024 * 1024
_CHUNK = 1024 * 1024
_DICT_LOOKBACK = 4096
_STREAM_RE = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FLATE_RE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE_RE = re.compile(rb"/Subtype\s*/Image\b")
_OBJ_RE = re.compile(rb"\d+\s+\d+\s+obj\b")


def check_streams(path: Path, limit: int = MAX_STREAM_BYTES) -> None:
    """Raise ``DocumentError`` if any non-image Flate stream inflates past ``limit`` bytes."""
    with path.open("rb") as handle:
        if path.stat().st_size == 0:
            return
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for match in _STREAM_RE.finditer(data):
                if _is_flate_content(data, match.start()):
                    size = _inflated_size(data, match.end(), limit)
                    if size > limit:
                        raise DocumentError(
                            f"{path.name}: refused: a compressed stream inflates to more than "
                            f"{limit // (1024 * 1024)} MB (a decompression bomb?)."
                        )


def _is_flate_content(data: mmap.mmap, stream_at: int) -> bool:
    """The stream's dictionary (back to its ``N 0 obj``) asks for Flate and is no image."""
    window = data[max(0, stream_at - _DICT_LOOKBACK) : stream_at]
    objects = list(_OBJ_RE.finditer(window))
    head = window[objects[-1].end() :] if objects else window
    return bool(_FLATE_RE.search(head)) and not _IMAGE_RE.search(head)


def _inflated_size(data: mmap.mmap, start: int, limit: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counting stops just past ``limit``."""
    end = data.find(b"endstream", start)
    end = len(data) if end < 0 else end
    inflater = zlib.decompressobj()
    total = 0
    position = start
    try:
        while position < end and total <= limit and not inflater.eof:
            chunk = data[position : min(position + _CHUNK, end)]
            position += len(chunk)
            while chunk and total <= limit and not inflater.eof:
                total += len(inflater.decompress(chunk, _CHUNK))
                chunk = inflater.unconsumed_tail
    except zlib.error:
        return total  # damaged or not zlib: PDFium's own error will say so
    return total
