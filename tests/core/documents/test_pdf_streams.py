"""The Flate-bomb check: refuses a stream that inflates past the limit, passes real PDFs."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from app.core.documents.pdf_streams import check_streams
from app.core.errors import DocumentError
from tests.core.documents.pdfmaker import make_pdf
from tests.robustness.inputs import MB, _pdf_file, deflate_bomb, pdf_bomb


def test_a_content_stream_bomb_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = pdf_bomb(80 * MB)(tmp_path)
    with pytest.raises(DocumentError, match=r"bomb\.pdf: refused: .*decompression bomb"):
        check_streams(path)


def test_a_stream_just_under_the_limit_passes(tmp_path: Path) -> None:
    check_streams(pdf_bomb(8 * MB)(tmp_path), limit=16 * MB)


def test_image_streams_are_not_inflated(tmp_path: Path) -> None:
    """A blank scan inflates a hundred-fold honestly, and text extraction never decodes it."""
    image = deflate_bomb(b"", 80 * MB)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        b"<< /Type /XObject /Subtype /Image /Width 8000 /Height 10000 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n"
        % len(image)
        + image
        + b"\nendstream",
    ]
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_file(objects))
    check_streams(path)


def test_real_pdfs_pass(tmp_path: Path) -> None:
    check_streams(make_pdf(tmp_path / "a.pdf", ["Page one.", "Page two."]))
    devset = Path(__file__).parents[3].parent / "shared" / "devset" / "R-data.pdf"
    if devset.exists():
        check_streams(devset)


def test_damaged_streams_are_left_to_pdfium(tmp_path: Path) -> None:
    objects = [b"<< /Length 10 /Filter /FlateDecode >>\nstream\n" + b"\x00" * 10 + b"\nendstream"]
    path = tmp_path / "broken.pdf"
    path.write_bytes(_pdf_file(objects) + zlib.compress(b"x"))
    check_streams(path)
