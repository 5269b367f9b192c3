"""A tiny Llama and a LoRA for it whose weights are large enough to change greedy output."""

from __future__ import annotations

from pathlib import Path


def make_strong_lora(base_folder: Path, target: Path) -> Path:
    """A real PEFT adapter; its ``lora_`` weights drawn from N(0, 0.5) as in STACK.md."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(1)
    base = AutoModelForCausalLM.from_pretrained(base_folder)
    config = LoraConfig(
        r=8,
        lora_alpha=64,
        target_modules=["q_proj", "v_proj", "o_proj", "down_proj"],
        init_lora_weights=False,
    )
    model = get_peft_model(base, config)
    with torch.no_grad():
        for name, weight in model.named_parameters():
            if "lora_" in name:
                weight.normal_(0, 0.5)
    model.save_pretrained(str(target))
    return target
