"""Exports of submissions for analysis, shaped like ODK Central's so analysts' scripts keep working.

Core code shared by the server's CLI and API and the desktop's supervisor mode: each hands a
``SubmissionSource`` (see ``source.py``) and the form's XForm to ``export_submissions`` (to a file
object) or ``export_to_file`` (all or nothing, to a path):

    summary = export_to_file(
        Path("necesidades.csv.zip"), form_xml, source,
        ExportOptions(format="csv", approved_only=True, labels=True, language="es"),
        progress=lambda done, total: ..., cancelled=stop_event.is_set,
    )

``layout.py`` works out the tables and columns from the form, ``rows.py`` turns each submission
into rows, ``writers.py`` writes the .zip of CSVs or the XLSX workbook.
"""

from app.export.layout import ExportError
from app.export.run import (
    FORMATS,
    LANGUAGES,
    ExportCancelled,
    ExportOptions,
    ExportSummary,
    export_file_name,
    export_submissions,
    export_to_file,
)
from app.export.source import SubmissionRecord, SubmissionSource

__all__ = [
    "FORMATS",
    "LANGUAGES",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "ExportSummary",
    "SubmissionRecord",
    "SubmissionSource",
    "export_file_name",
    "export_submissions",
    "export_to_file",
]
