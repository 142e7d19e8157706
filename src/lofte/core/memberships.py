"""Managing who belongs to an organisation and in which role; every change goes to the audit log.

The staff "Användare" pages (lofte.staff.users) are thin views over these functions. Who may call
them is decided in lofte.core.permissions (administered_organisations / administrable_memberships).
"""

from __future__ import annotations

import secrets
import string
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.core.audit import log_change
from lofte.core.models import AccountState, AuditEntry, Invitation, Membership, Organisation

# How long an invitation can be accepted.
INVITATION_DAYS = 14


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


def _municipality_ids(organisation: Organisation) -> list[int | None]:
    """The organisation's municipalities, for one audit entry in each municipality's log."""
    return list(organisation.municipalities.values_list("pk", flat=True)) or [None]


def _log_role(actor, membership: Membership, before: str | None, after: str | None) -> None:
    """One audit entry per municipality the organisation serves, so each municipality's log shows it."""
    for municipality_id in _municipality_ids(membership.organisation):
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
        for municipality_id in _municipality_ids(organisation):
            log_change(actor, AuditEntry.Action.CREATE, user, after={"username": username, "email": email},
                       municipality_id=municipality_id)
        _log_role(actor, membership, None, role)
    return membership, password


def add_member(actor, organisation: Organisation, user, role: str) -> Membership:
    """Give an existing user a role in the organisation at once. For trusted callers only (the
    `create-org-admin` command a superuser runs); in the workspace an administratör invites."""
    with transaction.atomic():
        if Membership.objects.filter(user=user, organisation=organisation).exists():
            raise MembershipError(_("%(user)s är redan medlem i %(organisation)s.")
                                  % {"user": user.get_username(), "organisation": organisation.name})
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        _log_role(actor, membership, None, role)
    return membership


def _invitation_state(invitation: Invitation) -> dict:
    # Never the account it resolved to: the log must not tell the administrator whether the
    # username exists.
    return {"username": invitation.username, "organisation": invitation.organisation.name,
            "role": invitation.role, "status": invitation.status}


def _log_invitation(actor, action: str, invitation: Invitation, before: dict | None) -> None:
    for municipality_id in _municipality_ids(invitation.organisation):
        log_change(actor, action, invitation, before=before, after=_invitation_state(invitation),
                   municipality_id=municipality_id,
                   object_repr=f"Inbjudan: {invitation.username} – {invitation.organisation.name}")


def invite_member(actor, organisation: Organisation, username: str, role: str) -> Invitation:
    """Invite the account `username` (if there is one) into the organisation with `role`.

    The answer is the same whether or not the account exists: an invitation kept by username,
    which only that account can accept, within INVITATION_DAYS. An earlier open invitation of the
    same username to the same organisation is replaced. Someone already in the organisation (whom
    the administrator sees in its member list anyway) is told so.
    """
    with transaction.atomic():
        user = get_user_model().objects.filter(username=username).first()
        if user is not None and Membership.objects.filter(user=user, organisation=organisation).exists():
            raise MembershipError(_("%(user)s är redan medlem i %(organisation)s.")
                                  % {"user": username, "organisation": organisation.name})
        for earlier in Invitation.objects.open().filter(organisation=organisation, username=username):
            revoke_invitation(actor, earlier)
        now = timezone.now()
        invitation = Invitation.objects.create(
            organisation=organisation, username=username, user=user, role=role,
            invited_by=actor if getattr(actor, "is_authenticated", False) else None,
            created_at=now, expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        _log_invitation(actor, AuditEntry.Action.CREATE, invitation, None)
    return invitation


def revoke_invitation(actor, invitation: Invitation) -> None:
    """Withdraw an open invitation (the administrator changed their mind, or a new one replaces it)."""
    with transaction.atomic():
        before = _invitation_state(invitation)
        updated = Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.PENDING).update(
            status=Invitation.Status.REVOKED, answered_at=timezone.now()
        )
        if updated:
            invitation.refresh_from_db()
            _log_invitation(actor, AuditEntry.Action.UPDATE, invitation, before)


def answer_invitation(user, invitation: Invitation, accept: bool) -> Membership | None:
    """The invited account's answer. Accepting makes it a member with the invited role (a member
    already keeps the role they have). Only an open invitation naming this very account counts;
    the caller finds it among `Invitation.objects.open().filter(user=user)`."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
        if invitation.user_id != user.pk or invitation.status != Invitation.Status.PENDING \
                or invitation.expires_at <= timezone.now():
            raise MembershipError(_("Inbjudan gäller inte längre."))
        before = _invitation_state(invitation)
        invitation.status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        _log_invitation(user, AuditEntry.Action.UPDATE, invitation, before)
        if not accept:
            return None
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        if created:
            _log_role(user, membership, None, invitation.role)
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

    An administratör may do this only for someone who is a member of an organisation the
    administratör manages and whose every membership is in such an organisation (an account shared
    with another organisation is theirs to reset too), and never for an account of Django's admin
    (staff or superuser): handing out its password would hand over the whole site.
    """
    from django_otp import devices_for_user

    user = membership.user
    if user.pk == getattr(actor, "pk", None):
        raise MembershipError(_("Byt ditt eget lösenord under Säkerhet."))
    if user.is_superuser or user.is_staff:
        raise MembershipError(_("Ett konto med tillgång till administrationen återställs där, av en "
                                "superanvändare, inte här."))
    if not Membership.objects.filter(user=user, organisation_id__in=administered_organisation_ids).exists():
        raise MembershipError(_("%(user)s är inte medlem i någon organisation som du administrerar.")
                              % {"user": user.get_username()})
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
        for municipality_id in _municipality_ids(membership.organisation):
            log_change(actor, AuditEntry.Action.UPDATE, user,
                       object_repr=f"Inloggning återställd för {user.get_username()}",
                       after={"password": "nytt engångslösenord", "removed_devices": len(devices)},
                       municipality_id=municipality_id)
    return password
