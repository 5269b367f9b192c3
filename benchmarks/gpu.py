"""GPU speed without a download: random-weight models of real shapes through Pagefold's runtime.

Speed does not depend on the values of the weights, so a Qwen2.5-7B-shaped and a
1.5B-shaped model are built from a transformers config with random weights, saved once as
safetensors, and loaded by ``ModelRuntime`` at each precision (bf16/fp16, nf4 4-bit, 8-bit),
exactly as a user's model would be. For each: time to first token and decode tokens/s of a
~2,000-token prompt through ``runtime.stream`` (the pipeline) beside bare ``generate()`` on the
same loaded model, prefill tokens/s, peak memory, and decode as a fraction of the
memory-bandwidth bound (the card's measured copy bandwidth / the weights' bytes). Embedding
passages/s on the GPU against the CPU. Writes ``gpu.json`` and ``gpu.md`` to ``--out``.

Targets (issue 16): pipeline decode >= 90% of bare generate; bf16 decode >= 50% of the bound;
TTFT <= 1 s for 2,000 tokens with the 7B shape; embedding >= 20x the CPU's passages/s.

    python benchmarks/gpu.py                  # on a CUDA machine, under 8 minutes on one GPU
    python benchmarks/gpu.py --cpu            # CI: a 0.5B shape in float32 on the CPU
    python benchmarks/gpu.py --cpu --tiny     # the test suite: seconds
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SHAPES: dict[str, dict[str, int]] = {
    "qwen2.5-7b": dict(
        hidden_size=3584,
        intermediate_size=18944,
        num_hidden_layers=28,
        num_attention_heads=28,
        num_key_value_heads=4,
        vocab_size=152064,
    ),
    "qwen2.5-1.5b": dict(
        hidden_size=1536,
        intermediate_size=8960,
        num_hidden_layers=28,
        num_attention_heads=12,
        num_key_value_heads=2,
        vocab_size=151936,
    ),
    "qwen2.5-0.5b": dict(
        hidden_size=896,
        intermediate_size=4864,
        num_hidden_layers=24,
        num_attention_heads=14,
        num_key_value_heads=2,
        vocab_size=151936,
    ),
    "tiny": dict(
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        vocab_size=1000,
    ),
}
CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
WORDS = [
    "model",
    "memory",
    "token",
    "decode",
    "prefill",
    "cache",
    "window",
    "passage",
    "answer",
    "source",
    "page",
    "citation",
    "Korean",
    "English",
    "index",
    "vector",
    "search",
    "rerank",
    "chunk",
    "document",
    "library",
    "question",
]


@dataclass
class Row:
    """One model shape at one precision."""

    shape: str
    precision: str
    device: str
    prompt_tokens: int
    new_tokens: int
    pipeline_ttft_s: float = 0.0
    pipeline_decode_tps: float = 0.0
    bare_ttft_s: float = 0.0
    bare_decode_tps: float = 0.0
    prefill_tps: float = 0.0
    peak_memory_gb: float = 0.0
    weight_gb: float = 0.0
    bound_tps: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def pipeline_ratio(self) -> float:
        return self.pipeline_decode_tps / self.bare_decode_tps if self.bare_decode_tps else 0.0

    @property
    def bound_fraction(self) -> float | None:
        return self.bare_decode_tps / self.bound_tps if self.bound_tps else None


def make_tokenizer(folder: Path) -> None:
    """A byte-level BPE with a ChatML template (the vocabulary is smaller than the model's)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=600,
        special_tokens=["<unk>", "<|im_start|>", "<|im_end|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    bpe.train_from_iterator([" ".join(WORDS)] * 50, trainer=trainer)
    tok = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        unk_token="<unk>",
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<|im_end|>",
    )
    tok.chat_template = CHATML
    tok.save_pretrained(str(folder))


def make_model(shape: str, folder: Path, device: str) -> None:
    """Random weights of the shape, saved as bf16 safetensors (built on the GPU when there is
    one: CPU initialisation of 7.6 B parameters takes minutes)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.for_model("qwen2", max_position_embeddings=32768, **SHAPES[shape])
    with torch.device(device):
        model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16)
    model.generation_config.eos_token_id = None
    model.save_pretrained(str(folder), safe_serialization=True)
    make_tokenizer(folder)
    del model


def prompt_messages(tokenizer: Any, tokens: int) -> list[dict[str, str]]:
    """A user message whose rendered prompt is about ``tokens`` long."""
    words: list[str] = []
    text = ""
    while len(tokenizer(text)["input_ids"]) < tokens - 12:
        words.extend(WORDS[len(words) % len(WORDS)] for _ in range(50))
        text = " ".join(words)
    while len(tokenizer(text)["input_ids"]) > tokens - 12:
        words = words[:-5]
        text = " ".join(words)
    return [{"role": "user", "content": text}]


class _Steps:
    """A forward hook on the model: when each forward pass (prefill, then one per token) ends.

    Both sides are timed by the same hook, so text pieces held back by the streamer (random
    weights write odd bytes) do not distort the pipeline's rate.
    """

    def __init__(self, model: Any) -> None:
        self.times: list[float] = []
        self._handle = model.register_forward_hook(self._record)

    def _record(self, *_args: Any) -> None:
        _sync()
        self.times.append(time.perf_counter())

    def close(self) -> None:
        self._handle.remove()


def _sync() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()


def bare_generate(runtime: Any, messages: list[dict[str, str]], new: int) -> tuple[float, float]:
    """TTFT and decode tokens/s of ``model.generate`` on the runtime's model, greedy."""
    import torch

    model, tokenizer = runtime._require()
    ids = tokenizer(runtime.render_chat(messages), return_tensors="pt", add_special_tokens=False)
    ids = {k: v.to(model.device) for k, v in ids.items()}
    steps = _Steps(model)
    _sync()
    started = time.perf_counter()
    runtime._model.generation_config.min_new_tokens = new
    kwargs = runtime._generate_kwargs(ids["input_ids"].shape[1], new, 0.0)  # same config

    def work() -> None:  # in a worker thread, as the runtime's generate runs
        with torch.inference_mode():
            model.generate(**ids, **kwargs)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    steps.close()
    return _rates(started, steps.times)


def pipeline(runtime: Any, messages: list[dict[str, str]], new: int) -> tuple[float, float]:
    """The same through ``runtime.stream``: chat template, streamer thread, stop criteria."""
    runtime._model.generation_config.min_new_tokens = new
    steps = _Steps(runtime._model)
    started = time.perf_counter()
    for _piece in runtime.stream(messages, max_new_tokens=new, temperature=0.0):
        pass
    steps.close()
    return _rates(started, steps.times)


def _rates(started: float, times: list[float]) -> tuple[float, float]:
    """First forward = prefill + first token; the rest are one token each."""
    if not times:
        return 0.0, 0.0
    span = times[-1] - times[0]
    return times[0] - started, (len(times) - 1) / span if span > 0 else 0.0


def bandwidth_gbs(device: str) -> float | None:
    """Device memory bandwidth from a 1 GiB copy (read + write), median of 5."""
    import torch

    if device != "cuda":
        return None
    src = torch.empty(2**30, dtype=torch.uint8, device="cuda")
    dst = torch.empty_like(src)
    runs = []
    for _ in range(6):
        torch.cuda.synchronize()
        t = time.perf_counter()
        dst.copy_(src)
        torch.cuda.synchronize()
        runs.append(2 * 2**30 / (time.perf_counter() - t) / 1e9)
    del src, dst
    return statistics.median(runs[1:])


def measure(
    shape: str,
    folder: Path,
    precision: str,
    device: str,
    prompt: int,
    new: int,
    bandwidth: float | None,
    repeat: int,
) -> Row:
    import torch

    from app.core.models.runtime import ModelRuntime
    from app.core.models.spec import ModelSpec

    quant = {"16bit": "none", "nf4": "4bit", "8bit": "8bit"}[precision]
    runtime = ModelRuntime()
    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    info = runtime.load(ModelSpec(path=folder, quantization=quant, device=device))  # type: ignore[arg-type]
    runtime.prefix.enabled = False  # every repeat pays the full prompt, as bare generate does
    row = Row(
        shape,
        f"{precision} ({info.dtype})" if quant == "none" else precision,
        device,
        0,
        new,
        notes=list(info.warnings),
    )
    messages = prompt_messages(runtime._tokenizer, prompt)
    row.prompt_tokens = runtime.count_prompt_tokens(messages)
    bare_generate(runtime, messages, 4)  # warm-up: kernels, allocator
    pipe, bare = [], []
    for _ in range(repeat):
        pipe.append(pipeline(runtime, messages, new))
        bare.append(bare_generate(runtime, messages, new))
    row.pipeline_ttft_s = round(statistics.median(p[0] for p in pipe), 3)
    row.pipeline_decode_tps = round(statistics.median(p[1] for p in pipe), 1)
    row.bare_ttft_s = round(statistics.median(b[0] for b in bare), 3)
    row.bare_decode_tps = round(statistics.median(b[1] for b in bare), 1)
    row.prefill_tps = round(row.prompt_tokens / row.bare_ttft_s, 0) if row.bare_ttft_s else 0.0
    row.weight_gb = round(info.memory_bytes / 1e9, 2)
    if bandwidth:
        row.bound_tps = round(bandwidth / row.weight_gb, 1)
    if device == "cuda":
        row.peak_memory_gb = round(torch.cuda.max_memory_allocated() / 1e9, 2)
    runtime.unload()
    return row


def embedding_rates(device: str, count: int) -> dict[str, float]:
    """Passages/s of the default embedder on the CPU and, with one, on the GPU."""
    from app.core.embeddings.e5_torch import TorchE5Embedder

    passage = " ".join(WORDS * 4)  # about 100 tokens, a typical chunk
    rates: dict[str, float] = {}
    for where in ["cpu", device] if device != "cpu" else ["cpu"]:
        os.environ["PAGEFOLD_EMBED_DEVICE"] = where
        embedder = TorchE5Embedder()
        n = count if where != "cpu" else max(count // 16, 8)
        embedder.embed_documents([passage] * 4)
        _sync()
        t = time.perf_counter()
        embedder.embed_documents([passage] * n)
        _sync()
        rates[where] = round(n / (time.perf_counter() - t), 1)
    os.environ.pop("PAGEFOLD_EMBED_DEVICE", None)
    return rates


def markdown(rows: list[Row], embed: dict[str, float], card: str, bandwidth: float | None) -> str:
    bw = f"{bandwidth:.0f} GB/s measured" if bandwidth else "no GPU"
    lines = [
        f"GPU benchmark on {card} ({bw}); random weights, real shapes.",
        "",
        "| model | precision | prompt | TTFT pipeline / bare | decode pipeline / bare tok/s |"
        " pipeline/bare | prefill tok/s | peak GB | decode / bandwidth bound |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        frac = f"{r.bound_fraction:.0%} of {r.bound_tps}" if r.bound_fraction else "n/a"
        lines.append(
            f"| {r.shape} | {r.precision} | {r.prompt_tokens} | {r.pipeline_ttft_s} / "
            f"{r.bare_ttft_s} s | {r.pipeline_decode_tps} / {r.bare_decode_tps} | "
            f"{r.pipeline_ratio:.0%} | {r.prefill_tps:.0f} | {r.peak_memory_gb} | {frac} |"
        )
    if embed:
        parts = ", ".join(f"{k}: {v} passages/s" for k, v in embed.items())
        ratio = embed.get("cuda", embed.get("mps", 0)) / embed["cpu"] if embed.get("cpu") else 0
        lines += [
            "",
            f"Embedding (multilingual-e5-small): {parts}"
            + (f" ({ratio:.0f}x the CPU)" if ratio else ""),
        ]
    lines += [
        "",
        "Fastest precision per shape: " + ", ".join(f"{s}: {p}" for s, p in fastest(rows).items()),
    ]
    return "\n".join(lines) + "\n"


def fastest(rows: list[Row]) -> dict[str, str]:
    """The precision with the best pipeline decode, per shape: the default to choose."""
    best: dict[str, Row] = {}
    for r in rows:
        if r.shape not in best or r.pipeline_decode_tps > best[r.shape].pipeline_decode_tps:
            best[r.shape] = r
    return {s: r.precision for s, r in best.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cpu", action="store_true", help="0.5B shape in float32 on the CPU")
    parser.add_argument("--tiny", action="store_true", help="a 2-layer shape (tests)")
    parser.add_argument("--shapes", default="")
    parser.add_argument("--precisions", default="")
    parser.add_argument("--prompt", type=int, default=0, help="prompt tokens (2000 on a GPU)")
    parser.add_argument("--new", type=int, default=0, help="tokens decoded (128 on a GPU)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--embed", type=int, default=1024, help="passages on the GPU")
    parser.add_argument("--out", type=Path, default=Path(".cache/benchmarks/gpu"))
    args = parser.parse_args(argv)

    import importlib.util

    import torch

    device = "cpu" if args.cpu or not torch.cuda.is_available() else "cuda"
    default_shapes = (
        "tiny" if args.tiny else ("qwen2.5-0.5b" if device == "cpu" else "qwen2.5-1.5b,qwen2.5-7b")
    )
    shapes = [s for s in (args.shapes or default_shapes).split(",") if s]
    bnb = device == "cuda" and importlib.util.find_spec("bitsandbytes") is not None
    precisions = (
        args.precisions.split(",")
        if args.precisions
        else ["16bit", "nf4", "8bit"]
        if bnb
        else ["16bit"]
    )
    prompt = args.prompt or (2000 if device == "cuda" else 64 if args.tiny else 256)
    new = args.new or (128 if device == "cuda" else 8 if args.tiny else 16)
    card = torch.cuda.get_device_name(0) if device == "cuda" else "CPU"
    bandwidth = bandwidth_gbs(device)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            folder = Path(tmp) / shape
            started = time.perf_counter()
            make_model(shape, folder, device)
            print(
                f"{shape}: random weights saved in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            for precision in precisions:
                row = measure(shape, folder, precision, device, prompt, new, bandwidth, args.repeat)
                rows.append(row)
                print(json.dumps(asdict(row)), flush=True)
    embed = embedding_rates(device, args.embed if not args.tiny else 32)
    args.out.mkdir(parents=True, exist_ok=True)
    result = {
        "card": card,
        "bandwidth_gbs": bandwidth,
        "rows": [asdict(r) for r in rows],
        "embedding_passages_per_s": embed,
        "fastest": fastest(rows),
    }
    (args.out / "gpu.json").write_text(json.dumps(result, indent=2))
    table = markdown(rows, embed, card, bandwidth)
    (args.out / "gpu.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
