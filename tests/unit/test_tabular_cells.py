"""Nested items flattened into cells for CSV and XLSX exports, and the export's size limit."""

import io

import pytest

from api.export import EXPORT_LIMIT, STREAMED_CSV_LIMIT, page_or_file
from orggraph.errors import InvalidInput
from orggraph.tabular import cell, csv_chunks, header, write


def test_a_dotted_path_reads_into_nested_items():
    item = {"agency": {"id": "a1", "name": "城厢区卫健局"}, "reasons": ["no leader", "busy"],
            "staff": {"unit_leaders": 3}, "area": None, "projects": [{"title": "活动室"}]}
    assert cell(item, "agency.name") == "城厢区卫健局"
    assert cell(item, "staff.unit_leaders") == 3
    assert cell(item, "reasons") == "no leader; busy"
    assert cell(item, "area.code") is None  # an absent agency or area leaves the cell empty
    assert cell(item, "missing") is None
    assert cell(item, "staff") == '{"unit_leaders": 3}'
    assert cell(item, "projects") == '{"title": "活动室"}'
    assert header(["agency.id", "since"]) == ["agency_id", "since"]


def test_csv_titles_the_paths_and_leaves_missing_cells_empty():
    data = write([{"a": {"b": 1}, "c": None}], ["a.b", "c"], "csv").decode("utf-8-sig")
    assert data == "a_b,c\r\n1,\r\n"


def test_a_list_longer_than_an_export_is_refused_not_cut_short():
    asked = []

    def listed(page):
        asked.append(page.page_size)
        return {"items": [], "total": EXPORT_LIMIT + 1}

    with pytest.raises(InvalidInput) as refused:
        page_or_file(listed, 1, 50, "csv", ["id"], "events")
    assert "format" in refused.value.errors and "narrow" in str(refused.value)
    assert asked == [1]  # counted with a page of one; the rows were never read
    assert page_or_file(listed, 1, 50, "json", ["id"], "events")["total"] == EXPORT_LIMIT + 1


def test_a_list_that_streams_may_be_a_longer_csv_but_no_longer_xlsx():
    asked = []

    def listed(total):
        def read(page):
            asked.append((page.page_size, page.streamed))
            return {"items": iter([{"id": "e1"}, {"id": "e2"}]), "total": total}
        return read

    answer = page_or_file(listed(EXPORT_LIMIT + 1), 1, 50, "csv", ["id"], "events",
                          streams=True)
    assert asked == [(1, False), (STREAMED_CSV_LIMIT, True)]  # counted, then streamed whole
    assert b"".join(answer.response).decode("utf-8-sig") == "id\r\ne1\r\ne2\r\n"
    with pytest.raises(InvalidInput) as refused:  # an XLSX is built whole before it is sent
        page_or_file(listed(EXPORT_LIMIT + 1), 1, 50, "xlsx", ["id"], "events", streams=True)
    assert f"a CSV of it holds up to {STREAMED_CSV_LIMIT:,}" in str(refused.value)
    with pytest.raises(InvalidInput):  # a list that does not stream keeps the lower limit
        page_or_file(listed(EXPORT_LIMIT + 1), 1, 50, "csv", ["id"], "areas")
    with pytest.raises(InvalidInput) as refused:
        page_or_file(listed(STREAMED_CSV_LIMIT + 1), 1, 50, "csv", ["id"], "events",
                     streams=True)
    assert "a CSV of it" not in str(refused.value) and "narrow" in str(refused.value)


def test_text_a_spreadsheet_would_run_as_a_formula_is_written_inert():
    rows = [{"summary": '=HYPERLINK("http://x","click")'}, {"summary": "@SUM(A1)"},
            {"summary": "-2+3"}, {"summary": "道路\x0b破损"}, {"summary": "普通 - 文本"}]
    data = write(rows, ["summary"], "csv").decode("utf-8-sig").splitlines()
    assert data[1:4] == ["\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"", "'@SUM(A1)",
                         "'-2+3"]
    assert data[-1] == "普通 - 文本"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(write(rows, ["summary"], "xlsx"))).worksheets[0]
    values = [c.value for c in sheet["A"]][1:]
    assert values[:3] == [r["summary"] for r in rows[:3]]  # text, as written
    assert sheet["A2"].data_type == "s"
    assert values[3] == "道路破损"  # a control character an XLSX cell cannot hold, dropped


def test_a_csv_is_written_in_pieces_as_its_rows_arrive():
    rows = [{"id": f"e{i}", "summary": "道路破损"} for i in range(5)]
    pieces = list(csv_chunks(iter(rows), ["id", "summary"], rows_per_chunk=2))
    assert pieces[0].startswith("\ufeff".encode()) and not pieces[1].startswith(b"\xef")
    assert [p.decode().count("\r\n") for p in pieces] == [3, 2, 1]  # the header with the first
    assert b"".join(pieces) == write(rows, ["id", "summary"], "csv")
    # A row arriving is a row written: nothing waits for the list to end.
    taken = []
    first = next(csv_chunks((taken.append(r) or r for r in rows), ["id"], rows_per_chunk=2))
    assert len(taken) == 2 and first.decode("utf-8-sig") == "id\r\ne0\r\ne1\r\n"
