"""Staff "Importera löften": upload or paste, preview and correct, confirm; redaktörer only."""

import hashlib

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lofte.core.models import AuditEntry, Membership
from lofte.promises.importing import formats
from lofte.promises.models import Commitment, PromiseSet, SourceDocument
from tests import factories
from tests.promises import documents

START = reverse("staff:import_start")
PREVIEW = reverse("staff:import_preview")
pytestmark = pytest.mark.django_db

DOCUMENT = """Medborgarlöfte 2024 för Exempelby

Polisen och Exempelby kommun har tillsammans tagit fram löftet.

Trygg trafik
• Polisen lovar att genomföra minst sex trafikkontroller vid skolorna.
• Kommunen lovar att hålla två föräldraträffar om trafiksäkerhet.

Trygga miljöer
• Polisen och kommunen lovar att genomföra en trygghetsvandring varje månad.
"""


@pytest.fixture
def world(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    kommun = factories.municipality()
    municipality_org = factories.organisation(kommun, kind="municipality")
    editor = factories.user("redaktor", municipality_org, role=Membership.Role.EDITOR)
    recorder = factories.user("registrerare", municipality_org, role=Membership.Role.RECORDER)
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_editor = factories.user("stockholm", factories.organisation(other, kind="municipality"),
                                  role=Membership.Role.EDITOR)
    return {"kommun": kommun, "editor": editor, "recorder": recorder, "other": other, "other_editor": other_editor}


def upload(client, kommun, content: bytes, name="loften.txt"):
    return client.post(START, {"municipality": kommun.pk, "file": SimpleUploadedFile(name, content), "text": ""})


def preview_post(client, **overrides):
    """The preview's own form, as the browser would send it back, with some fields changed."""
    page = client.get(PREVIEW)
    form = page.context["row_forms"]
    data = {"action": "import"}
    for formset in (page.context["set_forms"], form):
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for sub in formset.forms:
            for name, field in sub.fields.items():
                value = sub.initial.get(name, "")
                if value is None or value is False:
                    continue
                data[sub.add_prefix(name)] = value
    data.update(overrides)
    return client.post(PREVIEW, data)


def test_the_nav_links_to_the_importer(client, world):
    client.force_login(world["editor"])
    assert START in client.get(reverse("staff:home")).content.decode()


def test_a_recorder_may_not_import(client, world):
    client.force_login(world["recorder"])
    assert client.get(START).status_code == 403
    assert client.get(PREVIEW).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, world):
    assert client.get(START).status_code == 302


def test_an_editor_cannot_import_into_another_municipality(client, world):
    client.force_login(world["other_editor"])
    response = upload(client, world["kommun"], DOCUMENT.encode())
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert PromiseSet.objects.count() == 0


def test_upload_preview_and_confirm_stores_the_sets_the_original_and_a_log_entry(client, world,
                                                                                django_capture_on_commit_callbacks):
    client.force_login(world["editor"])
    raw = DOCUMENT.encode("cp1252")
    assert upload(client, world["kommun"], raw).url == PREVIEW
    page = client.get(PREVIEW)
    html = page.content.decode()
    assert "Trygg trafik" in html and "trafikkontroller" in html
    assert "2024: skulle bli skapat (3 löften)" in html
    assert PromiseSet.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = preview_post(client)
    assert response.status_code == 302, response.context and response.context.get("problem")
    promise_set = PromiseSet.objects.get()
    assert promise_set.status == PromiseSet.Status.DRAFT
    assert promise_set.intro.startswith("Polisen och Exempelby kommun")
    document = promise_set.source_document
    assert document.checksum == hashlib.sha256(raw).hexdigest()
    assert document.file.read() == raw
    assert document.uploaded_by == world["editor"]
    monthly = promise_set.commitments.get(number=3).targets.get()
    assert (monthly.count, monthly.per) == (12, "year")
    entry = AuditEntry.objects.get(action="import")
    assert entry.user_id == world["editor"].pk and entry.municipality_id == world["kommun"].pk


def test_corrections_in_the_preview_are_what_is_stored(client, world):
    client.force_login(world["editor"])
    upload(client, world["kommun"], DOCUMENT.encode())
    response = preview_post(client, **{
        "set-0-title": "Våra löften 2024", "row-0-count": "8", "row-1-parties": "Kommunen, Räddningstjänsten",
        "row-2-remove": "on",
    })
    assert response.status_code == 302
    promise_set = PromiseSet.objects.get()
    assert promise_set.title == "Våra löften 2024"
    assert promise_set.commitments.get(number=1).targets.get().count == 8
    assert {o.kind for o in promise_set.commitments.get(number=2).parties.all()} == {"municipality", "other"}
    assert promise_set.commitments.count() == 2


