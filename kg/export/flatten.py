"""Make a graph's attributes safe for GraphML and GEXF: scalars only, one type per key, no None.

Lists become text joined by ``LIST_SEPARATOR``; evidence lists become one readable text and a count.
The caller's graph is never mutated: ``flatten`` returns a new graph.
"""
from __future__ import annotations

import networkx as nx

from kg.export.style import actor_colour, hex_to_rgb

LIST_SEPARATOR = "; "
EVIDENCE_SEPARATOR = " || "


def flatten_value(value):
    """A GraphML/GEXF-safe scalar: str, int, float or bool."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(flatten_value(v)) for v in items)
    return str(value)


def evidence_text(evidence: list[dict]) -> str:
    """'doc: sentence [trigger]' items joined by ' || '."""
    return EVIDENCE_SEPARATOR.join(f"{e['doc']}: {e['sentence']} [{e['trigger']}]" for e in evidence)


def flatten(graph: nx.MultiDiGraph, *, rgb: bool = True) -> nx.MultiDiGraph:
    """A copy of ``graph`` with scalar attributes; with ``rgb``, integer r/g/b node colours (Gephi's GraphML)."""
    flat = nx.MultiDiGraph(**{k: flatten_value(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        attrs = {k: flatten_value(v) for k, v in data.items()}
        if rgb:
            attrs["r"], attrs["g"], attrs["b"] = hex_to_rgb(actor_colour(data.get("actor_type", "other")))
        flat.add_node(node, **attrs)
    for source, target, key, data in graph.edges(keys=True, data=True):
        attrs = {k: flatten_value(v) for k, v in data.items() if k != "evidence"}
        evidence = data.get("evidence", [])
        attrs["evidence"] = evidence_text(evidence)
        attrs["documents"] = flatten_value(sorted({e["doc"] for e in evidence}))
        flat.add_edge(source, target, key=key, **attrs)
    return flat
