"""The one resident language model: load, chat-template, count tokens, stream, stop, unload.

One model at a time, because two 7B models do not fit a consumer GPU and swapping silently would
double the wait. Loading and unloading hold ``_lock``; a generation holds ``_busy`` from its first
token request until the worker thread really ends, so unloading waits for it (after asking it to
stop) instead of pulling weights from under it.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.cancel import CancelToken
from app.core.errors import ModelError, PagefoldError
from app.core.models.device import LoadPlan, plan_load, torch_dtype
from app.core.models.prefix_cache import PrefixCache
from app.core.models.spec import PICKLE_WEIGHTS, ModelSpec

log = logging.getLogger(__name__)

_CONTEXT_KEYS = (
    "max_position_embeddings",
    "n_positions",
    "max_sequence_length",
    "max_seq_len",
    "seq_length",
    "n_ctx",
)
_DEFAULT_CONTEXT = 2048
# End-of-turn markers of common chat formats; some GGUF conversions list only the base EOS.
_END_OF_TURN = ("<|im_end|>", "<|eot_id|>", "<end_of_turn>", "<|end|>", "<|endoftext|>")
_PLAIN_ROLES = {"system": "System", "user": "User", "assistant": "Assistant"}


@dataclass
class RuntimeInfo:
    """What is loaded and how, for the status bar and the conversation record."""

    name: str
    device: str
    dtype: str
    quantization: str
    context_length: int
    memory_bytes: int
    source: str = ""
    adapter: str = ""
    parameters: int | None = None
    load_seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


class ModelRuntime:
    """Holds at most one model; every method is safe to call from any thread."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._busy = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self._info: RuntimeInfo | None = None
        self._stop: CancelToken | None = None
        self._eos_ids: list[int] = []
        self._asked_quantization = ""
        self.prefix = PrefixCache()  # KV of the previous prompt, reused by the next turn

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def info(self) -> RuntimeInfo | None:
        return self._info

    @property
    def busy(self) -> bool:
        """True while a generation's worker thread is still running."""
        return self._busy.locked()

    # -- load / unload ----------------------------------------------------------------------

    def load(self, spec: ModelSpec, *, allow_pickle: bool = False) -> RuntimeInfo:
        """Replace the resident model by ``spec``; pickle weights only with ``allow_pickle``."""
        with self._lock:
            self.unload()
            started = time.perf_counter()
            check_weights(spec, allow_pickle)
            plan = plan_load(spec)
            try:
                tokenizer = _load_tokenizer(spec)
                model = _load_model(spec, plan, allow_pickle)
                if spec.adapter is not None:
                    model = _apply_adapter(model, spec.adapter, plan, allow_pickle)
            except PagefoldError:
                _free_memory()
                raise
            except Exception as exc:
                _free_memory()
                raise _load_error(spec, exc) from exc
            model.eval()
            self._model, self._tokenizer = model, tokenizer
            self._eos_ids = _eos_ids(model, tokenizer)
            self._info = _info(spec, plan, model, tokenizer, time.perf_counter() - started)
            self._asked_quantization = spec.quantization
            log.info("loaded %s on %s (%s)", spec.display, plan.device, plan.quantization)
            return self._info

    def ensure(self, spec: ModelSpec) -> RuntimeInfo:
        """``spec`` resident, loading it only if it is not already: the one "already loaded?"
        rule for the CLI, the window and the self-test: the same file, the same adapter when
        one is asked for (a collection's LoRA is switched on the resident model, see
        ``use_adapter``), and the asked quantization ("auto" accepts what was chosen at load)."""
        with self._lock:
            info = self._info
            if info is not None and _same_load(info, spec, self._asked_quantization):
                return info
            return self.load(spec)

    def unload(self) -> None:
        """Stop any generation, drop the model and give its memory back to the GPU."""
        with self._lock:
            if self._stop is not None:
                self._stop.cancel()
            with self._busy:  # wait for the worker thread to leave generate()
                self._model = self._tokenizer = self._info = None
                self._eos_ids = []
                self.prefix.clear()
            _free_memory()

    def use_adapter(self, adapter: Path | None) -> None:
        """Answer with this LoRA from now on (None: the plain model); see ``lora``."""
        from app.core.models.lora import switch_adapter

        with self._lock:
            model = self._require()[0]
            wanted = str(adapter or "")
            if self._info is None or self._info.adapter == wanted:
                return
            with self._busy:  # never under a generation in flight
                self._model = switch_adapter(model, adapter)
                self.prefix.clear()  # keys and values computed by other weights
            self._info.adapter = wanted
            log.info("answering with adapter %s", wanted or "(none)")

    # -- text -------------------------------------------------------------------------------

    def count_tokens(self, text: str) -> int:
        tokenizer = self._require()[1]
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    def render_chat(self, messages: list[dict[str, str]]) -> str:
        """The prompt exactly as the model sees it, through the tokenizer's chat template."""
        tokenizer = self._require()[1]
        if not getattr(tokenizer, "chat_template", None):
            return _plain_chat(messages)
        try:
            return str(
                tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            )
        except Exception:  # templates that refuse a system role (Gemma and others)
            return str(
                tokenizer.apply_chat_template(
                    _fold_system(messages), tokenize=False, add_generation_prompt=True
                )
            )

    def count_prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        """Tokens of the rendered prompt: what must fit the window with the answer."""
        return self.count_tokens(self.render_chat(messages))

    # -- generation -------------------------------------------------------------------------

    def stream(
        self,
        messages: list[dict[str, str]],
        max_new_tokens: int,
        temperature: float = 0.0,
        cancel: CancelToken | None = None,
    ) -> Iterator[str]:
        """Text pieces of the answer; returns within one poll (50 ms) of ``cancel``."""
        from app.core.models.streaming import stream_generate

        model, tokenizer = self._require()
        prompt = self.render_chat(messages)
        inputs = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
        inputs = {k: v.to(model.device) for k, v in inputs.items()}
        kwargs = self._generate_kwargs(inputs["input_ids"].shape[1], max_new_tokens, temperature)
        stop = CancelToken()
        self._busy.acquire()
        if self._model is not model:  # unloaded or replaced while this request was prepared
            self._busy.release()
            raise ModelError("The model was unloaded before it could answer.")
        self._stop = stop
        ids = inputs["input_ids"][0].tolist()
        cache = self.prefix.take(ids, model)
        kwargs["cache"] = cache  # transformers 5 name of past_key_values
        self.prefix.remember(ids, cache)  # filled in place by generate
        try:
            yield from stream_generate(
                model, tokenizer, inputs, kwargs, [stop, cancel], self._busy.release
            )
        except PagefoldError:
            raise
        except Exception as exc:
            raise _generation_error(exc) from exc

    def _generate_kwargs(
        self, prompt_tokens: int, max_new_tokens: int, temperature: float
    ) -> dict[str, Any]:
        import copy

        assert self._info is not None
        room = self._info.context_length - prompt_tokens
        if room <= 0:
            raise ModelError(
                f"The prompt ({prompt_tokens} tokens) fills the model's whole context window "
                f"({self._info.context_length} tokens): shorten the question or the history."
            )
        config = copy.deepcopy(self._model.generation_config)
        sampling = temperature > 0
        config.update(
            max_new_tokens=min(max_new_tokens, room),
            do_sample=sampling,
            temperature=temperature if sampling else None,
            top_p=config.top_p if sampling else None,
            top_k=config.top_k if sampling else None,
            eos_token_id=self._eos_ids or config.eos_token_id,
        )
        if config.pad_token_id is None and self._eos_ids:
            config.pad_token_id = self._eos_ids[0]
        from transformers import LogitsProcessorList

        from app.core.models.loops import AnswerRepeatBlock

        guard = LogitsProcessorList([AnswerRepeatBlock(prompt_tokens)])
        return {"generation_config": config, "logits_processor": guard}

    def _require(self) -> tuple[Any, Any]:
        model, tokenizer = self._model, self._tokenizer
        if model is None or tokenizer is None:
            raise ModelError("No language model is loaded: choose one in Settings → Model.")
        return model, tokenizer


