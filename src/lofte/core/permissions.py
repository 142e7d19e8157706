"""The one place that decides what a staff user may see and do in a municipality.

Every staff view asks `access(user, municipality)` (or filters with `municipalities_for(user)`)
instead of checking roles itself, so a rule changes in one place. A user's roles come from their
memberships: a role in an organisation applies to every municipality that organisation serves
(a police area serving two municipalities gives access to both).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from lofte.core.models import Membership, Municipality, Organisation

# Roles in increasing power; each includes what the ones before it may do. The rapportör (EST) is
# not among them: it may report and see its own reports (`may_report`), nothing else.
ROLE_ORDER = [Membership.Role.READER, Membership.Role.RECORDER, Membership.Role.EDITOR, Membership.Role.ADMIN]
STAFF_ROLES = [str(r) for r in ROLE_ORDER]


@dataclass(frozen=True)
class Access:
    role: str | None

    def _at_least(self, role: str) -> bool:
        return self.role is not None and ROLE_ORDER.index(self.role) >= ROLE_ORDER.index(role)

    @property
    def read(self) -> bool:
        return self._at_least(Membership.Role.READER)

    @property
    def record(self) -> bool:
        return self._at_least(Membership.Role.RECORDER)

    @property
    def edit(self) -> bool:
        return self._at_least(Membership.Role.EDITOR)

    @property
    def administer(self) -> bool:
        return self._at_least(Membership.Role.ADMIN)


NO_ACCESS = Access(None)


def municipalities_for(user) -> QuerySet[Municipality]:
    """The municipalities in which the user has any role (superusers: all)."""
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(
        organisations__memberships__user=user, organisations__memberships__role__in=STAFF_ROLES
    ).distinct()


def access(user, municipality: Municipality | int) -> Access:
    """The user's strongest role in the municipality, as an Access."""
    if not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    if user.is_superuser:
        return Access(Membership.Role.ADMIN)
    municipality_id = municipality.pk if isinstance(municipality, Municipality) else municipality
    roles = set(
        Membership.objects.filter(user=user, organisation__municipalities=municipality_id, role__in=STAFF_ROLES)
        .values_list("role", flat=True)
    )
    best = max(roles, key=ROLE_ORDER.index, default=None)
    return Access(best)


def municipalities_with_role(user, minimum: str) -> QuerySet[Municipality]:
    """Municipalities in which the user holds `minimum` or a stronger role (superusers: all)."""
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    roles = [str(r) for r in ROLE_ORDER[ROLE_ORDER.index(minimum):]]
    return Municipality.objects.filter(
        organisations__memberships__user=user, organisations__memberships__role__in=roles
    ).distinct()


def reporting_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities in which the user may file EST reports: as rapportör, or as registrerare or
    more (staff who recorded work may report what they saw too)."""
    if not user.is_authenticated or not user.is_active:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    roles = [Membership.Role.REPORTER, *STAFF_ROLES[STAFF_ROLES.index(Membership.Role.RECORDER):]]
    return Municipality.objects.filter(
        organisations__memberships__user=user, organisations__memberships__role__in=roles
    ).distinct()


def may_report(user, municipality: Municipality | int) -> bool:
    municipality_id = municipality.pk if isinstance(municipality, Municipality) else municipality
    return reporting_municipalities(user).filter(pk=municipality_id).exists()


def is_reporter_only(user) -> bool:
    """A rapportör with no staff role anywhere: the workspace shows them the reporting form only."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return False
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return Membership.Role.REPORTER in roles and not roles & set(STAFF_ROLES)


def recordable_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities in which the user may record activities (registrerare or more)."""
    return municipalities_with_role(user, Membership.Role.RECORDER)


def editable_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities in which the user is redaktör or administratör: they may also read the audit log."""
    return municipalities_with_role(user, Membership.Role.EDITOR)


def answering_organisations(user, municipality: Municipality) -> QuerySet[Organisation]:
    """The organisations in whose name the user may answer citizen input in the municipality: those
    serving it in which the user is redaktör or more (superusers: all serving it). A municipal
    editor never answers in the police's name."""
    serving = Organisation.objects.filter(municipalities=municipality)
    if not user.is_authenticated or not user.is_active:
        return serving.none()
    if user.is_superuser:
        return serving
    roles = [str(r) for r in ROLE_ORDER[ROLE_ORDER.index(Membership.Role.EDITOR):]]
    return serving.filter(memberships__user=user, memberships__role__in=roles).distinct()


def administered_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose memberships the user manages: those where they are administratör.

    An administrator manages their own organisation's users, not every organisation serving the same
    municipality: the police area's administrator does not appoint the municipality's staff.
    """
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN).distinct()


def administrable_memberships(user) -> QuerySet[Membership]:
    """The memberships the user may list, change and remove (those of organisations they administer)."""
    return Membership.objects.filter(organisation__in=administered_organisations(user))


def requires_two_factor(user) -> bool:
    """Whether the user must confirm log-in with a one-time code: administratörer and superusers.

    Everyone else may enrol a device of their own accord (and is then asked for a code too); the
    middleware in lofte.staff.security applies this rule.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
