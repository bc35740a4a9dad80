"""Merge extractions into one ``networkx.MultiDiGraph`` of actors, and analytics over it.

Nodes are actor ids with ``label``, ``name_ar``, ``actor_type``, ``mention_count``, ``documents``, ``mentions`` (the
distinct strings that named the actor), ``discovered``, ``qid``. There is one edge per (source, target, relation,
subtype), keyed ``"relation/subtype"``, with ``relation``, ``subtype``, ``status``, ``weight`` (evidence count),
``confidence`` (the highest) and ``evidence`` (a list of ``{"doc", "sentence", "trigger", "status", "confidence"}``).
The merge is deterministic: the same extractions in any order give the same graph.
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from kg.types import Extraction

STATUS_ORDER = ("current", "attempted", "former")


def build_graph_from_extractions(extractions: Iterable[Extraction], name: str = "conflict-kg") -> nx.MultiDiGraph:
    """One graph for all documents, nodes and edges sorted so that input order does not matter."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    for extraction in extractions:
        doc_id = extraction.doc.id
        for found in extraction.actors:
            actor = found.actor
            if actor.type == "location":
                continue
            node = nodes.setdefault(actor.id, {
                "label": actor.label, "name_ar": actor.name_ar, "actor_type": actor.type, "mention_count": 0,
                "documents": set(), "mentions": set(), "discovered": actor.discovered, "qid": actor.qid})
            node["mention_count"] += found.count or len(found.mentions)
            node["documents"].add(doc_id)
            node["mentions"].update(found.mentions)
        for relation in extraction.relations:
            key = f"{relation.relation}/{relation.subtype}"
            edge = edges.setdefault((relation.source, relation.target, key), {
                "relation": relation.relation, "subtype": relation.subtype, "evidence": []})
            edge["evidence"].append({"doc": doc_id, "sentence": relation.evidence.sentence,
                                     "trigger": relation.evidence.trigger, "status": relation.status,
                                     "confidence": relation.confidence})
    graph = nx.MultiDiGraph(name=name)
    for actor_id in sorted(nodes):
        node = nodes[actor_id]
        graph.add_node(actor_id, **{**node, "documents": sorted(node["documents"]), "mentions": sorted(node["mentions"])})
    for (source, target, key) in sorted(edges):
        edge = edges[(source, target, key)]
        evidence = sorted(edge["evidence"], key=lambda e: (e["doc"], e["sentence"], e["trigger"]))
        statuses = [e["status"] for e in evidence]
        for end in (source, target):
            if end not in graph:  # an actor known only from a relation (never the case for pipeline output)
                graph.add_node(end, label=end, name_ar="", actor_type="other", mention_count=0, documents=[],
                               mentions=[], discovered=False, qid="")
        graph.add_edge(source, target, key=key, relation=edge["relation"], subtype=edge["subtype"],
                       status=min(statuses, key=lambda s: (-statuses.count(s), STATUS_ORDER.index(s))),
                       weight=len(evidence), confidence=max(e["confidence"] for e in evidence), evidence=evidence)
    return graph


def allegiance_blocs(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Blocs of actors tied by allegiance (connected components of the allegiance subgraph), largest first."""
    allegiance = nx.Graph()
    allegiance.add_nodes_from(graph)
    allegiance.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["relation"] == "allegiance")
    return sorted(nx.connected_components(allegiance), key=lambda c: (-len(c), sorted(c)))


def central_actors(graph: nx.MultiDiGraph, top: int = 10) -> list[tuple[str, float]]:
    """Actors ranked by degree centrality (weighted by evidence), most central first."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, d in graph.edges(data=True):
        weight = simple[u][v]["weight"] + d["weight"] if simple.has_edge(u, v) else d["weight"]
        simple.add_edge(u, v, weight=weight)
    scores = dict(simple.degree(weight="weight"))
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