def test_a_bad_correction_is_shown_next_to_its_row_and_nothing_is_stored(client, world):
    client.force_login(world["editor"])
    upload(client, world["kommun"], DOCUMENT.encode())
    response = preview_post(client, **{"row-1-count": "många"})
    assert response.status_code == 200
    assert "inget heltal" in str(response.context["row_forms"].forms[1].non_field_errors())
    assert PromiseSet.objects.count() == 0 and SourceDocument.objects.count() == 0


def test_pasted_text_is_imported_too(client, world):
    client.force_login(world["editor"])
    response = client.post(START, {"municipality": world["kommun"].pk, "text": DOCUMENT})
    assert response.url == PREVIEW
    assert preview_post(client).status_code == 302
    assert PromiseSet.objects.get().source_document.name == "inklistrad-text.txt"


def test_importing_the_same_document_again_changes_nothing(client, world):
    client.force_login(world["editor"])
    upload(client, world["kommun"], DOCUMENT.encode())
    preview_post(client)
    upload(client, world["kommun"], DOCUMENT.encode())
    assert "oförändrat" in client.get(PREVIEW).content.decode()
    preview_post(client)
    assert PromiseSet.objects.count() == 1 and Commitment.objects.count() == 3
    assert SourceDocument.objects.count() == 1


def test_a_changed_document_needs_replace_and_keeps_archived_commitments(client, world):
    client.force_login(world["editor"])
    upload(client, world["kommun"], DOCUMENT.encode())
    preview_post(client)
    changed = DOCUMENT.replace("minst sex", "minst tio").replace(
        "• Polisen och kommunen lovar att genomföra en trygghetsvandring varje månad.\n", "• Kommunen lovar nya bänkar.\n"
    )
    upload(client, world["kommun"], changed.encode())
    page = client.get(PREVIEW)
    assert "löfte 1 har ändrade mål" in page.context["problem"]
    assert "Ersätt" in page.context["problem"]
    refused = preview_post(client)
    assert refused.status_code == 200
    assert preview_post(client, replace="on").status_code == 302
    promise_set = PromiseSet.objects.get()
    assert promise_set.commitments.get(number=1).targets.get().count == 10
    assert SourceDocument.objects.count() == 2
    assert promise_set.source_document.checksum == hashlib.sha256(changed.encode()).hexdigest()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "PNG-bild"),
        (documents.pdf([[("Medborgarlöfte 2024", 12)]])[:-200], "ofullständig"),
        (documents.pdf([[("x", 12)]], scanned=True), "inget textlager"),
        (documents.pdf([[("Medborgarlöfte 2024", 12)]], encrypted=True), "lösenord"),
        (b"PK\x03\x04" + b"\0" * 50, "trasigt"),
        ("Medborgarlöfte 2024\n\nBara en inledning här.".encode(), "hittade inga löften"),
    ],
    ids=["picture", "truncated-pdf", "scan", "password", "corrupt-zip", "nothing-found"],
)
def test_bad_files_get_one_line_next_to_the_field_and_nothing_is_stored(client, world, content, message):
    client.force_login(world["editor"])
    response = upload(client, world["kommun"], content)
    if response.status_code == 302:  # Found nothing: refused on the preview instead.
        response = client.get(PREVIEW)
        problem = response.context["problem"]
    else:
        problem = " ".join(response.context["form"].errors["file"])
    assert message in problem and "\n" not in problem
    assert PromiseSet.objects.count() == 0 and SourceDocument.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_by_name(client, world, monkeypatch):
    monkeypatch.setattr("lofte.staff.importing.MAX_BYTES", 100)
    client.force_login(world["editor"])
    response = upload(client, world["kommun"], DOCUMENT.encode())
    assert "för stor" in " ".join(response.context["form"].errors["file"])


def test_cancelling_discards_the_waiting_file(client, world, settings):
    client.force_login(world["editor"])
    upload(client, world["kommun"], DOCUMENT.encode())
    assert list((settings.DATA_DIR / "import-pending").iterdir())
    client.post(PREVIEW, {"action": "cancel"})
    assert not list((settings.DATA_DIR / "import-pending").iterdir())
    assert client.get(PREVIEW).status_code == 302


