"""Builders for findings tests: a published safety walk with staff of every role, and photo bytes."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from PIL import Image

from lofte.core.models import Membership
from lofte.promises.models import PromiseSet
from lofte.walks.models import Finding, FindingPhoto
from tests import factories


def world(status=PromiseSet.Status.PUBLISHED):
    """Strängnäs with a safety walk serving a published commitment, staff of each role, and
    Stockholm with its own walk (another municipality's data)."""
    kommun = factories.municipality()
    areas = factories.areas(kommun)
    police = factories.organisation(kommun, "police")
    ps = factories.promise_set(kommun, 2021, status=status)
    commitment = factories.commitment(ps, number=5, text="Minst fyra trygghetsvandringar.", parties=[police])
    walk = factories.activity(commitment, type="safety_walk", on=date(2021, 9, 20), area=areas[0])
    walk.details = {"route": "Stationen – gångtunneln – torget", "participants": 14, "light": "dark",
                    "organisations_present": "Bostadsbolaget", "follow_up_date": "2021-10-11"}
    walk.save()
    walk.organisations.add(police)
    reader = factories.user("lasare", police, Membership.Role.READER)
    recorder = factories.user("polis", police, Membership.Role.RECORDER)
    editor = factories.user("redaktor", police, Membership.Role.EDITOR)
    other = factories.municipality("0180", "Stockholm", county="Stockholms län", county_code="01")
    other_police = factories.organisation(other, "police", name="LPO Stockholm")
    other_set = factories.promise_set(other, 2021)
    other_commitment = factories.commitment(other_set, number=1, text="Stockholms löfte.")
    other_walk = factories.activity(other_commitment, type="safety_walk", on=date(2021, 9, 1))
    outsider = factories.user("stockholmare", other_police, Membership.Role.EDITOR)
    return {
        "kommun": kommun, "areas": areas, "police": police, "set": ps, "commitment": commitment, "walk": walk,
        "reader": reader, "recorder": recorder, "editor": editor, "other": other, "other_walk": other_walk,
        "outsider": outsider,
    }


def finding(walk, **fields) -> Finding:
    values = {
        "category": "lighting", "description": "Trasig gatlampa vid gångtunneln.",
        "latitude": Decimal("59.377000"), "longitude": Decimal("17.030000"), "address": "Gångtunneln vid Nygatan",
        "owner": "Gatuenheten", "owner_email": "gatuenheten@example.se", "deadline": date(2021, 10, 20),
        "status": "new",
    }
    values.update(fields)
    return Finding.objects.create(walk=walk, municipality_id=walk.municipality_id, **values)


def jpeg_bytes(size=(40, 30), exif=None, colour=(200, 30, 30), fmt="JPEG") -> bytes:
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def exif_with_gps_and_serial() -> bytes:
    """EXIF with a GPS position, a camera serial number, a maker and a date."""
    exif = Image.Exif()
    exif[0x010F] = "Kamerabolaget"  # Make
    exif[0x0110] = "Modell X"  # Model
    exif[0x0132] = "2021:09:20 21:14:00"  # DateTime
    ifd = exif.get_ifd(0x8769)  # Exif IFD
    ifd[0xA431] = "SERIE-123456789"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)  # GPS IFD
    gps[1] = "N"
    gps[2] = (59.0, 22.0, 37.2)
    gps[3] = "E"
    gps[4] = (17.0, 1.0, 48.0)
    return exif.tobytes()


def photo(finding_, approved_by=None, data=None) -> FindingPhoto:
    from django.core.files.base import ContentFile
    from django.utils import timezone

    item = FindingPhoto(finding=finding_, width=40, height=30, alt_text="Trasig lampa")
    item.image.save("x.jpg", ContentFile(data or jpeg_bytes()), save=False)
    if approved_by is not None:
        item.approved_by = approved_by
        item.approved_at = timezone.now()
    item.save()
    return item
