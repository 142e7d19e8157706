"""Receiving citizen input: whether a municipality takes it, the sender's reference and receipt.

Input is taken only where someone can read it: a message sent to a municipality where no organisation has a redaktör (or administratör) in Löfte
would never be moderated nor answered, so the public page says "tar ännu inte emot synpunkter via
Löfte" and shows no form instead of promising that the municipality and the police read everything.
"""

from __future__ import annotations

from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from lofte.core.models import Membership, Municipality

MODERATOR_ROLES = (Membership.Role.EDITOR, Membership.Role.ADMIN)


def accepts_input(municipality: Municipality) -> bool:
    """True when an organisation serving the municipality has someone who moderates input."""
    return Membership.objects.filter(
        organisation__municipalities=municipality, role__in=MODERATOR_ROLES, user__is_active=True
    ).exists()


def reference(citizen_input) -> str:
    """The reference a sender is given and staff see ("S-2026-00042"): the year and the record's number.

    Citizen input is an official record (allmän handling); the reference lets the sender ask about
    it, or request it, without giving their name.
    """
    year = timezone.localtime(citizen_input.created_at).year
    return f"S-{year}-{citizen_input.pk:05d}"


_SALT = "lofte.dialogue.receipt"


def receipt_token(citizen_input) -> str:
    """A signed token for the thanks page's address, so that only a real submission shows a reference."""
    return signing.dumps(citizen_input.pk, salt=_SALT)


def from_receipt_token(token: str, municipality: Municipality, max_age: int = 3600):
    """The input a thanks-page token names (within the hour, of this municipality), or None."""
    try:
        pk = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    from lofte.dialogue.models import CitizenInput

    return CitizenInput.objects.filter(pk=pk, municipality=municipality).first() if isinstance(pk, int) else None


@task()
def send_receipt(input_id: int) -> bool:
    """E-mail the sender a receipt with the reference, when they left an address (and it is still kept)."""
    from lofte.dialogue.meetings import site_url
    from lofte.dialogue.models import CitizenInput

    citizen_input = CitizenInput.objects.select_related("municipality").filter(pk=input_id).exclude(email="").first()
    if citizen_input is None:
        return False
    name = citizen_input.municipality.name
    lines = [
        "Hej!",
        "",
        f"Tack för din synpunkt till {name}. Den kom in {timezone.localtime(citizen_input.created_at):%Y-%m-%d %H:%M}.",
        f"Ärendenummer: {reference(citizen_input)}",
        "",
        "En redaktör granskar synpunkten innan den publiceras. Du får ett mejl när den är besvarad.",
        "Synpunkten är en allmän handling. Ange ärendenumret om du vill fråga om den.",
        "",
        "Synpunkter och svar:",
        site_url(reverse("site:input_list", args=[citizen_input.municipality.slug])),
        "",
        "Din e-postadress används bara för att svara dig och raderas efter en tid.",
        "Det här mejlet går inte att svara på.",
    ]
    send_mail(subject=f"Vi har tagit emot din synpunkt ({reference(citizen_input)})", message="\n".join(lines),
              from_email=None, recipient_list=[citizen_input.email])
    return True
