"""Short titles derived from every commitment the importer finds in the corpus of real documents.

Usage: .venv/bin/python bench/short_titles.py [CORPUS_DIR] [--list]   (default ../shared/corpus)

The rule (lofte.promises.titles) is written as general Swedish, not for these documents; this
reports how it reads documents it was not written against: how many titles fit in 70 characters
without an ellipsis, how many had to be cut at a word, and (with --list) every title beside the
start of its text, for reading.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from importer_accuracy import default_corpus, document_text  # noqa: E402

from lofte.promises.importing import parse_document  # noqa: E402
from lofte.promises.titles import MAX_LENGTH, short_title  # noqa: E402


def parsed_commitments(path: Path) -> list:
    document = parse_document(document_text(path))
    return [c for s in document.promise_sets for c in s.commitments]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    corpus = Path(args[0]) if args else default_corpus()
    total = cut = empty = 0
    for path in sorted(corpus.glob("*.txt")):
        for commitment in parsed_commitments(path):
            title = short_title(commitment.text)
            total += 1
            cut += title.endswith("…")
            empty += not title
            assert len(title) <= MAX_LENGTH + 1, title
            if "--list" in sys.argv:
                print(f"{path.name[:14]:14} {title:72} | {commitment.text[:60]}")
    print(f"{total} commitments: {total - cut - empty} titles within {MAX_LENGTH} characters, "
          f"{cut} cut at a word (…), {empty} empty")


if __name__ == "__main__":
    main()
