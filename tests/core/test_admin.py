"""Django admin at /admin/ for all models (issue: foundation)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests import factories

DOMAIN_APPS = {"core", "promises", "activities", "walks", "dialogue"}


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
