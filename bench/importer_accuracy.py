"""How well the promise importer reads documents: scored against hand-made labels.

Usage: .venv/bin/python bench/importer_accuracy.py [DIR] [--probes] [--format text|html|pdf|docx|all] [--misses]

DIR is a folder of `NN_<kommun>_<period>.txt` documents with a `labels.json` (default: the corpus of
real documents, ../shared/corpus). `--probes` scores the project's own probe documents instead
(tests/promises/probes, written in the markup of tests/promises/rendering.py). `--format` renders
each document as a saved web page, a PDF or a Word document first (plain corpus text is given its
structure by rendering.plain_blocks); `all` runs every format. `--misses` lists what went wrong.

Every document goes through the same code path as `lofte import-promises FILE --kommun CODE
--dry-run --json` (the management command itself, on a throwaway SQLite database): a document whose
text states a period is imported without --years, as a user would first try, so a period the
importer does not recognise loses the whole document; a document labelled `# years-arg:` gets
those years, and one whose period is `unknown` gets a stand-in year (then its period is right when
the importer found none of its own). Then, per document:

* commitments: the parsed commitments are matched, in order, to the labelled ones on their first
  words (a parsed commitment matches a label when its text starts with the label's text, compared
  case-insensitively with whitespace collapsed); precision, recall, F1;
* parties: of the matched commitments whose label names parties (not null), the share whose
  police/municipality parties equal the label's (labels know only those two kinds, so an extra
  "other" party is not counted against the importer);
* targets: of the matched commitments, the share whose numeric target agrees with the label: none
  where the label has none, or a target (or a number of areas to cover) whose count is in the
  label's `accept` list;
* periods: whether the sets' first and last days equal the `# period:` the document states (read by
  tests/promises/scoring.py, independently of the importer), one or more periods per document;
* areas (probes only): whether the sets' area equals the `# area:` label (none when absent).

One line per document, then the totals.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.promises.scoring import (  # noqa: E402
    STAND_IN_YEARS,
    area_right,
    match,
    parsed_periods,
    parties_right,
    period_right,
    states_no_period,
    target_right,
)

PROBES = ROOT / "tests" / "promises" / "probes"
FORMATS = ("text", "html", "pdf", "docx")
_SUFFIX = {"text": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx"}


def default_corpus() -> Path:
    """../shared/corpus beside the checkout (or beside the main checkout of a git worktree)."""
    for base in (ROOT.parent, ROOT.parent.parent, Path("/work")):
        if (base / "shared" / "corpus" / "labels.json").is_file():
            return base / "shared" / "corpus"
    return ROOT.parent / "shared" / "corpus"


# ================================================================ documents


def metadata(path: Path) -> dict[str, str]:
    meta = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# "):
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
    return meta


def document_text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith("# "))


def document_bytes(path: Path, kind: str, markup: bool) -> bytes:
    """The document in a format: probes from their markup, corpus text as it is or given structure."""
    from tests.promises import rendering

    if markup:
        _meta, blocks = rendering.read_markup(path.read_text(encoding="utf-8"))
        return rendering.render(blocks, kind)
    text = document_text(path)
    if kind == "text":
        return text.encode("utf-8")
    return rendering.render(rendering.plain_blocks(text), kind)


# ================================================================ the command


def setup_django() -> None:
    os.environ.setdefault("LOFTE_DATA_DIR", tempfile.mkdtemp(prefix="lofte-accuracy-"))
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
    os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite database of LOFTE_DATA_DIR
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def dry_run(data: bytes, suffix: str, meta: dict[str, str]) -> tuple[dict | None, str | None]:
    """`import-promises FILE --kommun CODE --dry-run --json [--years …]`: its JSON, or its error."""
    from django.core.management import CommandError, call_command

    from lofte.core.models import Municipality

    code = meta["kommun-code"]
    Municipality.objects.get_or_create(code=code, defaults={"name": meta.get("kommun", code),
                                                            "slug": f"kommun-{code}"})
    args = ["--kommun", code, "--dry-run", "--json"]
    years = meta.get("years-arg") or (STAND_IN_YEARS if states_no_period(meta) else None)
    if years:
        args += ["--years", years]
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(data)
        handle.flush()
        out = StringIO()
        try:
            call_command("import_promises", handle.name, *args, stdout=out, stderr=StringIO())
        except CommandError as error:
            return None, str(error)
    return json.loads(out.getvalue()), None


def commitments_of(result: dict | None) -> list[dict]:
    if result is None:
        return []
    return [c for s in result["promise_sets"] for t in s["themes"] for c in t["commitments"]]


_KEYS = ("parsed", "labelled", "matched", "party_n", "party_ok", "target_ok", "period_ok", "area_ok", "documents",
         "refused")


def score(directory: Path, kind: str = "text", *, markup: bool = False, show=print, misses: bool = False,
          run=None) -> dict:
    """Score every labelled document of `directory`; `run(data, suffix, meta) -> (result, error)`
    reads one (default: the import-promises command, see dry_run; bench/pdf_extractors.py passes
    other readers)."""
    run = run or dry_run
    labels = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
    totals = dict.fromkeys(_KEYS, 0)
    for name, expected in labels.items():
        path = directory / name
        meta = metadata(path)
        result, error = run(document_bytes(path, kind, markup), _SUFFIX[kind], meta)
        parsed = commitments_of(result)
        pairs = match(parsed, expected)
        party_checks = [(c, lab, r) for c, lab in pairs if (r := parties_right(c, lab)) is not None]
        target_checks = [(c, lab, target_right(c, lab)) for c, lab in pairs]
        row = {
            "parsed": len(parsed), "labelled": len(expected), "matched": len(pairs),
            "party_n": len(party_checks), "party_ok": sum(r for *_, r in party_checks),
            "target_ok": sum(r for *_, r in target_checks), "period_ok": int(period_right(result, meta)),
            "area_ok": int(area_right(result, meta)), "documents": 1, "refused": int(result is None),
        }
        for key in totals:
            totals[key] += row[key]
        show(line_for(name, row, areas=markup))
        if misses:
            show_misses(show, error, result, meta, parsed, expected, pairs, party_checks, target_checks)
    show(line_for("TOTAL", totals, areas=markup))
    return totals


def show_misses(show, error, result, meta, parsed, expected, pairs, party_checks, target_checks) -> None:
    if error:
        show(f"    refused: {error}")
    if not period_right(result, meta):
        show(f"    period: expected {meta.get('period')!r}, got {parsed_periods(result)}")
    matched_texts = {id(c) for c, _ in pairs}
    matched_labels = {id(lab) for _, lab in pairs}
    for commitment in parsed:
        if id(commitment) not in matched_texts:
            show(f"    extra:   {commitment['text'][:100]}")
    for label in expected:
        if id(label) not in matched_labels:
            show(f"    missing: {label['text'][:100]}")
    for commitment, label, right in party_checks:
        if not right:
            show(f"    parties: {commitment['parties']} for {label['parties']}: {label['text'][:70]}")
    for commitment, label, right in target_checks:
        if not right:
            show(f"    target:  {[(t['count'], t['unit'], t['per']) for t in commitment['targets']]} for "
                 f"{label['target']}: {label['text'][:60]}")


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def f1_of(row: dict) -> float:
    precision, recall = ratio(row["matched"], row["parsed"]), ratio(row["matched"], row["labelled"])
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def line_for(name: str, row: dict, *, areas: bool = False) -> str:
    precision = ratio(row["matched"], row["parsed"])
    recall = ratio(row["matched"], row["labelled"])
    area = f"  areas {ratio(row['area_ok'], row['documents']):.2f}" if areas else ""
    refused = f"  refused {row['refused']}" if row["documents"] > 1 else ("  REFUSED" if row["refused"] else "")
    return (
        f"{name:34} commitments {row['matched']:3}/{row['labelled']:3} (parsed {row['parsed']:3})  "
        f"P {precision:.2f} R {recall:.2f} F1 {f1_of(row):.2f}  "
        f"parties {ratio(row['party_ok'], row['party_n']):.2f}  "
        f"targets {ratio(row['target_ok'], row['matched']):.2f}  "
        f"periods {ratio(row['period_ok'], row['documents']):.2f}{area}{refused}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--probes", action="store_true", help="score tests/promises/probes")
    parser.add_argument("--format", default="text", choices=(*FORMATS, "all"))
    parser.add_argument("--misses", action="store_true", help="list what went wrong per document")
    options = parser.parse_args()
    directory = options.directory or (PROBES if options.probes else default_corpus())
    setup_django()
    kinds = FORMATS if options.format == "all" else (options.format,)
    summary = []
    for kind in kinds:
        print(f"== {directory} as {kind}")
        shown: list[str] = []
        score(directory, kind, markup=options.probes, show=lambda line: (shown.append(line), print(line)),
              misses=options.misses)
        summary.append(f"{kind:5} {shown[-1].replace('TOTAL', '').strip()}")
    if len(kinds) > 1:
        print("\n".join(["== totals per format", *summary]))


if __name__ == "__main__":
    main()
