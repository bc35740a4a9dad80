"""Merge extractions into one ``networkx.MultiDiGraph`` of actors, and analytics over it.

Nodes are actor ids with ``label``, ``name_ar``, ``actor_type``, ``mention_count``, ``documents``, ``mentions`` (the
distinct strings that named the actor), ``discovered``, ``qid``. There is one edge per (source, target, relation,
subtype), keyed ``"relation/subtype"``, with ``relation``, ``subtype``, ``status``, ``weight`` (evidence count),
``confidence`` (the highest) and ``evidence`` (a list of ``{"doc", "outlet", "date", "url", "sentence", "trigger",
"status", "confidence"}``). Nodes and edges carry ``first_seen`` / ``last_seen`` (ISO dates of the documents that
name or state them; "" when none is dated) and ``outlet_count`` (distinct outlets). ``kg.views.annotate`` adds the
analyst views (``bloc``, ``betweenness``).
The merge is deterministic: the same extractions in any order give the same graph.
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from kg.dates import iso_date
from kg.types import Extraction
from kg.views import annotate

STATUS_ORDER = ("current", "attempted", "former")


def build_graph_from_extractions(extractions: Iterable[Extraction], name: str = "conflict-kg") -> nx.MultiDiGraph:
    """One graph for all documents, nodes and edges sorted so that input order does not matter."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str, str], dict] = {}
    for extraction in extractions:
        doc = extraction.doc
        published = iso_date(doc.published)
        for found in extraction.actors:
            actor = found.actor
            if actor.type == "location":
                continue
            node = nodes.setdefault(actor.id, {
                "label": actor.label, "name_ar": actor.name_ar, "actor_type": actor.type, "mention_count": 0,
                "documents": set(), "mentions": set(), "discovered": actor.discovered, "qid": actor.qid,
                "dates": set(), "outlets": set()})
            node["mention_count"] += found.count or len(found.mentions)
            node["documents"].add(doc.id)
            node["mentions"].update(found.mentions)
            node["dates"].add(published)
            node["outlets"].add(doc.source)
        for relation in extraction.relations:
            key = f"{relation.relation}/{relation.subtype}"
            edge = edges.setdefault((relation.source, relation.target, key), {
                "relation": relation.relation, "subtype": relation.subtype, "evidence": []})
            edge["evidence"].append({"doc": doc.id, "outlet": doc.source, "date": published, "url": doc.url,
                                     "sentence": relation.evidence.sentence, "trigger": relation.evidence.trigger,
                                     "status": relation.status, "confidence": round(relation.confidence, 3)})
    graph = nx.MultiDiGraph(name=name)
    for actor_id in sorted(nodes):
        node = nodes[actor_id]
        dates, outlets = node.pop("dates"), node.pop("outlets")
        graph.add_node(actor_id, **{**node, "documents": sorted(node["documents"]), "mentions": sorted(node["mentions"]),
                                    **_seen(dates, outlets)})
    for (source, target, key) in sorted(edges):
        edge = edges[(source, target, key)]
        evidence = sorted(edge["evidence"], key=lambda e: (e["doc"], e["sentence"], e["trigger"], e["date"]))
        statuses = [e["status"] for e in evidence]
        for end in (source, target):
            if end not in graph:  # an actor known only from a relation (never the case for pipeline output)
                graph.add_node(end, label=end, name_ar="", actor_type="other", mention_count=0, documents=[],
                               mentions=[], discovered=False, qid="", **_seen(set(), set()))
        graph.add_edge(source, target, key=key, relation=edge["relation"], subtype=edge["subtype"],
                       status=min(statuses, key=lambda s: (-statuses.count(s), STATUS_ORDER.index(s))),
                       weight=len(evidence), confidence=max(e["confidence"] for e in evidence),
                       **_seen({e["date"] for e in evidence}, {e["outlet"] for e in evidence}), evidence=evidence)
    return annotate(graph)


def _seen(dates: set[str], outlets: set[str]) -> dict:
    dated = sorted(d for d in dates if d)
    return {"first_seen": dated[0] if dated else "", "last_seen": dated[-1] if dated else "",
            "outlet_count": len({o for o in outlets if o})}


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
