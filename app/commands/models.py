"""`pagefold models list|recommend|download|import|remove|info|adapters|token`."""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.commands.context import CommandContext
from app.core.errors import PagefoldError

if TYPE_CHECKING:
    from app.core.models.adapters import AdapterRegistry
    from app.core.models.catalog import CatalogEntry
    from app.core.models.download import DownloadProgress
    from app.core.models.hardware import Hardware
    from app.core.models.installed import InstalledModel
    from app.core.models.registry import ModelRegistry

Handler = Callable[[argparse.Namespace, CommandContext], int]
KINDS = ("llm", "embedding", "reranker")


def register(sub: Any) -> None:
    parser = sub.add_parser("models", help="list, recommend, download and import models")
    cmds = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    machine = _machine_parser()

    p = cmds.add_parser(
        "list",
        parents=[machine],
        help="installed models (--catalog: all recommended models with their fit on this machine)",
    )
    p.add_argument("--catalog", action="store_true", help="list the catalog instead")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_list)

    p = cmds.add_parser(
        "recommend", parents=[machine], help="the best model and precision for this machine"
    )
    p.add_argument("--kind", choices=KINDS, default="llm")
    p.add_argument("--all", action="store_true", help="show every model, not the top five")
    p.set_defaults(handler=_recommend)

    p = cmds.add_parser("download", help="download a catalog model or a Hugging Face repo")
    p.add_argument("model", help="catalog id (see `models list --catalog`) or owner/name")
    p.add_argument("--revision", help="branch, tag or commit (default: the catalog's, or main)")
    p.add_argument("--gguf", metavar="FILE", help="for a repo of GGUF files: the one to fetch")
    p.add_argument("--kind", choices=KINDS, default="llm", help="for a repo not in the catalog")
    p.set_defaults(handler=_download)

    p = cmds.add_parser("import", help="add a model folder or .gguf file from disk")
    p.add_argument("path", type=Path)
    p.add_argument("--copy", action="store_true", help="copy it into the data folder")
    p.add_argument(
        "--allow-pickle",
        action="store_true",
        help="accept .bin/.pt weights (they can run code; only for trusted files)",
    )
    p.add_argument("--name", help="a name to show instead of the folder name")
    p.set_defaults(handler=_import)

    p = cmds.add_parser("remove", help="remove an installed model (imported files are kept)")
    p.add_argument("model")
    p.add_argument("--keep-files", action="store_true", help="forget it but keep its files")
    p.set_defaults(handler=_remove)

    from app.commands.model_choice import register_use

    register_use(cmds)

    p = cmds.add_parser("info", parents=[machine], help="details of an installed or catalog model")
    p.add_argument("model")
    p.set_defaults(handler=_info)

    _register_adapters(cmds)
    _register_token(cmds)


def _machine_parser() -> argparse.ArgumentParser:
    """Options to ask "what if": fit models to another machine than this one."""
    machine = argparse.ArgumentParser(add_help=False)
    group = machine.add_argument_group("simulate another machine")
    group.add_argument("--backend", choices=("cuda", "mps", "cpu"))
    group.add_argument("--vram", type=float, metavar="GB", help="GPU memory in GB (CUDA)")
    group.add_argument("--ram", type=float, metavar="GB", help="system or unified memory in GB")
    return machine


def _register_adapters(cmds: Any) -> None:
    parser = cmds.add_parser("adapters", help="LoRA adapters and the collections that use them")
    acts = parser.add_subparsers(dest="adapter_action", metavar="ACTION", required=True)
    p = acts.add_parser("list", help="adapters and their base models")
    p.set_defaults(handler=_adapters_list)
    p = acts.add_parser("add", help="add a PEFT LoRA adapter folder for an installed model")
    p.add_argument("path", type=Path)
    p.add_argument("--base", required=True, help="id of the installed base model")
    p.add_argument("--name")
    p.add_argument("--link", action="store_true", help="use the folder in place (no copy)")
    p.set_defaults(handler=_adapters_add)
    p = acts.add_parser("remove", help="remove an adapter (and detach it everywhere)")
    p.add_argument("adapter")
    p.set_defaults(handler=_adapters_remove)
    p = acts.add_parser("attach", help="answer questions on a collection with an adapter")
    p.add_argument("collection")
    p.add_argument("adapter")
    p.set_defaults(handler=_adapters_attach)
    p = acts.add_parser("detach", help="answer questions on a collection with the plain model")
    p.add_argument("collection")
    p.set_defaults(handler=_adapters_detach)


