"""Answers about this machine's hardware, kept in ``<data>/cache/probes.json`` between runs.

Why: asking whether the CPU computes bfloat16 or which GPU is present means importing torch,
3.6 to 9 s on a busy 2-core machine, on every ``pagefold`` command. The answers change only
when the machine does, so they are stored under a key made of what identifies the machine
(host, CPU model, GPU devices and driver, the installed torch and bitsandbytes versions) and
asked again when any of it changes. Reading the file takes about a millisecond.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import platform
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from app.core.storage.layout import default_data_dir

log = logging.getLogger(__name__)
T = TypeVar("T")
_lock = threading.Lock()
_memory: dict[str, object] = {}

#: Answers stored with the machine key; bump to drop every stored answer at once.
SCHEMA = 1


def cache_file() -> Path:
    """``<data>/cache/probes.json`` (``PAGEFOLD_HOME`` is set by ``--data-dir`` too)."""
    home = os.environ.get("PAGEFOLD_HOME", "").strip()
    root = Path(home).expanduser() if home else default_data_dir()
    return root / "cache" / "probes.json"


def machine_key() -> str:
    """A hash of what a hardware answer depends on; no torch import."""
    parts = [
        platform.node(),
        platform.machine(),
        platform.system(),
        platform.release(),
        _cpu_model(),
        _gpu_devices(),
        _version("torch"),
        _version("bitsandbytes"),
        str(SCHEMA),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def cached(name: str, compute: Callable[[], T]) -> T:
    """The stored answer to ``name`` on this machine, else ``compute()`` stored for next time.

    ``compute`` must return JSON-serialisable data (lists come back for tuples).
    """
    with _lock:
        path, key = cache_file(), machine_key()
        memo = f"{path}:{key}:{name}"
        if memo in _memory:
            return _memory[memo]  # type: ignore[return-value]
        stored = _read(path, key)
        if name in stored:
            value = stored[name]
        else:
            value = compute()
            stored[name] = value
            _write(path, key, stored)
        _memory[memo] = value
        return value  # type: ignore[return-value]


def forget() -> None:
    """Drop the answers of this process (tests; ``probes.json`` itself is left alone)."""
    with _lock:
        _memory.clear()


def _read(path: Path, key: str) -> dict[str, object]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(doc, dict) or doc.get("machine") != key:
        return {}
    probes = doc.get("probes")
    return dict(probes) if isinstance(probes, dict) else {}


def _write(path: Path, key: str, probes: dict[str, object]) -> None:
    """Atomic replace; a read-only data folder only costs the next run the probe again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"machine": key, "probes": probes}, indent=1), "utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not store hardware probes in %s: %s", path, exc)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith(("model name", "flags")):
                return line
    except OSError:
        pass
    return platform.processor()


def _gpu_devices() -> str:
    """NVIDIA device nodes and driver version; a new card or driver asks again."""
    names: list[str] = []
    with contextlib.suppress(OSError):
        names = sorted(n for n in os.listdir("/dev") if n.startswith("nvidia"))
    with contextlib.suppress(OSError):
        names.append(Path("/proc/driver/nvidia/version").read_text(encoding="utf-8")[:200])
    return ",".join(names)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""
