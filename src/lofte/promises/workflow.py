"""Publishing and assessing promise sets: the workflow as plain functions.

A set goes draft → ready for approval → published. Publishing needs the approval of a redaktör of
each promising party (the organisations named on the set's commitments); the last approval
publishes the set. Editing a ready set's content withdraws the approvals, so nobody approves a text
that changed under them. Once a set is published, the text of its commitments is frozen: a change
keeps the previous text as a CommitmentVersion with the reason for the change.

The functions take plain arguments and raise WorkflowError (with a Swedish message fit to show
the user) on an illegal step. Whether a user may edit a municipality at all is decided by
lofte.core.permissions in the views; the functions here check only what the workflow itself
demands (that an approver is a redaktör of the organisation they approve for). Every change is
written to the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from lofte.core.audit import log_change, snapshot
from lofte.core import people
from lofte.core.models import Membership, Organisation
from lofte.promises import periods, titles
from lofte.promises.models import (
    Approval,
    Assessment,
    Commitment,
    CommitmentVersion,
    PromiseSet,
    PromiseSetAlias,
    Target,
    Theme,
)
from lofte.promises.status import Period

# The roles that may approve a set on behalf of their organisation (redaktör and above).
APPROVER_ROLES = (Membership.Role.EDITOR, Membership.Role.ADMIN)
# A set needs at least one promising party of these kinds before it can go to approval. Most sets
# are promised by the police and the municipality together (DESIGN.md §1), but some district sets
# are the police's alone, with the district administration as a partner (PromiseSet.partners).
PROMISING_PARTY_KINDS = (Organisation.Kind.POLICE, Organisation.Kind.MUNICIPALITY)


# The police first, then the municipality, then other actors, as the promises name them.
_PARTY_ORDER = Case(
    When(kind=Organisation.Kind.POLICE, then=Value(0)),
    When(kind=Organisation.Kind.MUNICIPALITY, then=Value(1)),
    default=Value(2),
)


class WorkflowError(Exception):
    """An illegal step in the workflow; the message is Swedish and names the problem."""


# ---------------------------------------------------------------------------------------------
# Reading the state


_PARTY_RANK = {Organisation.Kind.POLICE: 0, Organisation.Kind.MUNICIPALITY: 1}


def party_sort_key(organisation: Organisation) -> tuple[int, str]:
    """parties_of()'s order for organisations already loaded: the police, the municipality, others."""
    return _PARTY_RANK.get(organisation.kind, 2), organisation.name


def parties_of(promise_set: PromiseSet) -> QuerySet[Organisation]:
    """The promising parties: every organisation named on the set's (non-archived) commitments."""
    return (
        Organisation.objects.filter(commitments__promise_set=promise_set, commitments__archived=False)
        .distinct()
        .order_by(_PARTY_ORDER, "name")
    )


def missing_approvals(promise_set: PromiseSet) -> list[Organisation]:
    """The parties that have not approved the set yet."""
    approved = set(promise_set.approvals.values_list("organisation_id", flat=True))
    return [party for party in parties_of(promise_set) if party.pk not in approved]


def approvable_organisations(promise_set: PromiseSet, user) -> list[Organisation]:
    """The parties of the set for which the user could approve now (redaktör, not yet approved)."""
    if promise_set.status != PromiseSet.Status.READY or not user.is_authenticated:
        return []
    mine = set(
        Membership.objects.filter(user=user, role__in=APPROVER_ROLES).values_list("organisation_id", flat=True)
    )
    return [party for party in missing_approvals(promise_set) if party.pk in mine]


display_name = people.full_name


def require_full_name(user) -> str:
    """Approvals and assessments are signed with a person's name, never a username."""
    try:
        return people.require_full_name(user)
    except people.NameRequired as error:
        raise WorkflowError(_(str(error))) from None


@dataclass(frozen=True)
class AwaitingVerdict:
    """An ended set whose commitments without a measurable target still lack a final assessment."""

    promise_set: PromiseSet
    commitments: list[Commitment]


