"""Bounds on what reading a PDF may cost: decompressed bytes and layout objects (PDF bombs).

A PDF is small on disk and may still ask for a lot: a 1 MB file whose page stream inflates to
1000 MB took 7.5 s and 2.1 GB before being refused as "inget textlager", and pdfminer keeps about
2 KB per character it lays out. While `limits()` is active (pdf_to_text uses it):

* each stream may inflate to at most MAX_STREAM_BYTES and all of them together to at most
  MAX_TOTAL_BYTES: Flate (zlib), LZW and RunLength are decompressed in bounded steps and stopped
  as soon as a limit is passed, never inflated first and measured after;
* a page may produce at most MAX_PAGE_OBJECTS characters, lines and images, the document at most
  MAX_DOCUMENT_OBJECTS (counted by `count_layout_object` from the layout device);
* a page's content (its streams and forms, decoded) may be at most MAX_PAGE_CONTENT_BYTES, all
  pages' together MAX_CONTENT_BYTES (`count_content`): interpreting content costs time even when
  it draws nothing (9.5 MB of "q Q" took over a minute).

Passing a limit raises PdfTooDemanding, a PromiseImportError naming the limit. Together with
the 10 MB upload limit this keeps reading any accepted file under about 300 MB of memory
(bench/pdf_import_memory.py measures it).

pdfminer has no hook for its decompression, so the decompressors it calls are replaced, once, in
its `pdftypes` module by versions that apply the limits of the current context (a ContextVar, so
threads and other callers are unaffected) and otherwise do exactly what the originals do.
"""

from __future__ import annotations

import contextvars
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .errors import PromiseImportError

MB = 1024 * 1024
MAX_STREAM_BYTES = 16 * MB
MAX_TOTAL_BYTES = 64 * MB
MAX_PAGE_OBJECTS = 40_000
MAX_DOCUMENT_OBJECTS = 200_000
MAX_PAGE_CONTENT_BYTES = 2 * MB
MAX_CONTENT_BYTES = 4 * MB
_CHUNK = 256 * 1024


class PdfTooDemanding(PromiseImportError):
    """A PDF that would take more memory or time to read than any promise document needs."""


@dataclass
class _Budget:
    stream_limit: int
    total_limit: int
    page_limit: int
    document_limit: int
    page_content_limit: int = MAX_PAGE_CONTENT_BYTES
    content_limit: int = MAX_CONTENT_BYTES
    inflated: int = 0
    objects: int = 0
    content: int = 0
    page_objects: dict[int, int] = field(default_factory=dict)
    page_content: dict[int, int] = field(default_factory=dict)

    def charge_stream(self, stream_size: int, added: int) -> None:
        if stream_size > self.stream_limit:
            raise PdfTooDemanding(
                f"PDF-filen innehåller en del som packas upp till mer än {self.stream_limit // MB} MB "
                "(en dekomprimeringsbomb?) och läses inte"
            )
        self.inflated += added
        if self.inflated > self.total_limit:
            raise PdfTooDemanding(
                f"PDF-filen packas upp till mer än {self.total_limit // MB} MB (en dekomprimeringsbomb?) och läses inte"
            )

    def count_content(self, page_number: int, size: int) -> None:
        page_size = self.page_content.get(page_number, 0) + size
        self.page_content[page_number] = page_size
        self.content += size
        if page_size > self.page_content_limit:
            raise PdfTooDemanding(
                f"sida {page_number} i PDF-filen har mer än {self.page_content_limit // MB} MB innehåll och läses inte"
            )
        if self.content > self.content_limit:
            raise PdfTooDemanding(
                f"PDF-filens sidor har mer än {self.content_limit // MB} MB innehåll; dela upp den eller klistra in texten"
            )

    def count_object(self, page_number: int) -> None:
        count = self.page_objects.get(page_number, 0) + 1
        self.page_objects[page_number] = count
        self.objects += 1
        if count > self.page_limit:
            raise PdfTooDemanding(
                f"sida {page_number} i PDF-filen har mer än {self.page_limit:,} tecken och linjer och läses inte"
                .replace(",", " ")
            )
        if self.objects > self.document_limit:
            raise PdfTooDemanding(
                f"PDF-filen har mer än {self.document_limit:,} tecken och linjer; dela upp den eller klistra in "
                "texten".replace(",", " ")
            )


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("lofte_pdf_budget", default=None)


