"""A published, ended promise set with work, an assessment, a linked indicator, findings and input,
and an editor for each of its two parties: what the follow-up report tests build on."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from lofte.core.models import Membership
from lofte.dialogue.models import CitizenInput
from lofte.promises.models import Assessment
from lofte.situation.models import CommitmentIndicator
from tests import factories
from tests.site.helpers import strangnas_set
from tests.walks.helpers import finding

AS_OF = date(2023, 12, 31)
TODAY = date(2024, 3, 1)


def moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def assessment(commitment, organisation, text, on, verdict=""):
    """A signed assessment written on its date (a follow-up counts it from when it was written)."""
    made = Assessment.objects.create(commitment=commitment, text=text, assessed_on=on, organisation=organisation,
                                     author_name="Erik Polis", verdict=verdict)
    Assessment.objects.filter(pk=made.pk).update(created_at=moment(on))
    return made


def citizen_input(commitment, text, received, answered=None):
    item = CitizenInput.objects.create(
        municipality=commitment.promise_set.municipality, commitment=commitment, message=text, public_message=text,
        status=CitizenInput.Status.PUBLISHED, answer="Tack, vi har tagit med det." if answered else "",
        answered_at=moment(answered) if answered else None)
    CitizenInput.objects.filter(pk=item.pk).update(created_at=moment(received))
    return item


def world():
    kommun, ps, commitments, areas = strangnas_set(2022, 2023)
    police = commitments[0].parties.get(kind="police")
    town = commitments[0].parties.get(kind="municipality")
    walks = [factories.activity(commitments[0], "safety_walk", date(2022, 3, 1 + i), area=areas[i]) for i in range(3)]
    factories.activity(commitments[1], "home_visit", date(2022, 5, 1), count=3)
    factories.activity(commitments[1], "safety_walk", date(2023, 9, 1), area=areas[0])
    assessment(commitments[1], police, "Arbetet har gått bra.", date(2023, 12, 20))
    indicator = factories.indicator_values(kommun, values={date(2021, 1, 1): 180, date(2023, 1, 1): 140})
    CommitmentIndicator.objects.create(commitment=commitments[0], indicator=indicator)
    finding(walks[0], status="fixed", status_changed_at=moment(date(2022, 5, 1)))
    finding(walks[0], status="no_action", no_action_reason="Privat mark.", status_changed_at=moment(date(2022, 5, 1)))
    finding(walks[1], status="new")
    citizen_input(commitments[0], "Mörkt i tunneln.", date(2023, 2, 1), answered=date(2023, 3, 1))
    citizen_input(commitments[1], "Fler vandringar!", date(2023, 5, 1))
    return {
        "kommun": kommun, "set": ps, "commitments": commitments, "areas": areas, "police": police, "town": town,
        "indicator": indicator,
        "police_editor": factories.user("polisredaktor", police, role=Membership.Role.EDITOR),
        "town_editor": factories.user("kommunredaktor", town, role=Membership.Role.EDITOR),
        "reader": factories.user("lasare", town, role=Membership.Role.READER),
    }


def published_report(w, as_of=AS_OF, today=TODAY):
    from lofte.reports import workflow

    report = workflow.create_report(w["set"], w["town_editor"], as_of, today=today,
                                    introduction="Så här gick det.", conclusions="Det gick bra.",
                                    next_steps="Vi fortsätter.")
    workflow.submit(report, w["town_editor"])
    workflow.approve(report, w["police"], w["police_editor"], today=today)
    workflow.approve(report, w["town"], w["town_editor"], today=today)
    report.refresh_from_db()
    return report
