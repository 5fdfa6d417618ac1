"""XLSForm (.xlsx, .xls, .csv, pyxform markdown .md) to XForm XML, with errors a person can fix.

    from app.xlsform import (XLSFormError, xlsform_to_xform, convert_xlsform, check_workbook,
                             source_hash, SUPPORTED_SUFFIXES, Conversion)

Modules: convert (reading a workbook, pyxform, its messages), checks (our pre-checks with
exact sheet, row and column), columns (what each header means), errors (XLSFormError;
``error.localized("es")``), messages (the Spanish and English texts of our checks and of
locations).
"""

from __future__ import annotations

from app.xlsform.checks import check_workbook
from app.xlsform.convert import (
    SUPPORTED_SUFFIXES,
    Conversion,
    convert_xlsform,
    source_hash,
    xlsform_to_xform,
)
from app.xlsform.errors import XLSFormError

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Conversion",
    "XLSFormError",
    "check_workbook",
    "convert_xlsform",
    "source_hash",
    "xlsform_to_xform",
]
