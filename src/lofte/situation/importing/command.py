"""What the import commands share: reading files, the progress bar, Swedish output and errors.

The commands only parse arguments; the work is done by the importer modules, which tests call
directly (DemocracyClub's pattern, DESIGN.md §7).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from . import progress as progress_bar
from .errors import IndicatorImportError


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise CommandError(f"filen {path} finns inte") from None
    except OSError as exc:
        raise CommandError(f"filen {path} kunde inte läsas: {exc.strerror}") from None


def parse_years(text: str | None, default_back: int = 10) -> list[int]:
    """"2015-2024" or "2023" (or nothing: the last `default_back` years) as a list of years."""
    if not text:
        this = date.today().year
        return list(range(this - default_back, this))
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text)
    if not match:
        raise CommandError(f"--years {text!r}: skriv ett år (2023) eller ett intervall (2015-2024)")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if last < first or last - first > 50:
        raise CommandError(f"--years {text!r}: intervallet är orimligt")
    return list(range(first, last + 1))


class ImportCommand(BaseCommand):
    unit = "rader"

    def add_arguments(self, parser):
        parser.add_argument("--utan-forlopp", dest="no_progress", action="store_true",
                            help="Visa ingen förloppsindikator.")

    def progress(self, options, description: str, total: int | None = None):
        return progress_bar.bar(description, total=total, unit=self.unit,
                                enabled=False if options.get("no_progress") else None)

    def run_import(self, options, description: str, work, total: int | None = None):
        bar = self.progress(options, description, total)
        try:
            result = work(bar)
        except IndicatorImportError as exc:
            bar.close()
            raise CommandError("Inget importerades:\n" + str(exc)) from None
        bar.close()
        for line in result.lines():
            self.stdout.write(line)
        return result

    @staticmethod
    def checksum(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    @staticmethod
    def files_or_fetch(options, files) -> None:
        if options["fetch"] == bool(files):
            raise CommandError("ange antingen filer eller --fetch")


class FileImportCommand(ImportCommand):
    """A command that imports one CSV/XLSX file with `importer(data, name, progress=…, checksum=…)`."""

    importer = None
    description = ""
    file_help = "CSV (semikolon, decimalkomma) eller XLSX."

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        super().add_arguments(parser)

    def handle(self, *args, **options):
        data = read_file(options["file"])
        name = Path(options["file"]).name
        importer = type(self).importer
        self.run_import(options, self.description, lambda bar: importer(
            data, name, progress=bar, checksum=self.checksum(data)))
