"""Writing parsed promise documents to the database, all or nothing.

The importer validates everything first (municipality, text, periods, what already exists), then
builds and saves inside one `transaction.atomic`, so a refused or failed import stores nothing.

Re-importing rules:
* a period that does not exist yet is created;
* a period whose stored content equals the document is left untouched ("oförändrat");
* a period whose content differs is refused with a message naming the differences, unless
  `replace=True`: then it is updated in place by commitment number, and commitments that
  disappeared are archived (never deleted, so recorded activities keep their commitments).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from lofte.core.areas import area_named
from lofte.core.audit import log_change, snapshot
from lofte.core.models import Area, Municipality, Organisation
from lofte.lib.files import discard, stage_file
from lofte.promises import periods
from lofte.promises.models import Commitment, PromiseSet, SourceDocument, Target, Theme
from lofte.promises.signals import writing_in_bulk
from lofte.promises.status import Period
from lofte.promises.titles import short_title

from .errors import PromiseImportError
from .parse import CommitmentSpec, ParsedDocument, PromiseSetSpec
from .formats import MAX_BYTES
from .sources import read_document

CREATED = "created"
UNCHANGED = "unchanged"
REPLACED = "replaced"
PUBLISHED = "published"
_ACTION_LABELS = {
    CREATED: "skapat",
    UNCHANGED: "oförändrat",
    REPLACED: "ersatt",
    PUBLISHED: "oförändrat, nu publicerat",
}
_OTHER_FALLBACK_NAME = "Annan aktör"
# An import is one transaction, and SQLite lets one writer in at a time: bounding a document's size
# bounds how long a citizen's post may wait for an import (bench/import_lock.py measures it).
# Promise documents hold a few dozen commitments; a larger one is split, e.g. per period.
MAX_COMMITMENTS = 500


@dataclass
class SetOutcome:
    period: str
    title: str
    action: str
    commitments: int
    archived: int = 0

    def line(self, dry_run: bool) -> str:
        label = _ACTION_LABELS[self.action]
        if dry_run and self.action != UNCHANGED:
            label = f"skulle bli {label}"
        archived = f", {self.archived} arkiverade" if self.archived else ""
        return f"{self.period}: {label} ({self.commitments} löften{archived})"


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    kommun: str
    source_name: str
    document: ParsedDocument
    dry_run: bool
    outcomes: list[SetOutcome] = field(default_factory=list)
    format: str = "text"
    source_document: SourceDocument | None = None
    promise_sets: list[PromiseSet] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return self.document.warnings

    @property
    def changed(self) -> bool:
        return any(o.action != UNCHANGED for o in self.outcomes)

    def lines(self) -> list[str]:
        return [o.line(self.dry_run) for o in self.outcomes]

    def to_dict(self) -> dict:
        data = self.document.to_dict(self.kommun)
        data["dry_run"] = self.dry_run
        data["format"] = self.format
        data["outcomes"] = [
            {"period": o.period, "title": o.title, "action": o.action, "commitments": o.commitments,
             "archived": o.archived}
            for o in self.outcomes
        ]
        return data


# ================================================================ entry points


def resolve_municipality(municipality: Municipality | str) -> Municipality:
    """A Municipality from itself or from its four-digit SCB code."""
    if isinstance(municipality, Municipality):
        return municipality
    code = str(municipality).strip()
    if not re.fullmatch(r"\d{4}", code):
        raise PromiseImportError(f"ogiltig kommunkod «{code}»: ange kommunens fyrsiffriga kod, t.ex. 0486")
    found = Municipality.objects.filter(code=code).first()
    if found is None:
        raise PromiseImportError(f"okänd kommunkod «{code}»: ingen kommun har den koden")
    return found


def parse_document(data: bytes | str) -> ParsedDocument:
    """The parsed document of a file's bytes (any supported format) or text, without the database."""
    return read_document(data).document


