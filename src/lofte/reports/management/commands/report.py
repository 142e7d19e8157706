"""`lofte report --kommun 0486 --set 2022-2023 --out FILE.pdf [--date YYYY-MM-DD]`: a follow-up PDF."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from lofte.core.models import Municipality
from lofte.promises.models import PromiseSet
from lofte.reports.rendering import pdf_for
from lofte.reports.workflow import ReportError


class Command(BaseCommand):
    help = ("Skriv uppföljningen av ett medborgarlöfte som PDF. Med --date den godkända uppföljningen per det "
            "datumet, eller ett utkast (vattenmärkt UTKAST) om ingen godkänd finns; utan --date den senaste "
            "publicerade uppföljningen, eller ett utkast per i dag.")

    def add_arguments(self, parser):
        parser.add_argument("--kommun", required=True, help="Kommunkod (0486), namn (Strängnäs) eller webbnamn (strangnas).")
        parser.add_argument("--set", required=True, dest="period",
                            help="Medborgarlöftets period som i webbadressen, t.ex. 2022-2023; för ett områdes "
                                 "medborgarlöfte område/period, t.ex. mariefred/2022-2023.")
        parser.add_argument("--out", required=True, help="PDF-filen som skrivs.")
        parser.add_argument("--date", help="Uppföljningsdatum, ÅÅÅÅ-MM-DD.")

    def handle(self, *args, **options):
        municipality = self._municipality(options["kommun"].strip())
        promise_set = self._set(municipality, options["period"].strip())
        as_of = self._date(options.get("date"))
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"Mappen {out.parent} finns inte.")
        try:
            pdf, report = pdf_for(promise_set, as_of, timezone.localdate())
        except ReportError as error:
            raise CommandError(str(error)) from None
        try:
            out.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Filen {out} kunde inte skrivas: {error.strerror}.") from None
        kind = "godkänd uppföljning" if report.pk and report.is_published else "utkast (inte godkänt)"
        self.stdout.write(f"{out}: {kind} av {promise_set.title} per {report.as_of.isoformat()}, {len(pdf)} byte.")

    def _municipality(self, text: str) -> Municipality:
        found = Municipality.objects.filter(Q(code=text) | Q(slug=text) | Q(name__iexact=text)).first()
        if found is None:
            raise CommandError(f"Okänd kommun: «{text}». Ange kommunkoden (t.ex. 0486), namnet eller webbnamnet "
                               "(t.ex. strangnas).")
        return found

    def _set(self, municipality: Municipality, text: str) -> PromiseSet:
        area_slug, _slash, period = text.rpartition("/")
        sets = PromiseSet.objects.published().filter(municipality=municipality).select_related("area", "municipality")
        found = sets.filter(slug=period, area__slug=area_slug) if area_slug else sets.filter(slug=period, area=None)
        if found.first() is None:
            known = ", ".join(f"{s.area.slug}/{s.slug}" if s.area_id else s.slug for s in sets.order_by("start")) or "inga"
            raise CommandError(f"{municipality.name} har inget publicerat medborgarlöfte för «{text}». "
                               f"Publicerade: {known}.")
        return found.first()

    def _date(self, text: str | None) -> date | None:
        if not text:
            return None
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise CommandError(f"Felaktigt datum: «{text}». Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2024-01-31.") from None
