"""Every secret goes through ``app.core.secrets``: saved in the keyring, never in a file, and a
missing keyring reads as "no secret" while saving says why it refused."""

from __future__ import annotations

from pathlib import Path

import keyring.core
import pytest
from keyring.backends import fail

from app.core import secrets
from app.core.chat.factory import remote_api_key
from app.core.embeddings.remote import api_key_for
from app.core.storage.remote import load_token, save_token
from tests.core.models.hubfake import install_memory_keyring


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], str]:
    return install_memory_keyring(monkeypatch)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


def test_save_read_delete_round_trip(store: dict[tuple[str, str], str]) -> None:
    secrets.save_secret("svc", "me", "  hf_abcdefghijklmnop \n")

    assert store == {("svc", "me"): "hf_abcdefghijklmnop"}
    assert secrets.read_secret("svc", "me") == "hf_abcdefghijklmnop"
    assert secrets.delete_secret("svc", "me") is True
    assert secrets.delete_secret("svc", "me") is False
    assert secrets.read_secret("svc", "me") is None


def test_the_environment_wins_over_the_keyring(
    store: dict[tuple[str, str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store[("svc", "me")] = "from-keyring"
    monkeypatch.setenv("PAGEFOLD_TEST_SECRET", "from-env")
    assert secrets.read_secret("svc", "me", env="PAGEFOLD_TEST_SECRET") == "from-env"
    monkeypatch.setenv("PAGEFOLD_TEST_SECRET", "")
    assert secrets.read_secret("svc", "me", env="PAGEFOLD_TEST_SECRET") == "from-keyring"


def test_an_empty_secret_is_refused_and_an_empty_stored_one_reads_as_none(
    store: dict[tuple[str, str], str],
) -> None:
    with pytest.raises(secrets.SecretStoreError, match="The Chroma token is empty"):
        secrets.save_secret("svc", "me", "   ", what="Chroma token")
    store[("svc", "me")] = ""
    assert secrets.read_secret("svc", "me") is None


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_reading_is_none_and_saving_says_why(tmp_path: Path) -> None:
    assert secrets.read_secret("svc", "me") is None
    assert secrets.get_token() is None
    with pytest.raises(secrets.SecretStoreError, match="never writes tokens to a file"):
        secrets.set_token("hf_abcdefghijklmnop")
    with pytest.raises(secrets.SecretStoreError, match="refused to delete"):
        secrets.delete_token()


def test_each_feature_keeps_its_secret_under_its_own_name(
    store: dict[tuple[str, str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PAGEFOLD_REMOTE_API_KEY", raising=False)
    monkeypatch.delenv("PAGEFOLD_EMBEDDINGS_API_KEY", raising=False)
    secrets.set_token("hf_abcdefghijklmnop")
    assert save_token("chroma.lan", 8000, "tok-1") == "chroma.lan:8000"
    store[("pagefold", "remote-endpoint")] = "sk-chat"
    store[("pagefold-openai", "http://gpu:8001/v1")] = "sk-embed"

    assert store[("pagefold", "huggingface")] == "hf_abcdefghijklmnop"
    assert secrets.get_token() == "hf_abcdefghijklmnop"
    assert load_token("chroma.lan:8000") == "tok-1"
    assert remote_api_key() == "sk-chat"
    assert api_key_for("http://gpu:8001/v1") == "sk-embed"
    assert api_key_for("http://other:8001/v1") is None


def test_mask_shows_enough_to_recognise_never_to_use() -> None:
    assert secrets.mask("hf_abcdefghijklmnop") == "hf_…mnop"
    assert secrets.mask("short") == "…"
    assert secrets.mask(None) == "(none)"
