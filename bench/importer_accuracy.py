"""How well the promise importer reads real documents: scored against the corpus labels.

Usage: .venv/bin/python bench/importer_accuracy.py [CORPUS_DIR]   (default ../shared/corpus)

For each `NN_<kommun>_<period>.txt` (its "# " metadata lines stripped) the parser's commitments
are matched, in order, to the labelled ones on their first words (a parsed commitment matches a
label when its text starts with the label's text, compared case-insensitively with whitespace
collapsed). Then:

* precision / recall / F1 of the matched commitments;
* party accuracy: of the matched commitments whose label names parties (not null), the share
  whose police/municipality parties equal the label's (labels know only those two kinds, so an
  extra "other" party is not counted against the parser);
* target accuracy: of the matched commitments, the share whose numeric target agrees with the
  label: none where the label has none, or a target whose count is in the label's `accept` list.

One line per document, then the totals.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lofte.promises.importing.parse import parse_lines  # noqa: E402
from lofte.promises.importing.text import split_lines  # noqa: E402

LABELLED_PARTIES = {"police", "municipality"}


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def document_text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith("# "))


def parsed_commitments(path: Path) -> list:
    document = parse_lines(split_lines(document_text(path)))
    return [c for s in document.promise_sets for c in s.commitments]


def match(parsed: list, labels: list) -> list[tuple]:
    """Pairs (parsed, label), each label used once, in document order."""
    pairs = []
    used: set[int] = set()
    for commitment in parsed:
        text = normalise(commitment.text)
        for index, label in enumerate(labels):
            if index not in used and text.startswith(normalise(label["text"])):
                used.add(index)
                pairs.append((commitment, label))
                break
    return pairs


def parties_right(commitment, label) -> bool | None:
    if label["parties"] is None:
        return None
    return set(commitment.parties) & LABELLED_PARTIES == set(label["parties"])


def target_right(commitment, label) -> bool:
    expected = label["target"]
    counts = [t.count for t in commitment.targets]
    if expected is None:
        return not counts
    return any(count in expected["accept"] for count in counts)


def score(corpus: Path, read=parsed_commitments, show=print) -> dict:
    """Score `read(path) -> commitments` on the corpus (bench/pdf_extractors.py passes other readers)."""
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    totals = {"parsed": 0, "labelled": 0, "matched": 0, "party_n": 0, "party_ok": 0, "target_ok": 0}
    for name, expected in labels.items():
        parsed = read(corpus / name)
        pairs = match(parsed, expected)
        party_checks = [r for r in (parties_right(c, lab) for c, lab in pairs) if r is not None]
        targets_ok = sum(target_right(c, lab) for c, lab in pairs)
        row = {
            "parsed": len(parsed), "labelled": len(expected), "matched": len(pairs),
            "party_n": len(party_checks), "party_ok": sum(party_checks), "target_ok": targets_ok,
        }
        for key in totals:
            totals[key] += row[key]
        show(line_for(name, row))
    show(line_for("TOTAL", totals))
    return totals


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def line_for(name: str, row: dict) -> str:
    precision = ratio(row["matched"], row["parsed"])
    recall = ratio(row["matched"], row["labelled"])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (
        f"{name:34} commitments {row['matched']:2}/{row['labelled']:2} (parsed {row['parsed']:2})  "
        f"P {precision:.2f} R {recall:.2f} F1 {f1:.2f}  "
        f"parties {ratio(row['party_ok'], row['party_n']):.2f}  "
        f"targets {ratio(row['target_ok'], row['matched']):.2f}"
    )


if __name__ == "__main__":
    corpus_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    score(corpus_dir)
