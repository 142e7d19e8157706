"""`lofte import-survey FILE`: survey results (NTU, the police's trygghetsmätning, municipal surveys)."""

from lofte.situation.importing import surveys
from lofte.situation.importing.command import FileImportCommand


class Command(FileImportCommand):
    help = ("Importera enkätresultat (CSV/XLSX): Undersökning, Fråga, Svar, Kommun, Område, År, Andel, "
            "Antal svarande, Licens. Allt eller inget per fil.")
    importer = staticmethod(surveys.import_file)
    description = "Enkätsvar"
    file_help = "Tabellen som CSV eller XLSX."
