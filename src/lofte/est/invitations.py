"""Inviting rapportörer by link: people of any organisation the municipality works with (a housing
company, a bus operator, a guard company) become rapportörer without an administrator's account work.

A redaktör of the municipality makes an invitation for an organisation (an existing one serving the
municipality, or a new one by name). The link holds a token signed with the site's secret key
(django.core.signing), so it cannot be guessed or altered; it expires after INVITATION_DAYS and
works once (`used_at` is claimed with a conditional update). The person who opens it either creates
an account there or, logged in already, adds the role to theirs. Everything goes to the audit log.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.core.audit import log_change
from lofte.core.models import AuditEntry, Membership, Municipality, Organisation
from lofte.core.permissions import access
from lofte.est.models import ReporterInvitation

INVITATION_DAYS = 14
_SALT = "lofte.est.invitation"


class InvitationError(ValueError):
    """An invitation that cannot be made or used; the message is for the user, in Swedish."""


def token_for(invitation: ReporterInvitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=_SALT, compress=True)


def invite_reporter(actor, municipality: Municipality, *, organisation: Organisation | None = None,
                    organisation_name: str = "", email: str = "", note: str = "",
                    now=None) -> tuple[ReporterInvitation, str]:
    """A new invitation and its token (for the link). Only a redaktör of the municipality invites."""
    if not access(actor, municipality).edit:
        raise InvitationError(_("Att bjuda in rapportörer gör en redaktör i kommunen."))
    now = now or timezone.now()
    with transaction.atomic():
        if organisation is None:
            name = " ".join(organisation_name.split())[:200]
            if not name:
                raise InvitationError(_("Välj en organisation eller skriv namnet på en ny."))
            organisation = Organisation.objects.filter(name__iexact=name, municipalities=municipality).first()
            if organisation is None:
                organisation = Organisation.objects.create(name=name, kind=Organisation.Kind.OTHER)
                organisation.municipalities.add(municipality)
                log_change(actor, AuditEntry.Action.CREATE, organisation, after={"name": name},
                           municipality_id=municipality.pk)
        elif not organisation.municipalities.filter(pk=municipality.pk).exists():
            raise InvitationError(_("Organisationen verkar inte i %(name)s.") % {"name": municipality.name})
        invitation = ReporterInvitation.objects.create(
            municipality=municipality, organisation=organisation, email=email, note=note[:200],
            invited_by=actor, created_at=now, expires_at=now + timedelta(days=INVITATION_DAYS),
        )
        log_change(actor, AuditEntry.Action.CREATE, invitation,
                   after={"organisation": organisation.name, "email": email, "note": note,
                          "expires_at": invitation.expires_at}, municipality_id=municipality.pk,
                   object_repr=f"Inbjudan till EST: {organisation.name}")
    return invitation, token_for(invitation)


def open_invitation(token: str, now=None) -> ReporterInvitation:
    """The invitation a link names, if it is genuine, unused and not expired."""
    now = now or timezone.now()
    try:
        payload = signing.loads(token, salt=_SALT, max_age=timedelta(days=INVITATION_DAYS + 1))
    except signing.SignatureExpired:
        raise InvitationError(_("Inbjudan har gått ut. Be om en ny.")) from None
    except signing.BadSignature:
        raise InvitationError(_("Länken är inte en giltig inbjudan.")) from None
    invitation = (ReporterInvitation.objects.filter(pk=payload.get("i") if isinstance(payload, dict) else None)
                  .select_related("municipality", "organisation").first())
    if invitation is None:
        raise InvitationError(_("Länken är inte en giltig inbjudan."))
    if invitation.used_at is not None:
        raise InvitationError(_("Inbjudan är redan använd."))
    if invitation.expires_at <= now:
        raise InvitationError(_("Inbjudan har gått ut. Be om en ny."))
    return invitation


def accept(token: str, user, now=None) -> Membership:
    """Make `user` a rapportör in the invitation's organisation, once. A member already keeps the
    role they have (a registrerare may report as it is)."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = open_invitation(token, now)
        claimed = ReporterInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=now, used_by=user
        )
        if not claimed:
            raise InvitationError(_("Inbjudan är redan använd."))
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": Membership.Role.REPORTER}
        )
        log_change(user, AuditEntry.Action.ROLE, membership, municipality_id=invitation.municipality_id,
                   before=None,
                   after={"user": user.get_username(), "organisation": invitation.organisation.name,
                          "role": membership.role, "invitation": invitation.pk, "created": created},
                   object_repr=f"{user.get_username()} – {invitation.organisation.name}")
    return membership


def accept_with_new_account(token: str, *, username: str, password: str, first_name: str = "",
                            last_name: str = "", email: str = "", now=None):
    """Create the account the invited person chose and make it a rapportör; returns the user."""
    with transaction.atomic():
        open_invitation(token, now)
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise InvitationError(_("Användarnamnet är upptaget; välj ett annat."))
        user = get_user_model().objects.create_user(username=username, password=password, first_name=first_name,
                                                    last_name=last_name, email=email)
        accept(token, user, now)
    return user
