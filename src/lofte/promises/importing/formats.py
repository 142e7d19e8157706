"""Recognising a document's format from its content, and the safety checks before reading it.

The file name is never trusted: a PDF renamed to .txt is still read as a PDF, and a PNG renamed
to .docx is refused as a picture. Every refusal is a PromiseImportError with one Swedish line.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from .errors import PromiseImportError

# Promise documents are a few pages; 10 MB leaves room for PDFs with pictures and stays far below
# what could tie up a worker.
MAX_BYTES = 10 * 1024 * 1024
# A DOCX or XLSX of promises unpacks to a few megabytes at most. These limits are checked from the
# zip's own directory before anything is decompressed, so a zip bomb never gets unpacked.
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 2000

TEXT = "text"
HTML = "html"
PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
CSV = "csv"

CONTENT_TYPES = {
    TEXT: "text/plain",
    HTML: "text/html",
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv",
}
LABELS = {TEXT: "text", HTML: "webbsida", PDF: "PDF", DOCX: "Word-dokument", XLSX: "Excel-fil", CSV: "CSV-fil"}

# Magic numbers of formats people might upload by mistake, with the name the message uses.
_OTHER_FORMATS = (
    (b"\x89PNG", "en PNG-bild"),
    (b"\xff\xd8\xff", "en JPEG-bild"),
    (b"GIF8", "en GIF-bild"),
    (b"\xd0\xcf\x11\xe0", "ett äldre Office-dokument (.doc/.xls); spara det som .docx eller .xlsx"),
    (b"{\\rtf", "ett RTF-dokument; spara det som .docx eller PDF"),
    (b"\x1f\x8b", "en gzip-komprimerad fil"),
    (b"Rar!", "ett RAR-arkiv"),
    (b"7z\xbc\xaf", "ett 7z-arkiv"),
)


@dataclass(frozen=True)
class Detected:
    kind: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise PromiseImportError(
            f"filen är för stor ({len(data) / 1024 / 1024:.1f} MB); högst {MAX_BYTES // 1024 // 1024} MB tas emot"
        )


def detect(data: bytes) -> Detected:
    """The format of a document's bytes, judged by content alone."""
    check_size(data)
    if not data or not data.strip():
        raise PromiseImportError("filen är tom")
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") != -1:
        return Detected(PDF)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return Detected(_zip_kind(data))
    for magic, name in _OTHER_FORMATS:
        if data.startswith(magic):
            raise PromiseImportError(f"filen är {name}, inte ett dokument som kan importeras")
    if _looks_like_html(head):
        return Detected(HTML)
    return Detected(TEXT)


def _looks_like_html(head: bytes) -> bool:
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    return lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<?xml")) and (
        b"<html" in lowered or b"<body" in lowered or b"<head" in lowered or b"<meta" in lowered
    )


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The zip container of a DOCX or XLSX, after checking it cannot unpack into something huge."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise PromiseImportError("filen är ett trasigt eller ofullständigt zip-arkiv (DOCX/XLSX) och kunde inte läsas") from None
    if len(members) > MAX_MEMBERS:
        raise PromiseImportError(f"arkivet har {len(members)} delar; ett Word- eller Excel-dokument har långt färre")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise PromiseImportError(
            f"arkivet packas upp till {total // 1024 // 1024} MB, mer än de {MAX_UNCOMPRESSED // 1024 // 1024} MB "
            "som tas emot (en zip-bomb?)"
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise PromiseImportError(
                f"delen «{member.filename[:60]}» är komprimerad mer än {MAX_RATIO} gånger (en zip-bomb?) och läses inte"
            )
    return archive


def _zip_kind(data: bytes) -> str:
    archive = open_zip(data)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "content.xml" in names and "mimetype" in names:
        raise PromiseImportError("filen är ett OpenDocument-dokument (.odt/.ods); spara det som .docx, .xlsx eller PDF")
    raise PromiseImportError("filen är ett zip-arkiv men varken ett Word-dokument (.docx) eller en Excel-fil (.xlsx)")


def check_xml_parts(archive: zipfile.ZipFile) -> None:
    """Office XML never declares a document type or entities; a part that does is an
    entity-expansion attack, and is refused by name.

    Every XML part is parsed to its end by defusedxml with DTDs, entities and external references
    forbidden (a look at the first few kilobytes was passed by a long comment before the DOCTYPE).
    The readers themselves are safe as well: openpyxl parses through defusedxml once it is
    installed, python-docx's lxml parser does not resolve entities.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        name = member.filename[:60]
        try:
            with archive.open(member) as handle:
                for _event, element in iterparse(handle, events=("end",), forbid_dtd=True):
                    element.clear()  # Only the declarations matter here; keep memory flat.
        except DefusedXmlException:
            raise PromiseImportError(f"delen «{name}» innehåller en DOCTYPE-deklaration och läses inte") from None
        except Exception:  # noqa: BLE001 - any unreadable part means a broken archive.
            raise PromiseImportError(f"delen «{name}» i arkivet är trasig och kunde inte läsas") from None
