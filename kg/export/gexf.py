"""GEXF 1.2 for Gephi, with viz colour, size and a deterministic position for each node.

Dynamic mode: every dated node and edge gets ``start`` / ``end`` (its first and last evidence date), so Gephi's
timeline plays the graph; undated ones have no bounds and are always shown.
"""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from kg.export.flatten import flatten
from kg.export.graphml import XML_DECLARATION
from kg.export.style import actor_colour, hex_to_rgb
from kg.io import write_text

LAYOUT_SEED = 7


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``graph`` as GEXF (UTF-8), atomically; node size grows with degree, colour follows actor type."""
    flat = flatten(graph, rgb=False)
    positions = nx.spring_layout(nx.Graph(flat), seed=LAYOUT_SEED, scale=500) if len(flat) else {}
    for node, data in flat.nodes(data=True):
        r, g, b = hex_to_rgb(actor_colour(data.get("actor_type", "other")))
        x, y = positions[node]
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 10.0 + 4.0 * flat.degree(node),
                       "position": {"x": float(x), "y": float(y), "z": 0.0}}
    for _, data in flat.nodes(data=True):
        _time_bounds(data)
    for _, _, data in flat.edges(data=True):
        _time_bounds(data)
    text = "\n".join(nx.generate_gexf(flat, encoding="utf-8", version="1.2draft"))
    return write_text(XML_DECLARATION + text + "\n", path)


def _time_bounds(data: dict) -> None:
    if data.get("first_seen"):
        data["start"], data["end"] = data["first_seen"], data["last_seen"]
