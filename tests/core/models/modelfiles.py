"""Small but real model files for manager tests: a safetensors folder's bytes and a GGUF file."""

from __future__ import annotations

import json
from pathlib import Path


def safetensors_bytes(n_floats: int = 100_000, seed: int = 0) -> bytes:
    """A valid safetensors file with one float32 tensor (about 4 bytes per float)."""
    import numpy as np
    from safetensors.numpy import save

    rng = np.random.default_rng(seed)
    return save({"model.embed_tokens.weight": rng.standard_normal(n_floats).astype(np.float32)})


def model_repo_files(n_floats: int = 100_000) -> dict[str, bytes]:
    """What a small hub repo for a causal LM holds, plus files a download must skip."""
    config = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "max_position_embeddings": 512,
    }
    return {
        "config.json": json.dumps(config).encode(),
        "tokenizer.json": json.dumps({"version": "1.0", "model": {"type": "BPE"}}).encode(),
        "model.safetensors": safetensors_bytes(n_floats),
        "pytorch_model.bin": b"pickle weights must never be fetched",
        "onnx/model.safetensors": b"files in subfolders are not fetched",
        "README.md": b"# a model card",
    }


def make_tiny_gguf(path: Path, arch: str = "llama", context_length: int = 256) -> Path:
    """A real GGUF file (header, tokenizer, one tensor) in a few hundred bytes."""
    import gguf
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(path), arch)
    writer.add_name("Tiny Test GGUF")
    writer.add_context_length(context_length)
    writer.add_tokenizer_model("gpt2")
    writer.add_token_list(["<s>", "a", "b"])
    writer.add_tensor("token_embd.weight", np.zeros((3, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
