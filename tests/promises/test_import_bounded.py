"""A large import holds SQLite's single write lock for a bounded time, so public writes made
meanwhile are stored (issues 9.1 and 9.2)."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lofte.dialogue.models import CitizenInput
from lofte.promises.importing import PromiseImportError, import_text, store
from lofte.promises.models import Commitment
from tests import factories
from tests.dialogue.helpers import in_parallel


def document(commitments: int, per_theme: int = 50) -> str:
    lines = ["Medborgarlöfte 2024", ""]
    for n in range(commitments):
        if n % per_theme == 0:
            lines += ["", f"Tema {n // per_theme + 1}: Trygghet i område {n // per_theme + 1}", ""]
        lines.append(f"• Polisen och kommunen genomför minst två trygghetsvandringar i kvarter {n}.")
    return "\n".join(lines) + "\n"


@pytest.mark.django_db
def test_a_document_over_the_size_of_one_import_is_refused_by_name():
    """Reproduces 9.1: 200 themes × 100 bullets were written in one 41-second transaction."""
    kommun = factories.municipality()
    with pytest.raises(PromiseImportError, match=rf"dokumentet har {store.MAX_COMMITMENTS + 1} löften; högst "
                                                 rf"{store.MAX_COMMITMENTS} importeras åt gången"):
        import_text(document(store.MAX_COMMITMENTS + 1), "stor.txt", kommun)
    assert not Commitment.objects.exists()


@pytest.mark.django_db
def test_an_import_touches_its_municipality_once_not_per_row():
    kommun = factories.municipality()
    before = kommun.content_changed_at
    with CaptureQueriesContext(connection) as queries:
        import_text(document(60), "loften.txt", kommun)
    touches = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE") and "core_municipality" in q["sql"]]
    assert len(touches) == 1
    kommun.refresh_from_db()
    assert kommun.content_changed_at > before
    assert Commitment.objects.count() == 60


@pytest.mark.django_db(transaction=True)
def test_a_citizen_post_during_the_largest_import_is_stored():
    """Reproduces 9.2: a citizen post during a large import answered 500 after 20 s ("database is
    locked") and was lost. The post now waits for the bounded import and is stored."""
    from tests.dialogue import helpers

    helpers.world()
    kommun = factories.municipality("1984", "Arboga", county="Västmanlands län", county_code="19")
    writing = threading.Event()
    original_write = store._Importer.write

    def write_and_signal(self):
        writing.set()  # inside the import's transaction: SQLite's write lock is held from here
        original_write(self)

    timings = {}

    def work(i):
        if i == 0:
            store._Importer.write = write_and_signal
            try:
                started = time.monotonic()
                import_text(document(store.MAX_COMMITMENTS), "stor.txt", kommun)
                timings["import"] = time.monotonic() - started
            finally:
                store._Importer.write = original_write
            return "import"
        assert writing.wait(60)
        started = time.monotonic()
        response = Client().post("/strangnas/synpunkter/", {"message": "Mörkt vid stationen under importen."})
        timings["post"] = time.monotonic() - started
        return response.status_code

    assert in_parallel(2, work) == ["import", 302]
    assert CitizenInput.objects.filter(message="Mörkt vid stationen under importen.").exists()
    assert Commitment.objects.filter(promise_set__municipality=kommun).count() == store.MAX_COMMITMENTS
    print(f"import {timings['import']:.2f} s, citizen post during it {timings['post']:.2f} s")