def awaiting_final_assessment(municipalities, today: date) -> list[AwaitingVerdict]:
    """Per ended published set of the municipalities, the commitments that read "Slutbedömning saknas"."""
    measurable = Target.objects.filter(commitment=OuterRef("pk")).filter(Q(count__isnull=False) | Q(covers_areas=True))
    final = Assessment.objects.filter(commitment=OuterRef("pk")).exclude(verdict="")
    commitments = (
        Commitment.objects.published()
        .filter(promise_set__municipality__in=municipalities, promise_set__end__lte=today)
        .exclude(Exists(measurable)).exclude(Exists(final))
        .select_related("promise_set__municipality", "promise_set__area")
        .order_by("-promise_set__end", "promise_set_id", "number")
    )
    by_set: dict[int, AwaitingVerdict] = {}
    for commitment in commitments:
        entry = by_set.setdefault(commitment.promise_set_id, AwaitingVerdict(commitment.promise_set, []))
        entry.commitments.append(commitment)
    return list(by_set.values())


@dataclass(frozen=True)
class AwaitingApproval:
    """A set ready for approval: who approved, who is still missing, and for which of the missing
    parties the user can approve (redaktör or administratör of that organisation)."""

    promise_set: PromiseSet
    approvals: list[Approval]
    missing: list[Organisation]
    yours: list[Organisation]

    @property
    def waits_for_user(self) -> bool:
        return bool(self.yours)


def _party_key(organisation: Organisation) -> tuple:
    order = {Organisation.Kind.POLICE: 0, Organisation.Kind.MUNICIPALITY: 1}
    return (order.get(organisation.kind, 2), organisation.name)


def awaiting_approval(municipalities, user) -> list[AwaitingApproval]:
    """The sets of the municipalities that are ready for approval, in five queries however many.

    For the user's start page: a set whose missing parties include one of the user's organisations
    (where they are redaktör or more) waits for them, also when another party approved first.
    """
    sets = list(
        PromiseSet.objects.filter(status=PromiseSet.Status.READY, municipality__in=municipalities)
        .select_related("municipality", "area").order_by("municipality__name", "start", "pk")
    )
    if not sets:
        return []
    through = Commitment.parties.through
    pairs = set(
        through.objects.filter(commitment__promise_set__in=sets, commitment__archived=False)
        .values_list("commitment__promise_set_id", "organisation_id")
    )
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in={o for _s, o in pairs})}
    approvals: dict[int, list[Approval]] = {}
    for approval in Approval.objects.filter(promise_set__in=sets).select_related("organisation").order_by("approved_at"):
        approvals.setdefault(approval.promise_set_id, []).append(approval)
    mine = set()
    if user.is_authenticated:
        mine = set(Membership.objects.filter(user=user, role__in=APPROVER_ROLES).values_list("organisation_id", flat=True))
    waiting = []
    for promise_set in sets:
        approved = {a.organisation_id for a in approvals.get(promise_set.pk, [])}
        parties = sorted((organisations[o] for s, o in pairs if s == promise_set.pk), key=_party_key)
        missing = [p for p in parties if p.pk not in approved]
        waiting.append(AwaitingApproval(
            promise_set=promise_set, approvals=approvals.get(promise_set.pk, []), missing=missing,
            yours=[p for p in missing if p.pk in mine],
        ))
    return waiting


def _set_municipality(promise_set: PromiseSet) -> int:
    return promise_set.municipality_id


# ---------------------------------------------------------------------------------------------
# Status transitions


@transaction.atomic
def submit_for_approval(promise_set: PromiseSet, user) -> PromiseSet:
    """Draft → ready for approval. The set's commitments must name the police or the municipality."""
    promise_set = PromiseSet.objects.select_for_update().get(pk=promise_set.pk)
    if promise_set.status != PromiseSet.Status.DRAFT:
        raise WorkflowError(_("Bara ett utkast kan skickas för godkännande."))
    if not promise_set.commitments.filter(archived=False).exists():
        raise WorkflowError(_("Medborgarlöftet har inga löften ännu."))
    kinds = set(parties_of(promise_set).values_list("kind", flat=True))
    if not kinds & set(PROMISING_PARTY_KINDS):
        raise WorkflowError(
            _("Löftena måste ha polisen eller kommunen (eller båda) som part som lovar.")
        )
    before = snapshot(promise_set)
    promise_set.status = PromiseSet.Status.READY
    promise_set.save(update_fields=["status", "updated_at"])
    log_change(user, "update", promise_set, before=before, after=snapshot(promise_set),
               municipality_id=_set_municipality(promise_set))
    return promise_set


