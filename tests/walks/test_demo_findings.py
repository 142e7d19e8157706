"""The demo's findings: on Strängnäs' demo walks, inside Sweden, every status, loaded once."""

import pytest

from lofte.demo.findings import add_demo_findings
from lofte.demo.loader import load_demo
from lofte.walks.models import Finding, Status

pytestmark = pytest.mark.django_db


def test_the_demo_has_public_findings_of_every_status_inside_sweden(client):
    load_demo()
    findings = list(Finding.objects.filter(is_demo=True))
    assert {f.status for f in findings} == set(Status.values)
    for finding in findings:
        finding.full_clean()
    assert Finding.objects.published().count() == len(findings)
    body = client.get("/strangnas/fynd/").content.decode()
    assert "Gångtunneln under järnvägen är mörk" in body


def test_loading_the_demo_twice_adds_no_more_findings():
    load_demo()
    count = Finding.objects.count()
    from lofte.core.models import Municipality

    assert add_demo_findings(Municipality.objects.get(code="0486")) == 0
    load_demo()
    assert Finding.objects.count() == count