_runtime: ModelRuntime | None = None
_runtime_lock = threading.Lock()


def get_runtime() -> ModelRuntime:
    """The process-wide runtime: one resident model for the window, the CLI and benchmarks."""
    global _runtime
    with _runtime_lock:
        if _runtime is None:
            _runtime = ModelRuntime()
        return _runtime


# -- loading helpers -------------------------------------------------------------------------


def _same_load(info: RuntimeInfo, spec: ModelSpec, asked_quantization: str) -> bool:
    """``asked_quantization`` counts too: 4-bit asked on a CPU loads at full precision (with a
    warning), and asking for 4-bit again must not reload the model every time."""
    return (
        info.source == spec.display
        and (spec.adapter is None or info.adapter == str(spec.adapter))
        and spec.quantization in ("auto", info.quantization, asked_quantization)
    )


def check_weights(spec: ModelSpec, allow_pickle: bool = False) -> None:
    """Refuse what cannot be loaded safely before spending minutes on it."""
    if spec.gguf_file:
        if not (spec.path / spec.gguf_file).is_file():
            raise ModelError(f"No GGUF file at {spec.display}.")
        return
    if not (spec.path / "config.json").is_file():
        raise ModelError(f"{spec.path} has no config.json: it is not a Hugging Face model folder.")
    if any(spec.path.glob("*.safetensors")):
        return
    if any(any(spec.path.glob(p)) for p in PICKLE_WEIGHTS):
        if allow_pickle:
            return
        raise ModelError(
            f"{spec.path} holds only PyTorch pickle weights (.bin/.pt), which can run code when "
            "loaded. Pagefold loads .safetensors or .gguf files; convert the model, or allow "
            "pickle weights explicitly if you trust where it came from."
        )
    raise ModelError(f"{spec.path} holds no model weights (.safetensors).")


