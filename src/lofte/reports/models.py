"""Follow-up reports (uppföljningar): a dated, approved snapshot of a promise set's progress.

A report is written about one promise set as of one date (`as_of`). While it is a draft or awaits
approval, its content is computed from the data as it was known at that date (lofte.reports.snapshot);
the coordinator writes the introduction, conclusions and next steps. The promising parties approve
it like the set itself (lofte.reports.workflow); the last approval publishes it, and the content is
then frozen as JSON in `snapshot`, from which the page and the PDF are rendered ever after, so later
activities, corrections or imported statistics never change a published report.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lofte.core.models import Municipality, Organisation
from lofte.promises.models import PromiseSet


class FollowUpReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=FollowUpReport.Status.PUBLISHED, snapshot__isnull=False)


class FollowUpReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        READY = "ready", _("Klar för godkännande")
        PUBLISHED = "published", _("Publicerad")

    promise_set = models.ForeignKey(PromiseSet, on_delete=models.PROTECT, related_name="reports",
                                    verbose_name=_("medborgarlöfte"))
    # The set's municipality, kept here so that a municipality's list needs no join.
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="reports", editable=False)
    as_of = models.DateField(_("uppföljningsdatum"))
    # The public address: /<kommun>/uppfoljning/<slug>/ ("2022-2023-2024-02-15").
    slug = models.CharField(_("webbadress"), max_length=80, editable=False)
    title = models.CharField(_("rubrik"), max_length=300)
    introduction = models.TextField(_("inledning"), blank=True, max_length=20000)
    conclusions = models.TextField(_("slutsatser"), blank=True, max_length=20000)
    next_steps = models.TextField(_("fortsatt arbete"), blank=True, max_length=20000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The frozen content, written once when the report is published and never changed after.
    snapshot = models.JSONField(_("innehåll vid publiceringen"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FollowUpReportQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-as_of", "-pk"]
        verbose_name = _("uppföljningsrapport")
        verbose_name_plural = _("uppföljningsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["promise_set", "as_of"], name="followupreport_unique_date"),
            models.UniqueConstraint(fields=["municipality", "slug"], name="followupreport_unique_slug"),
        ]
        indexes = [models.Index(fields=["municipality", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("site:report", args=[self.municipality.slug, self.slug])

    def pdf_url(self) -> str:
        return reverse("site:report_pdf", args=[self.municipality.slug, self.slug])


class ReportApproval(models.Model):
    """A redaktör's approval of a report on behalf of one promising party of its set."""

    report = models.ForeignKey(FollowUpReport, on_delete=models.CASCADE, related_name="approvals")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="report_approvals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approver_name = models.CharField(_("godkänd av"), max_length=200)
    approved_at = models.DateTimeField(_("godkänd"), auto_now_add=True)

    class Meta:
        ordering = ["approved_at", "pk"]
        verbose_name = _("godkännande av uppföljning")
        verbose_name_plural = _("godkännanden av uppföljningar")
        constraints = [
            models.UniqueConstraint(fields=["report", "organisation"], name="reportapproval_unique_party"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.approver_name}"
