"""Municipalities, their areas, the organisations that make promises, and staff memberships."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """One of Sweden's 290 kommuner, identified by its SCB code (Strängnäs = 0486)."""

    code = models.CharField(_("kommunkod"), max_length=4, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(_("webbadress"), max_length=100, unique=True)
    county_code = models.CharField(_("länskod"), max_length=2)
    county = models.CharField(_("län"), max_length=100)
    # Bumped whenever anything shown on the municipality's public pages changes, so those pages
    # can answer conditional requests (ETag / Last-Modified) with one cheap query.
    content_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    def touch(self) -> None:
        from lofte.core import generation

        Municipality.objects.filter(pk=self.pk).update(content_changed_at=timezone.now())
        generation.bump()


class Area(models.Model):
    """A part of a municipality (kommundel): a locality or district."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(_("webbadress"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommundel")
        verbose_name_plural = _("kommundelar")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="area_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A party to promises: a police area, a municipality, or another actor."""

    class Kind(models.TextChoices):
        POLICE = "police", _("Polisen")
        MUNICIPALITY = "municipality", _("Kommunen")
        OTHER = "other", _("Annan aktör")

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    # A police area may serve several municipalities (LPO Eskilstuna/Strängnäs serves both).
    municipalities = models.ManyToManyField(
        Municipality, related_name="organisations", verbose_name=_("kommuner")
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organisation; the role applies to every municipality it serves."""

    class Role(models.TextChoices):
        # A rapportör (EST, lofte.est) reports what they saw each week and sees only their own
        # reports: outside the staff roles' order, it opens no other staff page.
        REPORTER = "reporter", _("Rapportör")
        READER = "reader", _("Läsare")
        RECORDER = "recorder", _("Registrerare")
        EDITOR = "editor", _("Redaktör")
        ADMIN = "admin", _("Administratör")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.RECORDER)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class InvitationQuerySet(models.QuerySet):
    def open(self, now=None):
        """Invitations still waiting for an answer and not expired."""
        return self.filter(status=Invitation.Status.PENDING, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """An administratör's invitation of an existing account into their organisation.

    Adding an account that exists is never done on the administrator's word alone: the account's
    owner sees the invitation after logging in and accepts or declines it. The invitation is kept
    by username whether or not the account exists (`user` is the account it named when it was
    made, if any), so the administrator learns nothing about which usernames exist; only that
    account can ever accept it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på svar")
        ACCEPTED = "accepted", _("Accepterad")
        DECLINED = "declined", _("Avböjd")
        REVOKED = "revoked", _("Återkallad")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    username = models.CharField(_("användarnamn"), max_length=150)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Membership.Role.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"))
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.username} – {self.organisation} ({self.get_role_display()})"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One staff change: who, when, what, and the values before and after.

    Append-only: the model refuses updates and deletes, and database triggers (see the migration)
    refuse them too, so not even a bulk query from the application can rewrite history. The user
    and municipality are kept as plain ids plus a name snapshot, so deleting a user never touches
    the log.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("skapade")
        UPDATE = "update", _("ändrade")
        DELETE = "delete", _("tog bort")
        RESTORE = "restore", _("återställde")
        PUBLISH = "publish", _("publicerade")
        APPROVE = "approve", _("godkände")
        IMPORT = "import", _("importerade")
        ROLE = "role", _("ändrade roll")

    at = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    user_id = models.BigIntegerField(_("användar-id"), null=True, blank=True)
    username = models.CharField(_("användare"), max_length=150, blank=True)
    action = models.CharField(_("händelse"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("typ"), max_length=100)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    object_repr = models.CharField(_("objekt"), max_length=300, blank=True)
    municipality_id = models.BigIntegerField(_("kommun-id"), null=True, blank=True, db_index=True)
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("loggpost")
        verbose_name_plural = _("granskningslogg")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")


class AccountState(models.Model):
    """What a staff account still owes: after a one-time password (a new account, a reset), the
    user must choose their own before any other staff page (lofte.staff.security)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="account_state"
    )
    must_change_password = models.BooleanField(_("måste byta lösenord"), default=False)

    class Meta:
        verbose_name = _("kontostatus")
        verbose_name_plural = _("kontostatus")

    def __str__(self) -> str:
        return str(self.user)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Tokens neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ApiToken(models.Model):
    """An organisation's key for the open-data API's write endpoints (lofte.core.tokens).

    Only a SHA-256 hash of the key is stored: the key is shown once, when it is created. A key is
    random (256 bits), so a fast hash is enough; a slow password hash would only slow every request.
    `prefix` (the key's first characters) names the key in lists and the audit log without revealing it.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens",
                                     verbose_name=_("organisation"))
    name = models.CharField(_("namn"), max_length=100, help_text=_("Till exempel: Verksamhetssystemet."))
    prefix = models.CharField(_("början av nyckeln"), max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"))
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.organisation})"

    def is_usable(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
