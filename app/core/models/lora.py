"""Switch the resident model's LoRA adapter per question, without reloading the base model.

Reloading a GGUF model dequantizes it again (30-60 s for SmolLM2-135M on two cores), so a
collection's adapter is put on the model already in memory with peft: loaded once under its own
name, then switched on with ``set_adapter`` or off with ``disable_adapter_layers`` (a few
milliseconds). Nothing is merged, so the plain model is exactly restored for other collections.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.errors import ModelError, PagefoldError

if TYPE_CHECKING:
    from app.core.models.adapters import AdapterInfo, AdapterRegistry

log = logging.getLogger(__name__)


def adapter_name(path: Path) -> str:
    """A peft adapter name for a folder: peft names may not hold dots or slashes."""
    return "pf_" + hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]


def switch_adapter(model: Any, adapter: Path | None) -> Any:
    """``model`` answering with ``adapter`` (None: the plain model); use the returned model."""
    from peft import PeftModel

    if adapter is None:
        if isinstance(model, PeftModel):
            tuner: Any = model.base_model
            tuner.disable_adapter_layers()
        return model
    name = adapter_name(adapter)
    try:
        if not isinstance(model, PeftModel):
            model = PeftModel.from_pretrained(
                model, str(adapter), adapter_name=name, is_trainable=False
            )
        elif name not in model.peft_config:
            model.load_adapter(str(adapter), adapter_name=name, is_trainable=False)
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise ModelError(f"The adapter at {adapter} does not fit this model: {exc}") from exc
    model.set_adapter(name)
    tuner = model.base_model
    tuner.enable_adapter_layers()
    model.eval()
    return model


def collection_adapter(registry: AdapterRegistry, collections: Sequence[str]) -> AdapterInfo | None:
    """The adapter the chosen collections share; None when any of them has none or they differ.

    An adapter tuned for legal text should not write answers drawn from a cookbook too, so a
    question over several collections uses one only when every collection has it attached.
    """
    found = []
    for name in collections:
        try:
            found.append(registry.for_collection(name))
        except PagefoldError:  # a collection on a server or renamed meanwhile: no adapter
            return None
    ids = {a.id if a is not None else None for a in found}
    if len(ids) != 1 or None in ids:
        return None
    return found[0]
