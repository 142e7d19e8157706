"""The one error type of the importer: its message is shown to the user as it is, on one line."""


class PromiseImportError(Exception):
    """A document or an import request that cannot be used; the message says why, in Swedish."""
