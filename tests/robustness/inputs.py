"""Hostile and broken files, made on the spot: what people's folders really contain.

Each ``HostileInput`` makes its file in a folder and says what a user must see: the status
the file ends in and a pattern its message must match. Bombs are built without ever holding
their inflated size in memory (a deflate block repeated after a full flush).
"""

from __future__ import annotations

import codecs
import io
import os
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core.indexing.events import FileStatus
from tests.core.documents.pdfmaker import (
    make_image_only_pdf,
    make_korean_pdf,
    make_pdf,
    make_truncated_pdf,
    make_zero_page_pdf,
)

MB = 1 << 20
WORDS = [
    "ledger",
    "invoice",
    "river",
    "mountain",
    "harbour",
    "quarterly",
    "budget",
    "audit",
    "museum",
    "festival",
    "telescope",
    "warranty",
    "contract",
    "shipment",
]


@dataclass(frozen=True)
class HostileInput:
    name: str
    make: Callable[[Path], Path]
    status: str | tuple[str, ...]  # what the file must end as
    message: str = ""  # a regex the per-file message must match ("" = no message needed)
    known_unbounded: str = ""  # a memory bug reported to the owner (see the report)

    @property
    def statuses(self) -> tuple[str, ...]:
        return self.status if isinstance(self.status, tuple) else (self.status,)


def good_text(folder: Path, name: str, topic: str) -> Path:
    """A small valid file the batch must still index around a hostile one."""
    path = folder / name
    path.write_text(f"# {topic}\n\nThe {topic} report lists {len(topic)} items.\n", "utf-8")
    return path


# -- PDFs ------------------------------------------------------------------------------------


def encrypted_pdf(folder: Path) -> Path:
    return make_pdf(folder / "salaries.pdf", ["Confidential salary table."], password="hunter2")


def truncated_pdf(folder: Path) -> Path:
    source = make_pdf(folder / "whole.tmp", [f"Page {i} of the manual." for i in range(1, 6)])
    path = make_truncated_pdf(folder / "download.pdf", source, keep=0.6)
    source.unlink()
    return path


def zero_byte_pdf(folder: Path) -> Path:
    path = folder / "empty.pdf"
    path.write_bytes(b"")
    return path


def zero_page_pdf(folder: Path) -> Path:
    return make_zero_page_pdf(folder / "no-pages.pdf")


def image_only_pdf(folder: Path) -> Path:
    return make_image_only_pdf(folder / "scan.pdf", page_count=3)


def binary_named_pdf(folder: Path) -> Path:
    path = folder / "photo.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(64 * 1024))
    return path


