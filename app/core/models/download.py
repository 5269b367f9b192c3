"""Download a model from the Hugging Face Hub: progress, resume, cancel, integrity, disk check.

Why a loop of our own over ``http_get`` instead of ``snapshot_download``: the hub library deletes
partial files when a download fails, so nothing survives a closed laptop. Here every file goes to
``<models>/.staging/<id>/<file>.part`` and a later run continues it with an HTTP Range request.
Each file is checked against the hub's hash (sha256 for LFS files, the git blob id for the
others) before it counts, and the folder moves into place only when every file is verified and
the model validates. Cancel removes the staging folder; a network failure keeps it for a resume.
Network traffic happens only inside ``plan`` and ``download``, which the user starts.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.cancel import CancelToken
from app.core.errors import CancelledError, ModelError
from app.core.models.catalog import CatalogEntry, default_files
from app.core.models.importer import validate_model
from app.core.models.installed import InstalledModel, slugify
from app.core.models.registry import ModelRegistry, ensure_free_space
from app.core.models.transfer import (
    MANIFEST,
    Bar,
    Cancelled,
    CorruptFileError,
    DownloadProgress,
    ProgressCallback,
    RemoteFile,
    Tracker,
    human_size,
    read_manifest,
    verify,
    write_manifest,
)
from app.core.secrets import get_token

STAGING = ".staging"


@dataclass
class DownloadPlan:
    """What a download will fetch; built from the hub's file list before any byte is fetched."""

    model_id: str
    name: str
    repo_id: str
    revision: str
    commit: str
    kind: str
    files: list[RemoteFile]
    gguf_file: str | None = None
    catalog_id: str | None = None
    params_b: float | None = None
    context_length: int | None = None

    @property
    def total_bytes(self) -> int:
        return sum(f.size or 0 for f in self.files)


@dataclass
class _Source:
    repo_id: str
    revision: str
    patterns: list[str]
    kind: str
    name: str
    model_id: str
    gguf_file: str | None = None
    entry: CatalogEntry | None = None


_USER_DOWNLOAD: ContextVar[bool] = ContextVar("pagefold_user_download", default=False)


@contextmanager
def _user_started() -> Iterator[None]:
    """Let huggingface_hub reach the network from this thread only, for this download.

    Pagefold's embedder, reranker and runtime set ``HF_HUB_OFFLINE=1`` so loading a model never
    touches the network; that flag is process-wide and read once, so without this a download
    started after the first embedding would be refused. The hub checks
    ``constants.is_offline_mode()`` before every request; wrapping it with a context variable
    opens the door for requests made inside a user-started download and keeps it shut for every
    other thread. Should a future hub version stop calling it, downloads fail with the hub's
    clear offline error, never the other way round.
    """
    from huggingface_hub import constants

    original = constants.is_offline_mode
    if not getattr(original, "pagefold_scoped", False):

        def is_offline_mode() -> bool:
            return bool(original()) and not _USER_DOWNLOAD.get()

        is_offline_mode.pagefold_scoped = True  # type: ignore[attr-defined, unused-ignore]
        constants.is_offline_mode = is_offline_mode
    token = _USER_DOWNLOAD.set(True)
    try:
        yield
    finally:
        _USER_DOWNLOAD.reset(token)


