"""People as the public sees them: a full name, never a username.

Approvals, assessments and answers to citizens are signed in public with the person's full name and
organisation; an account without a full name is asked for one first (staff: "Ditt namn").
"""

from __future__ import annotations

NAME_REQUIRED = "Ange ditt för- och efternamn innan du godkänner, skriver under eller svarar: de visas öppet."


class NameRequired(ValueError):
    """The account has no full name to sign with."""

    def __init__(self):
        super().__init__(NAME_REQUIRED)


def full_name(user) -> str:
    """The person's full name as shown in public; empty when the account has none."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return " ".join(user.get_full_name().split())


def require_full_name(user) -> str:
    name = full_name(user)
    if not name:
        raise NameRequired()
    return name
