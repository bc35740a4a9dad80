"""kg.export.html without a browser: one offline UTF-8 file, escaped data, styles, the caller's graph untouched."""
from __future__ import annotations

import copy
import json
import re

import networkx as nx
import pytest
from map_data import ACTORS, HOSTILE_NAME, HOSTILE_SENTENCE

from kg.export.html import script_json, write_html
from kg.export.style import RELATION_COLOURS, actor_colour

EDGES = [  # source, target, relation, subtype, status, weight, sentence
    ("ndf", "iran", "allegiance", "loyal_to", "former", 3, "لطالما عُرف عن ميليشيا الدفاع الوطني الإذعان بالولاء لإيران"),
    ("ndf", "russia", "allegiance", "co-opted_by", "current", 2, "خسرت إيران أهم الميليشيات المحلية لصالح روسيا"),
    ("russia", "iran", "clash", "rivalry", "current", 1, "يتواصل التنافس الروسي والإيراني في سوريا"),
    ("firas", "ndf", "allegiance", "leader_of", "current", 1, "كان فراس العراقية قائد ميليشيا الدفاع الوطني"),
    ("firas", "irgc", "allegiance", "member_of", "attempted", 1, "حاول الحرس الثوري الإيراني استمالة فراس العراقية"),
]


def make_graph(actors=ACTORS, edges=EDGES) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="دير الزور")
    for actor_id, name_ar, label, actor_type, discovered in actors:
        graph.add_node(actor_id, label=label, name_ar=name_ar, actor_type=actor_type, mention_count=2,
                       documents=["000_doc"], discovered=discovered, qid="")
    for source, target, relation, subtype, status, weight, sentence in edges:
        evidence = [{"doc": "000_doc", "sentence": sentence, "trigger": "الولاء", "status": status, "confidence": 0.8}]
        graph.add_edge(source, target, key=f"{relation}/{subtype}", relation=relation, subtype=subtype, status=status,
                       weight=weight, confidence=0.8, evidence=evidence * weight)
    return graph


def hostile_graph() -> nx.MultiDiGraph:
    return make_graph(ACTORS + [("evil", HOSTILE_NAME, HOSTILE_NAME, "armed_group", True)],
                      EDGES + [("evil", "iran", "clash", "attack", "current", 1, HOSTILE_SENTENCE)])


def payload(html: str) -> dict:
    match = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.DOTALL)
    return json.loads(match.group(1))


@pytest.fixture
def html(tmp_path) -> str:
    return write_html(make_graph(), tmp_path / "map.html").read_text(encoding="utf-8")


def test_write_html_returns_path_of_utf8_file(tmp_path):
    path = write_html(make_graph(), str(tmp_path / "map.html"))
    assert path == tmp_path / "map.html"
    text = path.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in text


@pytest.mark.parametrize("name", [name_ar for _, name_ar, *_ in ACTORS] + ["دير الزور"])
def test_write_html_contains_arabic_names(html, name):
    assert name in html


@pytest.mark.parametrize("pattern", [
    r"<script[^>]*\ssrc\s*=",
    r"<link[^>]*\shref\s*=",
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
    r"@import",
    r"url\(\s*[\"']?\s*(?:https?:)?//",
    r"cdnjs|jsdelivr|unpkg|\bcdn\.",
])
def test_write_html_links_no_host(html, pattern):
    assert not re.search(pattern, html, re.IGNORECASE)


def test_write_html_inlines_vis_network(html):
    assert "vis.Network" in html and ".vis-tooltip" in html


def test_write_html_does_not_mutate_graph(tmp_path):
    graph = make_graph()
    before = copy.deepcopy(graph)
    write_html(graph, tmp_path / "map.html")
    assert dict(graph.graph) == dict(before.graph)
    assert list(graph.nodes(data=True)) == list(before.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))


def test_write_html_is_deterministic(tmp_path):
    first = write_html(make_graph(), tmp_path / "a.html").read_bytes()
    assert write_html(make_graph(), tmp_path / "b.html").read_bytes() == first


@pytest.mark.parametrize("fragment", [
    "<script>window.pwned", "<img src=x onerror", "<b>جماعة</b>", "</script><script>",
])
def test_write_html_escapes_hostile_text(tmp_path, fragment):
    html = write_html(hostile_graph(), tmp_path / "map.html", title="<script>window.pwned=4</script>").read_text("utf-8")
    assert fragment not in html


