"""The weekly digest: what changed on what a subscription follows, as one plain-text mail.

What counts as a change, each read through the same public functions as the pages: published sets
that were published or changed (`published()`), public activities recorded (through
`public_activity_figures()`, so sensitive types are only totals and small counts say "färre än
5"), and published citizen input that got an answer. A week without changes sends nothing.

Each digest covers (covered_until, now]. A run claims a subscription with one conditional UPDATE
of covered_until before sending, so two workers never send the same digest twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lofte.activities import privacy
from lofte.activities.models import Activity
from lofte.dialogue.meetings import site_url
from lofte.dialogue.models import CitizenInput
from lofte.promises.models import PromiseSet
from lofte.subscriptions import mail
from lofte.subscriptions.models import Subscription
from lofte.subscriptions.subscribing import purge_unconfirmed

# A subscription is due when its last digest is at least this old (the weekly run may start a
# little earlier or later than the week before).
DUE_AFTER = timedelta(days=6)
# Public activities are counted whatever their date; this is only the lower bound of the query.
EARLIEST = date(1900, 1, 1)


@dataclass
class Digest:
    new_sets: list[PromiseSet] = field(default_factory=list)
    changed_sets: list[PromiseSet] = field(default_factory=list)
    # (type label, how many, in public words): "Trygghetsvandring", "2"; a sensitive type "färre än 5".
    activities: list[tuple[str, str]] = field(default_factory=list)
    answered: int = 0

    @property
    def empty(self) -> bool:
        return not (self.new_sets or self.changed_sets or self.activities or self.answered)


def what_changed(subscription: Subscription, since: datetime, until: datetime) -> Digest:
    municipality = subscription.municipality
    sets = PromiseSet.objects.published().filter(municipality=municipality)
    activities = Activity.objects.filter(municipality=municipality, created_at__gt=since, created_at__lte=until)
    answered = CitizenInput.objects.published().filter(municipality=municipality, answered_at__gt=since,
                                                       answered_at__lte=until)
    if subscription.promise_set_id:
        sets = sets.filter(pk=subscription.promise_set_id)
        activities = activities.filter(commitments__promise_set=subscription.promise_set_id).distinct()
        answered = answered.filter(commitment__promise_set=subscription.promise_set_id)
    touched = list(
        sets.filter(Q(published_at__gt=since, published_at__lte=until) | Q(updated_at__gt=since, updated_at__lte=until))
        .select_related("area", "municipality").order_by("-end", "-start")
    )
    new = [s for s in touched if s.published_at and since < s.published_at <= until]
    figures = privacy.public_activity_figures(activities, start=EARLIEST, end=timezone.localdate(until))
    per_type = Counter(record.type_label for record in figures.records)
    work = [(label, str(n)) for label, n in sorted(per_type.items(), key=lambda item: (-item[1], item[0]))]
    work += [(total.type_label, total.count) for total in figures.totals]
    return Digest(new_sets=new, changed_sets=[s for s in touched if s not in new], activities=work,
                  answered=answered.count())


def digest_lines(subscription: Subscription, digest: Digest, since: datetime) -> list[str]:
    municipality = subscription.municipality
    lines = ["Hej!", "", f"Det här har hänt med {subscription.subject_phrase} sedan {timezone.localtime(since):%Y-%m-%d}:", ""]
    for promise_set in digest.new_sets:
        lines += [f"Nytt medborgarlöfte: {promise_set.title} ({promise_set.period_label})",
                  site_url(promise_set.get_absolute_url()), ""]
    for promise_set in digest.changed_sets:
        lines += [f"Ändrat medborgarlöfte: {promise_set.title} ({promise_set.period_label})",
                  site_url(promise_set.get_absolute_url()), ""]
    if digest.activities:
        lines.append("Nya registrerade insatser:")
        lines += [f"- {label}: {count}" for label, count in digest.activities]
        lines += [site_url(subscription.followed_url()), ""]
    if digest.answered:
        noun = "synpunkt har" if digest.answered == 1 else "synpunkter har"
        lines += [f"{digest.answered} {noun} fått svar:",
                  site_url(reverse("site:input_list", args=[municipality.slug])), ""]
    return lines


def send_digest(subscription: Subscription, now: datetime | None = None) -> bool:
    """Claim the subscription's next window and send what changed in it; False when someone else
    claimed it or nothing changed."""
    now = now or timezone.now()
    since = subscription.covered_until or subscription.confirmed_at
    claimed = Subscription.objects.filter(pk=subscription.pk, covered_until=subscription.covered_until,
                                          confirmed_at__isnull=False).update(covered_until=now)
    if not claimed:
        return False
    try:
        digest = what_changed(subscription, since, now)
        if digest.empty:
            return False
        mail.send(subscription, f"Nytt i {subscription.subject_name} – veckans sammanfattning från Löfte",
                  digest_lines(subscription, digest, since))
    except Exception:
        # Not sent: give the window back, so next week's digest covers it.
        Subscription.objects.filter(pk=subscription.pk, covered_until=now).update(covered_until=since)
        raise
    return True


@dataclass(frozen=True)
class DigestRun:
    sent: int
    quiet: int
    purged: int

    def line(self) -> str:
        return (f"Veckosammanfattningar: {self.sent} skickade, {self.quiet} utan nyheter; "
                f"{self.purged} obekräftade prenumerationer raderade.")


def send_due_digests(now: datetime | None = None) -> DigestRun:
    now = now or timezone.now()
    purged = purge_unconfirmed(now)
    due = (
        Subscription.objects.confirmed().filter(Q(covered_until__isnull=True) | Q(covered_until__lte=now - DUE_AFTER))
        .select_related("municipality", "promise_set__area", "promise_set__municipality").order_by("pk")
    )
    sent = quiet = 0
    for subscription in due.iterator(chunk_size=500):
        if send_digest(subscription, now):
            sent += 1
        else:
            quiet += 1
    return DigestRun(sent, quiet, purged)
