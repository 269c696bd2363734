"""``?format=csv|xlsx`` on lists: the whole filtered list as a file."""

from __future__ import annotations

from flask import Response

from orggraph import tabular
from orggraph.paging import PageRequest

EXPORT_LIMIT = 100_000  # rows; a larger export is a backup, not a list


def everything() -> PageRequest:
    return PageRequest(1, EXPORT_LIMIT)


def file_response(items: list[dict], columns: list[str], fmt: str, name: str) -> Response:
    data = tabular.write(items, columns, fmt)
    return Response(data, mimetype=tabular.FORMATS[fmt].split(";")[0], headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
        "Content-Type": tabular.FORMATS[fmt]})


def flat_pairing(p: dict) -> dict:
    return {"id": p["id"], "agency_id": p["agency"]["id"], "agency_name": p["agency"]["name"],
            "community_code": p["community"]["code"], "community_name": p["community"]["name"],
            "since": p["since"], "until": p["until"], "projects": len(p["projects"])}


PAIRING_COLUMNS = ["id", "agency_id", "agency_name", "community_code", "community_name",
                   "since", "until", "projects"]
