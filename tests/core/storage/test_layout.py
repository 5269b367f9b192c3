from __future__ import annotations

from pathlib import Path

from app.core.storage.layout import DataLayout


def test_layout_keeps_everything_inside_one_folder(tmp_path: Path) -> None:
    layout = DataLayout(tmp_path / "home").ensure()
    for path in (
        layout.catalog_db,
        layout.conversations_db,
        layout.chroma_dir,
        layout.models_dir,
        layout.settings_file,
        layout.log_file,
        layout.lexical_index(3),
    ):
        assert path.is_relative_to(layout.root)
    assert layout.chroma_dir.is_dir() and layout.logs_dir.is_dir()
    assert layout.lexical_index(1) != layout.lexical_index(2)
