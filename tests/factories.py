"""Plain functions that build test data. Tests call them directly; nothing is hidden in fixtures."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

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


def promise_set(kommun, first_year=2022, last_year=None, status=PromiseSet.Status.PUBLISHED, title=None, intro="",
                start=None, end=None, area=None):
    """A set for whole years (1 January – 31 December), or from `start` to `end`; `area` scopes it."""
    last_year = last_year or first_year
    start = start or date(first_year, 1, 1)
    end = end or date(last_year, 12, 31)
    years = f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    return PromiseSet.objects.create(
        municipality=kommun,
        start=start,
        end=end,
        area=area,
        title=title or f"Medborgarlöfte {years}",
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


def activity(commitment_, type="safety_walk", on=date(2022, 3, 1), count=1, area=None, note="", is_demo=False,
             recorded=None, details=None):
    """A record serving the commitment. `recorded` (a date or datetime) is when it was registered:
    by default the day after its date, as staff usually do; the ledger counts it from then."""
    obj = Activity.objects.create(
        type=type,
        date=on,
        municipality=commitment_.promise_set.municipality,
        area=area,
        count=count,
        public_note=note,
        is_demo=is_demo,
        details=details or {},
    )
    recorded = recorded or on + timedelta(days=1)
    if not isinstance(recorded, datetime):
        recorded = timezone.make_aware(datetime.combine(recorded, time(12, 0)))
    obj.created_at = recorded
    Activity.objects.filter(pk=obj.pk).update(created_at=recorded)
    obj.commitments.add(commitment_)
    return obj


def user(username="polis", organisation_=None, role=Membership.Role.RECORDER, password="korrekt-hast-batteri",
         full_name=None):
    """A staff user; `full_name` defaults to "<Username> Testsson" (approvals and assessments are signed
    with it), "" gives an account without a name."""
    if full_name is None:
        full_name = f"{username.capitalize()} Testsson"
    first, _sep, last = full_name.partition(" ")
    obj = get_user_model().objects.create_user(username=username, password=password, first_name=first, last_name=last)
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


def indicator_values(kommun, key="bra:narkotikabrott", values=None, *, area=None, name=None, period_kind="year",
                     status="live", is_demo=False):
    """An indicator (made once per key) with a series for the municipality, or one of its areas, and
    `values` ({period start: value}) written through one import run of the given status."""
    from lofte.situation.models import ImportRun, Indicator, Observation, Series

    indicator, _ = Indicator.objects.get_or_create(key=key, defaults={
        "name": name or f"Anmälda brott: {key.split(':')[-1].capitalize()}", "unit": "antal", "kind": "count",
        "period_kind": period_kind, "source": "bra", "attribution": "Källa: Brå", "licence": "CC BY 4.0",
    })
    series, _ = Series.objects.get_or_create(
        indicator=indicator, region=kommun.code, area=area, gender="T", defaults={"municipality": kommun})
    run = ImportRun.objects.create(source="bra", name=f"{key}.csv", status=status, is_demo=is_demo)
    for start, value in (values or {}).items():
        Observation.objects.create(series=series, period_start=start, value=value, run=run)
    return indicator
