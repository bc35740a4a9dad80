"""relations.csv and shifts.csv: UTF-8 with BOM, one row per extracted relation, Arabic intact."""
import csv

import pytest
from test_views import graph  # noqa: F401 - the dated graph fixture

from kg.export.tables import RELATION_COLUMNS, SHIFT_COLUMNS, write_relations_csv, write_shifts_csv


def _read(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_tables_relations_csv_one_row_per_relation(graph, tmp_path):  # noqa: F811
    path = write_relations_csv(graph, tmp_path / "relations.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + ",".join(RELATION_COLUMNS).encode())
    rows = _read(path)
    assert len(rows) == sum(d["weight"] for _, _, d in graph.edges(data=True)) == 11
    row = next(r for r in rows if r["doc"] == "d2" and r["relation"] == "clash")
    assert row == {"date": "2015-06-01", "source": "russia", "source_name_ar": "روسيا", "source_type": "state",
                   "target": "iran", "target_name_ar": "إيران", "target_type": "state", "relation": "clash",
                   "subtype": "rivalry", "status": "current", "confidence": "0.8", "outlet": "sy24",
                   "url": "https://news.example/d2", "doc": "d2", "evidence": "جملة d2", "trigger": "تابع"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_tables_shifts_csv(graph, tmp_path):  # noqa: F811
    rows = _read(write_shifts_csv(graph, tmp_path / "shifts.csv"))
    assert list(rows[0]) == list(SHIFT_COLUMNS)
    assert [(r["actor"], r["kind"], r["from_date"], r["to_date"]) for r in rows] == [
        ("ndf", "patron", "2015-01-10", "2015-06-01"), ("fifth_corps", "status", "2015-01-10", "2015-09-01")]


@pytest.mark.parametrize("hostile", ['a,"b"\nc', "=HYPERLINK(1)"])
def test_tables_quote_what_they_must(graph, tmp_path, hostile):  # noqa: F811
    for _, _, data in graph.edges(data=True):
        data["evidence"][0]["sentence"] = hostile
    rows = _read(write_relations_csv(graph, tmp_path / "r.csv"))
    assert hostile in {r["evidence"] for r in rows}
