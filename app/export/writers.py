"""The two file formats: a .zip of CSVs (Central's ``.csv.zip``) and one XLSX workbook.

Both keep memory flat however many submissions there are. CSV: the submissions table is written
straight into its zip entry; repeat tables are spooled to anonymous temporary files (no name on
disk, gone with the process even if it dies) and added when the submissions are done, because a
zip stores its entries one after the other. XLSX: openpyxl's write-only workbook, each sheet's
rows spooled the same way and zipped on save (see ``XlsxWriter``).

CSV is UTF-8 without a byte-order mark and with ``\\n`` line ends, as Central writes it: analysts'
scripts read ``SubmissionDate`` as the first header (a BOM would make it ``\\ufeffSubmissionDate``
in pandas and R). People who open files in Excel get the XLSX, whose text Excel always reads
right.

Cells are not "defused" against spreadsheet formulas in the CSV (neither does Central): a CSV is
data for scripts, and changing answers that begin with ``=`` would corrupt them. The XLSX, meant
for people, writes every answer as a text cell, never a formula, and drops characters a worksheet
cannot hold (control characters become U+FFFD); a text over Excel's 32,767 characters per cell is
cut there with a mark (the CSV keeps it whole). Integer and decimal questions (and geopoints) are
numbers in the XLSX, text in the CSV.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import IO, Any, BinaryIO

from app.export.layout import FormLayout, Table, safe_file_stem

XLSX_CELL_LIMIT = 32_767
TRUNCATED_MARK = " […]"
# Characters XML 1.0 (so a worksheet) cannot hold: C0 controls but tab, newline, carriage return.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
SHEET_NAME_LIMIT = 31


def csv_file_names(layout: FormLayout) -> list[str]:
    """``<formId>.csv`` then ``<formId>-<repeat>.csv`` per repeat (``~1``, ``~2`` when two
    repeats share a name), as Central names the files of its ``.csv.zip``."""
    stem = safe_file_stem(layout.form_id)
    names = [f"{stem}.csv"]
    repeats = layout.tables[1:]
    totals: dict[str, int] = {}
    for table in repeats:
        totals[table.name] = totals.get(table.name, 0) + 1
    counts: dict[str, int] = {}
    for table in repeats:
        if totals[table.name] > 1:
            counts[table.name] = counts.get(table.name, 0) + 1
            names.append(safe_file_stem(f"{stem}-{table.name}~{counts[table.name]}") + ".csv")
        else:
            names.append(safe_file_stem(f"{stem}-{table.name}") + ".csv")
    return names


def sheet_names(layout: FormLayout) -> list[str]:
    """The form id for the submissions, the repeat's name for each repeat: at most 31
    characters, none of ``[]:*?/\\``, unique regardless of case (Excel's rules)."""
    names: list[str] = []
    taken: set[str] = set()
    for table in layout.tables:
        base = _SHEET_UNSAFE.sub("_", table.name).strip("'") or "sheet"
        candidate, number = base[:SHEET_NAME_LIMIT], 1
        while candidate.lower() in taken:
            number += 1
            suffix = f"~{number}"
            candidate = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        taken.add(candidate.lower())
        names.append(candidate)
    return names


class CsvZipWriter:
    """Rows in, a zip of CSV files out."""

    def __init__(self, out: BinaryIO, layout: FormLayout, spool_dir: Path | None = None) -> None:
        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._names = csv_file_names(layout)
        self._index = {id(table): i for i, table in enumerate(layout.tables)}
        self._texts: list[io.TextIOWrapper[IO[bytes]]] = []
        self._spools: list[IO[bytes]] = []
        # The submissions table is the big one: straight into the zip, no second copy.
        entry = self._zip.open(self._names[0], "w", force_zip64=True)
        self._texts.append(io.TextIOWrapper(entry, encoding="utf-8", newline=""))
        for _ in layout.tables[1:]:
            spool = tempfile.TemporaryFile(dir=spool_dir)  # noqa: SIM115 (closed in finish/abort)
            self._spools.append(spool)
            self._texts.append(io.TextIOWrapper(spool, encoding="utf-8", newline=""))
        self._writers = [csv.writer(text, lineterminator="\n") for text in self._texts]
        for writer, table in zip(self._writers, layout.tables, strict=True):
            writer.writerow(table.headers)
        self.rows = [0] * len(layout.tables)

    def write(self, table: Table, row: list[Any]) -> None:
        index = self._index[id(table)]
        self._writers[index].writerow(row)
        self.rows[index] += 1

    def finish(self) -> None:
        """Close the submissions entry, add the repeat tables, close the zip."""
        self._texts[0].close()
        for name, text in zip(self._names[1:], self._texts[1:], strict=True):
            text.flush()
            spool = text.detach()
            size = spool.tell()
            spool.seek(0)
            with self._zip.open(name, "w", force_zip64=size > 2**31) as entry:
                shutil.copyfileobj(spool, entry, 1024 * 1024)
            spool.close()
        self._zip.close()

    def abort(self) -> None:
        """Give up: temporary files go; what was written to ``out`` is the caller's to drop."""
        for spool in self._spools:
            spool.close()
        try:
            self._texts[0].close()
            self._zip.close()
        except (OSError, ValueError):
            pass


class XlsxWriter:
    """Rows in, one workbook out: a sheet per table, header row frozen.

    openpyxl's write-only workbook writes the package (content types, workbook, styles, each
    sheet's views and tail); the rows are written by us, as the same markup openpyxl writes for
    text and number cells (``<c r="B2" t="inlineStr"><is><t>…</t></is></c>``, ``<c r="C2">
    <v>7</v></c>``), built as strings and spooled to an anonymous temporary file per sheet, then
    spliced into openpyxl's sheet before the workbook is saved. openpyxl's own cell path (a cell
    object, type inference and three XML elements per value) took ~8 µs a cell: 10 s for 5,120
    submissions of 263 columns; this one ~0.3 µs. Text is always a string cell, so an answer that
    begins with "=" can never become a formula.
    """

    def __init__(self, out: BinaryIO, layout: FormLayout, spool_dir: Path | None = None) -> None:
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        self._out = out
        self._book = Workbook(write_only=True)
        self._index = {id(table): i for i, table in enumerate(layout.tables)}
        self._numeric = [table.numeric_columns for table in layout.tables]
        width = max(len(table.headers) for table in layout.tables)
        self._letters = [get_column_letter(i + 1) for i in range(width)]
        self._sheets = []
        self._spools: list[IO[bytes]] = []
        self._texts: list[io.TextIOWrapper[IO[bytes]]] = []
        for table, name in zip(layout.tables, sheet_names(layout), strict=True):
            sheet = self._book.create_sheet(title=name)
            sheet.freeze_panes = "A2"
            self._sheets.append(sheet)
            spool = tempfile.TemporaryFile(dir=spool_dir)  # noqa: SIM115 (closed in finish/abort)
            self._spools.append(spool)
            text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
            self._texts.append(text)
            text.write(self._row_xml(list(table.headers), 1))
        self.rows = [0] * len(layout.tables)

    def write(self, table: Table, row: list[Any]) -> None:
        index = self._index[id(table)]
        for col in self._numeric[index]:
            value = row[col]
            if value is not None and value.__class__ is str:
                row[col] = _number(value)
        self.rows[index] += 1
        self._texts[index].write(self._row_xml(row, self.rows[index] + 1))

    def _row_xml(self, row: list[Any], number: int) -> str:
        n = str(number)
        letters = self._letters
        parts = [f'<row r="{n}">']
        for col, value in enumerate(row):
            if value is None:
                continue
            if value.__class__ is str:
                parts.append(
                    f'<c r="{letters[col]}{n}" t="inlineStr"><is><t xml:space="preserve">'
                    f"{_cell_text(value)}</t></is></c>"
                )
            else:
                parts.append(f'<c r="{letters[col]}{n}"><v>{value}</v></c>')
        parts.append("</row>")
        return "".join(parts)

    def finish(self) -> None:
        for sheet, text in zip(self._sheets, self._texts, strict=True):
            text.flush()
            sheet.close()  # openpyxl writes the sheet, with an empty <sheetData/>
            _splice_rows(Path(sheet._writer.out), text.detach())
        self._book.save(self._out)

    def abort(self) -> None:
        for spool in self._spools:
            spool.close()
        for sheet in self._sheets:
            # A closed sheet's temporary file goes now, not at interpreter exit.
            writer = getattr(sheet, "_writer", None)
            if writer is not None:
                with contextlib.suppress(OSError, ValueError):
                    writer.cleanup()


_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


def _splice_rows(sheet_file: Path, rows: IO[bytes]) -> None:
    """Put the spooled rows into openpyxl's sheet file, in place of its empty sheetData."""
    written = sheet_file.read_bytes()  # only the sheet's head and tail: a few hundred bytes
    found = _EMPTY_SHEET_DATA.search(written)
    if found is None:  # openpyxl changed how it writes a sheet: fail loudly, never a bad file
        raise RuntimeError("openpyxl's worksheet has no empty <sheetData/> to fill")
    rows.seek(0)
    with open(sheet_file, "wb") as target:
        target.write(written[: found.start()])
        target.write(b"<sheetData>")
        shutil.copyfileobj(rows, target, 1024 * 1024)
        target.write(b"</sheetData>")
        target.write(written[found.end() :])
    rows.close()


def _cell_text(value: str) -> str:
    """A string as a worksheet's XML text: escaped, characters XML cannot hold replaced, cut to
    Excel's limit; a carriage return kept as a character reference (XML readers drop a raw one)."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("\ufffd", value)
    if len(value) > XLSX_CELL_LIMIT:
        value = value[: XLSX_CELL_LIMIT - len(TRUNCATED_MARK)] + TRUNCATED_MARK
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\r", "&#13;")
        )
    return value


def _number(text: str) -> object:
    """An integer or decimal answer as a number for the spreadsheet; anything else as it is."""
    try:
        whole = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return text
        return number if number == number and abs(number) != float("inf") else text
    # Excel keeps 15 significant digits: a longer "number" (an id, a phone) stays text.
    return whole if abs(whole) < 10**15 else text
