"""How long an import holds the database's write lock, and how long a citizen's post waits for it.

Usage: .venv/bin/python bench/import_lock.py [--runs 3]   (set DATABASE_URL to measure PostgreSQL)

An import is one transaction (all or nothing). On SQLite only one writer can be in at a time, so
every public write made meanwhile waits for it (issue 9.1/9.2: 200 themes x 100 bullets took 41 s
and the posts waiting for it failed). This builds a throwaway database, then for documents of 50,
200 and the maximum 500 commitments measures the store step (the document is parsed beforehand,
as the staff confirm does), creating a new set and replacing it with changed texts, and, during
the largest import, how long each of a series of citizen posts (submit_input, in another thread)
waits. Medians of --runs runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("LOFTE_DATA_DIR", tempfile.mkdtemp(prefix="lofte-bench-"))
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")


def document(commitments: int, year: int, variant: str = "") -> str:
    lines = [f"Medborgarlöfte {year}", ""]
    for n in range(commitments):
        if n % 50 == 0:
            lines += ["", f"Tema {n // 50 + 1}: Trygghet i område {n // 50 + 1}", ""]
        lines.append(f"• Polisen och kommunen genomför minst två trygghetsvandringar i kvarter {n}{variant}.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    call_command("migrate", verbosity=0)
    call_command("load_municipalities", verbosity=0)
    from lofte.core.models import Municipality
    from lofte.dialogue.inputs import submit_input
    from lofte.promises.importing import PromiseImportError, import_text, store
    from lofte.promises.importing.sources import read_document

    kommun = Municipality.objects.get(code="0486")
    print(f"database: {connection.vendor}; one import at most {store.MAX_COMMITMENTS} commitments")
    try:
        import_text(document(20_000, 1999), "stor.txt", kommun, dry_run=True)
    except PromiseImportError as exc:
        print(f"200 themes x 100 bullets: refused at once ({exc})")

    year = 2000
    for size in (50, 200, store.MAX_COMMITMENTS):
        created, replaced = [], []
        for _ in range(args.runs):
            year += 1
            text, changed = document(size, year), document(size, year, " (ändrad)")
            parsed, reparsed = read_document(text).document, read_document(changed).document
            started = time.perf_counter()
            import_text(text, "loften.txt", kommun, document=parsed)
            created.append(time.perf_counter() - started)
            started = time.perf_counter()
            import_text(changed, "loften.txt", kommun, document=reparsed, replace=True)
            replaced.append(time.perf_counter() - started)
        print(f"{size:>4} commitments: create {statistics.median(created):5.2f} s, "
              f"replace {statistics.median(replaced):5.2f} s (median of {args.runs})")

    waits: list[float] = []
    for _ in range(args.runs):
        year += 1
        text = document(store.MAX_COMMITMENTS, year)
        parsed = read_document(text).document
        done = threading.Event()

        def citizen_posts():
            try:
                while not done.is_set():
                    started = time.perf_counter()
                    submit_input(municipality=kommun, message="Mörkt vid stationen.")
                    waits.append(time.perf_counter() - started)
                    time.sleep(0.2)
            finally:
                connections.close_all()

        thread = threading.Thread(target=citizen_posts)
        thread.start()
        time.sleep(0.1)
        import_text(text, "loften.txt", kommun, document=parsed)
        done.set()
        thread.join()
    print(f"citizen posts during a {store.MAX_COMMITMENTS}-commitment import: {len(waits)} stored, "
          f"median {statistics.median(waits) * 1000:.0f} ms, longest {max(waits):.2f} s")


if __name__ == "__main__":
    main()
