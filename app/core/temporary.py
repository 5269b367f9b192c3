""" "Ask about this file": one dropped file gets a collection of its own that the user keeps or
discards.

The collection is an ordinary one (same catalog, same Chroma, same progress), flagged
``{"temporary": true}`` in its catalog options. Nothing else marks it, so a crash leaves a row
that the next start finds by that flag and deletes with its index. The user's file is only read,
never moved or deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from app.core.errors import PagefoldError
from app.core.storage.catalog import CollectionRecord

TEMPORARY_OPTION = "temporary"
SOURCE_OPTION = "temporary_source"


class TemporaryLibrary(Protocol):
    """The part of ``Library`` a temporary collection needs."""

    def collections(self) -> list[CollectionRecord]: ...

    def create_collection(self, name: str) -> CollectionRecord: ...

    def set_collection_options(self, name: str, options: dict[str, object]) -> None: ...

    def rename_collection(self, name: str, new_name: str) -> None: ...

    def delete_collection(self, name: str) -> None: ...


class NotTemporaryError(PagefoldError):
    """Discard was asked of a collection the user made or kept: it is never deleted this way."""


def can_ask_about(path: Path) -> bool:
    """One existing file of a kind Pagefold reads (a folder goes to a collection as before)."""
    from app.core.documents.loaders import SUPPORTED_SUFFIXES  # imports every parser

    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES


def is_temporary(record: CollectionRecord) -> bool:
    return bool((record.options or {}).get(TEMPORARY_OPTION))


def temporary_name(path: Path, taken: set[str]) -> str:
    """ "report.pdf (temporary)", then "report.pdf (temporary 2)" if that name is in use."""
    base = f"{path.name} (temporary)"
    n = 2
    name = base
    while name in taken:
        name = f"{path.name} (temporary {n})"
        n += 1
    return name


def create_temporary(library: TemporaryLibrary, path: Path) -> str:
    """A new, empty collection flagged temporary; the caller indexes ``path`` into it."""
    taken = {c.name for c in library.collections()}
    record = library.create_collection(temporary_name(path, taken))
    options = {**(record.options or {}), TEMPORARY_OPTION: True, SOURCE_OPTION: str(path)}
    library.set_collection_options(record.name, options)
    return record.name


def _record(library: TemporaryLibrary, name: str) -> CollectionRecord:
    for record in library.collections():
        if record.name == name:
            return record
    raise PagefoldError(f'No collection named "{name}".')


def keep(library: TemporaryLibrary, name: str, new_name: str) -> str:
    """Rename and clear the flag: from now on it is a collection like any other."""
    record = _record(library, name)
    new_name = " ".join(new_name.split()) or name
    if new_name != name:
        library.rename_collection(name, new_name)
    options = {
        k: v
        for k, v in (record.options or {}).items()
        if k not in (TEMPORARY_OPTION, SOURCE_OPTION)
    }
    library.set_collection_options(new_name, options)
    return new_name


def discard(library: TemporaryLibrary, name: str) -> None:
    """Delete the collection and its index (vectors, passages); the file itself stays."""
    if not is_temporary(_record(library, name)):
        raise NotTemporaryError(
            f'"{name}" is not a temporary collection, so it was not deleted. '
            "Delete it from its menu in the sidebar if you mean to."
        )
    library.delete_collection(name)


def discard_leftovers(library: TemporaryLibrary) -> list[str]:
    """Temporary collections left by a crash or a killed app; returns the names deleted."""
    names = [c.name for c in library.collections() if is_temporary(c)]
    for name in names:
        library.delete_collection(name)
    return names
