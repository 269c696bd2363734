"""``?format=csv|xlsx`` on lists: the whole filtered list as a file."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response

from orggraph import tabular
from orggraph.errors import InvalidInput
from orggraph.paging import PageRequest

EXPORT_LIMIT = 100_000  # rows; a larger export is a backup, not a list


def everything() -> PageRequest:
    return PageRequest(1, EXPORT_LIMIT)


def page_or_file(listed: Callable[[PageRequest], dict], page: int, page_size: int, fmt: str,
                 columns: list[str], name: str, row: Callable[[dict], dict] | None = None):
    """One page of ``listed`` as JSON, or for csv and xlsx the whole list as a file of
    ``columns`` (dotted paths into each item, or into ``row(item)``; see
    :func:`orggraph.tabular.cell`). A list longer than an export holds is refused rather than
    cut short."""
    if fmt == "json":
        return listed(PageRequest(page, page_size))
    # Counted first (a page of one), so a list too long is refused before it is read.
    total = listed(PageRequest(1, 1))["total"]
    if total > EXPORT_LIMIT:
        raise InvalidInput(
            f"the list has {total:,} rows and an export holds at most {EXPORT_LIMIT:,}; "
            "narrow it (within, filters) or take a backup",
            errors={"format": [f"at most {EXPORT_LIMIT:,} rows"]})
    result = listed(everything())
    items = result["items"] if row is None else [row(x) for x in result["items"]]
    return file_response(items, columns, fmt, name)


def file_response(items: list[dict], columns: list[str], fmt: str, name: str) -> Response:
    data = tabular.write(items, columns, fmt)
    return Response(data, mimetype=tabular.FORMATS[fmt].split(";")[0], headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
        "Content-Type": tabular.FORMATS[fmt]})


def flat_pairing(p: dict) -> dict:
    return {"id": p["id"], "agency_id": p["agency"]["id"], "agency_name": p["agency"]["name"],
            "community_code": p["community"]["code"], "community_name": p["community"]["name"],
            "since": p["since"], "until": p["until"], "projects": len(p["projects"]),
            "project_titles": "、".join(x["title"] for x in p["projects"]),
            "project_amount": sum(x["amount"] for x in p["projects"])}


PAIRING_COLUMNS = ["id", "agency_id", "agency_name", "community_code", "community_name",
                   "since", "until", "projects", "project_titles", "project_amount"]