def _register_token(cmds: Any) -> None:
    parser = cmds.add_parser("token", help="the Hugging Face access token (kept in the keyring)")
    acts = parser.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    p = acts.add_parser("set", help="save a token for gated models (asked for when omitted)")
    p.add_argument("token", nargs="?")
    p.set_defaults(handler=_token_set)
    acts.add_parser("clear", help="forget the saved token").set_defaults(handler=_token_clear)
    acts.add_parser("status", help="whether a token is saved").set_defaults(handler=_token_status)


def _user_errors(handler: Handler) -> Handler:
    """Errors a user can cause become one line on stderr and exit code 1."""

    @functools.wraps(handler)
    def wrapped(args: argparse.Namespace, ctx: CommandContext) -> int:
        try:
            return handler(args, ctx)
        except PagefoldError as exc:
            return ctx.fail(exc)

    return wrapped


# -- services -----------------------------------------------------------------------------------


def _registry(ctx: CommandContext) -> ModelRegistry:
    return ctx.session.models().registry()


def _catalog() -> list[CatalogEntry]:
    from app.core.models.catalog import load_catalog

    return load_catalog()


def _hardware(args: argparse.Namespace) -> Hardware:
    from app.core.models.hardware import GIB, Backend, Hardware, detect_hardware

    if not (args.backend or args.vram or args.ram):
        return detect_hardware()
    backend: Backend = args.backend or ("cuda" if args.vram else "cpu")
    ram = int((args.ram or 16) * GIB)
    vram = int((args.vram or 0) * GIB) if backend == "cuda" else 0
    name = {"cuda": "simulated NVIDIA GPU", "mps": "simulated Apple silicon"}.get(backend)
    return Hardware(
        name,
        vram,
        backend,
        ram,
        (8, 6) if backend == "cuda" else None,
        bitsandbytes=backend == "cuda",
    )


def _adapters(ctx: CommandContext) -> AdapterRegistry:
    from app.core.models.adapters import AdapterRegistry
    from app.core.storage.catalog import Catalog

    layout = ctx.settings.layout.ensure()
    catalog = ctx.extras.get("catalog")
    if catalog is None:
        catalog = ctx.extras["catalog"] = Catalog(layout.catalog_db)
    return AdapterRegistry(layout, catalog)


# -- list, recommend, info ----------------------------------------------------------------------


@_user_errors
def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.catalog:
        return _list_catalog(args)
    models = _registry(ctx).installed(args.kind)
    if args.json:
        print(json.dumps([m.to_json() for m in models], ensure_ascii=False, indent=2))
        return 0
    if not models:
        print(
            "No models installed. See `pagefold models recommend`, then "
            "`pagefold models download ID` or `pagefold models import PATH`."
        )
        return 0
    from app.core.models.download import human_size

    rows = [(m.id, m.kind, human_size(m.size_bytes), m.source, str(m.weights_path)) for m in models]
    _table(("ID", "KIND", "SIZE", "SOURCE", "WHERE"), rows)
    return 0


