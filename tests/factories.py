"""Plain functions that build test data. Tests call them directly; nothing is hidden in fixtures."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from lofte.activities.models import Activity
from lofte.core.models import Area, Membership, Municipality, Organisation
from lofte.promises.models import Commitment, PromiseSet, Target, Theme

AREAS = ["Strängnäs", "Mariefred", "Åkers styckebruk", "Stallarholmen", "Läggesta"]


def municipality(code="0486", name="Strängnäs", slug=None, county="Södermanlands län", county_code="04"):
    from django.utils.text import slugify

    obj, _ = Municipality.objects.get_or_create(
        code=code,
        defaults={"name": name, "slug": slug or slugify(name), "county": county, "county_code": county_code},
    )
    return obj


def areas(kommun, names=AREAS):
    from django.utils.text import slugify

    return [Area.objects.get_or_create(municipality=kommun, slug=slugify(n), defaults={"name": n})[0] for n in names]


def organisation(kommun, kind="police", name=None):
    default = {"police": f"LPO {kommun.name}", "municipality": f"{kommun.name} kommun", "other": "Räddningstjänsten"}
    org, _ = Organisation.objects.get_or_create(name=name or default[kind], kind=kind)
    org.municipalities.add(kommun)
    return org


def promise_set(kommun, first_year=2022, last_year=None, status=PromiseSet.Status.PUBLISHED, title=None, intro=""):
    last_year = last_year or first_year
    return PromiseSet.objects.create(
        municipality=kommun,
        first_year=first_year,
        last_year=last_year,
        title=title or f"Medborgarlöfte {first_year}" + (f"–{last_year}" if last_year != first_year else ""),
        intro=intro,
        status=status,
    )


def theme(promise_set_, title="Trygg trafikmiljö", position=0):
    return Theme.objects.create(promise_set=promise_set_, title=title, position=position)


def commitment(promise_set_, number=1, text="Polisen lovar insatser mot trimmade mopeder.", theme_=None,
               parties=(), targets=()):
    obj = Commitment.objects.create(promise_set=promise_set_, number=number, text=text, theme=theme_)
    obj.parties.set(parties)
    for target in targets:
        Target.objects.create(commitment=obj, **target)
    return obj


def activity(commitment_, type="safety_walk", on=date(2022, 3, 1), count=1, area=None, note="", is_demo=False):
    obj = Activity.objects.create(
        type=type,
        date=on,
        municipality=commitment_.promise_set.municipality,
        area=area,
        count=count,
        public_note=note,
        is_demo=is_demo,
    )
    obj.commitments.add(commitment_)
    return obj


def user(username="polis", organisation_=None, role=Membership.Role.RECORDER, password="korrekt-hast-batteri"):
    obj = get_user_model().objects.create_user(username=username, password=password)
    if organisation_ is not None:
        Membership.objects.create(user=obj, organisation=organisation_, role=role)
    return obj


def totp_device(user_, confirmed=True):
    """A TOTP device for the user; compute its current code with totp_code(device)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user_, name="Telefon", confirmed=confirmed)


def totp_code(device, offset_steps=0):
    """The code the device's app shows now (or `offset_steps` periods of 30 s later), zero-padded."""
    from django_otp.oath import totp

    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps)
    return f"{value:0{device.digits}d}"


def verified_login(client, user_):
    """Log the user in as if they had also entered a code from their app (required for administratörer).

    Creates a confirmed TOTP device if the user has none.
    """
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user_, confirmed=True).first() or totp_device(user_)
    client.force_login(user_)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
