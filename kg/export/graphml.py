"""GraphML for Gephi, yEd and igraph: flattened scalar attributes and integer r/g/b node colours."""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from kg.export.flatten import flatten


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """Write ``graph`` as GraphML (UTF-8), atomically; the graph itself is not changed."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    nx.write_graphml(flatten(graph), tmp, encoding="utf-8", named_key_ids=True, edge_id_from_attribute=None)
    tmp.replace(path)
    return path
