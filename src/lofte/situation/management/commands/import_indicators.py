"""`lofte import-indicators FILE`: the generic indicator template (CSV or XLSX)."""

from lofte.situation.importing import generic
from lofte.situation.importing.command import FileImportCommand


class Command(FileImportCommand):
    help = ("Importera indikatorer från mallen (CSV/XLSX): Indikator, Kod, Enhet, Typ, Periodtyp, Period, Kommun, "
            "Område, Värde, Underlag, Källa, Licens, Beskrivning, Tema. Allt eller inget per fil.")
    importer = staticmethod(generic.import_file)
    description = "Indikatorer"
    file_help = "CSV (semikolon, decimalkomma) eller XLSX enligt mallen."
