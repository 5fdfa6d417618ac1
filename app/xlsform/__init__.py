"""XLSForm (.xlsx, .xls, .csv, pyxform markdown .md) to XForm XML, with errors a person can fix.

    from app.xlsform import (XLSFormError, xlsform_to_xform, convert_xlsform, check_workbook,
                             source_hash, SUPPORTED_SUFFIXES, Conversion)

Modules: convert (reading a workbook, pyxform, its messages), checks (our pre-checks with
exact sheet, row and column), columns (what each header means), errors (XLSFormError;
``error.localized("es")``), messages (the Spanish and English texts of our checks and of
locations).

pyxform costs a third of a second to import, and only converting a form needs it: the names
below load their module on first use (PEP 562), so starting the app with its forms already
converted never imports pyxform.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.xlsform.checks import check_workbook
    from app.xlsform.convert import (
        SUPPORTED_SUFFIXES,
        Conversion,
        convert_xlsform,
        xlsform_to_xform,
    )
    from app.xlsform.errors import XLSFormError
    from app.xlsform.hashing import source_hash

_HOME = {
    "SUPPORTED_SUFFIXES": "convert",
    "Conversion": "convert",
    "XLSFormError": "errors",
    "check_workbook": "checks",
    "convert_xlsform": "convert",
    "source_hash": "hashing",
    "xlsform_to_xform": "convert",
}

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Conversion",
    "XLSFormError",
    "check_workbook",
    "convert_xlsform",
    "source_hash",
    "xlsform_to_xform",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
