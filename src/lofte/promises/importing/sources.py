"""From any supported document (bytes or pasted text) to a ParsedDocument, without the database."""

from __future__ import annotations

from dataclasses import dataclass

from . import formats, readers, template
from .errors import PromiseImportError
from .parse import ParsedDocument, parse_lines
from .text import decode_document, split_lines


@dataclass
class ReadDocument:
    kind: str
    document: ParsedDocument

    @property
    def content_type(self) -> str:
        return formats.CONTENT_TYPES[self.kind]

    @property
    def label(self) -> str:
        return formats.LABELS[self.kind]


def read_document(data: bytes | str) -> ReadDocument:
    """The parsed document of a file's bytes, whatever its format, or PromiseImportError."""
    if isinstance(data, str):
        if not data.strip():
            raise PromiseImportError("texten är tom")
        formats.check_size(data.encode("utf-8"))
        return _from_text(data.lstrip("\ufeff"))
    kind = formats.detect(data).kind
    if kind == formats.PDF:
        return ReadDocument(kind, _parse_text(readers.pdf_to_text(data)))
    if kind == formats.DOCX:
        return ReadDocument(kind, _parse_text(readers.docx_to_text(data)))
    if kind == formats.XLSX:
        return ReadDocument(kind, template.parse_rows(template.xlsx_rows(data)))
    if kind == formats.HTML:
        return ReadDocument(kind, _parse_text(readers.html_to_text(data)))
    return _from_text(decode_document(data))


def parse_document(data: bytes | str) -> ParsedDocument:
    """The parsed document of a file's bytes (any supported format) or text; no database needed."""
    return read_document(data).document


def _from_text(text: str) -> ReadDocument:
    if template.looks_like_template(text):
        return ReadDocument(formats.CSV, template.parse_rows(template.csv_rows(text)))
    if formats._looks_like_html(text[:1024].lstrip().encode("utf-8", "replace")):
        return ReadDocument(formats.HTML, _parse_text(readers.html_to_text(text.encode("utf-8"))))
    return ReadDocument(formats.TEXT, _parse_text(text))


def _parse_text(text: str) -> ParsedDocument:
    if not text.strip():
        raise PromiseImportError("dokumentet innehåller ingen text")
    if "\t" in text:
        text = readers.text_tables(text)
    return parse_lines(split_lines(text))
