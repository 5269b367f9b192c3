"""Air-gapped builds: models and OCR data from a local folder, put inside the bundle at build time.

Sites that never touch a network (finance, defence) cannot use the model manager's downloads, so
the installer itself must carry everything. The folder given as ``PAGEFOLD_OFFLINE_ASSETS``:

    DIR/llm/          one .gguf file, or one model folder (config.json + *.safetensors)
    DIR/embeddings/   optional: sentence-transformers folders, one per extra embedding model
                      (multilingual-e5-small and MiniLM are in every build already)
    DIR/reranker/     optional: one cross-encoder folder (config.json + *.safetensors)
    DIR/ocr/          optional: Tesseract ``*.traineddata`` files (e.g. kor, eng)

Everything lands in ``resources/offline/`` of the bundle with a ``manifest.json`` that says what
is there; ``app.selftest`` answers with the bundled LLM when no ``--model`` is given. Only
safetensors and GGUF weights are accepted: pickled weights can run code when loaded.
"""

from __future__ import annotations

import json
from pathlib import Path

DEST = "resources/offline"
PICKLE_SUFFIXES = {".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle"}
OCR_SUFFIX = ".traineddata"


class OfflineAssetsError(SystemExit):
    """A problem with the asset folder, reported before PyInstaller spends minutes building."""


def datas(source: str | None, work: Path) -> list[tuple[str, str]]:
    """PyInstaller ``datas`` entries for the folder, plus its manifest; none when unset."""
    if not source:
        return []
    root = Path(source).expanduser().resolve()
    if not root.is_dir():
        raise OfflineAssetsError(f"PAGEFOLD_OFFLINE_ASSETS={source} is not a folder")
    manifest = scan(root)
    work.mkdir(parents=True, exist_ok=True)
    manifest_file = work / "manifest.json"
    manifest_file.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    entries = [(str(manifest_file), DEST)]
    for part in ("llm", "embeddings", "reranker", "ocr"):
        if (root / part).is_dir():
            entries.append((str(root / part), f"{DEST}/{part}"))
    return entries


def scan(root: Path) -> dict[str, object]:
    """What the folder holds, as paths relative to ``resources/offline``; errors stop the build."""
    _refuse_pickles(root)
    manifest: dict[str, object] = {"llm": _llm(root / "llm")}
    embeddings = root / "embeddings"
    manifest["embeddings"] = (
        sorted(f"embeddings/{p.name}" for p in embeddings.iterdir() if _is_model_folder(p))
        if embeddings.is_dir()
        else []
    )
    reranker = root / "reranker"
    manifest["reranker"] = "reranker" if _is_model_folder(reranker) else None
    ocr = root / "ocr"
    manifest["ocr_languages"] = (
        sorted(p.name.removesuffix(OCR_SUFFIX) for p in ocr.glob(f"*{OCR_SUFFIX}"))
        if ocr.is_dir()
        else []
    )
    return manifest


def _llm(folder: Path) -> str | None:
    if not folder.is_dir():
        return None
    ggufs = sorted(folder.glob("*.gguf"))
    if len(ggufs) == 1:
        return f"llm/{ggufs[0].name}"
    if len(ggufs) > 1:
        raise OfflineAssetsError(f"{folder} holds several .gguf files: keep exactly one")
    if _is_model_folder(folder):
        return "llm"
    models = [p for p in folder.iterdir() if _is_model_folder(p)]
    if len(models) == 1:
        return f"llm/{models[0].name}"
    raise OfflineAssetsError(
        f"{folder} must hold one .gguf file or one model folder (config.json + .safetensors)"
    )


def _is_model_folder(path: Path) -> bool:
    return (path / "config.json").is_file() and any(path.glob("*.safetensors"))


def _refuse_pickles(root: Path) -> None:
    pickles = [p for p in root.rglob("*") if p.suffix.lower() in PICKLE_SUFFIXES]
    if pickles:
        listed = ", ".join(str(p.relative_to(root)) for p in pickles[:5])
        raise OfflineAssetsError(
            f"Pickled weights are not bundled (they can run code when loaded): {listed}. "
            "Convert them to .safetensors or GGUF first."
        )


if __name__ == "__main__":
    # Windows sidecar folder (pagefold-offline beside the installer): check it, write its manifest.
    import sys

    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/offline/offline_assets.py ASSETS_DIR")
    folder = Path(sys.argv[1]).resolve()
    if not folder.is_dir():
        raise OfflineAssetsError(f"{folder} is not a folder")
    manifest_path = folder / "manifest.json"
    manifest_path.write_text(json.dumps(scan(folder), indent=2, ensure_ascii=False), "utf-8")
    print(manifest_path.read_text(encoding="utf-8"))