class Downloader:
    """Fetches models into the models folder and registers them."""

    def __init__(
        self,
        registry: ModelRegistry,
        *,
        offline: bool = False,
        endpoint: str | None = None,
        token: str | None = None,
        progress_interval: float = 0.2,
    ) -> None:
        self.registry = registry
        self.offline = offline
        # Read now, not at import: HF_ENDPOINT names a mirror (or the tests' fake hub).
        self.endpoint = endpoint or os.environ.get("HF_ENDPOINT") or None
        self._token = token
        self.progress_interval = progress_interval

    # -- public -----------------------------------------------------------------------------

    def plan(
        self,
        entry_or_repo: CatalogEntry | str,
        revision: str | None = None,
        *,
        gguf_file: str | None = None,
        kind: str = "llm",
    ) -> DownloadPlan:
        """Ask the hub which files to fetch and their hashes (one request)."""
        self._refuse_offline()
        source = self._source(entry_or_repo, revision, gguf_file, kind)
        with _user_started():
            return self._plan(source)

    def download(
        self,
        entry_or_repo: CatalogEntry | str,
        revision: str | None = None,
        dest: Path | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
        *,
        gguf_file: str | None = None,
        kind: str = "llm",
    ) -> InstalledModel:
        """Download, verify, validate and register; an installed model is returned as it is."""
        self._refuse_offline()
        source = self._source(entry_or_repo, revision, gguf_file, kind)
        existing = self.registry.find(source.model_id)
        if existing is not None:
            if (existing.repo_id, existing.gguf_file) == (source.repo_id, source.gguf_file):
                return existing
            source.model_id = self.registry.unique_id(source.model_id)  # a namesake import
        with _user_started():
            return self._download(source, dest, progress, cancel)

    def _download(
        self,
        source: _Source,
        dest: Path | None,
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> InstalledModel:
        plan = self._plan(source)
        dest = Path(dest) if dest else self.registry.models_dir / plan.model_id
        if dest.exists():
            raise ModelError(
                f"{dest} already exists but is not an installed model; remove it "
                "or choose another folder."
            )
        staging = self._prepare_staging(plan)
        tracker = Tracker(
            plan.files, staging, progress, cancel or CancelToken(), self.progress_interval
        )
        ensure_free_space(
            self.registry.models_dir, plan.total_bytes - tracker.bytes_done, plan.name
        )
        self._fetch_all(plan, staging, tracker)
        return self._install(plan, staging, dest, tracker)

    def staging_dir(self, model_id: str) -> Path:
        return self.registry.models_dir / STAGING / model_id

    def partial_bytes(self, model_id: str) -> int:
        """Bytes already on disk for an interrupted download (0 when none)."""
        folder = self.staging_dir(model_id)
        if not folder.exists():
            return 0
        return sum(
            p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST
        )

    def discard_partial(self, model_id: str) -> None:
        shutil.rmtree(self.staging_dir(model_id), ignore_errors=True)

    # -- planning ---------------------------------------------------------------------------

    def _refuse_offline(self) -> None:
        """Pagefold's own switch decides (Settings → Network, or ``PAGEFOLD_OFFLINE=1``)."""
        if self.offline:
            raise ModelError(
                "Pagefold is in offline mode, so it will not download models. Turn "
                "offline mode off in Settings → Network, or import a model from "
                "disk."
            )

    def _source(
        self,
        entry_or_repo: CatalogEntry | str,
        revision: str | None,
        gguf_file: str | None,
        kind: str,
    ) -> _Source:
        if isinstance(entry_or_repo, CatalogEntry):
            e = entry_or_repo
            return _Source(
                e.repo_id,
                revision or e.revision,
                list(e.files),
                e.kind,
                e.name,
                e.id,
                e.gguf_file,
                e,
            )
        repo = entry_or_repo.strip()
        if repo.count("/") != 1:
            raise ModelError(f'"{repo}" is not a Hugging Face repository id (owner/name).')
        patterns = [gguf_file] if gguf_file else default_files(kind)
        model_id = slugify(repo + (f"--{Path(gguf_file).stem}" if gguf_file else ""))
        return _Source(repo, revision or "main", patterns, kind, repo, model_id, gguf_file)

    def _plan(self, source: _Source) -> DownloadPlan:
        info = self._call_hub(
            source,
            lambda: self._api().model_info(
                source.repo_id, revision=source.revision, files_metadata=True, token=self._auth()
            ),
        )
        siblings = info.siblings or []
        files = [_remote(s) for s in siblings if _wanted(s.rfilename, source.patterns)]
        _check_weights(source, [s.rfilename for s in siblings], files)
        entry = source.entry
        return DownloadPlan(
            model_id=source.model_id,
            name=source.name,
            repo_id=source.repo_id,
            revision=source.revision,
            commit=info.sha or source.revision,
            kind=source.kind,
            files=files,
            gguf_file=source.gguf_file,
            catalog_id=entry.id if entry else None,
            params_b=entry.params_b if entry else None,
            context_length=entry.context_length if entry else None,
        )

    def _api(self) -> Any:
        from huggingface_hub import HfApi

        from app import __version__

        return HfApi(endpoint=self.endpoint, library_name="pagefold", library_version=__version__)

    def _auth(self) -> str | bool:
        """The keyring token, or False so no token file or env var is ever picked up."""
        return self._token or get_token() or False

    def _call_hub(self, source: _Source, call: Callable[[], Any]) -> Any:
        from huggingface_hub.errors import (
            GatedRepoError,
            HfHubHTTPError,
            OfflineModeIsEnabled,
            RepositoryNotFoundError,
            RevisionNotFoundError,
        )

        repo = source.repo_id
        try:
            return call()
        except GatedRepoError as exc:
            raise ModelError(_gated_message(repo, bool(self._auth()))) from exc
        except RepositoryNotFoundError as exc:
            raise ModelError(
                f"{repo} was not found on the Hugging Face Hub (or it is private "
                "and your access token cannot see it)."
            ) from exc
        except RevisionNotFoundError as exc:
            raise ModelError(f"{repo} has no revision {source.revision!r}.") from exc
        except OfflineModeIsEnabled as exc:
            raise ModelError(f"Downloads are switched off in this environment: {exc}") from exc
        except (HfHubHTTPError, OSError) as exc:
            raise ModelError(
                f"Could not reach the Hugging Face Hub for {repo}: {_first_line(exc)}"
            ) from exc
        except Exception as exc:
            if _is_network_error(exc):
                raise ModelError(
                    f"Could not reach the Hugging Face Hub for {repo}: {_first_line(exc)}"
                ) from exc
            raise

    # -- fetching ---------------------------------------------------------------------------

    def _prepare_staging(self, plan: DownloadPlan) -> Path:
        """Reuse partial files from an earlier run of the same commit; start over otherwise."""
        staging = self.staging_dir(plan.model_id)
        manifest = read_manifest(staging)
        if manifest.get("commit") != plan.commit or manifest.get("repo_id") != plan.repo_id:
            shutil.rmtree(staging, ignore_errors=True)
            manifest = {"repo_id": plan.repo_id, "commit": plan.commit, "verified": []}
        staging.mkdir(parents=True, exist_ok=True)
        write_manifest(staging, manifest)
        return staging

    def _fetch_all(self, plan: DownloadPlan, staging: Path, tracker: Tracker) -> None:
        from huggingface_hub.errors import GatedRepoError, HfHubHTTPError

        try:
            for remote in plan.files:
                tracker.check_cancel()
                self._fetch(plan, remote, staging, tracker)
        except Cancelled:
            shutil.rmtree(staging, ignore_errors=True)
            raise CancelledError(
                f"Download of {plan.name} cancelled; nothing was installed."
            ) from None
        except GatedRepoError as exc:
            raise ModelError(_gated_message(plan.repo_id, bool(self._auth()))) from exc
        except CorruptFileError as exc:
            raise ModelError(str(exc)) from exc
        except (HfHubHTTPError, OSError) as exc:
            raise ModelError(_interrupted(plan, tracker, exc)) from exc
        except Exception as exc:
            if _is_network_error(exc):
                raise ModelError(_interrupted(plan, tracker, exc)) from exc
            raise

    def _fetch(
        self, plan: DownloadPlan, remote: RemoteFile, staging: Path, tracker: Tracker
    ) -> None:
        from huggingface_hub import hf_hub_url
        from huggingface_hub.file_download import http_get
        from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined, unused-ignore]

        from app import __version__

        final = staging / remote.name
        if remote.name in tracker.verified:
            return
        part = final.with_name(final.name + ".part")
        part.parent.mkdir(parents=True, exist_ok=True)
        resume = part.stat().st_size if part.exists() else 0
        if remote.size is not None and resume > remote.size:
            part.unlink()
            resume = 0
        url = hf_hub_url(plan.repo_id, remote.name, revision=plan.commit, endpoint=self.endpoint)
        headers = build_hf_headers(
            token=self._auth(), library_name="pagefold", library_version=__version__
        )
        tracker.start_file(remote.name, resume)
        # http_get builds its progress bar with ``tqdm_class(**kwargs)``; a partial carries ours.
        bar: Any = functools.partial(Bar, tracker, remote.name)
        with part.open("ab") as handle:
            http_get(
                url,
                handle,
                resume_size=resume,
                headers=headers,
                expected_size=remote.size,
                displayed_filename=remote.name,
                tqdm_class=bar,
            )
        tracker.emit("verifying", force=True)
        verify(part, remote, plan.repo_id)
        part.replace(final)
        tracker.mark_verified(remote.name)

    def _install(
        self, plan: DownloadPlan, staging: Path, dest: Path, tracker: Tracker
    ) -> InstalledModel:
        tracker.emit("installing", force=True)
        target = staging / plan.gguf_file if plan.gguf_file else staging
        result = validate_model(target)
        if not result.ok:
            shutil.rmtree(staging, ignore_errors=True)
            raise ModelError(
                f"{plan.repo_id} downloaded, but it is not a usable model, so it "
                f"was not installed:\n" + "\n".join(f"- {p}" for p in result.problems)
            )
        (staging / MANIFEST).unlink(missing_ok=True)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(dest))
        model = self.registry.add(
            InstalledModel(
                id=plan.model_id,
                name=plan.name,
                path=dest,
                kind=result.kind if not plan.catalog_id else plan.kind,
                gguf_file=plan.gguf_file,
                size_bytes=plan.total_bytes,
                source="download",
                catalog_id=plan.catalog_id,
                repo_id=plan.repo_id,
                revision=plan.commit,
                params_b=plan.params_b or result.params_b,
                context_length=result.context_length or plan.context_length,
                architecture=result.architecture,
            )
        )
        from app.core.models.convert import convert_or_keep_gguf, needs_conversion

        if needs_conversion(model):  # once, so no later load dequantizes the GGUF again
            tracker.emit("converting", force=True)
            convert_or_keep_gguf(self.registry, model)
        tracker.emit("done", force=True)
        return model


