"""The accessibility statement names the responsible authority, its contact and the date of the last
review, all from settings (regression: it named "Löfte", had no contact and no date)."""

import datetime
import os
import subprocess
import sys

import pytest

from tests.site.helpers import assert_accessible_page

pytestmark = pytest.mark.django_db
URL = "/tillganglighet/"


def test_it_names_the_authority_its_contact_and_the_review_date(client, settings):
    settings.ACCESSIBILITY_AUTHORITY = "Strängnäs kommun"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@strangnas.se"
    settings.ACCESSIBILITY_CONTACT_PHONE = "0152-290 00"
    settings.ACCESSIBILITY_REVIEWED_ON = datetime.date(2026, 11, 20)
    response = client.get(URL)
    assert_accessible_page(response)
    content = response.content.decode()
    assert "Strängnäs kommun står bakom den här webbplatsen." in content
    assert "Löfte står bakom" not in content
    assert 'href="tel:015229000"' in content and "0152-290 00" in content
    assert "granskades och uppdaterades senast 20 november 2026" in content


def test_without_an_authority_it_does_not_claim_to_be_loftes(client, settings):
    settings.ACCESSIBILITY_AUTHORITY = ""
    content = client.get(URL).content.decode()
    assert "Löfte står bakom" not in content
    assert "Den myndighet som driver den här webbplatsen står bakom den." in content
    assert "granskades och uppdaterades senast" in content


def test_a_new_authority_is_a_new_version_for_caches(client, settings):
    first = client.get(URL)["ETag"]
    settings.ACCESSIBILITY_AUTHORITY = "Eskilstuna kommun"
    assert client.get(URL)["ETag"] != first


def test_a_review_date_that_is_not_a_date_stops_the_start(tmp_path):
    env = {**os.environ, "SECRET_KEY": "x" * 50, "LOFTE_DATA_DIR": str(tmp_path), "ACCESSIBILITY_REVIEWED": "igår"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", "import lofte.settings"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "ACCESSIBILITY_REVIEWED must be a date as YYYY-MM-DD" in result.stderr
