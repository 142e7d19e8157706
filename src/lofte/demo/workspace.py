"""The demo's staff side: its two log-ins and work that waits for them on the start page.

- `demo`, a registrerare in the police area (records work, findings and meetings);
- `samordnare`, Maria Sandberg, the municipality's safety coordinator and redaktör, whose start page
  shows what a coordinator meets: a set the police have approved that now waits for her approval,
  citizen input to moderate, final assessments that are missing, a meeting to mark as held.

Both use the one demo password kept in the data directory (demo-password.txt), which survives new
runs of `lofte demo`: the file is the source of truth, so the printed password always works and a
session stays logged in. Everything here is invented and says so. Idempotent.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from lofte.core.models import Area, Membership, Municipality, Organisation
from lofte.dialogue.models import Meeting
from lofte.promises.models import Approval, Commitment, PromiseSet, Target, Theme

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEMO_USERNAME = "demo"
COORDINATOR_USERNAME = "samordnare"
POLICE_APPROVER = "Erik Lindqvist, kommunpolis"

READY_TITLE = "Medborgarlöfte för Åkers styckebruk 2027 (påhittat utkast)"
READY_INTRO = (
    "Påhittat exempel i demon: ett medborgarlöfte som är klart för godkännande. Polisen har godkänt det; "
    "det publiceras när kommunen också har godkänt."
)
READY_COMMITMENTS = [
    (1, "Polisen och Strängnäs kommun lovar att genomföra minst två trygghetsvandringar i Åkers styckebruk "
        "under året.", [(2, "trygghetsvandringar", "safety_walk")]),
    (2, "Strängnäs kommun lovar att se över belysningen vid gångtunneln och stationen.", []),
]
UNHELD_TITLE = "(Exempel) Dialogmöte om skolvägarna i Mariefred"


def password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-password.txt"


def demo_password() -> str:
    """The demo password from the data directory, generated once (owner-only file)."""
    path = password_file()
    password = path.read_text(encoding="utf-8").strip() if path.exists() else ""
    if password:
        return password
    password = secrets.token_urlsafe(9)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password)
    return password


def ensure_user(username: str, organisation: Organisation, role: str, password: str, **names) -> None:
    """A demo staff user with the demo password and a role in the organisation.

    The password is set only when it differs, so loading the demo again keeps everyone logged in
    (a new password hash would end their sessions).
    """
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=username, defaults=names)
    if not user.check_password(password):
        user.set_password(password)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})


def ensure_users(police: Organisation, kommun: Organisation) -> str:
    password = demo_password()
    ensure_user(DEMO_USERNAME, police, Membership.Role.RECORDER, password, first_name="Demo")
    ensure_user(COORDINATOR_USERNAME, kommun, Membership.Role.EDITOR, password,
                first_name="Maria", last_name="Sandberg")
    return password


def _local(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=STOCKHOLM)


def add_ready_set(strangnas: Municipality, areas: dict[str, Area], police: Organisation,
                  kommun: Organisation) -> bool:
    """A set ready for approval that the police approved two days ago: it waits for the municipality."""
    if PromiseSet.objects.filter(municipality=strangnas, title=READY_TITLE).exists():
        return False
    year = 2027
    promise_set = PromiseSet.objects.create(
        municipality=strangnas, area=areas["Åkers styckebruk"], start=datetime(year, 1, 1).date(),
        end=datetime(year, 12, 31).date(), title=READY_TITLE, intro=READY_INTRO, status=PromiseSet.Status.READY,
        signatories="Kommundirektör, Strängnäs kommun\nLokalpolisområdeschef, LPO Eskilstuna/Strängnäs",
    )
    theme = Theme.objects.create(promise_set=promise_set, title="Trygghet i Åkers styckebruk", position=0)
    for number, text, targets in READY_COMMITMENTS:
        commitment = Commitment.objects.create(promise_set=promise_set, number=number, text=text, theme=theme)
        commitment.parties.set([police, kommun] if number == 1 else [kommun])
        for count, unit, activity_type in targets:
            Target.objects.create(commitment=commitment, count=count, unit=unit, activity_type=activity_type,
                                  per=Target.Per.PERIOD)
    approval = Approval.objects.create(promise_set=promise_set, organisation=police, approver_name=POLICE_APPROVER)
    Approval.objects.filter(pk=approval.pk).update(approved_at=timezone.now() - timedelta(days=2))
    return True


def add_unheld_meeting(strangnas: Municipality, areas: dict[str, Area], kommun: Organisation) -> bool:
    """A public dialogue meeting of last week that nobody has marked as held yet."""
    if Meeting.objects.filter(municipality=strangnas, title=UNHELD_TITLE).exists():
        return False
    day = timezone.localdate() - timedelta(days=6)
    # Linked to the Mariefred set's dialogue-meeting promise while that set runs, so that "Markera
    # som genomfört" opens the activity form for it.
    commitment = Commitment.objects.filter(
        promise_set__municipality=strangnas, promise_set__area=areas["Mariefred"], number=2,
        promise_set__start__lte=day, promise_set__end__gte=day,
    ).first()
    Meeting.objects.create(
        municipality=strangnas, title=UNHELD_TITLE, kind=Meeting.Kind.DIALOGUE,
        description="Påhittat exempelmöte om trafiken vid skolorna.",
        starts_at=_local(day, 18), ends_at=_local(day, 20), place="Mariefreds skola, aulan",
        area=areas["Mariefred"], organiser=kommun, commitment=commitment,
    )
    return True
