"""Which PDF text extractor serves the importer: pdfplumber or pypdfium2, measured on the corpus.

Usage: .venv/bin/python bench/pdf_extractors.py [CORPUS_DIR]   (default ../shared/corpus)

The corpus is text, so each document is first typeset as a PDF the way municipalities' PDFs look:
headings in a larger size, lines wrapped at the margin with long words hyphenated, a running page
header and "Sida N av M" footers (tests/promises/documents.py writes the PDF by hand, independent of
both readers). Each PDF is then read

* with pdfplumber through the importer's reader (readers.pdf_to_text: positions and font sizes
  drop headers/footers, find headings, join wrapped lines and hyphenation), and
* with pypdfium2's plain text (its text page in content order, which has no font sizes per line),

and both texts go through the same parser and the same scoring as bench/importer_accuracy.py.
Prints the totals line of each and the time taken.
"""

from __future__ import annotations

import re
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import importer_accuracy as accuracy  # noqa: E402

from lofte.promises.importing import readers  # noqa: E402
from lofte.promises.importing.parse import is_heading_like, parse_lines  # noqa: E402
from lofte.promises.importing.text import split_lines, strip_bullet  # noqa: E402
from tests.promises.documents import pdf  # noqa: E402

WIDTH = 88
LINES_PER_PAGE = 48


def typeset(text: str) -> bytes:
    """The document as a PDF: headings larger, paragraphs and items wrapped and hyphenated."""
    lines: list[tuple[str, float]] = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            lines.append(("", 11))
            continue
        bullet, body = strip_bullet(stripped)
        if bullet is None and is_heading_like(stripped) and len(stripped) < 70:
            lines.append((stripped, 14))
            continue
        prefix = "• " if bullet == "glyph" else ""
        wrapped = textwrap.wrap(prefix + (body if bullet == "glyph" else stripped), WIDTH, break_long_words=False)
        lines += [(line, 11) for line in _hyphenated(wrapped)]
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    cleaned = [[(t.replace("\u2011", "-"), s) for t, s in page] for page in pages]
    return pdf([[(_cp1252(t), s) for t, s in page] for page in cleaned], header="Kommunen – Medborgarlöfte",
               footer_numbers=True)


def _hyphenated(wrapped: list[str]) -> list[str]:
    """Wrapped lines with the long first word of a line split over the break, as typesetters do."""
    lines = list(wrapped)
    for index in range(len(lines) - 1):
        first, _, rest = lines[index + 1].partition(" ")
        if len(first) >= 10 and first.isalpha() and first.islower():
            cut = len(first) // 2
            lines[index] = f"{lines[index]} {first[:cut]}-"
            lines[index + 1] = f"{first[cut:]} {rest}".strip()
    return lines


def _cp1252(text: str) -> str:
    return text.encode("cp1252", "replace").decode("cp1252")


def with_pdfplumber(data: bytes) -> str:
    return readers.pdf_to_text(data)


def with_pypdfium2(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


_BROKEN_WORD = re.compile(r"[a-zåäö]-\s+(?!och\b|eller\b|samt\b)[a-zåäö]")
_FURNITURE = re.compile(r"Sida \d+ av \d+|Kommunen – Medborgarlöfte")


def reader_for(extract, seconds: list[float], artefacts: dict):
    def read(path: Path):
        source = accuracy.document_text(path)
        vocabulary = set(re.findall(r"[\w-]+", source.lower()))
        data = typeset(source)
        start = time.perf_counter()
        text = extract(data)
        seconds.append(time.perf_counter() - start)
        document = parse_lines(split_lines(text))
        commitments = [c for s in document.promise_sets for c in s.commitments]
        artefacts["broken words in commitments"] += sum(len(_BROKEN_WORD.findall(c.text)) for c in commitments)
        # Words the source does not have: hyphenation left in ("trygg-hets") or words run together.
        artefacts["words not in the source"] += sum(
            1 for c in commitments for word in re.findall(r"[\w-]+", c.text.lower()) if word not in vocabulary
        )
        artefacts["page headers/footers left"] += len(_FURNITURE.findall(text))
        return commitments

    return read


if __name__ == "__main__":
    corpus_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    for name, extract in (("pdfplumber", with_pdfplumber), ("pypdfium2", with_pypdfium2)):
        seconds: list[float] = []
        shown: list[str] = []
        artefacts = {"broken words in commitments": 0, "words not in the source": 0, "page headers/footers left": 0}
        accuracy.score(corpus_dir, read=reader_for(extract, seconds, artefacts), show=shown.append)
        left = ", ".join(f"{key} {value}" for key, value in artefacts.items())
        print(f"{name:11} {shown[-1].replace('TOTAL', '').strip()}  {left}  ({sum(seconds):.2f} s)")
