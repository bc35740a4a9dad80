"""Interactive HTML map: one self-contained file that opens offline.

pyvis builds the vis-network node and edge records; the page is our own template (``templates/map.html``) with
vis-network's JS and CSS inlined from pyvis's package files and the graph embedded as HTML-safe JSON, so nothing
is fetched from any host and nothing from an article is ever read as markup.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from pyvis.network import Network

from kg.export.style import ACTOR_COLOURS, BLOC_COLOURS, RELATION_COLOURS, actor_colour
from kg.io import write_text

VIS_LIB = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
FONT_FACE = "'Noto Naskh Arabic', 'Noto Sans Arabic', 'DejaVu Sans', KacstOne, sans-serif"
_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_html(graph: nx.MultiDiGraph, path: str | Path, *, title: str = "conflict-kg", seed: int = 7) -> Path:
    """Write the interactive map of ``graph`` to ``path`` (UTF-8, self-contained); the graph is not changed."""
    net = Network(directed=True)
    _add_nodes(net, graph)
    _add_edges(net, graph)
    payload = {"nodes": net.nodes, "edges": net.edges, "options": _options(graph, seed), "actorColours": ACTOR_COLOURS,
               "blocColours": BLOC_COLOURS}
    html = _ENV.get_template("map.html").render(
        title=title,
        subtitle=graph.graph.get("name", ""),
        relation_colours=RELATION_COLOURS,
        font_face=Markup(FONT_FACE),
        data=Markup(script_json(payload)),
        vis_css=Markup(_vis_file("vis-network.css")),
        vis_js=Markup(_vis_file("vis-network.min.js")),
    )
    return write_text(html, path)


def script_json(data: object) -> str:
    """JSON that is safe inside an HTML <script> element: <, >, & and the JS line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(str.maketrans(_JSON_ESCAPES))


@lru_cache(maxsize=2)
def _vis_file(name: str) -> str:
    return (VIS_LIB / name).read_text(encoding="utf-8")


def _display_name(attrs: dict) -> str:
    name_ar, label = attrs.get("name_ar", ""), attrs.get("label", "")
    return f"{name_ar} ({label})" if name_ar and label and name_ar != label else name_ar or label


def _add_nodes(net: Network, graph: nx.MultiDiGraph) -> None:
    for node_id, attrs in graph.nodes(data=True):
        actor_type = attrs.get("actor_type") if attrs.get("actor_type") in ACTOR_COLOURS else "other"
        colour = actor_colour(actor_type)
        discovered = bool(attrs.get("discovered", False))
        border = "#222222" if discovered else colour
        focus = {"background": colour, "border": "#000000"}
        mentions = int(attrs.get("mention_count", 0))
        title = f"{_display_name(attrs) or node_id}\n{actor_type.replace('_', ' ')} · {mentions} mentions"
        net.add_node(
            str(node_id),
            label=attrs.get("name_ar") or attrs.get("label") or str(node_id),
            shape="diamond" if discovered else "dot",
            color={"background": colour, "border": border, "highlight": focus, "hover": focus},
            borderWidth=2 if discovered else 1,
            shapeProperties={"borderDashes": [4, 3] if discovered else False},
            size=round(min(10 + 5 * math.sqrt(graph.degree(node_id)), 60), 1),
            title=title + ("\nfound by NER, not in the knowledge base" if discovered else ""),
            name_ar=attrs.get("name_ar", ""),
            label_en=attrs.get("label", ""),
            actor_type=actor_type,
            mention_count=mentions,
            documents=list(attrs.get("documents", [])),
            mentions=list(attrs.get("mentions", [])),
            discovered=discovered,
            qid=attrs.get("qid", ""),
            first_seen=attrs.get("first_seen", ""),
            last_seen=attrs.get("last_seen", ""),
            outlet_count=int(attrs.get("outlet_count", 0)),
            bloc=int(attrs.get("bloc", -1)),
            betweenness=float(attrs.get("betweenness", 0.0)),
        )


def _add_edges(net: Network, graph: nx.MultiDiGraph) -> None:
    parallel: Counter[frozenset] = Counter()
    for index, (source, target, attrs) in enumerate(graph.edges(data=True)):
        relation, subtype, status = attrs.get("relation", ""), attrs.get("subtype", ""), attrs.get("status", "current")
        weight = int(attrs.get("weight", 1))
        confidence = round(float(attrs.get("confidence", 0.0)), 3)
        pair = frozenset((source, target))
        rank = parallel[pair]
        parallel[pair] += 1
        # one name per line and a downward arrow: an arrow between two names reverses inside right-to-left text
        title = (f"{_display_name(graph.nodes[source])}\n↓ {relation}: {subtype.replace('_', ' ')} ({status})\n"
                 f"{_display_name(graph.nodes[target])}\n{weight} evidence · confidence {confidence:.2f}"
                 + (f" · {_date_span(attrs)}" if attrs.get("first_seen") else ""))
        net.add_edge(
            str(source), str(target),
            id=f"e{index}",
            relation=relation, subtype=subtype, status=status, weight=weight, confidence=confidence,
            evidence=[_evidence(item) for item in attrs.get("evidence", [])],
            first_seen=attrs.get("first_seen", ""), last_seen=attrs.get("last_seen", ""),
            title=title,
            smooth={"enabled": True, "type": "curvedCW", "roundness": 0.2 * rank} if rank else False,
            **_edge_style(relation, status, weight),
        )


def _evidence(item: dict) -> dict:
    return {"doc": str(item.get("doc", "")), "outlet": str(item.get("outlet", "")), "date": str(item.get("date", "")),
            "url": str(item.get("url", "")), "sentence": str(item.get("sentence", "")),
            "trigger": str(item.get("trigger", "")), "status": str(item.get("status", "")),
            "confidence": round(float(item.get("confidence", 0.0)), 3)}


def _date_span(attrs: dict) -> str:
    first, last = attrs.get("first_seen", ""), attrs.get("last_seen", "")
    return first if first == last else f"{first} – {last}"


def _edge_style(relation: str, status: str, weight: int) -> dict:
    """Allegiance: solid with an arrow to the patron. Clash: red, dashed. Former: dotted and faded; attempted: lighter."""
    colour = RELATION_COLOURS.get(relation, ACTOR_COLOURS["other"])
    dashes = [2, 5] if status == "former" else [8, 6] if relation == "clash" else False
    arrow = {"enabled": True, "type": "vee", "scaleFactor": 0.6} if relation == "clash" else {"enabled": True}
    return {
        "color": {"color": colour, "highlight": colour, "hover": colour,
                  "opacity": {"former": 0.35, "attempted": 0.6}.get(status, 1.0)},
        "dashes": dashes,
        "arrows": {"to": arrow},
        "width": round(1 + 1.5 * math.log2(max(weight, 1)), 2),
    }


def _options(graph: nx.MultiDiGraph, seed: int) -> dict:
    """vis-network options: seeded layout, physics that stabilises in a bounded number of iterations."""
    size = graph.number_of_nodes()
    iterations = min(400, max(50, 100_000 // max(size, 1)))  # about 100k node-steps: ~3 s at 2,000 nodes
    return {
        "layout": {"randomSeed": seed, "improvedLayout": size <= 150},
        "physics": {"solver": "forceAtlas2Based", "forceAtlas2Based": {"springLength": 140, "avoidOverlap": 0.3},
                    "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": size > 500, "hideEdgesOnZoom": size > 500},
        "nodes": {"font": {"face": FONT_FACE, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "selectionWidth": 2},
    }
