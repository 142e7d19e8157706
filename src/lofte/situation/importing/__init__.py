"""Importers of the situation picture: one module per source, sharing the run machinery in runs.py.

Each importer has the same shape: read the file (or fetch it), validate every record and collect
every problem with its row or record number, then write through an ImportRun, which makes the
file's values visible all at once. See runs.py for how that stays all-or-nothing while writing in
short transactions.
"""

from .errors import IndicatorImportError  # noqa: F401
