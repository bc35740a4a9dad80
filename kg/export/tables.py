"""Spreadsheet tables: ``relations.csv`` (one row per extracted relation, an ACLED-style dyad table) and
``shifts.csv`` (the allegiance shifts of ``kg.views.shifts``). UTF-8 with a BOM, so that spreadsheets show Arabic."""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Iterable

import networkx as nx

from kg.export.flatten import flatten_value
from kg.views import shifts

RELATION_COLUMNS = ("date", "source", "source_name_ar", "source_type", "target", "target_name_ar", "target_type",
                    "relation", "subtype", "status", "confidence", "outlet", "url", "doc", "evidence", "trigger")
SIDE_COLUMNS = ("patron", "patron_name_ar", "subtype", "status", "date", "outlet", "url", "doc", "evidence")
SHIFT_COLUMNS = ("actor", "actor_name_ar", "kind", *(f"from_{c}" for c in SIDE_COLUMNS),
                 *(f"to_{c}" for c in SIDE_COLUMNS))


def relation_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One row per evidence item of every edge (= per extracted relation), by date then dyad."""
    rows = []
    for source, target, data in graph.edges(data=True):
        ends = {}
        for side, node in (("source", source), ("target", target)):
            attrs = graph.nodes[node]
            ends |= {side: node, f"{side}_name_ar": attrs.get("name_ar", ""), f"{side}_type": attrs.get("actor_type", "")}
        for item in data.get("evidence", []):
            rows.append({**ends, "date": item.get("date", ""), "relation": data.get("relation", ""),
                         "subtype": data.get("subtype", ""), "status": item.get("status", ""),
                         "confidence": item.get("confidence", ""), "outlet": item.get("outlet", ""),
                         "url": item.get("url", ""), "doc": item.get("doc", ""), "evidence": item.get("sentence", ""),
                         "trigger": item.get("trigger", "")})
    return sorted(rows, key=lambda r: tuple(str(r[c]) for c in RELATION_COLUMNS))


def shift_rows(graph: nx.MultiDiGraph) -> list[dict]:
    """One row per allegiance shift, its two sides side by side."""
    return [{"actor": s["actor"], "actor_name_ar": s["actor_name_ar"], "kind": s["kind"],
             **{f"from_{c}": s["from"][c] for c in SIDE_COLUMNS}, **{f"to_{c}": s["to"][c] for c in SIDE_COLUMNS}}
            for s in shifts(graph)]


def write_relations_csv(graph: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``relations.csv``."""
    return write_csv(relation_rows(graph), RELATION_COLUMNS, path)


def write_shifts_csv(graph: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``shifts.csv``."""
    return write_csv(shift_rows(graph), SHIFT_COLUMNS, path)


def write_csv(rows: Iterable[dict], columns: Iterable[str], path: str | os.PathLike) -> Path:
    """Rows as CSV (UTF-8 with BOM, CRLF as RFC 4180 says), atomically: a failed write leaves the old file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows({k: flatten_value(v) for k, v in row.items()} for row in rows)
    tmp.replace(path)
    return path
