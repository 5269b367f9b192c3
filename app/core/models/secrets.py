"""The Hugging Face access token, kept in the OS keyring and never in a file.

Gated models (Llama, Gemma) need a token. The keyring (Keychain, Windows Credential Manager,
Secret Service) encrypts it at rest; where no keyring exists we refuse to save rather than fall
back to a plain file.
"""

from __future__ import annotations

from app.core.errors import PagefoldError

SERVICE = "pagefold"
USER = "huggingface"


class SecretStoreError(PagefoldError):
    """The system keyring is missing or refused the request."""


def get_token() -> str | None:
    """The saved token, or None when none is saved or no keyring is usable."""
    import keyring
    from keyring.errors import KeyringError

    try:
        token = keyring.get_password(SERVICE, USER)
    except KeyringError:
        return None
    return token or None


def set_token(token: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    token = token.strip()
    if not token:
        raise SecretStoreError("The access token is empty.")
    try:
        keyring.set_password(SERVICE, USER, token)
    except KeyringError as exc:
        raise SecretStoreError(
            "No system keyring is available to keep the access token safely, so it was not "
            f"saved (Pagefold never writes tokens to a file). Details: {exc}"
        ) from exc


def delete_token() -> bool:
    """Forget the token; False when there was none."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, USER)
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
