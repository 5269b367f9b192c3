"""Errors a user can cause, each with a message written for that user.

The UI and the CLI show ``str(error)`` as it is; tracebacks go to the log file.
"""


class PagefoldError(Exception):
    """Base for every error whose message is meant for the user."""


class NotFoundError(PagefoldError):
    """A collection, document, conversation or model that does not exist."""


class AlreadyExistsError(PagefoldError):
    """A name that is already taken."""


class DocumentError(PagefoldError):
    """A file that cannot be read as a document (broken, encrypted, empty, unsupported)."""


class EncryptedDocumentError(DocumentError):
    """A password-protected file; the UI may ask for the password and retry."""


class NoTextLayerError(DocumentError):
    """A PDF whose pages carry no text (a scan): indexing it would store nothing."""


class EmbeddingMismatchError(PagefoldError):
    """A collection built with one embedding model being queried or filled with another."""


class ModelError(PagefoldError):
    """A model that cannot be found, validated, loaded or run."""


class CancelledError(PagefoldError):
    """Work stopped because the user asked for it."""
