import pytest
from django.db import DatabaseError, connection, transaction

from lofte.core.audit import log_change, snapshot
from lofte.core.models import AuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_change_is_logged_with_who_what_and_the_values():
    kommun = factories.municipality()
    user = factories.user("red")
    before = snapshot(kommun)
    kommun.name = "Strängnäs kommun"
    entry = log_change(user, AuditEntry.Action.UPDATE, kommun, before=before, after=snapshot(kommun),
                       municipality_id=kommun.pk)
    entry.refresh_from_db()
    assert entry.username == "red"
    assert entry.object_type == "core.Municipality"
    assert entry.before["name"] == "Strängnäs"
    assert entry.after["name"] == "Strängnäs kommun"


def test_snapshot_keeps_many_to_many_ids():
    kommun = factories.municipality()
    org = factories.organisation(kommun)
    assert snapshot(org)["municipalities"] == [kommun.pk]


def test_the_log_cannot_be_edited_or_deleted_through_the_model():
    entry = log_change(None, AuditEntry.Action.CREATE, object_type="x", object_id="1", object_repr="x")
    entry.object_repr = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(object_repr="changed")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_updates_of_the_log():
    log_change(None, AuditEntry.Action.CREATE, object_type="x", object_id="1", object_repr="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET object_repr = 'rewritten'")
    assert AuditEntry.objects.get().object_repr == "x"
