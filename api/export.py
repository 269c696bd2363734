"""``?format=csv|xlsx`` on lists: the whole filtered list as a file."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator

from flask import Response, send_file

from orggraph import tabular
from orggraph.errors import InvalidInput
from orggraph.paging import PageRequest

EXPORT_LIMIT = 100_000  # rows of a list read whole, and of any XLSX (built before it is sent)
# Rows a CSV export of a list that streams holds: a spreadsheet's sheet under its header row
# (Excel's 1,048,576 rows); the server's memory does not grow with them.
STREAMED_CSV_LIMIT = 1_048_575


def everything(limit: int = EXPORT_LIMIT) -> PageRequest:
    """The whole list in one page, streamed where the list can be (events, the audit log)."""
    return PageRequest(1, limit, streamed=True)


def export_limit(fmt: str, streams: bool) -> int:
    return STREAMED_CSV_LIMIT if streams and fmt == "csv" else EXPORT_LIMIT


def page_or_file(listed: Callable[[PageRequest], dict], page: int, page_size: int, fmt: str,
                 columns: list[str], name: str, row: Callable[[dict], dict] | None = None, *,
                 streams: bool = False):
    """One page of ``listed`` as JSON, or for csv and xlsx the whole list as a file of
    ``columns`` (dotted paths into each item, or into ``row(item)``; see
    :func:`orggraph.tabular.cell`). A list longer than an export holds is refused rather than
    cut short. ``streams``: ``listed`` streams its items when asked (``PageRequest.streamed``),
    so a CSV of it may be as long as a spreadsheet holds."""
    if fmt == "json":
        return listed(PageRequest(page, page_size))
    limit = export_limit(fmt, streams)
    # Counted first (a page of one), so a list too long is refused before it is read.
    total = listed(PageRequest(1, 1))["total"]
    if total > limit:
        longer = f"; a CSV of it holds up to {STREAMED_CSV_LIMIT:,}" \
            if streams and fmt != "csv" and total <= STREAMED_CSV_LIMIT else ""
        raise InvalidInput(
            f"the list has {total:,} rows and this export holds at most {limit:,}{longer}; "
            "narrow it (within, filters) or take a backup",
            errors={"format": [f"at most {limit:,} rows"]})
    items = listed(everything(limit))["items"]
    return file_response(items if row is None else map(row, items), columns, fmt, name)


def file_response(items: Iterable[dict], columns: list[str], fmt: str, name: str) -> Response:
    """``items`` as a file to download. A CSV is sent as it is read: its rows are never held
    whole. An XLSX is a zip, written whole before it is sent, to a temporary file."""
    disposition = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "csv":
        return Response(_primed(tabular.csv_chunks(items, columns)),
                        content_type=tabular.FORMATS["csv"], headers=disposition)
    if fmt == "xlsx":
        out = tempfile.TemporaryFile()
        try:
            tabular.write_xlsx(items, columns, out)
        except BaseException:
            out.close()
            raise
        out.seek(0)
        # (the file is closed when sent, and being unnamed, gone with it)
        return send_file(out, mimetype=tabular.FORMATS["xlsx"], as_attachment=True,
                         download_name=f"{name}.xlsx", max_age=0)
    raise tabular.unknown_format(fmt)


def _primed(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks`` with the first already taken, before the answer starts: reading it runs the
    list's statement, so a database gone or a statement refused is still an error answer
    (503, 4xx) and not a file cut short. The rest follows as it is read; closing the answer
    (the client gone) closes ``chunks``, and with them the database session."""
    first = next(chunks, b"")

    def body() -> Iterator[bytes]:
        try:
            yield first
            yield from chunks
        finally:
            chunks.close()

    return body()


def flat_pairing(p: dict) -> dict:
    return {"id": p["id"], "agency_id": p["agency"]["id"], "agency_name": p["agency"]["name"],
            "community_code": p["community"]["code"], "community_name": p["community"]["name"],
            "since": p["since"], "until": p["until"], "projects": len(p["projects"]),
            "project_titles": "、".join(x["title"] for x in p["projects"]),
            "project_amount": sum(x["amount"] for x in p["projects"])}


PAIRING_COLUMNS = ["id", "agency_id", "agency_name", "community_code", "community_name",
                   "since", "until", "projects", "project_titles", "project_amount"]
