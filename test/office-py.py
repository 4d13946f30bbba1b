# Writes workbooks as offices make them, with the libraries offices' tools use:
# openpyxl (.xlsx) and xlwt (.xls). Reads a JSON spec on stdin:
#   {"path": "...", "format": "xlsx" | "xls", "sheets": [{"name": "...",
#    "rows": [[cell, ...], ...], "merges": ["A5:A9", ...]}], "copyFrom": "..."}
# A cell is null (not written at all: absent from the file), text, a number,
# or {"pct": 0.035} (a number shown as a percentage, 0.0%).
# With "copyFrom": every sheet of that .xlsx but the hidden ones, values only,
# copied into a new workbook (how offices merge or rename filled forms); the
# "sheets" of the spec are ignored then, except "rename": {"old": "new"}.
# With "fillFrom": an smei form (from `smei template --previous`) filled in as
# a person would, then saved by openpyxl: each input cell (right of a 参考
# column, under the header on row 4) gets its reference value times 1.1,
# rounded to 2 decimals; "blank": ["杭州市"] leaves those rows' inputs empty.
import json
import sys

spec = json.load(sys.stdin)
fmt = spec.get("format", "xlsx")

if spec.get("fillFrom"):
    import openpyxl
    wb = openpyxl.load_workbook(spec["fillFrom"])
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        head = [c.value for c in ws[4]]
        for row in ws.iter_rows(min_row=5):
            for c in row[1:]:
                ref = row[c.column - 2].value
                h = head[c.column - 2] if c.column - 2 < len(head) else None
                if isinstance(h, str) and ("参考" in h or "reference" in h) and isinstance(ref, (int, float)):
                    c.value = round(ref * 1.1, 2)
    wb.save(spec["path"])
    sys.exit(0)

if spec.get("copyFrom"):
    import openpyxl
    src = openpyxl.load_workbook(spec["copyFrom"])
    out = openpyxl.Workbook()
    out.remove(out.active)
    rename = spec.get("rename", {})
    for ws in src.worksheets:
        if ws.sheet_state != "visible":
            continue
        dst = out.create_sheet(rename.get(ws.title, ws.title))
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    d = dst.cell(row=c.row, column=c.column, value=c.value)
                    d.number_format = c.number_format
    out.save(spec["path"])
    sys.exit(0)

if fmt == "xlsx":
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in spec["sheets"]:
        ws = wb.create_sheet(sheet["name"])
        for r, row in enumerate(sheet["rows"], start=1):
            for c, v in enumerate(row, start=1):
                if v is None:
                    continue
                if isinstance(v, dict):
                    cell = ws.cell(row=r, column=c, value=v["pct"])
                    cell.number_format = "0.0%"
                else:
                    ws.cell(row=r, column=c, value=v)
        for m in sheet.get("merges", []):
            ws.merge_cells(m)
    wb.save(spec["path"])
else:
    import xlwt
    from openpyxl.utils.cell import range_boundaries
    wb = xlwt.Workbook(encoding="utf-8")
    pct = xlwt.easyxf(num_format_str="0.0%")
    for sheet in spec["sheets"]:
        ws = wb.add_sheet(sheet["name"])
        merged = set()
        for m in sheet.get("merges", []):
            c1, r1, c2, r2 = range_boundaries(m)
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, sheet["rows"][r1 - 1][c1 - 1])
            merged.update((r, c) for r in range(r1 - 1, r2) for c in range(c1 - 1, c2))
        for r, row in enumerate(sheet["rows"]):
            for c, v in enumerate(row):
                if v is None or (r, c) in merged:
                    continue
                if isinstance(v, dict):
                    ws.write(r, c, v["pct"], pct)
                else:
                    ws.write(r, c, v)
    wb.save(spec["path"])