def test_write_html_keeps_hostile_text_as_data(tmp_path):
    data = payload(write_html(hostile_graph(), tmp_path / "map.html").read_text("utf-8"))
    assert HOSTILE_NAME in [node["name_ar"] for node in data["nodes"]]
    assert HOSTILE_SENTENCE in [item["sentence"] for edge in data["edges"] for item in edge["evidence"]]


@pytest.mark.parametrize(("text", "escaped"), [
    ("</script>", "\\u003c/script\\u003e"),
    ("a & b", "a \\u0026 b"),
    ("line\u2028break\u2029", "line\\u2028break\\u2029"),
    ("إيران", "إيران"),
])
def test_script_json_escapes_for_script_element(text, escaped):
    out = script_json({"s": text})
    assert escaped in out
    assert json.loads(out) == {"s": text}


def test_write_html_payload_matches_graph(html):
    graph, data = make_graph(), payload(html)
    assert [node["id"] for node in data["nodes"]] == list(graph.nodes)
    assert len(data["edges"]) == graph.number_of_edges()
    assert data["options"]["layout"]["randomSeed"] == 7
    node = {n["id"]: n for n in data["nodes"]}
    assert node["ndf"]["size"] > node["irgc"]["size"]  # node size grows with degree
    assert node["firas"]["shape"] == "diamond" and node["firas"]["shapeProperties"]["borderDashes"]
    assert node["russia"]["color"]["background"] == actor_colour("state")


def test_write_html_seed_sets_layout(tmp_path):
    data = payload(write_html(make_graph(), tmp_path / "map.html", seed=42).read_text("utf-8"))
    assert data["options"]["layout"]["randomSeed"] == 42


@pytest.mark.parametrize(("subtype", "colour", "dashed", "opacity"), [
    ("loyal_to", RELATION_COLOURS["allegiance"], "dotted", 0.35),  # former
    ("co-opted_by", RELATION_COLOURS["allegiance"], None, 1.0),  # current
    ("member_of", RELATION_COLOURS["allegiance"], None, 0.6),  # attempted
    ("rivalry", RELATION_COLOURS["clash"], "dashed", 1.0),  # current clash
])
def test_write_html_styles_edges_by_relation_and_status(html, subtype, colour, dashed, opacity):
    edge = next(e for e in payload(html)["edges"] if e["subtype"] == subtype)
    assert edge["color"]["color"] == colour
    assert edge["color"]["opacity"] == opacity
    assert {None: False, "dotted": [2, 5], "dashed": [8, 6]}[dashed] == edge["dashes"]
    assert subtype.replace("_", " ") in edge["title"]


def test_write_html_width_grows_with_evidence(html):
    width = {e["weight"]: e["width"] for e in payload(html)["edges"]}
    assert width[1] < width[2] < width[3]


def test_write_html_empty_graph(tmp_path):
    data = payload(write_html(nx.MultiDiGraph(), tmp_path / "empty.html").read_text("utf-8"))
    assert data["nodes"] == [] and data["edges"] == []


def test_write_html_edge_tooltip_names_each_end_on_its_own_line(html):
    edge = payload(html)["edges"][0]
    source, middle, target = edge["title"].split("\n")[:3]
    assert middle.startswith("↓ ") and "→" not in edge["title"]
    nodes = {n["id"]: n for n in payload(html)["nodes"]}
    assert nodes[edge["from"]]["name_ar"] in source and nodes[edge["to"]]["name_ar"] in target


def test_write_html_carries_provenance_and_views(tmp_path):
    graph = make_graph()
    for _, _, data in graph.edges(data=True):
        data["evidence"] = [{**e, "outlet": "sy24", "date": "2015-06-01", "url": "https://sy24.example/1"}
                            for e in data["evidence"]]
    graph.nodes["iran"].update(first_seen="2015-06-01", last_seen="2015-06-01", outlet_count=1, bloc=0,
                               betweenness=0.25)
    data = payload(write_html(graph, tmp_path / "map.html").read_text(encoding="utf-8"))
    item = data["edges"][0]["evidence"][0]
    assert (item["outlet"], item["date"], item["url"]) == ("sy24", "2015-06-01", "https://sy24.example/1")
    iran = next(n for n in data["nodes"] if n["id"] == "iran")
    assert (iran["first_seen"], iran["bloc"], iran["betweenness"]) == ("2015-06-01", 0, 0.25)
    assert data["blocColours"][0].startswith("#")
