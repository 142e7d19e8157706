"""Peak memory and time of reading PDFs: accepted worst cases and refused bombs (issue 9.5).

Usage: .venv/bin/python bench/pdf_import_memory.py

Each case runs in a fresh Python process, which reads the PDF the way an import does
(lofte.promises.importing.sources.read_document: format check, PDF reader with its limits,
parser) and reports its peak resident memory (getrusage ru_maxrss) and the time taken. The
baseline line is the same process reading a one-page PDF, i.e. Python, Django's settings and
pdfplumber loaded. The cases are built to sit just under each limit of
lofte.promises.importing.pdflimits (what an accepted file can cost at most) and far over them
(what a bomb costs before it is refused). Target: under ~300 MB for any accepted file of up to 10 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

_CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, os.environ["LOFTE_ROOT"] + "/src")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
import django
django.setup()
from lofte.promises.importing import PromiseImportError
from lofte.promises.importing.sources import read_document
data = open(sys.argv[1], "rb").read()
started = time.perf_counter()
try:
    read = read_document(data)
    outcome = f"read, {read.document.commitment_count} löften found"
except PromiseImportError as exc:
    outcome = f"refused: {exc}"
elapsed = time.perf_counter() - started
print(json.dumps({"outcome": outcome, "seconds": elapsed,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _documents():
    sys.path.insert(0, str(ROOT))
    from tests.promises import documents  # the tests' PDF writer: no third-party PDF library needed

    return documents


_PLACES = ["Mariefred", "Åkers styckebruk", "Stallarholmen", "Läggesta", "Strängnäs centrum", "Finninge"]


def _text_page(characters: int, page: int = 1) -> bytes:
    """A content stream of about `characters` glyphs: list items of promise text in 6 pt between the
    page's top and bottom tenth (lines there that recur on every page are taken for page furniture);
    past a hundred lines they are drawn over each other, which costs the reader just the same."""
    ops = []
    for n in range(max(1, characters // 72)):
        place = _PLACES[(n + page) % len(_PLACES)]
        item = f"• Polisen och kommunen genomför trygghetsvandringar i {place} på sidan {page}, punkt {n}"
        ops.append(b"BT /F1 6 Tf 20 %d Td (%s) Tj ET" % (740 - (n % 100) * 6, item[:72].encode("cp1252")))
    return b"\n".join(ops)


def cases() -> list[tuple[str, bytes]]:
    from lofte.promises.importing import pdflimits

    docs = _documents()
    flate = docs.flate
    near_page = int(pdflimits.MAX_PAGE_OBJECTS * 0.97)
    pages = -(-pdflimits.MAX_DOCUMENT_OBJECTS // near_page)  # as few full pages as reach the document limit
    per_page_total = int(pdflimits.MAX_DOCUMENT_OBJECTS * 0.97 / pages)
    # Content that draws nothing ("q Q" saves and restores the graphics state): the time worst case.
    empty_page = b"q Q\n" * int(pdflimits.MAX_PAGE_CONTENT_BYTES * 0.97 / 4)
    content_pages = pdflimits.MAX_CONTENT_BYTES // pdflimits.MAX_PAGE_CONTENT_BYTES
    return [
        ("baseline: one page of text", docs.pdf_of_streams([(flate(_text_page(2_000)), "FlateDecode")])),
        (f"accepted: one page of {near_page:,} characters (page limit)",
         docs.pdf_of_streams([(flate(_text_page(near_page)), "FlateDecode")])),
        (f"accepted: {pages} pages of {per_page_total:,} characters (document limit)",
         docs.pdf_of_streams([(flate(_text_page(per_page_total, n)), "FlateDecode") for n in range(pages)])),
        ("accepted: 300 pages of 600 characters (page count limit)",
         docs.pdf_of_streams([(flate(_text_page(600, n)), "FlateDecode") for n in range(300)])),
        (f"accepted: {content_pages} pages of {len(empty_page) / MB:.1f} MB content, uncompressed (content limit)",
         docs.pdf_of_streams([(empty_page, None)] * content_pages)),
        ("accepted: a 9.9 MB file: a page of text and a 9.8 MB photo",
         docs.pdf_of_streams([(_text_page(5_000), None)], image=os.urandom(int(9.8 * MB)))),
        ("refused: 1000 MB Flate bomb in a 1 MB file", docs.pdf_of_streams([(docs.zeros_flate(1000 * MB), "FlateDecode")])),
        ("refused: RunLength bomb (2 MB -> 128 MB)",
         docs.pdf_of_streams([(bytes([129, 32]) * MB + bytes([128]), "RunLengthDecode")])),
        ("refused: a page of 1,000,000 characters in 10 KB", docs.pdf_of_streams([(flate(_text_page(1_000_000)), "FlateDecode")])),
        ("refused: 9.5 MB of content that draws nothing", docs.pdf_of_streams([(b"q Q\n" * int(9.5 * MB / 4), None)])),
    ]


def run_case(path: Path) -> dict:
    env = {**os.environ, "LOFTE_ROOT": str(ROOT), "LOFTE_DATA_DIR": tempfile.mkdtemp(prefix="lofte-bench-"),
           "SECRET_KEY": "bench-only-secret-key-" + "x" * 40}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], env=env, capture_output=True, text=True,
                          timeout=900)
    if done.returncode != 0:
        return {"outcome": "crashed: " + done.stderr.strip().splitlines()[-1], "seconds": 0, "peak_mb": 0}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    print(f"{'case':<72} {'file':>8} {'peak':>8} {'time':>7}  outcome")
    with tempfile.TemporaryDirectory() as directory:
        for name, data in cases():
            path = Path(directory) / "case.pdf"
            path.write_bytes(data)
            result = run_case(path)
            print(f"{name:<72} {len(data) / MB:>6.2f}MB {result['peak_mb']:>6.0f}MB {result['seconds']:>6.1f}s  "
                  f"{result['outcome'][:70]}")


if __name__ == "__main__":
    main()