# -- helpers ----------------------------------------------------------------------------------


def _wanted(name: str, patterns: list[str]) -> bool:
    """Patterns without a slash match top-level files only (no ``onnx/`` or ``original/``)."""
    for pattern in patterns:
        if "/" not in pattern and "/" in name:
            continue
        if fnmatch.fnmatch(name, pattern):
            return True
    return False


def _remote(sibling: Any) -> RemoteFile:
    lfs = sibling.lfs
    size = sibling.size if sibling.size is not None else (lfs.size if lfs else None)
    return RemoteFile(
        sibling.rfilename,
        size,
        sha256=lfs.sha256 if lfs else None,
        blob_id=None if lfs else sibling.blob_id,
    )


def _check_weights(source: _Source, all_names: list[str], files: list[RemoteFile]) -> None:
    chosen = {f.name for f in files}
    if source.gguf_file:
        if source.gguf_file not in chosen:
            ggufs = ", ".join(n for n in all_names if n.endswith(".gguf")) or "none"
            raise ModelError(
                f"{source.gguf_file} is not in {source.repo_id}. GGUF files there: {ggufs}."
            )
        return
    if not any(n.endswith(".safetensors") for n in chosen):
        pickles = [n for n in all_names if n.endswith((".bin", ".pt", ".pth"))]
        hint = f" (it has {', '.join(pickles[:3])})" if pickles else ""
        raise ModelError(
            f"{source.repo_id} has no safetensors weights{hint}. Pagefold downloads "
            "only safetensors or GGUF weights, which cannot run code when loaded."
        )


def _interrupted(plan: DownloadPlan, tracker: Tracker, exc: BaseException) -> str:
    return (
        f"The download of {plan.name} was interrupted ({_first_line(exc)}). "
        f"{human_size(tracker.bytes_done)} already downloaded are kept; start the download "
        "again to resume where it stopped."
    )


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _gated_message(repo: str, has_token: bool) -> str:
    if has_token:
        return (
            f"{repo} is gated and your access token is not allowed to download it yet: accept "
            f"its licence at https://huggingface.co/{repo} with the same account."
        )
    return (
        f"{repo} is gated: accept its licence at https://huggingface.co/{repo}, then save an "
        "access token with `pagefold models token set` (kept in the system keyring)."
    )


def _is_network_error(exc: BaseException) -> bool:
    import httpx

    return isinstance(exc, httpx.HTTPError)


__all__ = [
    "DownloadPlan",
    "DownloadProgress",
    "Downloader",
    "ProgressCallback",
    "RemoteFile",
    "human_size",
]
