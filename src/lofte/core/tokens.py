"""API keys of organisations: created (shown once), looked up by their hash, revoked, expiring.

The key itself is never stored: `ApiToken.key_hash` is its SHA-256. Creating and revoking a key is
written to the audit log; so is every write made with one (lofte.activities.recording, with the
key as the actor). What a key may do is decided in lofte.core.permissions (token_municipalities).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lofte.core.audit import log_change, snapshot
from lofte.core.models import ApiToken, AuditEntry, Organisation

# "lofte_" + 43 characters of URL-safe base64 (32 random bytes): recognisable in a leaked log or
# repository, and long enough that guessing is hopeless.
KEY_PREFIX = "lofte_"
PREFIX_SHOWN = 12
DEFAULT_DAYS = 365
MAX_DAYS = 2 * 365


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def actor_name(token: ApiToken) -> str:
    """How a key is named as the actor in the audit log."""
    return f"API-nyckel {token.prefix}… ({token.organisation.name})"


@transaction.atomic
def create_token(organisation: Organisation, name: str, *, user=None, days: int = DEFAULT_DAYS,
                 actor: str = "") -> tuple[ApiToken, str]:
    """A new key for the organisation, valid for `days`; returns the row and the key (shown once)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"A key is valid for 1 to {MAX_DAYS} days, not {days}.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        organisation=organisation, name=name.strip()[:100], prefix=key[:PREFIX_SHOWN], key_hash=hash_key(key),
        created_by=user if getattr(user, "is_authenticated", False) else None, created_at=now,
        expires_at=now + timedelta(days=days),
    )
    log_change(user, AuditEntry.Action.CREATE, token, after=snapshot(token), actor=actor)
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, *, user=None, actor: str = "") -> ApiToken:
    """Revoke a key at once; revoking a revoked key changes nothing and logs nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = snapshot(token)
    token.revoked_at = timezone.now()
    token.revoked_by = user if getattr(user, "is_authenticated", False) else None
    token.save(update_fields=["revoked_at", "revoked_by"])
    log_change(user, AuditEntry.Action.DELETE, token, before=before, after=snapshot(token), actor=actor)
    return token


def token_for_key(key: str, now=None) -> ApiToken | None:
    """The usable key with this value (not revoked, not expired), or None; notes when it was used."""
    if not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    now = now or timezone.now()
    token = (
        ApiToken.objects.usable(now).select_related("organisation").filter(key_hash=hash_key(key)).first()
    )
    if token is not None and (token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1)):
        # At most one write a minute per key: a busy integration must not take SQLite's lock per request.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
