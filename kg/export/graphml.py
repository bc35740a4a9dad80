"""GraphML for Gephi, yEd and igraph: flattened scalar attributes, integer r/g/b node colours, unique edge ids."""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from kg.export.flatten import flatten
from kg.io import write_text

XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``graph`` as GraphML (UTF-8), atomically; the graph itself is not changed.

    Each edge's GraphML id is ``source->target:relation/subtype``: the graph's own edge key (``relation/subtype``)
    repeats across actor pairs, and Gephi and yEd reject or merge edges whose ids repeat.
    """
    flat = flatten(graph)
    unique = nx.MultiDiGraph(**flat.graph)
    unique.add_nodes_from(flat.nodes(data=True))
    seen: set[str] = set()
    for source, target, key, data in flat.edges(keys=True, data=True):
        edge_id, n = f"{source}->{target}:{key}", 1
        while edge_id in seen:
            n += 1
            edge_id = f"{source}->{target}:{key}#{n}"
        seen.add(edge_id)
        unique.add_edge(source, target, key=edge_id, **data)
    text = "\n".join(nx.generate_graphml(unique, encoding="utf-8", named_key_ids=True, edge_id_from_attribute=None))
    return write_text(XML_DECLARATION + text + "\n", path)
