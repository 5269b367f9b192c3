"""Loading a GGUF model: every time from the GGUF file (before) against once-converted (after).

Each load runs in a fresh Python process, as each ``pagefold ask`` does, and reports the
runtime's own ``load_seconds`` (tokenizer + weights + device placement) and the process's wall
time. The conversion itself is timed once in between. Target (issue 16): a later load of the
imported SmolLM2-135M GGUF spends <= 5 s loading the model.

    .venv/bin/python benchmarks/gguf_load.py [--model FILE.gguf] [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = Path(os.environ.get("PAGEFOLD_TEST_CACHE", "/work/cache")) / "models"
LOAD = (
    "import json, sys, time; t = time.perf_counter();"
    "from app.core.models.runtime import ModelRuntime; from app.core.models.spec import ModelSpec;"
    "info = ModelRuntime().load(ModelSpec(path=sys.argv[1], gguf_file=sys.argv[2] or None));"
    "print(json.dumps({'load_s': info.load_seconds, 'in_process_s': time.perf_counter() - t}))"
)


def load_once(folder: Path, gguf_file: str | None) -> dict[str, float]:
    """One load in a fresh process; wall time includes Python and torch start-up."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", LOAD, str(folder), gguf_file or ""],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"},
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - started
    return result


def median(rows: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in rows), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT / "SmolLM2-135M-Instruct.Q4_1.gguf")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from app.core.models.convert import convert
    from app.core.models.importer import import_model
    from app.core.models.registry import ModelRegistry
    from app.core.storage.layout import DataLayout

    before = [load_once(args.model.parent, args.model.name) for _ in range(args.repeat)]
    with tempfile.TemporaryDirectory() as home:
        registry = ModelRegistry(DataLayout(Path(home)))
        model = import_model(args.model, registry, convert_gguf=False)
        started = time.perf_counter()
        done = convert(registry, model)
        convert_s = time.perf_counter() - started
        after = [load_once(done.folder, None) for _ in range(args.repeat)]
    result = {
        "model": args.model.name,
        "gguf_load_s": median(before, "load_s"),
        "gguf_process_s": median(before, "process_s"),
        "convert_once_s": round(convert_s, 1),
        "converted_size_mb": round(done.size_bytes / 1e6, 1),
        "converted_load_s": median(after, "load_s"),
        "converted_process_s": median(after, "process_s"),
    }
    print(f"Loading {args.model.name}, medians of {args.repeat} fresh processes")
    print("| | load (runtime) | whole process |\n|---|---|---|")
    print(
        f"| every load from GGUF (before) | {result['gguf_load_s']} s | "
        f"{result['gguf_process_s']} s |"
    )
    print(
        f"| converted once ({result['convert_once_s']} s, "
        f"{result['converted_size_mb']} MB) | {result['converted_load_s']} s | "
        f"{result['converted_process_s']} s |"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