@transaction.atomic
def approve(promise_set: PromiseSet, organisation: Organisation, user, approver_name: str = "") -> Approval:
    """Approve a ready set on behalf of one party; the last party's approval publishes the set."""
    promise_set = PromiseSet.objects.select_for_update().get(pk=promise_set.pk)
    if promise_set.status != PromiseSet.Status.READY:
        raise WorkflowError(_("Bara ett medborgarlöfte som är klart för godkännande kan godkännas."))
    if not parties_of(promise_set).filter(pk=organisation.pk).exists():
        raise WorkflowError(
            _("%(organisation)s är inte part i medborgarlöftet.") % {"organisation": organisation.name}
        )
    if not Membership.objects.filter(user=user, organisation=organisation, role__in=APPROVER_ROLES).exists():
        raise WorkflowError(
            _("Bara en redaktör i %(organisation)s kan godkänna för organisationen.")
            % {"organisation": organisation.name}
        )
    if promise_set.approvals.filter(organisation=organisation).exists():
        raise WorkflowError(
            _("%(organisation)s har redan godkänt medborgarlöftet.") % {"organisation": organisation.name}
        )
    full_name = require_full_name(user)
    approval = Approval.objects.create(
        promise_set=promise_set,
        organisation=organisation,
        user=user,
        approver_name=(approver_name.strip() or full_name)[:200],
    )
    log_change(user, "approve", approval, after=snapshot(approval), municipality_id=_set_municipality(promise_set))
    if not missing_approvals(promise_set):
        _publish(promise_set, user)
    return approval


def _publish(promise_set: PromiseSet, user) -> None:
    before = snapshot(promise_set)
    promise_set.status = PromiseSet.Status.PUBLISHED
    promise_set.published_at = timezone.now()
    promise_set.save(update_fields=["status", "published_at", "updated_at"])
    log_change(user, "publish", promise_set, before=before, after=snapshot(promise_set),
               municipality_id=_set_municipality(promise_set))


@transaction.atomic
def withdraw(promise_set: PromiseSet, user, reason: str = "") -> PromiseSet:
    """Ready for approval → draft; every approval given so far is removed (and logged)."""
    promise_set = PromiseSet.objects.select_for_update().get(pk=promise_set.pk)
    if promise_set.status != PromiseSet.Status.READY:
        raise WorkflowError(_("Bara ett medborgarlöfte som är klart för godkännande kan dras tillbaka."))
    _back_to_draft(promise_set, user, reason)
    return promise_set


def _back_to_draft(promise_set: PromiseSet, user, reason: str) -> None:
    before = snapshot(promise_set)
    before["approvals"] = [snapshot(a) for a in promise_set.approvals.all()]
    promise_set.approvals.all().delete()
    promise_set.status = PromiseSet.Status.DRAFT
    promise_set.save(update_fields=["status", "updated_at"])
    after = snapshot(promise_set)
    after["approvals"] = []
    if reason:
        after["reason"] = reason
    log_change(user, "update", promise_set, before=before, after=after, municipality_id=_set_municipality(promise_set))


def content_changed(promise_set: PromiseSet, user) -> bool:
    """Called after an edit of a set's content: a ready set loses its approvals and returns to draft.

    Returns whether the set was sent back to draft.
    """
    status = PromiseSet.objects.filter(pk=promise_set.pk).values_list("status", flat=True).first()
    if status != PromiseSet.Status.READY:
        return False
    _back_to_draft(promise_set, user, _("Innehållet ändrades efter att det skickats för godkännande."))
    promise_set.status = PromiseSet.Status.DRAFT
    return True


# ---------------------------------------------------------------------------------------------
# Editing a set, its themes and commitments


SET_FIELDS = ("title", "intro", "signatories", "start", "end", "area", "partners")
# What the set's public address is made of; changing it on a published set needs a reason and keeps
# the old address working (PromiseSetAlias).
ADDRESS_FIELDS = ("start", "end", "area")


def _check_period(municipality_id: int, start, end, area, exclude_pk: int | None = None) -> None:
    if start is None or end is None:
        raise WorkflowError(_("Ange periodens första och sista dag."))
    if end < start:
        raise WorkflowError(_("Periodens sista dag ligger före den första."))
    if area is not None and area.municipality_id != municipality_id:
        raise WorkflowError(_("Området hör inte till medborgarlöftets kommun."))
    clash = PromiseSet.objects.filter(municipality_id=municipality_id, area=area, start=start, end=end)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise WorkflowError(
            _("Det finns redan ett medborgarlöfte för perioden %(period)s%(area)s.")
            % {"period": periods.iso_label(Period(start, end)), "area": f" i {area.name}" if area else ""}
        )


