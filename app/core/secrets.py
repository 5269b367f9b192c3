"""Access tokens and API keys in the OS keyring, never in a file: the one module that calls keyring.

The keyring (Keychain, Windows Credential Manager, Secret Service) encrypts secrets at rest;
where no keyring exists, saving is refused rather than falling back to a plain file. Reading is
always optional (a server may need no key), so a missing or broken keyring reads as "none".

Who keeps what (service, user):

- ``pagefold`` / ``huggingface``: the Hugging Face token for gated models (below).
- ``pagefold`` / ``remote-endpoint``: the key of an OpenAI-compatible chat endpoint
  (``chat/factory.py``).
- ``pagefold-openai`` / the base URL: a remote embedding server's key (``embeddings/remote.py``).
- ``pagefold-chroma`` / ``host:port``: a Chroma server's token (``storage/remote.py``).

Why one module: four modules imported keyring, two catching every exception and two only
``KeyringError``, so the same missing keyring crashed one command and not another.
"""

from __future__ import annotations

import os

from app.core.errors import PagefoldError

HF_SERVICE = "pagefold"
HF_USER = "huggingface"


class SecretStoreError(PagefoldError):
    """The system keyring is missing or refused the request."""


def read_secret(service: str, user: str, env: str | None = None) -> str | None:
    """The secret, from the environment variable ``env`` when set, else the keyring; ``None``
    when neither holds one or no keyring is usable."""
    if env and os.environ.get(env):
        return os.environ[env]
    try:
        import keyring

        secret = keyring.get_password(service, user)
    # NoKeyringError where none is installed, D-Bus errors from a locked Secret Service, an
    # ImportError from a broken backend: each means "no secret", and the caller goes without.
    except Exception:
        return None
    return secret or None


def save_secret(service: str, user: str, secret: str, what: str = "access token") -> None:
    """Keep ``secret`` (stripped) in the keyring; ``SecretStoreError`` when it cannot."""
    import keyring
    from keyring.errors import KeyringError

    secret = secret.strip()
    if not secret:
        raise SecretStoreError(f"The {what} is empty.")
    try:
        keyring.set_password(service, user, secret)
    except KeyringError as exc:
        raise SecretStoreError(
            f"No system keyring is available to keep the {what} safely, so it was not "
            f"saved (Pagefold never writes tokens to a file). Details: {exc}"
        ) from exc


def delete_secret(service: str, user: str) -> bool:
    """Forget the secret; False when there was none."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(service, user)
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise SecretStoreError(f"The system keyring refused to delete the token: {exc}") from exc
    return True


def mask(token: str | None) -> str:
    """A token as shown on screen: enough to recognise it, never enough to use it."""
    if not token:
        return "(none)"
    return f"{token[:3]}…{token[-4:]}" if len(token) > 10 else "…"


# -- the Hugging Face token ----------------------------------------------------------------


def get_token() -> str | None:
    """The saved Hugging Face token, or None when none is saved or no keyring is usable."""
    return read_secret(HF_SERVICE, HF_USER)


def set_token(token: str) -> None:
    save_secret(HF_SERVICE, HF_USER, token)


def delete_token() -> bool:
    return delete_secret(HF_SERVICE, HF_USER)
