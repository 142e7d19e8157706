"""Staff lists are tables with sortable columns on a desktop, that stack into cards on a phone
(regression: plain bullets in a narrow column, "Strängnäs · Strängnäs"); a page without a table
loads no script."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lofte.dialogue.models import Meeting
from tests import factories
from tests.walks import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = helpers.world()
    helpers.finding(w["walk"])
    start = timezone.now() + timedelta(days=2)
    Meeting.objects.create(municipality=w["kommun"], title="Dialogmöte", starts_at=start,
                           ends_at=start + timedelta(hours=1), place="Biblioteket")
    return w


@pytest.mark.parametrize("name", ["staff:activities", "staff:findings", "staff:meetings", "staff:promise_sets",
                                  "staff:activity_bin"])
def test_lists_are_sortable_tables_that_stack_on_a_phone(client, world, name):
    client.force_login(world["editor"])
    content = client.get(reverse(name)).content.decode()
    if name != "staff:activity_bin":
        assert '<table class="list stack-table" data-sortable' in content
    assert 'class="main--wide"' in content
    assert '<script src="/static/lofte/sortable.js" defer></script>' in content


def test_a_form_page_loads_no_script(client, world):
    client.force_login(world["editor"])
    assert "<script" not in client.get(reverse("staff:meeting_new")).content.decode()


def test_stacked_cells_carry_their_column_names(client, world):
    client.force_login(world["editor"])
    content = client.get(reverse("staff:findings")).content.decode()
    assert 'data-label="Status"' in content and 'data-label="Ansvarig"' in content


def test_the_finding_form_shows_the_no_action_and_sent_to_fields_only_for_their_statuses(client, world):
    client.force_login(world["recorder"])
    content = client.get(reverse("staff:finding_create", args=[world["walk"].pk])).content.decode()
    assert '<div data-show-when="id_status" data-show-values="no_action">' in content
    assert '<div data-show-when="id_status" data-show-values="not_ours">' in content
    assert '<script src="/static/lofte/show-when.js" defer></script>' in content