def parse_years(value: str) -> Period:
    """ "2024", "2023-2024" (any dash) or "2022-07-01–2023-06-30", as given to --years; a clear
    error otherwise."""
    try:
        period = periods.parse_period(value)
    except ValueError as exc:
        raise PromiseImportError(f"ogiltig period «{value}»: {exc}") from None
    if period is None:
        raise PromiseImportError(
            f"ogiltig period «{value}»: skriv ett år (2024), två (2023-2024) eller två datum (2022-07-01–2023-06-30)"
        )
    if period.end.year > period.start.year + 6:
        raise PromiseImportError(f"ogiltig period «{value}»: en period är högst sju år")
    return period


def apply_years(document: ParsedDocument, years: Period | tuple[int, int] | None, area: str | None = None) -> None:
    """Give the period to the sets whose period the document does not state (--years), and the area
    to the sets that name none (--area)."""
    if isinstance(years, tuple):
        years = Period.of_years(*years)
    for promise_set in document.promise_sets:
        if years is not None and promise_set.dates is None:
            promise_set.set_period(years)
        if area and not promise_set.area:
            promise_set.area = " ".join(area.split())[:100]


def without_own_name(document: ParsedDocument, kommun: Municipality) -> None:
    """A heading "Medborgarlöfte Sorsele 2023" names the municipality itself, not a district of it."""
    own = kommun.name.casefold()
    for promise_set in document.promise_sets:
        if promise_set.area is None:
            continue
        name = re.sub(r"\s+(kommun|stad)$", "", promise_set.area.casefold())
        if name in (own, f"{own}s") or name.rstrip("s") == own:
            promise_set.area = None


