"""Parse a followup CSV export with Python's csv module and check its columns.

usage: check_csv.py EXPORT.csv
"""
import csv
import sys

COLUMNS = ("participant entry_id instrument date day recorded_at late version retracted a1 a2 a3 a4 a5 a6 a7 a8 a9 "
           "difficulty total prorated severity safety mood anxiety energy sleep note tags").split()

with open(sys.argv[1], newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f)
    assert reader.fieldnames == COLUMNS, reader.fieldnames
    rows = list(reader)
assert rows, "no rows"
for r in rows:
    assert r["instrument"] in ("phq9", "gad7", "mood"), r
    assert len(r["date"]) == 10 and r["date"][4] == "-", r["date"]
    int(r["day"])
    assert r["late"] in ("true", "false") and r["safety"] in ("true", "false")
    # a retracted entry travels only to keep its safety flag
    assert r["retracted"] == "false" or r["safety"] == "true", r
    if r["instrument"] == "gad7":
        # a1 to a7, the total and the band; no a8, a9 or item 10
        total = sum(int(r[f"a{i}"]) for i in range(1, 8))
        assert int(r["total"]) == total and r["a8"] == r["a9"] == r["difficulty"] == "", r
        assert r["severity"] in ("minimal", "mild", "moderate", "severe"), r
    elif r["instrument"] == "phq9":
        total = sum(int(r[f"a{i}"]) for i in range(1, 10))
        assert int(r["total"]) == total, r
        assert r["mood"] == "", "a PHQ-9 row has no mood"
    else:
        assert 0 <= int(r["mood"]) <= 10
        assert r["total"] == "" and r["a1"] == "", "a mood row has no PHQ-9 values, not zeros"
assert any(r["instrument"] == "gad7" for r in rows), "the GAD-7 rows"
print(f"ok: CSV parsed, {len(rows)} rows with the documented columns")