def _load_tokenizer(spec: ModelSpec) -> Any:
    from transformers import AutoTokenizer

    kwargs: dict[str, Any] = {"trust_remote_code": False, "local_files_only": True}
    if spec.gguf_file:
        kwargs["gguf_file"] = spec.gguf_file
    return AutoTokenizer.from_pretrained(str(spec.path), **kwargs)


def _load_model(spec: ModelSpec, plan: LoadPlan, allow_pickle: bool) -> Any:
    from transformers import AutoModelForCausalLM

    dtype = torch_dtype(plan.dtype)
    kwargs: dict[str, Any] = {
        "dtype": dtype,
        "trust_remote_code": False,
        "local_files_only": True,
        "low_cpu_mem_usage": True,
    }
    if spec.gguf_file:
        kwargs["gguf_file"] = spec.gguf_file
    elif not allow_pickle:
        kwargs["use_safetensors"] = True
    if plan.quantization != "none":
        kwargs["quantization_config"] = _bnb_config(plan.quantization, dtype)
    if plan.device != "cpu":
        kwargs["device_map"] = {"": 0 if plan.device == "cuda" else plan.device}
    return AutoModelForCausalLM.from_pretrained(str(spec.path), **kwargs)


def _bnb_config(quantization: str, dtype: Any) -> Any:
    from transformers import BitsAndBytesConfig

    if quantization == "8bit":
        return BitsAndBytesConfig(load_in_8bit=True)
    return BitsAndBytesConfig(
        load_in_4bit=True,
        bnb_4bit_quant_type="nf4",
        bnb_4bit_compute_dtype=dtype,
        bnb_4bit_use_double_quant=True,
    )


def _apply_adapter(model: Any, adapter: Path, plan: LoadPlan, allow_pickle: bool) -> Any:
    """Apply a LoRA adapter; merged into full-precision weights so decoding pays nothing."""
    from peft import PeftModel

    if not (adapter / "adapter_config.json").is_file():
        raise ModelError(f"{adapter} is not a LoRA adapter folder (no adapter_config.json).")
    if not (adapter / "adapter_model.safetensors").is_file() and not allow_pickle:
        raise ModelError(
            f"{adapter} has no adapter_model.safetensors; pickle adapters are refused."
        )
    try:
        peft_model = PeftModel.from_pretrained(model, str(adapter), is_trainable=False)
    except Exception as exc:
        raise ModelError(f"The adapter {adapter.name} does not fit this model: {exc}") from exc
    return peft_model.merge_and_unload() if plan.quantization == "none" else peft_model


