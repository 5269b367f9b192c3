"""Privacy on disk: links out of an added folder are not followed; the data folder is private.

Issue 19 found a symlink to /etc/shadow inside an added folder indexed into a catalog every user
could read (0644 in a 0755 folder). These tests fail on the code before the fix.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from app.cli import main
from app.core.config import Settings
from app.core.indexing.events import FileStatus
from app.core.library import Library
from tests.robustness.conftest import RobustnessReport
from tests.robustness.fakes import FakeEmbedder

SECRET = "root:$6$saltsalt$hashOfTheShadowPassword:19000:0:99999:7:::"

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    """An added folder with one good file, a link to a secret outside it, and a link inside."""
    secret = tmp_path / "elsewhere" / "shadow.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, "utf-8")
    added = tmp_path / "added"
    added.mkdir()
    (added / "notes.txt").write_text("The harbour budget is 3.4 million kroner.", "utf-8")
    (added / "shadow.txt").symlink_to(secret)
    (added / "sub").mkdir()
    (added / "sub" / "plan.txt").write_text("The museum opens in May.", "utf-8")
    (added / "alias.txt").symlink_to(added / "sub" / "plan.txt")  # inside: fine to follow
    return added, secret


def _library(settings: Settings) -> Library:
    library = Library(settings)
    fake = FakeEmbedder()
    library.embedder = lambda _name: fake  # type: ignore[method-assign]
    return library


def _catalog_bytes(settings: Settings) -> bytes:
    root = settings.layout.root
    return b"".join(p.read_bytes() for p in root.glob("catalog.sqlite3*"))


@posix_only
def test_link_leading_outside_the_folder_is_skipped_with_a_reason(
    settings: Settings, tmp_path: Path, report: RobustnessReport
) -> None:
    added, secret = _folders(tmp_path)
    library = _library(settings)
    try:
        result = library.ingest("c", [added])
    finally:
        library.close()
    by_name = {Path(r.path).name: r for r in result.results}
    assert by_name["shadow.txt"].status == FileStatus.SKIPPED
    assert str(secret) in by_name["shadow.txt"].message
    assert "--follow-links" in by_name["shadow.txt"].message
    assert by_name["notes.txt"].status == FileStatus.INDEXED
    assert by_name["alias.txt"].status in (FileStatus.INDEXED, FileStatus.DUPLICATE)
    assert b"hashOfTheShadowPassword" not in _catalog_bytes(settings)
    report.add(
        "Hostile and broken inputs",
        input="symlink to a secret outside the folder",
        outcome=by_name["shadow.txt"].status,
        message=by_name["shadow.txt"].message,
    )


@posix_only
def test_the_setting_in_settings_json_allows_links_out(data_dir: Path, tmp_path: Path) -> None:
    added, _secret = _folders(tmp_path)
    (data_dir / "settings.json").write_text(
        json.dumps({"indexing": {"follow_outside_links": True}}), "utf-8"
    )
    settings = Settings.load(data_dir)
    assert settings.indexing.follow_outside_links
    settings.retrieval.embedding_model = "fake"
    library = _library(settings)
    try:
        result = library.ingest("c", [added])
    finally:
        library.close()
    statuses = {Path(r.path).name: r.status for r in result.results}
    assert statuses["shadow.txt"] == FileStatus.INDEXED


@posix_only
def test_cli_skips_links_out_unless_follow_links(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added, _secret = _folders(tmp_path)
    (data_dir / "settings.json").write_text(
        json.dumps({"retrieval": {"embedding_model": "sentence-transformers/all-MiniLM-L6-v2"}}),
        "utf-8",
    )
    main(["--data-dir", str(data_dir), "ingest", "c", str(added), "--quiet"])
    out = capsys.readouterr().out
    assert "skipped" in out and "shadow.txt" in out and "--follow-links" in out
    main(["--data-dir", str(data_dir), "ingest", "d", str(added), "--quiet", "--follow-links"])
    out = capsys.readouterr().out
    assert "skipped" not in out
    assert "shadow.txt" in out  # now indexed


@posix_only
def test_data_folder_and_databases_are_owner_only_whatever_the_umask(data_dir: Path) -> None:
    root = data_dir / "fresh"
    old = os.umask(0)  # the most permissive umask: modes must not depend on it
    try:
        settings = Settings.load(root)
        library = Library(settings)
        library.catalog.create_collection("c", "fake", 256, 32)
        from app.core.storage.conversations import ConversationStore

        store = ConversationStore(settings.layout.conversations_db)
        store.close()
        library.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    for folder in ("chroma", "lexical", "models", "logs"):
        assert stat.S_IMODE((root / folder).stat().st_mode) == 0o700, folder
    databases = [p for p in root.glob("*.sqlite3*")]
    assert {p.name for p in databases} >= {"catalog.sqlite3", "conversations.sqlite3"}
    for path in databases:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


@posix_only
def test_an_existing_world_readable_data_folder_is_made_private(data_dir: Path) -> None:
    os.chmod(data_dir, 0o755)
    catalog = data_dir / "catalog.sqlite3"
    Library(Settings.load(data_dir)).close()
    os.chmod(catalog, 0o644)
    Library(Settings.load(data_dir)).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(catalog.stat().st_mode) == 0o600
