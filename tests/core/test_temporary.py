"""Temporary collections in core, on the real catalog: names, Keep, Discard's refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.core import temporary


def test_names_do_not_collide_and_discard_spares_the_users_collections(
    library: Any, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    first = temporary.create_temporary(library, pdf)
    second = temporary.create_temporary(library, pdf)
    assert (first, second) == ("report.pdf (temporary)", "report.pdf (temporary 2)")
    assert library.collection(first).options["temporary_source"] == str(pdf)

    kept = temporary.keep(library, second, "  Quarterly   report ")
    assert kept == "Quarterly report" and not temporary.is_temporary(library.collection(kept))
    with pytest.raises(temporary.NotTemporaryError, match="not a temporary collection"):
        temporary.discard(library, kept)

    assert temporary.discard_leftovers(library) == [first]
    assert [c.name for c in library.collections()] == ["Quarterly report"]
    assert pdf.exists()


def test_only_one_readable_file_is_offered(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b.exe").write_bytes(b"MZ")
    assert temporary.can_ask_about(tmp_path / "a.pdf")
    assert not temporary.can_ask_about(tmp_path / "b.exe")
    assert not temporary.can_ask_about(tmp_path)  # a folder goes to a collection as before