@contextmanager
def limits() -> Iterator[None]:
    """Apply the limits (this module's MAX_ values) to everything pdfminer decodes and lays out
    in this context."""
    _install()
    token = _BUDGET.set(_Budget(MAX_STREAM_BYTES, MAX_TOTAL_BYTES, MAX_PAGE_OBJECTS, MAX_DOCUMENT_OBJECTS,
                                MAX_PAGE_CONTENT_BYTES, MAX_CONTENT_BYTES))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def count_layout_object(page_number: int) -> None:
    """Count one character, line, curve or image laid out on a page (no-op outside `limits()`)."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.count_object(page_number)


def count_content(page_number: int, size: int) -> None:
    """Count `size` decoded bytes of content about to be interpreted for a page."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.count_content(page_number, size)


# ---------------------------------------------------------------- bounded decompressors


def _inflate(data: bytes, budget: _Budget, wbits: int = zlib.MAX_WBITS) -> bytes:
    """zlib.decompress in steps of _CHUNK output bytes, charged to the budget as it goes."""
    decompressor = zlib.decompressobj(wbits)
    parts: list[bytes] = []
    size = 0
    pending = data
    while True:
        chunk = decompressor.decompress(pending, _CHUNK)
        size += len(chunk)
        budget.charge_stream(size, len(chunk))
        parts.append(chunk)
        if decompressor.eof:
            break
        pending = decompressor.unconsumed_tail
        if not pending:
            # All input read and the stream is not finished: what zlib.decompress calls incomplete
            # (pdfminer then tries its decoder for corrupted streams, bounded too).
            flushed = decompressor.flush()
            size += len(flushed)
            budget.charge_stream(size, len(flushed))
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(parts)


class _ChargedDecompressor:
    """A zlib decompress object whose output is charged to the budget (pdfminer's decoder for
    corrupted streams feeds it one byte at a time)."""

    def __init__(self, decompressor, budget: _Budget):
        self._decompressor = decompressor
        self._budget = budget
        self._size = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._decompressor.decompress(data, max_length)
        self._size += len(out)
        self._budget.charge_stream(self._size, len(out))
        return out

    def __getattr__(self, name):
        return getattr(self._decompressor, name)


class _BoundedZlib:
    """Stands in for the zlib module inside pdfminer.pdftypes."""

    error = zlib.error

    def decompress(self, data, wbits=zlib.MAX_WBITS, bufsize=zlib.DEF_BUF_SIZE):
        budget = _BUDGET.get()
        if budget is None:
            return zlib.decompress(data, wbits, bufsize)
        return _inflate(data, budget, wbits)

    def decompressobj(self, *args, **kwargs):
        decompressor = zlib.decompressobj(*args, **kwargs)
        budget = _BUDGET.get()
        return decompressor if budget is None else _ChargedDecompressor(decompressor, budget)

    def __getattr__(self, name):
        return getattr(zlib, name)


def _bounded_lzwdecode(data: bytes) -> bytes:
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    budget = _BUDGET.get()
    parts, size = [], 0
    for chunk in LZWDecoder(BytesIO(data)).run():
        if budget is not None:
            size += len(chunk)
            budget.charge_stream(size, len(chunk))
        parts.append(chunk)
    return b"".join(parts)


def _runlength_size(data: bytes) -> int:
    """The decoded size of RunLength data, computed without decoding it."""
    size, index = 0, 0
    while index < len(data):
        length = data[index]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            index += length + 2
        else:
            size += 257 - length
            index += 2
    return size


def _bounded_rldecode(data: bytes) -> bytes:
    from pdfminer.runlength import rldecode

    budget = _BUDGET.get()
    if budget is not None:
        size = _runlength_size(data)
        budget.charge_stream(size, size)
    return rldecode(data)


_installed = False


def _install() -> None:
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib()
    pdftypes.lzwdecode = _bounded_lzwdecode
    pdftypes.rldecode = _bounded_rldecode
    _installed = True
