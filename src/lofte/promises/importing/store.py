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

from lofte.core.models import Municipality, Organisation
from lofte.promises.models import Commitment, PromiseSet, Target, Theme

from .errors import PromiseImportError
from .parse import CommitmentSpec, ParsedDocument, PromiseSetSpec, parse_lines
from .text import decode_document, split_lines

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
    """The parsed document of a file's bytes (or text), without touching the database."""
    text = data if isinstance(data, str) else decode_document(data)
    if not text.strip():
        raise PromiseImportError("filen är tom")
    return parse_lines(split_lines(text))


def import_text_file(path, municipality, *, publish=False, replace=False, dry_run=False) -> ImportResult:
    """Import a plain-text promise document from a file; see import_text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PromiseImportError(f"filen «{path}» finns inte") from None
    except IsADirectoryError:
        raise PromiseImportError(f"«{path}» är en mapp, inte en fil") from None
    except OSError as exc:
        raise PromiseImportError(f"filen «{path}» kunde inte läsas: {exc.strerror}") from None
    return import_text(data, path.name, municipality, publish=publish, replace=replace, dry_run=dry_run)


def import_text(data: bytes | str, name: str, municipality, *, publish=False, replace=False,
                dry_run=False) -> ImportResult:
    """Import a promise document given as bytes (or text) with its file name.

    Raises PromiseImportError, with a one-line Swedish message, for anything that cannot be
    imported; nothing is stored then.
    """
    kommun = resolve_municipality(municipality)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    document = parse_document(data)
    validate(document)
    importer = _Importer(kommun, document, name, hashlib.sha256(raw).hexdigest(), publish, replace)
    importer.plan()
    result = ImportResult(kommun.code, name, document, dry_run, importer.outcomes())
    if not dry_run:
        importer.save()
    return result


def validate(document: ParsedDocument) -> None:
    if document.commitment_count == 0:
        raise PromiseImportError("hittade inga löften i dokumentet (inga punktlistor eller lovande stycken)")
    seen: set[tuple] = set()
    for promise_set in document.promise_sets:
        if promise_set.first_year is None:
            raise PromiseImportError(
                f"hittade ingen period för «{promise_set.title}» (rad {promise_set.line}); "
                "ange åren i en rubrik som «Medborgarlöfte 2024»"
            )
        period = (promise_set.first_year, promise_set.last_year)
        if period in seen:
            raise PromiseImportError(f"perioden {promise_set.period_label} förekommer två gånger i dokumentet")
        seen.add(period)


# ================================================================ comparing


def _target_signatures(targets) -> list[tuple]:
    return sorted((t[0] if t[0] is not None else -1, t[1], t[2] or "", t[3], t[4]) for t in targets)


def spec_targets(commitment: CommitmentSpec) -> list[tuple]:
    """A commitment's targets as (count, unit, activity_type, per, covers_areas) tuples."""
    targets = [(t.count, t.unit, t.activity_type or "", t.per, False) for t in commitment.targets]
    if commitment.area_coverage:
        coverage = commitment.area_coverage
        targets.append((None, coverage.unit, coverage.activity_type or "", "period", True))
    return targets


def stored_targets(commitment: Commitment) -> list[tuple]:
    return [(t.count, t.unit, t.activity_type, t.per, t.covers_areas) for t in commitment.targets.all()]


def differences(existing: PromiseSet, spec: PromiseSetSpec) -> list[str]:
    """What differs between a stored set and a parsed one, in Swedish, most important first."""
    found: list[str] = []
    if existing.title != spec.title:
        found.append("rubriken är ändrad")
    if existing.intro != spec.intro:
        found.append("inledningen är ändrad")
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

    def plan(self) -> None:
        """Decide, before writing anything, what happens to each period; refuse changed ones."""
        refusals: list[str] = []
        for spec in self.document.promise_sets:
            existing = PromiseSet.objects.filter(
                municipality=self.kommun, first_year=spec.first_year, last_year=spec.last_year
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

    @transaction.atomic
    def save(self) -> None:
        changed = False
        for spec, existing, action in self.planned:
            if action == CREATED:
                self.create(spec)
            elif action == REPLACED:
                self.replace_set(existing, spec)
            elif action == PUBLISHED:
                self.mark_published(existing)
                existing.save(update_fields=["status", "published_at", "updated_at"])
            changed = changed or action != UNCHANGED
        if changed:
            self.kommun.touch()

    # -------------------------------------------------------- writing

    def mark_published(self, promise_set: PromiseSet) -> None:
        if self.publish and not promise_set.is_published:
            promise_set.status = PromiseSet.Status.PUBLISHED
            promise_set.published_at = timezone.now()

    def create(self, spec: PromiseSetSpec) -> PromiseSet:
        promise_set = PromiseSet(
            municipality=self.kommun, first_year=spec.first_year, last_year=spec.last_year,
            title=spec.title, intro=spec.intro, source_name=self.source_name,
            source_checksum=self.checksum,
        )
        self.mark_published(promise_set)
        promise_set.save()
        themes = self.write_themes(promise_set, spec)
        for theme_title, commitment in _with_theme_titles(spec):
            self.write_commitment(promise_set, commitment, themes.get(theme_title), None)
        return promise_set

    def replace_set(self, promise_set: PromiseSet, spec: PromiseSetSpec) -> None:
        promise_set.title = spec.title
        promise_set.intro = spec.intro
        promise_set.source_name = self.source_name
        promise_set.source_checksum = self.checksum
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
