"""Importing promise documents (medborgarlöften) into promise sets, themes, commitments, targets.

The package is layered so that every step can be used and tested alone:

* ``formats``  — the format of a file judged by content; size and zip-bomb checks;
* ``readers``  — web page, PDF and DOCX to plain text lines in the parser's conventions;
* ``template`` — the CSV/XLSX template, read into a ParsedDocument and written back (export);
* ``sources``  — any file's bytes (or pasted text) to a ParsedDocument;
* ``text``     — bytes to repaired text lines (encoding detection, PDF artefacts, bullets);
* ``parse``    — lines to plain dataclasses (``ParsedDocument``), no database;
* ``language`` — the rules of Swedish promise prose (parties, numbers, periods, activity types);
* ``store``    — writing a parsed document, all in one transaction.

Public functions (the demo loader and the ``import_promises`` command call these)::

    import_text_file(path, municipality, *, publish=False, replace=False, dry_run=False) -> ImportResult
    import_text(data: bytes | str, name: str, municipality, *, publish=False, replace=False,
                dry_run=False) -> ImportResult
    parse_document(data: bytes | str) -> ParsedDocument

``municipality`` is a ``Municipality`` or its four-digit code ("0486"). Every problem raises
``PromiseImportError`` with a one-line Swedish message, and nothing is stored. ``ImportResult``
has ``outcomes`` (one per period: created / unchanged / replaced / published), ``warnings``,
``lines()`` for a human summary and ``to_dict()`` for the JSON of ``--dry-run --json``.
"""

from .errors import PromiseImportError
from .parse import ParsedDocument, parse_lines
from .sources import parse_document, read_document

# The storing functions need Django's models; they are loaded on first use so that the parser can
# run without a configured Django (bench/importer_accuracy.py, other readers' tests).
_STORE_NAMES = {"ImportResult", "import_text", "import_text_file", "resolve_municipality"}


def __getattr__(name):
    if name in _STORE_NAMES:
        from . import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ImportResult",
    "ParsedDocument",
    "PromiseImportError",
    "import_text",
    "import_text_file",
    "parse_document",
    "parse_lines",
    "read_document",
    "resolve_municipality",
]
