"""Writing the audit log: every staff change goes through `log_change()`.

Values are snapshots of model fields as JSON (dates as ISO strings, relations as ids), so the log
stays readable after the objects change or disappear.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.db import models

from lofte.core.models import AuditEntry


def _jsonable(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


# Never copied into the log, whatever the model: a password hash is no business of a reader of it.
_SECRET_FIELDS = {"password", "key", "secret", "key_hash"}


def snapshot(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict:
    """The object's concrete field values and many-to-many ids, ready to store as JSON."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude or field.name in _SECRET_FIELDS:
            continue
        data[field.attname] = _jsonable(field.value_from_object(obj))
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            if field.name not in exclude:
                data[field.name] = sorted(o.pk for o in field.value_from_object(obj))
    return data


def log_change(
    user,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    municipality_id: int | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_repr: str | None = None,
    actor: str = "",
) -> AuditEntry:
    """Append one entry. `actor` names who acted when no user did (an API key, a command)."""
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    return AuditEntry.objects.create(
        user_id=user.pk if authenticated else None,
        username=user.get_username() if authenticated else actor[:150],
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=object_id if object_id is not None else (str(obj.pk) if obj is not None else ""),
        object_repr=(object_repr if object_repr is not None else str(obj) if obj is not None else "")[:300],
        municipality_id=municipality_id,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
    )


def changes(before: dict | None, after: dict | None) -> list[tuple[str, object, object]]:
    """The fields that differ between two snapshots, as (field, before, after), in a stable order.

    A created object has no "before" and a deleted one no "after"; then every field is listed with
    None on the missing side, so the log shows what was created or removed.
    """
    before, after = before or {}, after or {}
    fields = list(before) + [key for key in after if key not in before]
    return [(key, before.get(key), after.get(key)) for key in fields if before.get(key) != after.get(key)]


def municipality_of(obj: models.Model) -> int | None:
    """The municipality an object belongs to, found through the usual relations, or None.

    Used where the caller is generic (the Django admin): a set, a commitment, a target, an activity,
    a finding and so on each lead to one municipality; an organisation or a user to none.
    """
    if obj._meta.label == "core.Municipality":
        return obj.pk
    for path in ("municipality_id", "promise_set.municipality_id", "commitment.promise_set.municipality_id",
                 "finding.municipality_id", "walk.municipality_id"):
        value = obj
        try:
            for attribute in path.split("."):
                value = getattr(value, attribute)
        except (AttributeError, models.ObjectDoesNotExist):
            continue
        if value is not None:
            return value
    return None