def many_pages_pdf(pages: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        from fpdf import FPDF

        pdf = FPDF(format=(105, 148))
        pdf.set_font("Helvetica", size=8)
        for number in range(1, pages + 1):
            pdf.add_page()
            pdf.text(10, 12, f"Page {number}: ledger entry {number * 7919 % 10007}.")
        path = folder / f"ledger-{pages}-pages.pdf"
        pdf.output(str(path))
        return path

    return make


def deflate_bomb(head: bytes, inflated: int) -> bytes:
    """A zlib stream of ``head`` and then ``inflated`` spaces, built in milliseconds: after a
    full flush the compressor's output for the same 1 MB block repeats byte for byte."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * MB
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    once = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    repeat = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush(zlib.Z_FINISH)
    count = inflated // MB
    checksum = zlib.adler32(head)
    for _ in range(count):
        checksum = zlib.adler32(block, checksum)
    return b"\x78\xda" + first + once + repeat * (count - 1) + tail + checksum.to_bytes(4, "big")


def pdf_bomb(inflated: int) -> Callable[[Path], Path]:
    """One page whose content stream says "Bomb" and then inflates to ``inflated`` bytes."""

    def make(folder: Path) -> Path:
        stream = deflate_bomb(b"BT /F1 12 Tf 72 712 Td (Bomb report) Tj ET\n", inflated)
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
            + stream
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        path = folder / "bomb.pdf"
        path.write_bytes(_pdf_file(objects))
        return path

    return make


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# -- other formats ---------------------------------------------------------------------------


def docx_bomb(inflated: int) -> Callable[[Path], Path]:
    """A valid .docx whose document.xml inflates to ``inflated`` bytes of comment padding."""

    def make(folder: Path) -> Path:
        import docx

        buffer = io.BytesIO()
        document = docx.Document()
        document.add_paragraph("Quarterly figures, see the appendix.")
        document.save(buffer)
        path = folder / "bomb.docx"
        with (
            zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "word/document.xml":
                    _write_padded(target, item, data, inflated)
                else:
                    target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
        return path

    return make


def _write_padded(target: zipfile.ZipFile, item: zipfile.ZipInfo, xml: bytes, size: int) -> None:
    head, tail = xml.split(b"</w:body>")
    info = zipfile.ZipInfo(item.filename, date_time=item.date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    block = b" " * MB
    with target.open(info, "w", force_zip64=True) as handle:
        handle.write(head + b"<!--")
        for _ in range(size // MB):
            handle.write(block)
        handle.write(b"--></w:body>" + tail)


def one_line_text(size: int) -> Callable[[Path], Path]:
    """``size`` bytes of words and no line break at all (a minified dump, a log on one line)."""

    def make(folder: Path) -> Path:
        rng = random.Random(3)
        piece = (" ".join(rng.choice(WORDS) for _ in range(100_000)) + " ").encode()
        path = folder / f"one-line-{size // MB}MB.txt"
        with path.open("wb") as handle:
            written = 0
            while written < size:
                part = piece[: size - written]
                handle.write(part)
                written += len(part)
        return path

    return make


def cp949_text(folder: Path) -> Path:
    path = folder / "korean-windows.txt"
    text = "연차 휴가는 입사 첫해에 열다섯 일이 주어집니다.\n\n출장비는 경영지원팀에 제출합니다.\n"
    path.write_bytes(codecs.encode(text, "cp949"))
    return path


def latin1_text(folder: Path) -> Path:
    path = folder / "café-menu.txt"
    path.write_bytes("Crème brûlée and café au lait are served until 22:00.\n".encode("latin-1"))
    return path


def binary_named_txt(folder: Path) -> Path:
    path = folder / "firmware.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
    return path


def odd_names(folder: Path) -> Path:
    """Korean, spaces and emoji in names: both a folder and the files in it."""
    inner = folder / "회의 자료 📁"
    inner.mkdir()
    make_korean_pdf(inner / "회의록 (최종) 🎉.pdf", ["회의록: 예산 승인 안건이 통과되었습니다."])
    (inner / "notes with  spaces 😀.txt").write_text("Budget approved on Monday.\n", "utf-8")
    return inner


def symlink_loop(folder: Path) -> Path:
    """A folder linking to itself, a link cycle between two names, and a dangling link."""
    inner = folder / "loop"
    inner.mkdir()
    (inner / "inside.txt").write_text("The harbour opens at dawn.\n", "utf-8")
    os.symlink("..", inner / "parent")  # a folder loop
    os.symlink("b.pdf", inner / "a.pdf")  # a.pdf → b.pdf → a.pdf
    os.symlink("a.pdf", inner / "b.pdf")
    os.symlink("/nonexistent/gone.pdf", inner / "dangling.pdf")
    return inner


def fifo_named_pdf(folder: Path) -> Path:
    """A named pipe: opening it to read would block forever."""
    path = folder / "pipe.pdf"
    os.mkfifo(path)
    return path


def unreadable_file(folder: Path) -> Path:
    path = folder / "locked.txt"
    path.write_text("Only the owner may read this.\n", "utf-8")
    path.chmod(0)
    return path


def permissions_apply(folder: Path) -> bool:
    """False when running as root (CI containers): permission bits do not stop reads there."""
    probe = unreadable_file(folder)
    try:
        probe.open("rb").close()
    except PermissionError:
        return True
    finally:
        probe.chmod(0o600)
        probe.unlink()
    return False


def inputs(one_line_size: int, pages: int, bomb_size: int) -> list[HostileInput]:
    """Everything the issue lists, plus a few neighbours found while testing."""
    failed, indexed = FileStatus.FAILED, FileStatus.INDEXED
    return [
        HostileInput("encrypted PDF", encrypted_pdf, failed, r"password-protected"),
        HostileInput("truncated PDF", truncated_pdf, failed, r"damaged or incomplete"),
        HostileInput("zero-byte file", zero_byte_pdf, failed, r"empty \(0 bytes\)"),
        HostileInput("zero-page PDF", zero_page_pdf, failed, r"no pages"),
        HostileInput(f"{pages:,}-page PDF", many_pages_pdf(pages), indexed),
        HostileInput("image-only PDF", image_only_pdf, failed, r"no text layer"),
        HostileInput("binary named .pdf", binary_named_pdf, failed, r"not a PDF file"),
        HostileInput("binary named .txt", binary_named_txt, failed, r"binary file"),
        HostileInput(
            f"PDF Flate bomb ({bomb_size // MB} MB inflated)",
            pdf_bomb(bomb_size),
            failed,
            r"bomb\.pdf: refused: .*decompression bomb",
        ),
        HostileInput(
            f"DOCX zip bomb ({bomb_size // MB} MB inflated)",
            docx_bomb(bomb_size),
            failed,
            r"decompression bomb",
        ),
        HostileInput(
            f"{one_line_size // MB} MB single-line text", one_line_text(one_line_size), indexed
        ),
        HostileInput("CP949 (non-UTF-8) text", cp949_text, indexed, r"CP949"),
        HostileInput("Latin-1 (non-UTF-8) text", latin1_text, indexed, r"not UTF-8"),
        HostileInput("Korean, spaces, emoji names", odd_names, indexed),
        # the dangling link leads outside the folder: skipped with the reason (privacy, issue 19)
        HostileInput("symlink loop folder", symlink_loop, (indexed, failed, FileStatus.SKIPPED)),
        HostileInput("named pipe as .pdf", fifo_named_pdf, failed, r"not a regular file"),
    ]
