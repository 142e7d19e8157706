"""Tenancy: a user of one municipality can neither read nor change another municipality's data.

This test enumerates EVERY URL pattern in the staff namespace, so a view added later is tested
without anyone remembering to. Municipality B holds an object of every kind; the strongest user of
municipality A (an administratör with a verified code) requests every pattern:

- patterns with parameters are filled with B's objects (by parameter name, see OBJECTS_OF_B) and
  must answer 403 or 404 to GET and POST (405 where a method is not offered at all);
- patterns without parameters (lists, exports, forms) must not show B's data, even when asked for
  it by query parameters, and a POST naming B's objects must not change them;
- after every request, nothing of B has changed and the audit log has no new entry about B.

A new parameter name fails the test until it is added to OBJECTS_OF_B: that is the point.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from lofte.core.models import AuditEntry, Invitation, Membership, Municipality
from lofte.promises.models import Approval, Assessment, PromiseSet, SourceDocument
from tests import factories

pytestmark = pytest.mark.django_db

# Every one of B's strings that staff pages could show contains this marker; no page A's user can
# reach may contain it.
SECRET = "xq7"

# Parameter name -> function(world) returning B's objects of that kind (each is tried).
OBJECTS_OF_B = {
    "activity_id": lambda w: [w["activity"], w["binned_activity"], w["walk"]],
    "promise_set_id": lambda w: [w["published_set"], w["draft_set"]],
    "commitment_id": lambda w: [w["commitment"], w["draft_commitment"]],
    "membership_id": lambda w: [w["admin_membership"], w["recorder_membership"]],
    "user_id": lambda w: [w["admin"], w["recorder"]],
    "finding_id": lambda w: [w["finding"]],
    "photo_id": lambda w: [w["photo"]],
    "input_id": lambda w: [w["input"]],
    "meeting_id": lambda w: [w["meeting"]],
    "source_document_id": lambda w: [w["source_document"]],
    "invitation_id": lambda w: [w["invitation"]],
    "est_report_id": lambda w: [w["est_report"]],
    "action_id": lambda w: [w["est_action"]],
    "report_id": lambda w: [w["report"]],
}

# Gaps found in views owned by other work in progress, tested as expected failures until fixed.
# Each entry: URL name -> the precise reason. Keep this empty whenever possible.
KNOWN_GAPS: dict[str, str] = {}


def staff_patterns() -> list[tuple[str, URLPattern]]:
    """(full URL name, pattern) for every pattern under the staff namespace, nested ones included."""
    found = []

    def walk(patterns, namespaces):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, namespaces + ([entry.namespace] if entry.namespace else []))
            elif namespaces and namespaces[0] == "staff":
                name = ":".join(namespaces + [entry.name or "<unnamed>"])
                found.append((name, entry))

    walk(get_resolver().url_patterns, [])
    return found


def parameter_names(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


PATTERNS = staff_patterns()


def _params(patterns, with_parameters: bool):
    for name, pattern in patterns:
        if bool(parameter_names(pattern)) != with_parameters:
            continue
        marks = [pytest.mark.xfail(reason=KNOWN_GAPS[name], strict=True)] if name in KNOWN_GAPS else []
        yield pytest.param(name, pattern, id=name, marks=marks)


# The world: municipality A with its administrator, municipality B with one object of every kind.

def build_world() -> dict:
    a = factories.municipality("0486", "Strängnäs")
    b = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    a_police = factories.organisation(a)
    a_set = factories.promise_set(a, 2022, 2023)
    a_commitment = factories.commitment(a_set, 1, "A:s löfte om trygghetsvandringar.", parties=[a_police])
    factories.activity(a_commitment, note="A:s kvällsvandring.")
    a_admin = factories.user("anna-admin", a_police, role=Membership.Role.ADMIN)
    # A's administrator is also redaktör in A's municipality organisation, the strongest reach there is.
    Membership.objects.create(user=a_admin, organisation=factories.organisation(a, "municipality"),
                              role=Membership.Role.ADMIN)

    w = {"a": a, "b": b, "a_admin": a_admin}
    b_area = factories.areas(b, [f"Betaområdet-{SECRET}"])[0]
    b_police = factories.organisation(b, name=f"Beta-polisen-{SECRET}")
    b_kommun = factories.organisation(b, "municipality", name=f"Beta kommun-{SECRET}")
    w["admin"] = factories.user(f"bertil-admin-{SECRET}", b_kommun, role=Membership.Role.ADMIN)
    w["recorder"] = factories.user(f"berit-polis-{SECRET}", b_police, role=Membership.Role.RECORDER)
    w["admin"].email = f"bertil-{SECRET}@example.se"
    w["admin"].save()
    w["admin_membership"] = Membership.objects.get(user=w["admin"])
    w["invitation"] = Invitation.objects.create(
        organisation=b_kommun, username=f"bjuden-{SECRET}", role=Membership.Role.EDITOR, invited_by=w["admin"],
        expires_at=timezone.now() + timedelta(days=14),
    )
    w["recorder_membership"] = Membership.objects.get(user=w["recorder"])
    factories.totp_device(w["admin"])

    w["source_document"] = SourceDocument.objects.create(
        municipality=b, file=f"sources/2022/beta-{SECRET}.txt", name=f"beta-{SECRET}.txt", checksum="0" * 64,
    )
    w["published_set"] = factories.promise_set(b, 2022, 2023, title=f"Betas löften-{SECRET}",
                                               intro=f"Betas inledning-{SECRET}")
    w["published_set"].source_document = w["source_document"]
    w["published_set"].save()
    w["draft_set"] = factories.promise_set(b, 2024, 2025, status=PromiseSet.Status.DRAFT,
                                           title=f"Betas utkast-{SECRET}")
    theme = factories.theme(w["published_set"], title=f"Betas tema-{SECRET}")
    w["commitment"] = factories.commitment(
        w["published_set"], 1, f"Betas hemliga löfte om trygghetsvandringar-{SECRET}.", theme_=theme,
        parties=[b_police, b_kommun],
        targets=[{"count": 4, "unit": "trygghetsvandringar", "activity_type": "safety_walk"}],
    )
    w["draft_commitment"] = factories.commitment(w["draft_set"], 1, f"Betas utkastlöfte-{SECRET}.",
                                                 parties=[b_kommun])
    Approval.objects.create(promise_set=w["published_set"], organisation=b_kommun, user=w["admin"],
                            approver_name=f"Bertil-{SECRET}")
    Assessment.objects.create(commitment=w["commitment"], text=f"Betas bedömning-{SECRET}",
                              assessed_on=date(2022, 6, 1), organisation=b_kommun, author=w["admin"],
                              author_name=f"Bertil-{SECRET}")
    w["walk"] = factories.activity(w["commitment"], note=f"Betas vandring-{SECRET}", area=b_area)
    w["activity"] = factories.activity(w["commitment"], type="dialogue_meeting", on=date(2022, 4, 1),
                                       note=f"Betas dialogmöte-{SECRET}", area=b_area)
    w["binned_activity"] = factories.activity(w["commitment"], on=date(2022, 5, 1),
                                              note=f"Betas borttagna insats-{SECRET}")
    w["binned_activity"].deleted_at = timezone.now()
    w["binned_activity"].save()
    for activity in (w["walk"], w["activity"], w["binned_activity"]):
        activity.created_by = w["recorder"]
        activity.save()
        activity.organisations.add(b_police)

    Finding = apps.get_model("walks", "Finding")
    FindingPhoto = apps.get_model("walks", "FindingPhoto")
    w["finding"] = Finding.objects.create(
        walk=w["walk"], municipality=b, address=f"Betagatan-{SECRET}",
        category=Finding._meta.get_field("category").choices[0][0],
        description=f"Betas trasiga lampa-{SECRET}", owner=f"Betas gatukontor-{SECRET}",
    )
    w["photo"] = FindingPhoto.objects.create(finding=w["finding"], image=f"findings/beta{SECRET}.jpg",
                                             alt_text=f"Betas foto-{SECRET}", uploaded_by=w["recorder"])
    CitizenInput = apps.get_model("dialogue", "CitizenInput")
    Meeting = apps.get_model("dialogue", "Meeting")
    w["input"] = CitizenInput.objects.create(municipality=b, message=f"Betas synpunkt-{SECRET}",
                                             email=f"medborgare-{SECRET}@example.se")
    start = timezone.now() + timedelta(days=10)
    w["meeting"] = Meeting.objects.create(municipality=b, title=f"Betas möte-{SECRET}",
                                          description=f"Betas mötesbeskrivning-{SECRET}",
                                          starts_at=start, ends_at=start + timedelta(hours=2),
                                          place=f"Betas bibliotek-{SECRET}", area=b_area, created_by=w["admin"])
    Report = apps.get_model("est", "Report")
    w["est_report"] = Report.objects.create(municipality=b, reporter=w["recorder"], category="klotter", area=b_area,
                                            date=timezone.localdate(), text=f"Betas EST-rapport-{SECRET}")
    w["est_action"] = apps.get_model("est", "Action").objects.create(
        municipality=b, week=date(2022, 3, 7), text=f"Betas EST-åtgärd-{SECRET}", owner=f"Betas ägare-{SECRET}")
    FollowUpReport = apps.get_model("reports", "FollowUpReport")
    w["report"] = FollowUpReport.objects.create(
        promise_set=w["published_set"], municipality=b, as_of=date(2023, 12, 31), slug="2022-2023-2023-12-31",
        title=f"Betas uppföljning-{SECRET}", introduction=f"Betas inledning-{SECRET}")
    w["area"] = b_area
    w["police"] = b_police
    w["kommun"] = b_kommun
    return w


# What "nothing of B changed" means: every row that leads to B through foreign keys, unchanged.

def _path_to_municipality(model, depth=4) -> str | None:
    """The shortest lookup path from the model to Municipality over forward relations, if any."""
    queue = [(model, "")]
    for _ in range(depth):
        next_queue = []
        for current, prefix in queue:
            for field in current._meta.get_fields():
                if not (field.is_relation and (field.many_to_one or field.many_to_many or field.one_to_one)):
                    continue
                if field.auto_created and not field.concrete:
                    continue  # reverse relations
                target = field.related_model
                lookup = f"{prefix}{field.name}"
                if target is Municipality:
                    return lookup
                next_queue.append((target, lookup + "__"))
        queue = next_queue
    return None


def _rows_of_b(w) -> dict[str, list[dict]]:
    b = w["b"]
    user_model = get_user_model()
    b_users = list(user_model.objects.filter(memberships__organisation__municipalities=b).values_list("pk", flat=True))
    rows = {}
    for model in apps.get_models():
        if model is AuditEntry:
            continue
        label = model._meta.label
        if model is Municipality:
            queryset = Municipality.objects.filter(pk=b.pk)
        elif model is user_model:
            queryset = user_model.objects.filter(pk__in=b_users)
        elif not (model.__module__.startswith("lofte.") or model._meta.app_label in {"otp_totp"}):
            continue
        else:
            path = _path_to_municipality(model)
            if path is not None:
                queryset = model._base_manager.filter(**{path: b}).distinct()
            else:
                user_fields = [f.name for f in model._meta.concrete_fields
                               if f.is_relation and f.related_model is user_model]
                if not user_fields:
                    continue
                queryset = model._base_manager.filter(**{f"{user_fields[0]}__in": b_users})
        rows[label] = list(queryset.order_by("pk").values())
    return rows


def _b_object_keys(rows) -> set[tuple[str, str]]:
    return {(label, str(row["id"])) for label, items in rows.items() for row in items if "id" in row}


class Tenancy:
    def __init__(self, world):
        self.world = world
        self.rows = _rows_of_b(world)
        self.object_keys = _b_object_keys(self.rows)
        self.last_entry = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def client(self) -> Client:
        # A fresh, verified log-in for every request: a log-out pattern must not leave the rest anonymous.
        client = Client()
        factories.verified_login(client, self.world["a_admin"])
        return client

    def post_data(self) -> dict:
        w = self.world
        # Plausible field names pointing at B's objects, so a view that trusts posted ids is caught.
        return {
            "commitment": w["commitment"].pk, "commitments": w["commitment"].pk, "promise_set": w["published_set"].pk,
            "municipality": w["b"].pk, "kommun": w["b"].pk, "area": w["area"].pk, "organisation": w["kommun"].pk,
            "organisations": w["police"].pk, "activity": w["activity"].pk, "walk": w["walk"].pk,
            "membership": w["admin_membership"].pk, "user": w["admin"].pk, "username": w["admin"].username,
            "mode": "existing", "role": Membership.Role.READER, "type": "safety_walk", "date": "2022-03-01",
            "count": "1", "text": "Ändrat av A", "title": "Ändrat av A", "public_note": "Ändrat av A",
            "message": "Ändrat av A", "answer": "Ändrat av A", "status": "published", "confirm": "1",
            "action": "publish", "description": "Ändrat av A",
        }

    def assert_b_unchanged(self, context: str):
        after = _rows_of_b(self.world)
        for label, rows in self.rows.items():
            assert after.get(label) == rows, f"{context} changed municipality B's {label} rows"
        new_entries = AuditEntry.objects.filter(pk__gt=self.last_entry)
        assert not new_entries.filter(municipality_id=self.world["b"].pk).exists(), (
            f"{context} wrote an audit entry in municipality B's log"
        )
        touched = {(e.object_type, e.object_id) for e in new_entries} & self.object_keys
        assert not touched, f"{context} wrote audit entries about B's objects: {sorted(touched)}"


def _fill(name: str, pattern: URLPattern, world) -> list[dict]:
    names = parameter_names(pattern)
    unknown = [n for n in names if n not in OBJECTS_OF_B]
    if unknown:
        pytest.fail(
            f"URL pattern {name!r} has parameter(s) {unknown} that the tenancy test does not know. Add each "
            f"to OBJECTS_OF_B in tests/staff/test_tenancy.py with municipality B's objects of that kind "
            f"(and create them in build_world), so the new view is proved to refuse another municipality's data."
        )
    choices = [[obj.pk for obj in OBJECTS_OF_B[n](world)] for n in names]
    return [dict(zip(names, combination)) for combination in itertools.product(*choices)]


def _url(name: str, kwargs: dict | None = None) -> str:
    assert not name.endswith("<unnamed>"), f"Name every staff URL pattern ({name}); the tenancy test reverses them."
    return reverse(name, kwargs=kwargs or None)


def test_every_staff_url_parameter_is_known_to_this_test():
    unknown = {
        name: [p for p in parameter_names(pattern) if p not in OBJECTS_OF_B]
        for name, pattern in PATTERNS
    }
    unknown = {name: params for name, params in unknown.items() if params}
    assert not unknown, (
        f"Unknown URL parameters {unknown}: add them to OBJECTS_OF_B in tests/staff/test_tenancy.py, with "
        f"municipality B's objects of that kind."
    )


def test_the_test_sees_the_staff_patterns_it_must_cover():
    names = {name for name, _ in PATTERNS}
    assert {"staff:home", "staff:users", "staff:membership_edit", "staff:audit_log"} <= names


@pytest.mark.parametrize(("name", "pattern"), list(_params(PATTERNS, with_parameters=True)))
def test_another_municipalitys_objects_give_403_or_404(name, pattern):
    world = build_world()
    tenancy = Tenancy(world)
    for kwargs in _fill(name, pattern, world):
        url = _url(name, kwargs)
        response = tenancy.client().get(url)
        assert response.status_code in (403, 404, 405), f"GET {url} ({name}) answered {response.status_code}"
        assert SECRET not in response.content.decode(errors="replace"), f"GET {url} showed B's data"
        response = tenancy.client().post(url, tenancy.post_data())
        assert response.status_code in (403, 404, 405), f"POST {url} ({name}) answered {response.status_code}"
        tenancy.assert_b_unchanged(f"POST {url}")


@pytest.mark.parametrize(("name", "pattern"), list(_params(PATTERNS, with_parameters=False)))
def test_pages_without_parameters_never_show_or_change_another_municipalitys_data(name, pattern):
    world = build_world()
    tenancy = Tenancy(world)
    url = _url(name)
    w = world
    # Asking for B by query parameters (filters) must not help either.
    queries = [{}, {"kommun": w["b"].pk, "municipality": w["b"].pk, "commitment": w["commitment"].pk,
                    "promise_set": w["published_set"].pk, "area": w["area"].pk, "organisation": w["kommun"].pk,
                    "type": "safety_walk", "user": w["admin"].pk, "status": "new", "bin": "1"},
               {"kommun": w["b"].slug}]
    for query in queries:
        response = tenancy.client().get(url, query)
        assert response.status_code < 500, f"GET {url} {query} answered {response.status_code}"
        body = response.content.decode(errors="replace") if not response.streaming else b"".join(
            response.streaming_content).decode(errors="replace")
        assert SECRET not in body, f"GET {url} {query} ({name}) showed municipality B's data"
    response = tenancy.client().post(url, tenancy.post_data())
    assert response.status_code < 500, f"POST {url} answered {response.status_code}"
    tenancy.assert_b_unchanged(f"POST {url}")


def test_the_world_holds_an_object_of_every_kind_in_b():
    """A guard for the test itself: B's rows exist, so "unchanged" is not trivially true."""
    world = build_world()
    rows = _rows_of_b(world)
    for label in ("activities.Activity", "promises.PromiseSet", "promises.Commitment", "core.Membership",
                  "walks.Finding", "walks.FindingPhoto", "dialogue.CitizenInput", "dialogue.Meeting",
                  "promises.SourceDocument", "promises.Approval", "promises.Assessment", settings.AUTH_USER_MODEL):
        assert rows.get(label), f"no rows of {label} in B"


def test_an_unknown_parameter_name_fails_with_instructions():
    from django.urls import path

    pattern = path("x/<int:widget_id>/", lambda request, widget_id: None, name="widget")
    with pytest.raises(pytest.fail.Exception, match="add it|Add each to OBJECTS_OF_B"):
        _fill("staff:widget", pattern, world={})