def _list_catalog(args: argparse.Namespace) -> int:
    from app.core.models.download import human_size
    from app.core.models.hardware import PRECISION_LABEL, fit

    hw = _hardware(args)
    entries = [e for e in _catalog() if not args.kind or e.kind == args.kind]
    if args.json:
        print(json.dumps([_entry_json(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    rows = []
    for e in entries:
        f = fit(e, hw)
        runs = PRECISION_LABEL[f.precision] + (" (slow)" if f.slow else "") if f.fits else "no"
        rows.append(
            (e.id, e.kind, f"{e.params_b:g}B", human_size(e.size_bytes), e.licence_label, runs)
        )
    print(f"Fit for: {hw.describe()}")
    _table(("ID", "KIND", "PARAMS", "DOWNLOAD", "LICENCE", "RUNS AT"), rows)
    return 0


@_user_errors
def _recommend(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.models.hardware import PRECISION_LABEL

    hw = _hardware(args)
    ranked = ctx.session.models().recommend(hw, args.kind)
    print(f"This machine: {hw.describe()}")
    for note in hw.notes:
        print(f"Note: {note}")
    if not ranked or not ranked[0].fits:
        print(f"No {args.kind} in the catalog fits this machine.")
        return 1
    best = ranked[0]
    print(f"Recommended: {best.entry.name} ({best.entry.id}), {best.reason}")
    if not best.entry.commercial_use:
        print("  Licence: NON-COMMERCIAL use only.")
    print("Other choices:")
    for f in ranked[1:] if args.all else ranked[1:5]:
        where = PRECISION_LABEL[f.precision] if f.fits else "does not fit"
        where += " (slow)" if f.slow else ""
        print(f"  {f.entry.id:<30} {where:<12} {f.entry.licence_label}")
    return 0


@_user_errors
def _info(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.errors import NotFoundError
    from app.core.models.catalog import find_entry

    installed = _registry(ctx).find(args.model)
    if installed is not None:
        _print_installed(installed, _hardware(args))
        return 0
    try:
        entry = find_entry(_catalog(), args.model)
    except NotFoundError as exc:
        raise NotFoundError(f'"{args.model}" is neither installed nor in the catalog.') from exc
    _print_entry(entry, _hardware(args))
    return 0


def _print_installed(model: InstalledModel, hw: Hardware) -> None:
    from app.core.models.catalog import entry_for_installed
    from app.core.models.hardware import fit

    for key, value in model.to_json().items():
        if key == "installed_at":
            value = time.strftime("%Y-%m-%d %H:%M", time.localtime(float(value)))
        if value not in (None, ""):
            print(f"{key:>15}: {value}")
    entry = entry_for_installed(model, _catalog())
    if entry is not None:
        print(f"{'on this machine':>15}: {fit(entry, hw).reason} ({hw.describe()})")


def _print_entry(entry: CatalogEntry, hw: Hardware) -> None:
    from app.core.models.download import human_size
    from app.core.models.hardware import PRECISION_LABEL, fit, fit_at

    print(f"{entry.name} ({entry.id})")
    print(f"  repository: https://huggingface.co/{entry.repo_id} @ {entry.revision}")
    print(
        f"  kind: {entry.kind}, {entry.params_b:g}B parameters, context "
        f"{entry.context_length} tokens, download about {human_size(entry.size_bytes)}"
    )
    print(f"  licence: {entry.licence_label} ({entry.license_url})")
    print(f"  languages: {', '.join(entry.languages)}")
    print(f"  notes: {entry.notes}")
    print(f"  memory needed ({hw.describe()}):")
    for precision in entry.precisions:
        f = fit_at(entry, hw, precision)
        print(
            f"    {PRECISION_LABEL[precision]:>7}: {entry.vram_gb[precision]:.1f} GB  "
            f"{'fits' if f.fits else 'no'}"
        )
    best = fit(entry, hw)
    print(f"  verdict: {best.reason}")


# -- download, import, remove -------------------------------------------------------------------


@_user_errors
def _download(args: argparse.Namespace, ctx: CommandContext) -> int:
    printer = _ProgressPrinter()
    try:
        model = ctx.session.models().download(
            args.model, printer, revision=args.revision, gguf_file=args.gguf, kind=args.kind
        )
    except KeyboardInterrupt:
        printer.finish()
        print(
            "Stopped. What was downloaded is kept: run the same command to resume.", file=sys.stderr
        )
        return 130
    printer.finish()
    print(f'Installed "{model.id}" in {model.path}.')
    if model.kind == "reranker":
        print(
            f"Search reranks with it unless another is chosen (`pagefold models use {model.id}`)."
        )
    return 0


@_user_errors
def _import(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.models.importer import validate_model

    result = validate_model(args.path, allow_pickle=args.allow_pickle)
    for warning in result.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    if result.gguf_file and result.kind == "llm":
        print(_conversion_notice(result.params_b, result.size_bytes), file=sys.stderr)
    model = ctx.session.models().import_model(
        args.path,
        copy=args.copy,
        allow_pickle=args.allow_pickle,
        name=args.name,
        validated=result,
        progress=_print_stage,
    )
    where = "copied into the data folder" if args.copy else "used where it is"
    print(f'Imported "{model.id}" ({model.kind}, {where}).')
    from app.core.models.convert import is_converted, needs_conversion

    if needs_conversion(model) and not is_converted(_registry(ctx), model):
        print(
            "Warning: the GGUF file could not be converted; it is dequantized at every load "
            "(see the log).",
            file=sys.stderr,
        )
    return 0


def _conversion_notice(params_b: float | None, size_bytes: int) -> str:
    """What converting a GGUF costs on disk, said before it starts."""
    from app.core.models.convert import BYTES_PER_PARAM
    from app.core.models.download import human_size

    cost = params_b * 1e9 * BYTES_PER_PARAM if params_b else size_bytes * 3.5
    return (
        f"Converting the GGUF file once into a 16-bit folder ({human_size(int(cost))} more on "
        "disk), so that every later load is fast…"
    )


def _print_stage(stage: str, fraction: float) -> None:
    labels = {
        "tokenizer": "reading the tokenizer",
        "weights": "dequantizing the weights",
        "writing": "writing safetensors",
        "done": "converted",
    }
    print(f"  {fraction:4.0%} {labels.get(stage, stage)}", file=sys.stderr)


@_user_errors
def _remove(args: argparse.Namespace, ctx: CommandContext) -> int:
    registry = _registry(ctx)
    model = registry.get(args.model)
    owned = registry.owns(model)
    registry.remove(args.model, delete_files=not args.keep_files)
    kept = " Its files were kept." if args.keep_files or not owned else ""
    print(f'Removed "{model.id}".{kept}')
    return 0


class _ProgressPrinter:
    """One updating line on a terminal; a line per file otherwise (logs, tests)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self._last_file = ""
        self._last_print = 0.0

    def __call__(self, event: DownloadProgress) -> None:
        from app.core.models.download import human_size

        eta = f", {event.eta_s:.0f} s left" if event.eta_s is not None else ""
        line = (
            f"{event.phase} {event.file}: {human_size(event.bytes_done)} of "
            f"{human_size(event.bytes_total)} ({event.fraction:.0%}), "
            f"{human_size(event.speed_bps)}/s{eta}"
        )
        if self.tty:
            if time.monotonic() - self._last_print > 0.1 or event.phase == "done":
                print(f"\r{line[:110]:<110}", end="", file=sys.stderr, flush=True)
                self._last_print = time.monotonic()
        elif event.file != self._last_file or event.phase in ("installing", "done"):
            print(line, file=sys.stderr)
            self._last_file = event.file

    def finish(self) -> None:
        if self.tty:
            print(file=sys.stderr)


# -- adapters and token -------------------------------------------------------------------------


@_user_errors
def _adapters_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    adapters = _adapters(ctx)
    infos = adapters.list()
    if not infos:
        print("No adapters. Add one with: pagefold models adapters add PATH --base MODEL")
        return 0
    users: dict[str, list[str]] = {}
    for record in adapters.catalog.collections() if adapters.catalog else []:
        if record.adapter:
            users.setdefault(record.adapter, []).append(record.name)
    rows = [
        (a.id, a.base_model_id, str(a.rank or "?"), ", ".join(users.get(a.id, [])) or "-")
        for a in infos
    ]
    _table(("ID", "BASE MODEL", "RANK", "COLLECTIONS"), rows)
    return 0


@_user_errors
def _adapters_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    info = _adapters(ctx).add(args.path, args.base, name=args.name, copy=not args.link)
    for warning in info.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(f'Added adapter "{info.id}" for {info.base_model_id}.')
    return 0


@_user_errors
def _adapters_remove(args: argparse.Namespace, ctx: CommandContext) -> int:
    info = _adapters(ctx).remove(args.adapter)
    print(f'Removed adapter "{info.id}".')
    return 0


@_user_errors
def _adapters_attach(args: argparse.Namespace, ctx: CommandContext) -> int:
    _adapters(ctx).set_for_collection(args.collection, args.adapter)
    print(f'Collection "{args.collection}" now answers with adapter "{args.adapter}".')
    return 0


@_user_errors
def _adapters_detach(args: argparse.Namespace, ctx: CommandContext) -> int:
    _adapters(ctx).set_for_collection(args.collection, None)
    print(f'Collection "{args.collection}" now answers with the plain model.')
    return 0


@_user_errors
def _token_set(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.secrets import mask, set_token

    token = args.token or getpass.getpass("Hugging Face access token: ")
    set_token(token)
    print(f"Saved {mask(token.strip())} in the system keyring.")
    return 0


@_user_errors
def _token_clear(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.secrets import delete_token

    print("Token forgotten." if delete_token() else "No token was saved.")
    return 0


@_user_errors
def _token_status(args: argparse.Namespace, ctx: CommandContext) -> int:
    from app.core.secrets import get_token, mask

    token = get_token()
    print(f"Saved token: {mask(token)}" if token else "No token saved (gated models need one).")
    return 0


# -- output -------------------------------------------------------------------------------------


def _table(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    widths = [max(len(str(v)) for v in col) for col in zip(headers, *rows, strict=False)]
    for row in (headers, *rows):
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _entry_json(entry: CatalogEntry) -> dict[str, Any]:
    from dataclasses import asdict

    data = asdict(entry)
    data.pop("extra")
    return data
