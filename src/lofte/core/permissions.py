"""The one place that decides what a staff user may see and do in a municipality.

Every staff view asks `access(user, municipality)` (or filters with `municipalities_for(user)`)
instead of checking roles itself, so a rule changes in one place. A user's roles come from their
memberships: a role in an organisation applies to every municipality that organisation serves
(a police area serving two municipalities gives access to both).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from lofte.core.models import Membership, Municipality

# Roles in increasing power; each includes what the ones before it may do.
ROLE_ORDER = [Membership.Role.READER, Membership.Role.RECORDER, Membership.Role.EDITOR, Membership.Role.ADMIN]


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
    return Municipality.objects.filter(organisations__memberships__user=user).distinct()


def access(user, municipality: Municipality | int) -> Access:
    """The user's strongest role in the municipality, as an Access."""
    if not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    if user.is_superuser:
        return Access(Membership.Role.ADMIN)
    municipality_id = municipality.pk if isinstance(municipality, Municipality) else municipality
    roles = set(
        Membership.objects.filter(user=user, organisation__municipalities=municipality_id).values_list(
            "role", flat=True
        )
    )
    best = max(roles, key=ROLE_ORDER.index, default=None)
    return Access(best)


def recordable_municipalities(user) -> QuerySet[Municipality]:
    """Municipalities in which the user may record activities (registrerare or more)."""
    if user.is_authenticated and user.is_superuser:
        return Municipality.objects.all()
    roles = [str(r) for r in ROLE_ORDER[ROLE_ORDER.index(Membership.Role.RECORDER):]]
    return municipalities_for(user).filter(
        organisations__memberships__user=user, organisations__memberships__role__in=roles
    ).distinct()
