"""The installers workflow: every OS builds, self-tests and uploads; scripts it calls exist."""

from __future__ import annotations

import re

import pytest

from tests.packaging.conftest import REPO

yaml = pytest.importorskip("yaml")
WORKFLOW = REPO / ".github" / "workflows" / "installers.yml"


def test_each_os_self_tests_before_uploading() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert {"linux", "windows", "macos"} <= set(jobs)
    for name, job in jobs.items():
        steps = job["steps"]
        upload = next(i for i, s in enumerate(steps) if "upload-artifact" in s.get("uses", ""))
        tested = [
            i
            for i, s in enumerate(steps)
            if "--self-test" in s.get("run", "") or "ci_selftest.sh" in s.get("run", "")
        ]
        assert tested and min(tested) < upload, f"{name} uploads without a self-test"


def test_cuda_variants_are_built_for_windows_and_linux() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    for name in ("linux", "windows"):
        assert "cuda" in jobs[name]["strategy"]["matrix"]["variant"], name


def test_scripts_the_workflow_calls_exist() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for path in set(re.findall(r"packaging/[\w/.-]+\.(?:sh|py|spec)", text)):
        assert (REPO / path).is_file(), path


def test_cuda_variants_take_a_torch_2_13_cuda_build_and_bitsandbytes() -> None:
    """cu128 has no torch 2.13 build for certain; PyPI's own 2.13 Linux wheel is CUDA 13.0."""
    text = (REPO / ".github" / "workflows" / "installers.yml").read_text()
    assert "whl/cu128" not in text and "whl/cu130" in text
    assert text.count('extras="package,cuda"') == 2  # Linux and Windows CUDA get bitsandbytes
    assert text.count("import torch, bitsandbytes") == 2
