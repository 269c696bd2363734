"""Rows to and from CSV and XLSX, the formats organization departments keep rosters in."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from .errors import InvalidInput

# A spreadsheet program runs a CSV cell starting with one of these as a formula; text that may
# have come from anyone (an event's summary, through Open311) is written with a leading
# apostrophe, which makes it plain text (OWASP's advice against CSV injection). An XLSX cell
# says its type, so there text is stored as text, unchanged.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters an XLSX cell cannot hold (a workbook with one does not open).
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def cell(row: dict, column: str):
    """The value at ``column`` of a nested row, a dotted path (``agency.name``): lists joined
    by "; ", maps as JSON, anything missing on the way as None."""
    value = row
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        return "; ".join(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                         for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _xlsx_value(value):
    """``value`` for an XLSX cell, text without the control characters a cell cannot hold."""
    return _NOT_IN_XLSX.sub("", value) if isinstance(value, str) else value


def _inert(value):
    """Text a spreadsheet would take for a formula, made plain text (CSV)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def header(columns: list[str]) -> list[str]:
    """Column titles: the dotted paths with underscores (``agency.name`` → ``agency_name``)."""
    return [c.replace(".", "_") for c in columns]


def write(rows: Iterable[dict], columns: list[str], fmt: str) -> bytes:
    """``rows`` as a CSV (UTF-8 with a BOM) or XLSX file; ``columns`` are paths for
    :func:`cell`, titled by :func:`header`."""
    if fmt == "csv":
        return b"".join(csv_chunks(rows, columns))
    if fmt == "xlsx":
        out = io.BytesIO()
        write_xlsx(rows, columns, out)
        return out.getvalue()
    raise unknown_format(fmt)


def unknown_format(fmt: str) -> InvalidInput:
    """The refusal of a file format other than CSV and XLSX, naming the two."""
    return InvalidInput(f"unknown format {fmt!r}", errors={"format": list(FORMATS)})


def csv_chunks(rows: Iterable[dict], columns: list[str], *,
               rows_per_chunk: int = 2000) -> Iterator[bytes]:
    """``rows`` as a CSV file (UTF-8 with a BOM, as Excel reads Chinese) in pieces of
    ``rows_per_chunk`` rows, each written as soon as its rows arrive: an export can be sent
    while it is read, never held whole."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    buf.write("\ufeff")
    w.writerow(header(columns))
    for n, r in enumerate(rows, 1):
        w.writerow(["" if (v := cell(r, c)) is None else _inert(v) for c in columns])
        if n % rows_per_chunk == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def write_xlsx(rows: Iterable[dict], columns: list[str], out: BinaryIO) -> None:
    """``rows`` as an XLSX workbook written to ``out``. Rows go to a temporary file as they
    arrive (XlsxWriter's constant memory mode), so a long list is never held whole; the
    workbook is zipped from it at the end."""
    import xlsxwriter

    # Text stays text: never read as a formula, a number or a link.
    wb = xlsxwriter.Workbook(out, {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False, "default_date_format": "yyyy-mm-dd",
        "remove_timezone": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, header(columns))
    for i, r in enumerate(rows, 1):
        ws.write_row(i, 0, [_xlsx_value(cell(r, c)) for c in columns])
    wb.close()


def read(data: bytes, fmt: str) -> list[tuple[int, dict]]:
    """(line number as a person sees it, row as {header: text}) for each non-empty row."""
    if fmt == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput("the CSV is not UTF-8 text",
                               errors={"file": ["save it as CSV UTF-8"]}) from None
        rows = list(csv.reader(io.StringIO(text)))
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a file that is not a workbook
            raise InvalidInput("the file is not an XLSX workbook",
                               errors={"file": ["an .xlsx file"]}) from None
        rows = [["" if v is None else str(v) for v in r]
                for r in wb.worksheets[0].iter_rows(values_only=True)]
    else:
        raise unknown_format(fmt)
    if not rows:
        raise InvalidInput("the file is empty", errors={"file": ["a header row, then rows"]})
    header = [h.strip() for h in rows[0]]
    out = []
    for n, values in enumerate(rows[1:], start=2):
        if not any(str(v).strip() for v in values):
            continue
        out.append((n, {h: (str(values[i]).strip() if i < len(values) else "")
                        for i, h in enumerate(header) if h}))
    return out
