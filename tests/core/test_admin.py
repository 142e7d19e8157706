"""Django admin at /admin/ for all models (issue: foundation)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests import factories

DOMAIN_APPS = {"core", "promises", "activities", "walks", "dialogue", "est"}


def test_every_domain_model_is_in_the_admin():
    missing = [
        m._meta.label for m in apps.get_models()
        if m._meta.app_label in DOMAIN_APPS and m not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.django_db
def test_every_admin_list_and_add_page_opens_for_a_verified_superuser(client):
    from django.contrib.auth import get_user_model

    from lofte.demo.loader import load_demo

    load_demo()
    superuser = get_user_model().objects.create_superuser("root", "root@example.se", "ett-langt-losenord")
    factories.verified_login(client, superuser)
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        assert client.get(reverse("admin:%s_%s_changelist" % info)).status_code == 200, info
        if model_admin.has_add_permission(request):
            assert client.get(reverse("admin:%s_%s_add" % info)).status_code == 200, info
        first = model.objects.first()
        if first is not None:
            assert client.get(reverse("admin:%s_%s_change" % info, args=[first.pk])).status_code == 200, info


@pytest.mark.django_db
def test_admin_edits_and_deletions_are_in_the_audit_log(client):
    from django.contrib.auth import get_user_model

    from lofte.activities.models import Activity
    from lofte.core.models import AuditEntry

    kommun = factories.municipality()
    promise_set = factories.promise_set(kommun, 2021, title="Gammal rubrik")
    commitment = factories.commitment(promise_set, targets=[{"count": 4, "unit": "trygghetsvandringar"}])
    activity = factories.activity(commitment, on=__import__("datetime").date(2021, 3, 1))
    superuser = get_user_model().objects.create_superuser("root", "root@example.se", "ett-langt-losenord")
    factories.verified_login(client, superuser)

    url = reverse("admin:promises_promiseset_change", args=[promise_set.pk])
    data = {"municipality": kommun.pk, "start": "2021-01-01", "end": "2021-12-31", "title": "Ny rubrik",
            "intro": "", "signatories": "", "source_name": "", "status": "published",
            "themes-TOTAL_FORMS": 0, "themes-INITIAL_FORMS": 0, "themes-MIN_NUM_FORMS": 0,
            "themes-MAX_NUM_FORMS": 1000}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(object_type="promises.PromiseSet", action="update")
    assert (entry.before["title"], entry.after["title"]) == ("Gammal rubrik", "Ny rubrik")
    assert entry.username == "root" and entry.municipality_id == kommun.pk

    target = commitment.targets.get()
    client.post(reverse("admin:activities_activity_delete", args=[activity.pk]), {"post": "yes"})
    assert not Activity.objects.filter(pk=activity.pk).exists()
    deleted = AuditEntry.objects.get(object_type="activities.Activity", action="delete")
    assert deleted.object_id == str(activity.pk) and deleted.municipality_id == kommun.pk

    url = reverse("admin:promises_commitment_change", args=[commitment.pk])
    page = client.get(url)
    assert page.status_code == 200
    police = factories.organisation(kommun)
    data = {"promise_set": promise_set.pk, "number": 1, "text": commitment.text, "parties": [police.pk],
            "targets-TOTAL_FORMS": 1, "targets-INITIAL_FORMS": 1, "targets-MIN_NUM_FORMS": 0,
            "targets-MAX_NUM_FORMS": 1000, "targets-0-id": target.pk, "targets-0-commitment": commitment.pk,
            "targets-0-count": 4, "targets-0-unit": "trygghetsvandringar", "targets-0-per": "period",
            "targets-0-figure": "", "targets-0-activity_type": "", "targets-0-DELETE": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, (response.context["adminform"].form.errors, [f.formset.errors for f in response.context["inline_admin_formsets"]])
    gone = AuditEntry.objects.get(object_type="promises.Target", action="delete")
    assert gone.object_id == str(target.pk) and gone.before["count"] == 4


@pytest.mark.django_db
def test_the_audit_log_never_holds_a_password_hash(client):
    from django.contrib.auth import get_user_model

    from lofte.core.audit import snapshot

    user = get_user_model().objects.create_user("someone", password="ett-langt-losenord")
    assert "password" not in snapshot(user)