@transaction.atomic
def create_promise_set(municipality, user, **values) -> PromiseSet:
    values = {k: v for k, v in values.items() if k in SET_FIELDS}
    partners = values.pop("partners", ())
    _check_period(municipality.pk, values.get("start"), values.get("end"), values.get("area"))
    promise_set = PromiseSet.objects.create(municipality=municipality, status=PromiseSet.Status.DRAFT, **values)
    promise_set.partners.set(partners)
    log_change(user, "create", promise_set, after=snapshot(promise_set), municipality_id=municipality.pk)
    return promise_set


def _readdress(promise_set: PromiseSet, old_area, old_slug: str) -> None:
    """After a change of period or area: keep the address if it still fits, else give a new one and
    keep the old as an alias that redirects."""
    fits = old_slug in _candidates_for(promise_set) and promise_set.area_id == (old_area.pk if old_area else None)
    if fits:
        return
    promise_set.slug = ""
    promise_set.slug = periods.free_slug(promise_set.dates, promise_set.slug_taken)
    if promise_set.is_published or promise_set.published_at:
        PromiseSetAlias.objects.get_or_create(
            municipality_id=promise_set.municipality_id, area=old_area, slug=old_slug, promise_set=promise_set
        )


def _candidates_for(promise_set: PromiseSet) -> set[str]:
    base = periods.years_slug(promise_set.dates)
    return {base, f"{base}-{periods.MONTH_ABBREVIATIONS[promise_set.start.month - 1]}"}


