"""Which PDF text extractor serves the importer: pdfplumber or pypdfium2, measured on the corpus.

Usage: .venv/bin/python bench/pdf_extractors.py [CORPUS_DIR] [--probes]   (default ../shared/corpus)

Each document is first typeset as a PDF the way municipalities' PDFs look (tests/promises/rendering.py:
headings in a larger size, lines wrapped at the margin with long words hyphenated, nested items
indented, ruled tables, a running page header and "Sida N av M" footers; the PDF is written by hand,
independent of both readers). Each PDF is then read

* with pdfplumber through the importer's reader (readers.pdf_to_text: positions and font sizes
  drop headers/footers, find headings, join wrapped lines and hyphenation, read ruled tables), and
* with pypdfium2's plain text (its text page in content order, which has no font sizes per line),

and both texts go through the same parser and the same scoring as bench/importer_accuracy.py
(without the database: the parser's result as the command would print it). Prints the totals line
of each and the time taken.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import importer_accuracy as accuracy  # noqa: E402

from lofte.promises.importing import readers  # noqa: E402
from lofte.promises.importing.parse import parse_lines  # noqa: E402
from lofte.promises.periods import parse_period  # noqa: E402
from lofte.promises.importing.text import split_lines  # noqa: E402


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


def runner_for(extract, seconds: list[float], artefacts: dict, vocabulary: set[str]):
    """A `run` for accuracy.score: extract the PDF's text, parse it, give --years as the command would."""

    def run(data: bytes, _suffix: str, meta: dict):
        start = time.perf_counter()
        text = extract(data)
        seconds.append(time.perf_counter() - start)
        document = parse_lines(split_lines(text))
        years = meta.get("years-arg") or (accuracy.STAND_IN_YEARS if accuracy.states_no_period(meta) else None)
        for promise_set in document.promise_sets:
            if years and promise_set.dates is None:
                promise_set.set_period(parse_period(years))
        if not document.promise_sets or any(s.dates is None for s in document.promise_sets):
            return None, "ingen period eller inga löften"
        commitments = [c for s in document.promise_sets for c in s.commitments]
        artefacts["broken words in commitments"] += sum(len(_BROKEN_WORD.findall(c.text)) for c in commitments)
        # Words the sources do not have: hyphenation left in ("trygg-hets") or words run together.
        artefacts["words not in the source"] += sum(
            1 for c in commitments for word in re.findall(r"[\w-]+", c.text.lower()) if word not in vocabulary
        )
        artefacts["page headers/footers left"] += len(_FURNITURE.findall(text))
        return document.to_dict(meta.get("kommun-code")), None

    return run


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    probes = "--probes" in sys.argv
    directory = Path(args[0]) if args else (accuracy.PROBES if probes else accuracy.default_corpus())
    vocabulary = {w for path in directory.glob("*.txt")
                  for w in re.findall(r"[\w-]+", path.read_text(encoding="utf-8").lower())}
    for name, extract in (("pdfplumber", with_pdfplumber), ("pypdfium2", with_pypdfium2)):
        seconds: list[float] = []
        shown: list[str] = []
        artefacts = {"broken words in commitments": 0, "words not in the source": 0, "page headers/footers left": 0}
        accuracy.score(directory, "pdf", markup=probes, show=shown.append,
                       run=runner_for(extract, seconds, artefacts, vocabulary))
        left = ", ".join(f"{key} {value}" for key, value in artefacts.items())
        print(f"{name:11} {shown[-1].replace('TOTAL', '').strip()}  {left}  ({sum(seconds):.2f} s)")


if __name__ == "__main__":
    main()
