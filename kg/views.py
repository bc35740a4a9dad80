"""Analyst views of the actor graph, computed with NetworkX's own algorithms.

- blocs: communities of the allegiance subgraph (Louvain, fixed seed, so the same graph gives the same blocs);
- brokers: betweenness centrality over all relations (actors on the shortest paths between others);
- shifts: actors whose patron or whose status towards a patron changes over time, with dated evidence on both sides.
"""
from __future__ import annotations

import networkx as nx

BLOC_SEED = 7
BROKER_SAMPLE = 500  # exact betweenness up to this many actors, a seeded sample of sources above it
NO_BLOC = -1
#: leader_of runs from the leader to what it leads: not a client choosing a patron
NOT_PATRONAGE = ("leader_of",)


def annotate(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set the node attributes ``bloc`` (index in ``blocs``, largest bloc 0; -1 without allegiance) and
    ``betweenness`` on ``graph``, and return it."""
    bloc_of = {node: index for index, members in enumerate(blocs(graph)) for node in members}
    centrality = betweenness(graph)
    for node, data in graph.nodes(data=True):
        data["bloc"] = bloc_of.get(node, NO_BLOC)
        data["betweenness"] = centrality.get(node, 0.0)
    return graph


def blocs(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Louvain communities of the actors tied by allegiance (weighted by evidence), largest first."""
    allegiance = nx.Graph()
    for source, target, data in graph.edges(data=True):
        if data.get("relation") == "allegiance" and source != target:
            weight = data.get("weight", 1) + (allegiance[source][target]["weight"]
                                              if allegiance.has_edge(source, target) else 0)
            allegiance.add_edge(source, target, weight=weight)
    if not allegiance:
        return []
    communities = nx.community.louvain_communities(allegiance, weight="weight", seed=BLOC_SEED)
    return sorted((set(c) for c in communities), key=lambda c: (-len(c), sorted(c)))


def betweenness(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Normalised betweenness centrality of every actor on the undirected graph of all relations."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    sample = BROKER_SAMPLE if len(simple) > BROKER_SAMPLE else None
    scores = nx.betweenness_centrality(simple, k=sample, seed=BLOC_SEED if sample else None)
    return {node: round(score, 6) for node, score in scores.items()}


def brokers(graph: nx.MultiDiGraph, top: int = 10) -> list[tuple[str, float]]:
    """The actors with the highest betweenness (above zero), highest first."""
    ranked = sorted(betweenness(graph).items(), key=lambda kv: (-kv[1], kv[0]))
    return [(node, score) for node, score in ranked if score > 0][:top]


def shifts(graph: nx.MultiDiGraph) -> list[dict]:
    """Allegiance shifts, from dated evidence only.

    ``kind: "patron"``: the actor is last stated with patron P before it is first stated with patron Q (the most
    recent such P for each Q). ``kind: "status"``: towards one patron, a ``current`` statement is followed by a later
    ``former`` one. Each shift has ``from`` and ``to``: the patron, subtype, status, date, document, outlet, url and
    sentence of the evidence on that side.
    """
    found: list[dict] = []
    for client in sorted(graph):
        by_patron: dict[str, list[dict]] = {}
        for _, patron, data in graph.out_edges(client, data=True):
            if data.get("relation") != "allegiance" or data.get("subtype") in NOT_PATRONAGE or patron == client:
                continue
            for item in data.get("evidence", []):
                if item.get("date"):
                    by_patron.setdefault(patron, []).append(_side(graph, patron, data["subtype"], item))
        for items in by_patron.values():
            items.sort(key=lambda s: (s["date"], s["doc"], s["subtype"], s["evidence"]))
        found.extend(_patron_shifts(graph, client, by_patron))
        found.extend(_status_shifts(graph, client, by_patron))
    return sorted(found, key=lambda s: (s["to"]["date"], s["actor"], s["kind"], s["from"]["patron"], s["to"]["patron"]))


def _patron_shifts(graph: nx.MultiDiGraph, client: str, by_patron: dict[str, list[dict]]) -> list[dict]:
    found = []
    for new, items in sorted(by_patron.items()):
        first = items[0]
        earlier = [(other[-1]["date"], patron) for patron, other in by_patron.items()
                   if patron != new and other[-1]["date"] < first["date"]]
        if earlier:
            _, old = max(earlier)
            found.append(_shift(graph, client, "patron", by_patron[old][-1], first))
    return found


def _status_shifts(graph: nx.MultiDiGraph, client: str, by_patron: dict[str, list[dict]]) -> list[dict]:
    found = []
    for _, items in sorted(by_patron.items()):
        for index, item in enumerate(items):
            before = [s for s in items[:index] if s["status"] == "current" and s["date"] < item["date"]]
            if item["status"] == "former" and before:
                found.append(_shift(graph, client, "status", before[-1], item))
                break
    return found


def _side(graph: nx.MultiDiGraph, patron: str, subtype: str, item: dict) -> dict:
    return {"patron": patron, "patron_name_ar": graph.nodes[patron].get("name_ar", ""), "subtype": subtype,
            "status": item.get("status", ""), "date": item["date"], "doc": item.get("doc", ""),
            "outlet": item.get("outlet", ""), "url": item.get("url", ""), "evidence": item.get("sentence", "")}


def _shift(graph: nx.MultiDiGraph, client: str, kind: str, before: dict, after: dict) -> dict:
    return {"actor": client, "actor_name_ar": graph.nodes[client].get("name_ar", ""), "kind": kind,
            "from": before, "to": after}


def summary(graph: nx.MultiDiGraph, top: int = 10) -> dict:
    """The views for ``report.json``: blocs (largest first), the top brokers and every shift."""
    return {
        "blocs": [{"bloc": index, "size": len(members), "actors": sorted(members)}
                  for index, members in enumerate(blocs(graph))],
        "brokers": [{"actor": node, "name_ar": graph.nodes[node].get("name_ar", ""), "betweenness": score}
                    for node, score in brokers(graph, top)],
        "shifts": shifts(graph),
    }