def _eos_ids(model: Any, tokenizer: Any) -> list[int]:
    ids: list[int] = []
    configured = model.generation_config.eos_token_id
    ids.extend(configured if isinstance(configured, list) else [configured])
    ids.append(tokenizer.eos_token_id)
    vocab = tokenizer.get_vocab()
    ids.extend(vocab[t] for t in _END_OF_TURN if t in vocab)
    return list(dict.fromkeys(i for i in ids if isinstance(i, int)))


def context_length(config: Any) -> int:
    """The window from the model config (text part of multimodal configs included)."""
    text_config = config.get_text_config() if hasattr(config, "get_text_config") else config
    for source in (text_config, config):
        for key in _CONTEXT_KEYS:
            value = getattr(source, key, None)
            if isinstance(value, int) and value > 0:
                return value
    return _DEFAULT_CONTEXT


def _info(
    spec: ModelSpec, plan: LoadPlan, model: Any, tokenizer: Any, seconds: float
) -> RuntimeInfo:
    warnings = list(plan.warnings)
    if not getattr(tokenizer, "chat_template", None):
        warnings.append("The model has no chat template; a plain prompt format is used.")
    return RuntimeInfo(
        name=spec.name,
        device=plan.device,
        dtype=plan.dtype,
        quantization=plan.quantization,
        context_length=_capped_context(model.config, plan, warnings),
        memory_bytes=int(model.get_memory_footprint()),
        source=spec.display,
        adapter=str(spec.adapter or ""),
        parameters=plan.parameters,
        load_seconds=round(seconds, 2),
        warnings=warnings,
    )


def _capped_context(config: Any, plan: LoadPlan, warnings: list[str]) -> int:
    """The config's window (32k-128k tokens for recent models), cut to what the KV cache can
    hold in the memory left after loading, so long summaries do not run out of memory."""
    from app.core.models.accel import kv_context_cap, memory_left

    configured = context_length(config)
    text_config = config.get_text_config() if hasattr(config, "get_text_config") else config
    try:
        capped = kv_context_cap(text_config, plan.dtype, memory_left(plan.device), configured)
    except (AttributeError, TypeError, ValueError):  # a config without the usual fields
        return configured
    if capped < configured:
        warnings.append(
            f"The context window is limited to {capped:,} tokens (the model allows "
            f"{configured:,}) by the memory left for its KV cache."
        )
    return capped


def _free_memory(device: str | None = None) -> None:
    from app.core.models.accel import empty_cache

    gc.collect()
    empty_cache(device)


def _is_oom(exc: BaseException) -> bool:
    import torch

    return isinstance(exc, torch.cuda.OutOfMemoryError) or "out of memory" in str(exc).lower()


def _load_error(spec: ModelSpec, exc: Exception) -> ModelError:
    text = str(exc)
    if _is_oom(exc):
        return ModelError(
            f"{spec.name} does not fit in the GPU's memory. Choose 8-bit or 4-bit precision, "
            "or a smaller model."
        )
    if "trust_remote_code" in text:
        return ModelError(
            f"{spec.name} needs custom code from its authors to load, which Pagefold never runs."
        )
    if spec.gguf_file and "not supported" in text.lower():
        return ModelError(f"This GGUF model's architecture is not supported yet: {text}")
    return ModelError(f"{spec.name} could not be loaded: {text}")


def _generation_error(exc: Exception) -> ModelError:
    if _is_oom(exc):
        _free_memory()
        return ModelError(
            "The GPU ran out of memory while writing the answer; the memory has been freed. "
            "Ask with fewer sources or a shorter history, or load the model in 8-bit or 4-bit."
        )
    return ModelError(f"The model failed while writing the answer: {exc}")


def _plain_chat(messages: list[dict[str, str]]) -> str:
    turns = [f"{_PLAIN_ROLES.get(m['role'], m['role'])}: {m['content']}" for m in messages]
    return "\n\n".join([*turns, "Assistant:"])


def _fold_system(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """Put a system message in front of the first user message for templates without one."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
    return rest
