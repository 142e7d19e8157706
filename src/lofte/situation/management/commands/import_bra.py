"""`lofte import-bra FILE`: Brå's reported crimes, exported from Brå's statistics database."""

from lofte.situation.importing import bra
from lofte.situation.importing.command import FileImportCommand


class Command(FileImportCommand):
    help = ("Importera anmälda brott från Brås statistikdatabas (CSV/XLSX): Region, Brottskategori, Period, Antal "
            "och valfritt Per 100 000 invånare. Allt eller inget per fil.")
    importer = staticmethod(bra.import_file)
    description = "Anmälda brott"
    file_help = "Exporten från Brås statistikdatabas som CSV eller XLSX."