@transaction.atomic
def update_promise_set(promise_set: PromiseSet, user, reason: str = "", **values) -> bool:
    """Change a set's title, intro, signatories, period, area or partners. Returns whether anything
    changed.

    A published set's period and area are part of its public address: they may be corrected (a set
    imported as whole years that really ran from July to June) with a reason, which is logged, and
    the old address redirects to the new one.
    """
    unknown = set(values) - set(SET_FIELDS)
    if unknown:
        raise WorkflowError(_("Okända fält: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    before = snapshot(promise_set)
    partners = values.pop("partners", None)
    changed = {k: v for k, v in values.items() if getattr(promise_set, k) != v}
    partners_changed = partners is not None and (
        sorted(p.pk for p in partners) != sorted(promise_set.partners.values_list("pk", flat=True))
    )
    if not changed and not partners_changed:
        return False
    address_changed = set(ADDRESS_FIELDS) & set(changed)
    if address_changed and promise_set.is_published and not reason.strip():
        raise WorkflowError(
            _("Ange skälet till ändringen: medborgarlöftet är publicerat, och perioden och området syns öppet.")
        )
    old_area, old_slug = promise_set.area, promise_set.slug
    for key, value in changed.items():
        setattr(promise_set, key, value)
    if address_changed:
        _check_period(promise_set.municipality_id, promise_set.start, promise_set.end, promise_set.area,
                      exclude_pk=promise_set.pk)
        _readdress(promise_set, old_area, old_slug)
    promise_set.save()
    if partners_changed:
        promise_set.partners.set(partners)
    after = snapshot(promise_set)
    if reason.strip():
        after["reason"] = reason.strip()
    log_change(user, "update", promise_set, before=before, after=after,
               municipality_id=_set_municipality(promise_set))
    content_changed(promise_set, user)
    return True


@transaction.atomic
def set_short_title(commitment: Commitment, user, short_title: str) -> bool:
    """A redaktör names a commitment; the name is only a heading, so no approval is withdrawn."""
    short_title = " ".join(short_title.split())[:100]
    if short_title == commitment.short_title:
        return False
    before = snapshot(commitment)
    commitment.short_title = short_title
    commitment.save(update_fields=["short_title"])
    log_change(user, "update", commitment, before=before, after=snapshot(commitment),
               municipality_id=commitment.promise_set.municipality_id)
    return True


@transaction.atomic
def add_theme(promise_set: PromiseSet, user, title: str) -> Theme:
    position = (promise_set.themes.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    theme = Theme.objects.create(promise_set=promise_set, title=title, position=position)
    log_change(user, "create", theme, after=snapshot(theme), municipality_id=_set_municipality(promise_set))
    content_changed(promise_set, user)
    return theme


@transaction.atomic
def rename_theme(theme: Theme, user, title: str) -> bool:
    if theme.title == title:
        return False
    before = snapshot(theme)
    theme.title = title
    theme.save()
    log_change(user, "update", theme, before=before, after=snapshot(theme),
               municipality_id=theme.promise_set.municipality_id)
    content_changed(theme.promise_set, user)
    return True


@transaction.atomic
def delete_theme(theme: Theme, user) -> None:
    """Remove a heading; its commitments stay, without a theme."""
    promise_set = theme.promise_set
    before = snapshot(theme)
    theme.delete()
    log_change(user, "delete", None, before=before, object_type=Theme._meta.label, object_id=str(before["id"]),
               object_repr=before["title"], municipality_id=promise_set.municipality_id)
    content_changed(promise_set, user)


def _require_reason(promise_set: PromiseSet, reason: str) -> None:
    if promise_set.is_published and not reason.strip():
        raise WorkflowError(_("Ange skälet till ändringen: löftet är publicerat och ändringen visas öppet."))


@transaction.atomic
def create_commitment(promise_set: PromiseSet, user, *, text: str, theme: Theme | None = None,
                      parties: Iterable[Organisation] = (), number: int | None = None,
                      short_title: str = "") -> Commitment:
    """Add a commitment to a set that is not published (a published set's content is frozen)."""
    if promise_set.is_published:
        raise WorkflowError(_("Ett publicerat medborgarlöfte kan inte få nya löften."))
    if number is None:
        number = (promise_set.commitments.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    elif promise_set.commitments.filter(number=number).exists():
        raise WorkflowError(_("Det finns redan ett löfte med nummer %(number)s.") % {"number": number})
    commitment = Commitment.objects.create(
        promise_set=promise_set, number=number, text=text.strip(), theme=theme,
        short_title=(" ".join(short_title.split()) or titles.short_title(text))[:100],
    )
    commitment.parties.set(parties)
    log_change(user, "create", commitment, after=snapshot(commitment), municipality_id=_set_municipality(promise_set))
    content_changed(promise_set, user)
    return commitment


@transaction.atomic
def edit_commitment_text(commitment: Commitment, user, text: str, reason: str = "") -> CommitmentVersion | None:
    """Change a commitment's text. For a published set the previous text becomes a version.

    Returns the version stored, or None when no version was needed (unchanged text or unpublished set).
    """
    text = text.strip()
    if not text:
        raise WorkflowError(_("Löftet måste ha en text."))
    commitment = Commitment.objects.select_for_update().select_related("promise_set").get(pk=commitment.pk)
    promise_set = commitment.promise_set
    if text == commitment.text:
        return None
    _require_reason(promise_set, reason)
    before = snapshot(commitment)
    version = None
    if promise_set.is_published:
        previous = commitment.versions.order_by("-version").first()
        valid_from = previous.valid_until if previous else (promise_set.published_at or promise_set.created_at)
        version = CommitmentVersion.objects.create(
            commitment=commitment,
            version=(previous.version + 1) if previous else 1,
            text=commitment.text,
            valid_from=valid_from,
            changed_by=user,
            reason=reason.strip(),
        )
    commitment.text = text
    commitment.save(update_fields=["text"])
    after = snapshot(commitment)
    if reason.strip():
        after["reason"] = reason.strip()
    log_change(user, "update", commitment, before=before, after=after, municipality_id=_set_municipality(promise_set))
    content_changed(promise_set, user)
    return version


@transaction.atomic
def update_commitment(commitment: Commitment, user, *, theme: Theme | None,
                      parties: Iterable[Organisation], reason: str = "") -> bool:
    """Change a commitment's theme and parties (not its text: see edit_commitment_text)."""
    promise_set = commitment.promise_set
    parties = list(parties)
    before = snapshot(commitment)
    if commitment.theme_id == (theme.pk if theme else None) and sorted(before["parties"]) == sorted(p.pk for p in parties):
        return False
    if promise_set.is_published and sorted(before["parties"]) != sorted(p.pk for p in parties):
        raise WorkflowError(_("Parterna i ett publicerat löfte kan inte ändras: de har godkänt löftet."))
    commitment.theme = theme
    commitment.save(update_fields=["theme"])
    commitment.parties.set(parties)
    after = snapshot(commitment)
    if reason.strip():
        after["reason"] = reason.strip()
    log_change(user, "update", commitment, before=before, after=after, municipality_id=_set_municipality(promise_set))
    content_changed(promise_set, user)
    return True


TARGET_FIELDS = ("count", "unit", "activity_type", "per", "covers_areas", "figure")


@transaction.atomic
def save_target(commitment: Commitment, user, target: Target | None = None, reason: str = "", **values) -> Target:
    """Add or change a target. A published commitment's targets change only with a logged reason."""
    promise_set = commitment.promise_set
    values = {k: v for k, v in values.items() if k in TARGET_FIELDS}
    if values.get("count") is None and not values.get("covers_areas"):
        raise WorkflowError(_("Ett mål behöver ett antal eller att det täcker alla kommundelar."))
    if target is not None and all(getattr(target, k) == v for k, v in values.items()):
        return target
    _require_reason(promise_set, reason)
    before = snapshot(target) if target is not None else None
    if target is None:
        target = Target(commitment=commitment)
    for key, value in values.items():
        setattr(target, key, value)
    target.save()
    after = snapshot(target)
    if reason.strip():
        after["reason"] = reason.strip()
    log_change(user, "create" if before is None else "update", target, before=before, after=after,
               municipality_id=_set_municipality(promise_set))
    content_changed(promise_set, user)
    return target


@transaction.atomic
def delete_target(target: Target, user, reason: str = "") -> None:
    commitment = target.commitment
    promise_set = commitment.promise_set
    _require_reason(promise_set, reason)
    before = snapshot(target)
    target.delete()
    after = {"reason": reason.strip()} if reason.strip() else None
    log_change(user, "delete", None, before=before, after=after, object_type=Target._meta.label,
               object_id=str(before["id"]), object_repr=str(commitment), municipality_id=promise_set.municipality_id)
    content_changed(promise_set, user)


# ---------------------------------------------------------------------------------------------
# Written assessments


def assessing_organisations(commitment: Commitment, user) -> QuerySet[Organisation]:
    """The organisations the user may sign an assessment for: their own, serving the commitment's municipality."""
    return Organisation.objects.filter(
        memberships__user=user, municipalities=commitment.promise_set.municipality_id
    ).distinct().order_by(_PARTY_ORDER, "name")


@transaction.atomic
def add_assessment(commitment: Commitment, user, *, text: str, organisation: Organisation,
                   assessed_on: date | None = None, author_name: str = "", verdict: str = "",
                   evidence: str = "") -> Assessment:
    """A dated, signed written assessment of a commitment (any commitment; qualitative ones need them).

    With a verdict it is a final assessment: allowed only once the period is over, it gives the
    result of a commitment without a measurable target ("Slutbedömning").
    """
    text = text.strip()
    if not text:
        raise WorkflowError(_("Skriv en bedömning."))
    if verdict and verdict not in Assessment.Verdict.values:
        raise WorkflowError(_("Okänd slutbedömning."))
    if verdict and not commitment.promise_set.dates.has_ended(timezone.localdate()):
        raise WorkflowError(
            _("En slutbedömning kan ges först när perioden är slut (%(end)s).")
            % {"end": commitment.promise_set.end.isoformat()}
        )
    if not assessing_organisations(commitment, user).filter(pk=organisation.pk).exists():
        raise WorkflowError(
            _("Du kan bara skriva bedömningar för din egen organisation i löftets kommun.")
        )
    assessed_on = assessed_on or timezone.localdate()
    if assessed_on > timezone.localdate():
        raise WorkflowError(_("En bedömning kan inte dateras i framtiden."))
    full_name = require_full_name(user)
    assessment = Assessment.objects.create(
        commitment=commitment,
        text=text,
        assessed_on=assessed_on,
        organisation=organisation,
        author=user,
        author_name=(author_name.strip() or full_name)[:200],
        verdict=verdict,
        evidence=evidence.strip(),
    )
    log_change(user, "create", assessment, after=snapshot(assessment),
               municipality_id=commitment.promise_set.municipality_id)
    return assessment
