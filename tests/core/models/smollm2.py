"""The real SmolLM2-135M-Instruct GGUF, loaded once per test session into the shared runtime.

Loading dequantizes the GGUF (about 20 s on two busy cores), so every slow test and the CLI in
the same process reuse the resident model: ``make_backend`` sees it is already loaded.
"""

from __future__ import annotations

from pathlib import Path

from app.core.models.runtime import ModelRuntime, get_runtime
from app.core.models.spec import spec_from_path


def smollm2_runtime(gguf: Path) -> ModelRuntime:
    runtime = get_runtime()
    spec = spec_from_path(gguf)
    if runtime.info is None or runtime.info.source != spec.display:
        runtime.load(spec)
    return runtime
