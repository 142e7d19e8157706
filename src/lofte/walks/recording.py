"""Recording findings and moderating their photos: the domain side of the staff views.

Callers check permissions (lofte.core.permissions) and validate the values (Finding.clean and the
staff form do); these functions write atomically and log every change through log_change.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from lofte.core.audit import log_change, snapshot
from lofte.core.models import AuditEntry
from lofte.lib.files import delete_on_commit, discard, stage_file
from lofte.walks.models import Finding, FindingPhoto

# Fields whose change starts a new reminder cycle: a new deadline or status may be reminded of again.
_REMINDER_FIELDS = ("deadline", "status")


def _photo_snapshot(photo: FindingPhoto) -> dict:
    # The file field as its stored name: the log holds JSON, not file objects.
    return {**snapshot(photo, exclude=("image",)), "image": photo.image.name}


def _store_photo(user, finding: Finding, photo: tuple[ContentFile, int, int], alt_text: str) -> FindingPhoto:
    content, width, height = photo
    item = FindingPhoto(finding=finding, width=width, height=height, alt_text=alt_text, uploaded_by=user)
    staged = None
    try:
        # The file gets its name only when the transaction commits (lofte.lib.files): a failed or
        # killed upload leaves no photo file without its row, nor a row without its file.
        with transaction.atomic():
            content.seek(0)
            staged = stage_file(item.image, "photo.jpg", content.read())
            item.save()
            log_change(user, AuditEntry.Action.CREATE, item, after=_photo_snapshot(item),
                       municipality_id=finding.municipality_id)
    except Exception:
        discard(staged)
        raise
    return item


@transaction.atomic
def create_finding(user, finding: Finding, photo=None, alt_text: str = "") -> Finding:
    """Save a new, validated finding (walk set) and its optional photo (from photos.clean_photo)."""
    finding.municipality_id = finding.walk.municipality_id
    finding.created_by = user if getattr(user, "is_authenticated", False) else None
    finding.status_changed_at = timezone.now()
    finding.save()
    log_change(user, AuditEntry.Action.CREATE, finding, after=snapshot(finding), municipality_id=finding.municipality_id)
    if photo is not None:
        _store_photo(user, finding, photo, alt_text)
    return finding


@transaction.atomic
def update_finding(user, finding: Finding, before: dict, photo=None, alt_text: str = "") -> Finding:
    """Save a validated change to a finding; `before` is snapshot(finding) taken before the form
    changed it. A status change is dated; a new status or deadline may be reminded of again."""
    if before.get("status") != finding.status:
        finding.status_changed_at = timezone.now()
    if any(before.get(f) != snapshot(finding).get(f) for f in _REMINDER_FIELDS):
        finding.reminded_at = None
    finding.save()
    after = snapshot(finding)
    # updated_at moves on every save; a change is a change of anything else.
    if {k: v for k, v in after.items() if k != "updated_at"} != {k: v for k, v in before.items() if k != "updated_at"}:
        log_change(user, AuditEntry.Action.UPDATE, finding, before=before, after=after,
                   municipality_id=finding.municipality_id)
    if photo is not None:
        _store_photo(user, finding, photo, alt_text)
    return finding


@transaction.atomic
def add_photo(user, finding: Finding, photo, alt_text: str = "") -> FindingPhoto:
    return _store_photo(user, finding, photo, alt_text)


@transaction.atomic
def approve_photo(user, photo: FindingPhoto) -> FindingPhoto:
    """A redaktör has looked at the photo (faces, number plates) and publishes it."""
    before = _photo_snapshot(photo)
    photo.approved_by = user
    photo.approved_at = timezone.now()
    photo.save(update_fields=["approved_by", "approved_at"])
    log_change(user, AuditEntry.Action.APPROVE, photo, before=before, after=_photo_snapshot(photo),
               municipality_id=photo.finding.municipality_id)
    return photo


def delete_photo(user, photo: FindingPhoto) -> None:
    """Remove a photo (rejected by the moderator, or uploaded by mistake) and its file."""
    with transaction.atomic():
        before = _photo_snapshot(photo)
        municipality_id = photo.finding.municipality_id
        log_change(user, AuditEntry.Action.DELETE, photo, before=before, municipality_id=municipality_id)
        # The file goes only once the row is gone for good (after the outermost commit).
        delete_on_commit(photo.image.storage, photo.image.name)
        photo.delete()
