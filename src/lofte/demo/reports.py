"""The demo's follow-up report: Strängnäs 2022–2023 as of 31 January 2024, approved and published,
and the indicators its commitments should move ("Effekter per löfte").

The commitments and their texts are real; the activities, assessments and statistics the report
shows are the demo's invented ones (the report says so), and so are its texts and approvals.
The report goes through the real workflow functions; only its two approvals are written directly,
dated a few weeks after the period, by the demo's invented signatories.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from lofte.core.models import Municipality, Organisation
from lofte.promises.models import Commitment, PromiseSet
from lofte.reports import workflow
from lofte.reports.models import FollowUpReport, ReportApproval
from lofte.situation.models import CommitmentIndicator, Indicator

PERIOD = "2022-2023"
AS_OF = date(2024, 1, 31)
SURVEY_PREFIX = "enkat:polisens-trygghetsmatning-demo:"
# (commitment number, indicator key or key prefix)
DEMO_LINKS = [
    (1, SURVEY_PREFIX),
    (2, "bra:narkotikabrott"),
    (3, "kolada:N07403"),
    (5, "kolada:N07540"),
]
INTRODUCTION = (
    "Den här uppföljningen visar vad Polisen och Strängnäs kommun gjorde för medborgarlöftena 2022–2023, "
    "vad det blev av varje löfte och vad statistiken visar för de frågor löftena gällde.\n\n"
    "Uppgifterna är de som var registrerade i Löfte den 14 februari 2024."
)
CONCLUSIONS = (
    "Dialogmötena nådde alla kommundelar, och samverkan i trafiksäkerhetsrådet fungerade väl. Arbetet mot "
    "sexuell exploatering av unga kom inte igång som planerat.\n\n"
    "Andelen som känner sig otrygga och antalet anmälda narkotikabrott har förändrats under perioden, men "
    "det går inte att säga att förändringen beror på löftena."
)
NEXT_STEPS = (
    "I medborgarlöftet för 2024–2025 fortsätter dialogmötena. Informationsinsatserna i skolorna om sexuell "
    "exploatering planeras tillsammans med elevhälsan redan under våren."
)
APPROVERS = {"police": "Erik Lindqvist, kommunpolis", "kommun": "Maria Sandberg, trygghetssamordnare"}


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def add_demo_links(strangnas: Municipality) -> int:
    commitments = {c.number: c for c in Commitment.objects.filter(
        promise_set__municipality=strangnas, promise_set__area=None, promise_set__slug=PERIOD)}
    created = 0
    for number, key in DEMO_LINKS:
        indicator = Indicator.objects.filter(key__startswith=key).order_by("key").first()
        commitment = commitments.get(number)
        if indicator is None or commitment is None:
            continue
        _link, new = CommitmentIndicator.objects.get_or_create(commitment=commitment, indicator=indicator)
        created += int(new)
    return created


def add_demo_report(strangnas: Municipality, police: Organisation, kommun: Organisation) -> bool:
    """The published follow-up of 2022–2023, once."""
    promise_set = PromiseSet.objects.published().filter(municipality=strangnas, area=None, slug=PERIOD).first()
    if promise_set is None or FollowUpReport.objects.filter(promise_set=promise_set, as_of=AS_OF).exists():
        return False
    report = workflow.create_report(promise_set, None, AS_OF, introduction=INTRODUCTION, conclusions=CONCLUSIONS,
                                    next_steps=NEXT_STEPS)
    FollowUpReport.objects.filter(pk=report.pk).update(is_demo=True, status=FollowUpReport.Status.READY)
    report.refresh_from_db()
    for number, (organisation, who) in enumerate(((police, "police"), (kommun, "kommun"))):
        approval = ReportApproval.objects.create(report=report, organisation=organisation, approver_name=APPROVERS[who])
        ReportApproval.objects.filter(pk=approval.pk).update(approved_at=_moment(date(2024, 2, 19 + number)))
    workflow.publish(report, None, today=date(2024, 2, 20), at=_moment(date(2024, 2, 20), 14))
    return True
