"""A collection's server settings: what the catalog keeps, the keyring token, the routing."""

from __future__ import annotations

import re

import pytest

from app.core.errors import PagefoldError
from app.core.library import Library
from app.core.storage.remote import (
    KEYRING_SERVICE,
    ServerConfig,
    ServerVectorStore,
    VectorServerRefused,
    backend_of,
    describe,
    save_token,
    with_backend,
)


def test_the_catalog_keeps_where_the_server_is_but_not_the_token(
    keyring_store: dict[tuple[str, str], str],
) -> None:
    ref = save_token("chroma.team.example", 8443, "tok-123")
    config = ServerConfig(
        "chroma.team.example", 8443, ssl=True, collection="pagefold-ab", token_ref=ref
    )

    options = with_backend({"other": 1}, config)

    assert "tok-123" not in repr(options)
    assert options["other"] == 1
    assert options["vector_backend"]["token_ref"] == "chroma.team.example:8443"
    assert backend_of(options) == config
    assert backend_of(with_backend(options, None)) is None
    assert backend_of({}) is None
    assert keyring_store[(KEYRING_SERVICE, "chroma.team.example:8443")] == "tok-123"


def test_the_token_is_sent_the_way_the_server_expects(
    keyring_store: dict[tuple[str, str], str],
) -> None:
    ref = save_token("10.0.0.5", 8000, "tok-456")

    assert ServerConfig("10.0.0.5", token_ref=ref).headers() == {"Authorization": "Bearer tok-456"}
    chroma_style = ServerConfig("10.0.0.5", token_ref=ref, auth_header="X-Chroma-Token")
    assert chroma_style.headers() == {"X-Chroma-Token": "tok-456"}
    assert ServerConfig("10.0.0.5").headers() == {}


def test_a_missing_token_says_how_to_save_one(keyring_store: dict[tuple[str, str], str]) -> None:
    config = ServerConfig("10.0.0.5", 9000, token_ref="10.0.0.5:9000")

    with pytest.raises(
        VectorServerRefused, match=re.escape("python -m keyring set pagefold-chroma 10.0.0.5:9000")
    ):
        config.headers()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"host": " "}, "host name"),
        ({"host": "h", "port": 0}, "port number"),
        ({"host": "h", "auth_header": "Cookie"}, "token header"),
    ],
)
def test_bad_server_settings_are_refused_in_words(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(PagefoldError, match=message):
        ServerConfig(**kwargs)  # type: ignore[arg-type]


def test_describe_says_where_the_vectors_are() -> None:
    config = ServerConfig(
        "chroma.lan", 8000, ssl=True, collection="pagefold-x", token_ref="chroma.lan:8000"
    )

    assert describe(None).startswith("embedded")
    assert describe(config) == (
        "Chroma server https://chroma.lan:8000 (TLS, token from the system keyring), "
        "collection pagefold-x"
    )


def test_collections_on_one_server_share_its_client_and_keep_their_names(library: Library) -> None:
    first = library.create_collection("first")
    second = library.create_collection("second")
    local = library.create_collection("local")
    for col, name in ((first, "pagefold-1st"), (second, "pagefold-2nd")):
        config = ServerConfig("chroma.lan", 8000, collection=name)
        library.catalog.update_collection(col.id, options=with_backend({}, config))

    store_1, store_2 = library.vectors_for(first.id), library.vectors_for(second.id)

    assert isinstance(store_1, ServerVectorStore) and store_1 is store_2  # one HTTP client
    assert store_1.name_of(first.id) == "pagefold-1st"
    assert store_1.name_of(second.id) == "pagefold-2nd"
    assert library.vectors_for(local.id) is library.vectors
    library.catalog.update_collection(first.id, options=with_backend({}, None))
    assert library.vectors_for(first.id) is library.vectors  # follows the catalog