def test_an_abandoned_upload_is_removed_after_a_day(client, world, settings):
    import os

    directory = settings.DATA_DIR / "import-pending"
    directory.mkdir()
    (directory / "abandoned-by-someone-else-long-ago").write_bytes(b"x")
    (directory / "waiting-from-someone-else-right-now").write_bytes(b"x")
    os.utime(directory / "abandoned-by-someone-else-long-ago", (0, 0))
    client.force_login(world["editor"])
    upload(client, world["kommun"], DOCUMENT.encode())
    assert not (directory / "abandoned-by-someone-else-long-ago").exists()
    assert (directory / "waiting-from-someone-else-right-now").exists()


def test_the_preview_without_an_upload_sends_back_to_the_start(client, world):
    client.force_login(world["editor"])
    assert client.get(PREVIEW).url == START


def test_a_spreadsheet_is_previewed_like_any_document(client, world):
    client.force_login(world["editor"])
    rows = [["Period", "Tema", "Löfte", "Parter", "Antal", "Enhet", "Per"],
            ["2025", "Trafik", "Polisen gör hastighetskontroller.", "Polisen", "4", "trafikkontroller", "år"]]
    upload(client, world["kommun"], documents.xlsx(rows), name="mall.pdf")  # The name lies; content decides.
    page = client.get(PREVIEW)
    assert page.context["format"] == formats.LABELS[formats.XLSX]
    assert preview_post(client).status_code == 302
    target = Commitment.objects.get().targets.get()
    assert (target.count, target.per, target.activity_type) == (4, "year", "traffic_operation")


def browser_post(client, page_url=PREVIEW):
    """The preview form exactly as a browser submits it: every field, empty ones included, except
    unticked check boxes."""
    page = client.get(page_url)
    data = {"action": "import"}
    for formset in (page.context["set_forms"], page.context["row_forms"]):
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for sub in formset.forms:
            for name, field in sub.fields.items():
                if isinstance(field, forms.BooleanField):
                    continue
                value = sub.initial.get(name)
                data[sub.add_prefix(name)] = "" if value is None else value
    return client.post(PREVIEW, data), len(data)


def test_a_preview_of_130_commitments_can_be_confirmed(client, world):
    """Reproduces 9.8: confirming a web import of more than ~120 commitments posted 1,211 fields,
    over DATA_UPLOAD_MAX_NUMBER_FIELDS, and Django answered a bare English "Bad Request (400)"."""
    client.force_login(world["editor"])
    lines = ["Medborgarlöfte 2024", "", "Trygghet", ""]
    lines += [f"• Polisen och kommunen genomför trygghetsvandring nummer {n} i centrum." for n in range(1, 131)]
    assert upload(client, world["kommun"], "\n".join(lines).encode()).url == PREVIEW
    response, fields = browser_post(client)
    assert fields > 1_000
    assert response.status_code == 302, response.content[:500]
    assert PromiseSet.objects.get().commitments.count() == 130


def test_the_preview_flags_commitments_without_a_measurable_target(client, world):
    client.force_login(world["editor"])
    text = DOCUMENT + "• Polisen och kommunen lovar att verka för att öka tryggheten i trafiken.\n"
    upload(client, world["kommun"], text.encode())
    page = client.get(PREVIEW)
    html = page.content.decode()
    assert "Löftesgranskning: 3 av 4 löften har ett mätbart mål." in html
    assert html.count('class="review-hint"') == 1
    assert "Importen läser det som målet 4 trafikkontroller per år (Trafikinsats)" in html
    hints = [h for _, h in page.context["rows"]]
    assert [h.flagged for h in hints] == [False, False, False, True]


def test_a_target_on_a_row_of_its_own_makes_the_commitment_above_measurable():
    from lofte.staff.importing import RowFormSet, row_hints

    rows = RowFormSet({"row-TOTAL_FORMS": "3", "row-INITIAL_FORMS": "3",
                       "row-0-period": "2024", "row-0-text": "Kommunen lovar att ordna träffar.",
                       "row-1-period": "2024", "row-1-count": "2", "row-1-unit": "träffar",
                       "row-2-period": "2024", "row-2-text": "Kommunen lovar att verka för trygghet."}, prefix="row")
    hints = row_hints(rows.forms)
    assert [h and h.flagged for h in hints] == [False, None, True]
