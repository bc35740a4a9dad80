"""Make a graph's attributes safe for GraphML and GEXF: scalars only, one type per key, no None.

Lists become text joined by ``LIST_SEPARATOR``; evidence lists become one readable text and a count.
The caller's graph is never mutated: ``flatten`` returns a new graph.
"""
from __future__ import annotations

import re

import networkx as nx

from kg.export.style import actor_colour, hex_to_rgb

LIST_SEPARATOR = "; "
#: characters XML 1.0 forbids (C0 controls but tab/newline/return, surrogates, U+FFFE/U+FFFF): an article holding
#: one must not make the GraphML or GEXF file unreadable
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EVIDENCE_SEPARATOR = " || "


def flatten_value(value):
    """A GraphML/GEXF-safe scalar: str, int, float or bool."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(flatten_value(v)) for v in items)
    return str(value)


def evidence_text(evidence: list[dict]) -> str:
    """'doc (outlet, date): sentence [trigger]' items joined by ' || ' (the parenthesis only where known)."""
    return flatten_value(EVIDENCE_SEPARATOR.join(f"{e['doc']}{_provenance(e)}: {e['sentence']} [{e['trigger']}]"
                                                 for e in evidence))


def _provenance(item: dict) -> str:
    known = [value for value in (item.get("outlet", ""), item.get("date", "")) if value]
    return f" ({', '.join(known)})" if known else ""


def flatten(graph: nx.MultiDiGraph, *, rgb: bool = True) -> nx.MultiDiGraph:
    """A copy of ``graph`` with scalar attributes; with ``rgb``, integer r/g/b node colours (Gephi's GraphML)."""
    flat = nx.MultiDiGraph(**{k: flatten_value(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        node = flatten_value(node)
        attrs = {k: flatten_value(v) for k, v in data.items()}
        if rgb:
            attrs["r"], attrs["g"], attrs["b"] = hex_to_rgb(actor_colour(data.get("actor_type", "other")))
        flat.add_node(node, **attrs)
    for source, target, key, data in graph.edges(keys=True, data=True):
        source, target = flatten_value(source), flatten_value(target)
        attrs = {k: flatten_value(v) for k, v in data.items() if k != "evidence"}
        evidence = data.get("evidence", [])
        attrs["evidence"] = evidence_text(evidence)
        attrs["documents"] = flatten_value(sorted({e["doc"] for e in evidence}))
        attrs["urls"] = flatten_value(sorted({e["url"] for e in evidence if e.get("url")}))
        flat.add_edge(source, target, key=key, **attrs)
    return flat