def import_text_file(path, municipality, *, publish=False, replace=False, dry_run=False,
                     years: Period | tuple[int, int] | None = None, area: str | None = None) -> ImportResult:
    """Import a promise document (any supported format) from a file; see import_text."""
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            raise PromiseImportError(
                f"filen är för stor ({path.stat().st_size / 1024 / 1024:.1f} MB); högst {MAX_BYTES // 1024 // 1024} MB tas emot"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise PromiseImportError(f"filen «{path}» finns inte") from None
    except IsADirectoryError:
        raise PromiseImportError(f"«{path}» är en mapp, inte en fil") from None
    except OSError as exc:
        raise PromiseImportError(f"filen «{path}» kunde inte läsas: {exc.strerror}") from None
    return import_text(data, path.name, municipality, publish=publish, replace=replace, dry_run=dry_run,
                       years=years, area=area)


def import_text(data: bytes | str, name: str, municipality, *, publish=False, replace=False,
                dry_run=False, user=None, document: ParsedDocument | None = None,
                years: Period | tuple[int, int] | None = None, area: str | None = None) -> ImportResult:
    """Import a promise document given as bytes (or pasted text) with its file name.

    The format (text, web page, PDF, DOCX, CSV/XLSX template) is judged from the content. A
    `document` parsed (and corrected) earlier, e.g. in the staff preview, is stored instead of
    parsing `data` again; `data` is then only kept as the original. Sets that are created or
    replaced link the kept original (SourceDocument, with its checksum), and each is written to
    the audit log as "import" by `user`. `years` is the period of sets whose document states none,
    `area` the area (district) of sets that name none; an area that is new is created.

    Raises PromiseImportError, with a one-line Swedish message, for anything that cannot be
    imported; nothing is stored then.
    """
    kommun = resolve_municipality(municipality)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    read = read_document(data)
    document = document or read.document
    without_own_name(document, kommun)
    apply_years(document, years, area)
    validate(document)
    importer = _Importer(kommun, document, name, hashlib.sha256(raw).hexdigest(), publish, replace)
    importer.plan()
    result = ImportResult(kommun.code, name, document, dry_run, importer.outcomes(), format=read.kind)
    if not dry_run:
        importer.save(raw=raw, content_type=read.content_type, user=user)
        result.source_document = importer.source_document
        result.promise_sets = importer.saved_sets
    return result


def validate(document: ParsedDocument) -> None:
    if document.commitment_count == 0:
        raise PromiseImportError("hittade inga löften i dokumentet (inga punktlistor eller lovande stycken)")
    if document.commitment_count > MAX_COMMITMENTS:
        raise PromiseImportError(
            f"dokumentet har {document.commitment_count} löften; högst {MAX_COMMITMENTS} importeras åt gången "
            "(dela upp det, t.ex. per period)"
        )
    seen: set[tuple] = set()
    for promise_set in document.promise_sets:
        if promise_set.dates is None:
            raise PromiseImportError(
                f"hittade ingen period för «{promise_set.title}» (rad {promise_set.line}); "
                "ange perioden med --years (t.ex. --years 2024), i förhandsgranskningen eller i en rubrik som "
                "«Medborgarlöfte 2024»"
            )
        if promise_set.key in seen:
            raise PromiseImportError(f"perioden {promise_set.period_label} förekommer två gånger i dokumentet")
        seen.add(promise_set.key)


# ================================================================ comparing


def _target_signatures(targets) -> list[tuple]:
    return sorted((t[0] if t[0] is not None else -1, t[1], t[2] or "", t[3], t[4]) for t in targets)


def spec_targets(commitment: CommitmentSpec) -> list[tuple]:
    """A commitment's targets as (count, unit, activity_type, per, covers_areas) tuples."""
    targets = [(t.count, t.unit, t.activity_type or "", t.per, False) for t in commitment.targets]
    if commitment.area_coverage:
        coverage = commitment.area_coverage
        targets.append((coverage.count, coverage.unit, coverage.activity_type or "", "period", True))
    return targets


def stored_targets(commitment: Commitment) -> list[tuple]:
    return [(t.count, t.unit, t.activity_type, t.per, t.covers_areas) for t in commitment.targets.all()]


def differences(existing: PromiseSet, spec: PromiseSetSpec) -> list[str]:
    """What differs between a stored set and a parsed one, in Swedish, most important first."""
    found: list[str] = []
    if existing.title != spec.title:
        found.append("rubriken är ändrad")
    if spec.intro_known and existing.intro != spec.intro:
        found.append("inledningen är ändrad")
    if spec.signatories and existing.signatories != "\n".join(spec.signatories):
        found.append("undertecknarna är ändrade")
    stored_themes = list(existing.themes.order_by("position").values_list("title", flat=True))
    new_themes = [t.title for t in spec.themes if t.title]
    found += [f"temat «{t}» saknas" for t in stored_themes if t not in new_themes]
    found += [f"temat «{t}» är nytt" for t in new_themes if t not in stored_themes]
    stored = {
        c.number: c
        for c in existing.commitments.filter(archived=False)
        .select_related("theme").prefetch_related("parties", "targets")
    }
    theme_of = {c.number: t.title for t in spec.themes for c in t.commitments}
    for commitment in spec.commitments:
        current = stored.get(commitment.number)
        if current is None:
            found.append(f"löfte {commitment.number} är nytt")
            continue
        found += _commitment_differences(current, commitment, theme_of[commitment.number])
    new_numbers = {c.number for c in spec.commitments}
    found += [f"löfte {n} saknas" for n in sorted(stored) if n not in new_numbers]
    return found


def _commitment_differences(current: Commitment, commitment: CommitmentSpec, theme_title) -> list[str]:
    number = commitment.number
    found = []
    if current.text != commitment.text:
        found.append(f"löfte {number} har ändrad text")
    if (current.theme.title if current.theme else None) != theme_title:
        found.append(f"löfte {number} har bytt tema")
    if {o.kind for o in current.parties.all()} != set(commitment.parties):
        found.append(f"löfte {number} har ändrade parter")
    if _target_signatures(stored_targets(current)) != _target_signatures(spec_targets(commitment)):
        found.append(f"löfte {number} har ändrade mål")
    return found


def _with_theme_titles(spec: PromiseSetSpec):
    """(theme title or None, commitment) pairs in document order."""
    for theme in spec.themes:
        for commitment in theme.commitments:
            yield theme.title, commitment


# ================================================================ the importer


class _Importer:
    def __init__(self, kommun, document, source_name, checksum, publish, replace):
        self.kommun = kommun
        self.document = document
        self.source_name = source_name
        self.checksum = checksum
        self.publish = publish
        self.replace = replace
        self.planned: list[tuple[PromiseSetSpec, PromiseSet | None, str]] = []
        self.organisations: dict[tuple, Organisation] = {}
        self.source_document: SourceDocument | None = None
        self.saved_sets: list[PromiseSet] = []
        self.user = None

    def plan(self) -> None:
        """Decide, before writing anything, what happens to each period; refuse changed ones."""
        refusals: list[str] = []
        for spec in self.document.promise_sets:
            area = Area.objects.filter(municipality=self.kommun, name__iexact=spec.area).first() if spec.area else None
            existing = None
            if area is not None or not spec.area:
                existing = PromiseSet.objects.filter(
                    municipality=self.kommun, area=area, start=spec.dates.start, end=spec.dates.end
                ).first()
            if existing is None:
                self.planned.append((spec, None, CREATED))
                continue
            found = differences(existing, spec)
            if not found:
                action = PUBLISHED if self.publish and not existing.is_published else UNCHANGED
                self.planned.append((spec, existing, action))
            elif self.replace:
                self.planned.append((spec, existing, REPLACED))
            else:
                refusals.append(f"{spec.period_label}: " + "; ".join(found))
        if refusals:
            raise PromiseImportError(
                "dokumentet skiljer sig från de löften som redan finns – " + " | ".join(refusals)
                + " (använd --replace för att ersätta)"
            )

    def outcomes(self) -> list[SetOutcome]:
        outcomes = []
        for spec, existing, action in self.planned:
            archived = 0
            if action == REPLACED:
                numbers = {c.number for c in spec.commitments}
                archived = existing.commitments.filter(archived=False).exclude(number__in=numbers).count()
            outcomes.append(SetOutcome(spec.period_label, spec.title, action, len(spec.commitments), archived))
        return outcomes

    def save(self, *, raw: bytes | None = None, content_type: str = "", user=None) -> None:
        self.user = user
        staged = None
        try:
            with transaction.atomic(), writing_in_bulk():  # write() touches the municipality once
                if raw is not None and any(action in (CREATED, REPLACED) for _, _, action in self.planned):
                    self.source_document, staged = self.keep_source(raw, content_type)
                self.write()
        except BaseException:
            # The row is rolled back with the transaction; the file staged for it must go too (a
            # killed process leaves only a temporary file: see lofte.lib.files).
            discard(staged)
            self.source_document = None
            raise

    def keep_source(self, raw: bytes, content_type: str) -> tuple[SourceDocument, Path | None]:
        """The original document, stored once per municipality and checksum, and the temporary
        file staged now (None when the document was kept before); it gets its name on commit."""
        existing = SourceDocument.objects.filter(municipality=self.kommun, checksum=self.checksum).first()
        if existing is not None:
            return existing, None
        document = SourceDocument(
            municipality=self.kommun, name=self.source_name[:300], content_type=content_type,
            checksum=self.checksum, uploaded_by=self.user if getattr(self.user, "is_authenticated", False) else None,
        )
        staged = stage_file(document.file, get_valid_filename(self.source_name)[:100] or "dokument", raw)
        document.save()
        return document, staged

    def write(self) -> None:
        changed = False
        for spec, existing, action in self.planned:
            before = snapshot(existing) if existing is not None else None
            if action == CREATED:
                promise_set = self.create(spec)
            elif action == REPLACED:
                promise_set = existing
                self.replace_set(existing, spec)
            elif action == PUBLISHED:
                promise_set = existing
                self.mark_published(existing)
                existing.save(update_fields=["status", "published_at", "updated_at"])
            else:
                continue
            changed = True
            self.saved_sets.append(promise_set)
            log_change(self.user, "import", promise_set, before=before, after=snapshot(promise_set),
                       municipality_id=self.kommun.pk)
        if changed:
            self.kommun.touch()

    # -------------------------------------------------------- writing

    def mark_published(self, promise_set: PromiseSet) -> None:
        if self.publish and not promise_set.is_published:
            promise_set.status = PromiseSet.Status.PUBLISHED
            promise_set.published_at = timezone.now()

    def create(self, spec: PromiseSetSpec) -> PromiseSet:
        promise_set = PromiseSet(
            municipality=self.kommun, start=spec.dates.start, end=spec.dates.end,
            area=area_named(self.kommun, spec.area) if spec.area else None,
            title=spec.title, intro=spec.intro, source_name=self.source_name,
            source_checksum=self.checksum, signatories="\n".join(spec.signatories),
            source_document=self.source_document,
        )
        self.mark_published(promise_set)
        promise_set.save()
        themes = self.write_themes(promise_set, spec)
        for theme_title, commitment in _with_theme_titles(spec):
            self.write_commitment(promise_set, commitment, themes.get(theme_title), None)
        return promise_set

    def replace_set(self, promise_set: PromiseSet, spec: PromiseSetSpec) -> None:
        promise_set.title = spec.title
        if spec.intro_known:
            promise_set.intro = spec.intro
        if spec.signatories:
            promise_set.signatories = "\n".join(spec.signatories)
        promise_set.source_name = self.source_name
        promise_set.source_checksum = self.checksum
        if self.source_document is not None:
            promise_set.source_document = self.source_document
        self.mark_published(promise_set)
        promise_set.save()
        themes = self.write_themes(promise_set, spec)
        stored = {c.number: c for c in promise_set.commitments.all()}
        for theme_title, commitment in _with_theme_titles(spec):
            self.write_commitment(promise_set, commitment, themes.get(theme_title), stored.get(commitment.number))
        numbers = {c.number for c in spec.commitments}
        # Commitments that left the document are archived, never deleted: activities recorded
        # against them must keep pointing at what they served.
        promise_set.commitments.exclude(number__in=numbers).update(archived=True)

    def write_themes(self, promise_set: PromiseSet, spec: PromiseSetSpec) -> dict[str, Theme]:
        """The set's themes in document order, reusing stored ones with the same title."""
        stored = {t.title: t for t in promise_set.themes.all()}
        themes: dict[str, Theme] = {}
        titles = [t.title for t in spec.themes if t.title]
        for position, title in enumerate(titles):
            theme = stored.pop(title, None) or Theme(promise_set=promise_set, title=title)
            theme.position = position
            theme.save()
            themes[title] = theme
        for unused in stored.values():
            unused.delete()  # Its archived commitments keep their text; only the heading goes.
        return themes

    def write_commitment(self, promise_set, spec: CommitmentSpec, theme: Theme | None,
                         existing: Commitment | None) -> None:
        commitment = existing or Commitment(promise_set=promise_set, number=spec.number)
        if commitment.text != spec.text or not commitment.short_title:
            commitment.short_title = short_title(spec.text)[:100]
        commitment.text = spec.text
        commitment.theme = theme
        commitment.archived = False
        commitment.save()
        commitment.parties.set(self.parties(spec))
        commitment.targets.all().delete()
        Target.objects.bulk_create(
            Target(commitment=commitment, count=count, unit=unit, activity_type=activity_type, per=per,
                   covers_areas=covers)
            for count, unit, activity_type, per, covers in spec_targets(spec)
        )

    # -------------------------------------------------------- parties

    def parties(self, spec: CommitmentSpec) -> list[Organisation]:
        organisations = []
        for kind in spec.parties:
            if kind == "other":
                for name in spec.other_parties or [_OTHER_FALLBACK_NAME]:
                    organisations.append(self.organisation("other", name))
            else:
                organisations.append(self.organisation(kind, None))
        return organisations

    def organisation(self, kind: str, name: str | None) -> Organisation:
        key = (kind, name)
        if key not in self.organisations:
            self.organisations[key] = self.find_or_create_organisation(kind, name)
        return self.organisations[key]

    def find_or_create_organisation(self, kind: str, name: str | None) -> Organisation:
        serving = Organisation.objects.filter(kind=kind, municipalities=self.kommun).order_by("name")
        if name:
            serving = serving.filter(name=name)
        found = serving.first()
        if found:
            return found
        default_names = {"police": f"Polisen i {self.kommun.name}", "municipality": f"{self.kommun.name} kommun"}
        organisation = Organisation.objects.create(kind=kind, name=name or default_names[kind])
        organisation.municipalities.add(self.kommun)
        return organisation
