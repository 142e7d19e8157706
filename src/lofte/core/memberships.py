"""Managing who belongs to an organisation and in which role; every change goes to the audit log.

The staff "Användare" pages (lofte.staff.users) are thin views over these functions. Who may call
them is decided in lofte.core.permissions (administered_organisations / administrable_memberships).
"""

from __future__ import annotations

import secrets
import string

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from lofte.core.audit import log_change
from lofte.core.models import AccountState, AuditEntry, Membership, Organisation


class MembershipError(ValueError):
    """A change that would leave the organisation in a bad state; the message is for the user."""


# No look-alike characters (0/O, 1/l/I), so a password read aloud or from a screen is typed right.
_PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def require_password_change(user, required: bool = True) -> None:
    """Mark (or clear) that the user must choose their own password before using the workspace."""
    AccountState.objects.update_or_create(user=user, defaults={"must_change_password": required})


def must_change_password(user) -> bool:
    return AccountState.objects.filter(user=user, must_change_password=True).exists()


def one_time_password(length: int = 16) -> str:
    """A random password of `length` characters, in groups of four for reading."""
    raw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
    return "-".join(raw[i:i + 4] for i in range(0, length, 4))


def _role_state(membership: Membership, role: str | None) -> dict | None:
    if role is None:
        return None
    return {"user": membership.user.get_username(), "organisation": membership.organisation.name, "role": role}


def _log_role(actor, membership: Membership, before: str | None, after: str | None) -> None:
    """One audit entry per municipality the organisation serves, so each municipality's log shows it."""
    municipality_ids = list(membership.organisation.municipalities.values_list("pk", flat=True)) or [None]
    for municipality_id in municipality_ids:
        log_change(
            actor, AuditEntry.Action.ROLE, membership,
            before=_role_state(membership, before), after=_role_state(membership, after),
            municipality_id=municipality_id,
            object_type=Membership._meta.label, object_id=str(membership.pk),
            object_repr=f"{membership.user.get_username()} – {membership.organisation.name}",
        )


def _is_last_admin(membership: Membership) -> bool:
    return (
        membership.role == Membership.Role.ADMIN
        and not Membership.objects.filter(organisation=membership.organisation, role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    )


def create_member(actor, organisation: Organisation, *, username: str, role: str, first_name: str = "",
                  last_name: str = "", email: str = "") -> tuple[Membership, str]:
    """Create a user with a one-time password and make them a member; returns both.

    The password is returned once to be shown once: only its hash is stored.
    """
    password = one_time_password()
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, password=password, first_name=first_name, last_name=last_name, email=email
        )
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        require_password_change(user)
        for municipality_id in list(organisation.municipalities.values_list("pk", flat=True)) or [None]:
            log_change(actor, AuditEntry.Action.CREATE, user, after={"username": username, "email": email},
                       municipality_id=municipality_id)
        _log_role(actor, membership, None, role)
    return membership, password


def add_member(actor, organisation: Organisation, user, role: str) -> Membership:
    """Give an existing user a role in the organisation."""
    with transaction.atomic():
        if Membership.objects.filter(user=user, organisation=organisation).exists():
            raise MembershipError(_("%(user)s är redan medlem i %(organisation)s.")
                                  % {"user": user.get_username(), "organisation": organisation.name})
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        _log_role(actor, membership, None, role)
    return membership


def change_role(actor, membership: Membership, role: str) -> Membership:
    """Change a member's role; an organisation always keeps at least one administratör."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update(of=("self",)).select_related("user", "organisation").get(
            pk=membership.pk
        )
        before = membership.role
        if before == role:
            return membership
        if role != Membership.Role.ADMIN and _is_last_admin(membership):
            raise MembershipError(_("Organisationen måste ha minst en administratör. Utse en annan först."))
        membership.role = role
        membership.save(update_fields=["role"])
        _log_role(actor, membership, before, role)
    return membership


def remove_membership(actor, membership: Membership) -> None:
    """End a membership (the user account stays, for their other organisations and the log)."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update(of=("self",)).select_related("user", "organisation").get(
            pk=membership.pk
        )
        if _is_last_admin(membership):
            raise MembershipError(_("Organisationen måste ha minst en administratör. Utse en annan först."))
        _log_role(actor, membership, membership.role, None)
        membership.delete()


def reset_credentials(actor, membership: Membership, administered_organisation_ids: set[int]) -> str:
    """A lost phone or a forgotten password: give the member a new one-time password and remove
    their two-factor devices (they enrol again at the next log-in). Returns the password, to be
    shown once.

    An administratör may do this only for someone whose every membership is in an organisation the
    administratör manages: an account shared with another organisation is theirs to reset too.
    """
    from django_otp import devices_for_user

    user = membership.user
    if user.pk == getattr(actor, "pk", None):
        raise MembershipError(_("Byt ditt eget lösenord under Säkerhet."))
    if user.is_superuser:
        raise MembershipError(_("En superanvändare återställs i administrationen, inte här."))
    foreign = Membership.objects.filter(user=user).exclude(organisation_id__in=administered_organisation_ids)
    if foreign.exists():
        names = ", ".join(sorted(foreign.values_list("organisation__name", flat=True)))
        raise MembershipError(
            _("%(user)s är också medlem i %(names)s; be en administratör där, eller en superanvändare, om hjälp.")
            % {"user": user.get_username(), "names": names}
        )
    password = one_time_password()
    with transaction.atomic():
        devices = [device for device in devices_for_user(user, confirmed=None)]
        for device in devices:
            device.delete()
        user.set_password(password)
        user.save(update_fields=["password"])
        require_password_change(user)
        for municipality_id in list(membership.organisation.municipalities.values_list("pk", flat=True)) or [None]:
            log_change(actor, AuditEntry.Action.UPDATE, user,
                       object_repr=f"Inloggning återställd för {user.get_username()}",
                       after={"password": "nytt engångslösenord", "removed_devices": len(devices)},
                       municipality_id=municipality_id)
    return password
