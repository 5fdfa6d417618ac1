"""Excel copies of the built-in questionnaires (forms/xlsx/), for people who edit in Excel."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from .table import Sheet

# A fixed timestamp keeps regenerated files from differing only by their save time.
_FIXED_TIME = datetime(2026, 1, 1)


def write_xlsx(path: Path, sheets: list[Sheet]) -> None:
    """Save the sheets as an .xlsx XLSForm: bold, frozen header row; readable column widths."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        columns = [c for c in sheet.columns if any(row.get(c) for row in sheet.rows)]
        out = book.create_sheet(sheet.name)
        out.append(columns)
        for row in sheet.rows:
            out.append([row.get(c, "") or None for c in columns])
        for cell in out[1]:
            cell.font = Font(bold=True)
        out.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            longest = max(len(str(row.get(column, ""))) for row in [*sheet.rows, {column: column}])
            out.column_dimensions[out.cell(1, index).column_letter].width = min(60, longest + 2)
    book.properties.creator = "forms.builder"
    book.properties.created = book.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(_without_timestamps(buffer.getvalue()))


def _without_timestamps(data: bytes) -> bytes:
    """Re-zip with fixed entry times and properties, so unchanged forms give identical bytes."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _fix_dates(content, stamp)
            info = zipfile.ZipInfo(item.filename, date_time=_FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def _fix_dates(core: bytes, stamp: bytes) -> bytes:
    return re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2", core
    )
