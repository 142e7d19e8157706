"""The import form starts with the user's own municipality, follows the one the document names when
left as suggested, warns when they differ, and lets the user switch; the preview names activity
types in Swedish (regression: it defaulted to Eskilstuna and showed keys such as safety_walk)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lofte.core.models import Membership
from tests import factories

START = reverse("staff:import_start")
PREVIEW = reverse("staff:import_preview")
pytestmark = pytest.mark.django_db

SORSELE_DOCUMENT = """Medborgarlöfte 2024

Polisen och Sorsele kommun lovar tillsammans följande.

• Polisen lovar att genomföra minst fyra trygghetsvandringar i Sorsele kommun.
"""


@pytest.fixture
def world(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    eskilstuna = factories.municipality("0484", "Eskilstuna")
    strangnas = factories.municipality()
    sorsele = factories.municipality("2422", "Sorsele", county="Västerbottens län", county_code="24")
    town = factories.organisation(strangnas, "municipality", name="Strängnäs kommun")
    police = factories.organisation(eskilstuna, "police", name="LPO Eskilstuna/Strängnäs")
    police.municipalities.add(strangnas, sorsele)
    coordinator = factories.user("samordnare", town, Membership.Role.EDITOR)
    Membership.objects.create(user=coordinator, organisation=police, role=Membership.Role.EDITOR)
    return {"eskilstuna": eskilstuna, "strangnas": strangnas, "sorsele": sorsele, "coordinator": coordinator}


def upload(client, municipality, suggested, text):
    return client.post(START, {"municipality": municipality.pk, "suggested": suggested.pk if suggested else "",
                               "file": SimpleUploadedFile("loften.txt", text.encode()), "text": ""})


def test_the_form_starts_with_the_users_own_municipality(client, world):
    client.force_login(world["coordinator"])
    form = client.get(START).context["form"]
    assert form["municipality"].value() == world["strangnas"].pk
    assert form["suggested"].value() == world["strangnas"].pk


def test_left_as_suggested_the_document_s_municipality_decides(client, world):
    client.force_login(world["coordinator"])
    upload(client, world["strangnas"], world["strangnas"], SORSELE_DOCUMENT)
    preview = client.get(PREVIEW)
    assert preview.context["municipality"] == world["sorsele"]
    assert "till Sorsele" in preview.content.decode()


def test_a_municipality_chosen_on_purpose_is_kept_and_the_difference_is_warned_about(client, world):
    client.force_login(world["coordinator"])
    upload(client, world["eskilstuna"], world["strangnas"], SORSELE_DOCUMENT)
    content = client.get(PREVIEW).content.decode()
    assert "Dokumentet nämner Sorsele, men det importeras till Eskilstuna." in content
    assert "Importera till Sorsele i stället" in content


def test_the_preview_switches_the_municipality(client, world):
    client.force_login(world["coordinator"])
    upload(client, world["eskilstuna"], world["strangnas"], SORSELE_DOCUMENT)
    response = client.post(PREVIEW, {"action": "municipality", "municipality": world["sorsele"].pk})
    assert response.status_code == 302
    assert client.get(PREVIEW).context["municipality"] == world["sorsele"]


def test_the_switch_refuses_a_municipality_the_user_does_not_edit(client, world):
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    client.force_login(world["coordinator"])
    upload(client, world["strangnas"], world["strangnas"], SORSELE_DOCUMENT.replace("Sorsele", "Strängnäs"))
    client.post(PREVIEW, {"action": "municipality", "municipality": other.pk})
    assert client.get(PREVIEW).context["municipality"] == world["strangnas"]


def test_a_document_naming_a_municipality_the_user_does_not_edit_is_warned_about(client, world):
    factories.municipality("1281", "Lund", county="Skåne län", county_code="12")
    client.force_login(world["coordinator"])
    upload(client, world["strangnas"], world["strangnas"], SORSELE_DOCUMENT.replace("Sorsele", "Lunds"))
    content = client.get(PREVIEW).content.decode()
    assert "Dokumentet nämner Lund, men det importeras till Strängnäs." in content
    assert "Du är inte redaktör i Lund" in content


def test_the_preview_names_activity_types_in_swedish(client, world):
    client.force_login(world["coordinator"])
    upload(client, world["strangnas"], world["strangnas"], SORSELE_DOCUMENT)
    content = client.get(PREVIEW).content.decode()
    assert '<option value="safety_walk" selected>Trygghetsvandring</option>' in content
    assert ">safety_walk<" not in content
