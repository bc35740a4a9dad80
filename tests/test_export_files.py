"""GraphML and GEXF: round-trip through networkx with no attribute lost, and load in a second reader (igraph)."""
import networkx as nx
import pytest

from kg.export.flatten import EVIDENCE_SEPARATOR, flatten
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml

HOSTILE = 'هجوم <script>alert("x")</script> & <img src=x onerror=alert(1)> ]]> "quoted" \x01\x0b\ufffe'
CLEAN = 'هجوم <script>alert("x")</script> & <img src=x onerror=alert(1)> ]]> "quoted" '


@pytest.fixture
def graph():
    g = nx.MultiDiGraph(name="test")
    g.add_node("national_defence_forces", label="National Defence Forces", name_ar="ميليشيا الدفاع الوطني",
               actor_type="armed_group", mention_count=7, documents=["d1", "d2"], discovered=False, qid="")
    g.add_node("russia", label="Russia", name_ar="روسيا", actor_type="state", mention_count=3, documents=["d1"],
               discovered=False, qid="Q159")
    g.add_node("per_nwaf", label="Nwaf", name_ar="نواف <b>", actor_type="person", mention_count=1, documents=["d2"],
               discovered=True, qid="")
    evidence = [{"doc": "d1", "sentence": "ميليشيا الدفاع الوطني المدعومة من روسيا", "trigger": "المدعومه",
                 "status": "current", "confidence": 0.9},
                {"doc": "d2", "sentence": HOSTILE, "trigger": "المدعوم", "status": "current", "confidence": 0.8}]
    g.add_edge("national_defence_forces", "russia", key="allegiance/backed_by", relation="allegiance",
               subtype="backed_by", status="current", weight=2, confidence=0.9, evidence=evidence)
    g.add_edge("per_nwaf", "russia", key="clash/threat", relation="clash", subtype="threat", status="former",
               weight=1, confidence=0.6, evidence=evidence[:1])
    return g


def _assert_same(original, loaded):
    flat = flatten(original, rgb=False)
    assert set(loaded.nodes) == set(flat.nodes)
    for node, data in flat.nodes(data=True):
        for key, value in data.items():
            assert loaded.nodes[node][key] == value, (node, key)
    loaded_edges = {(u, v, d["relation"], d["subtype"]): d for u, v, d in loaded.edges(data=True)}
    for u, v, data in flat.edges(data=True):
        got = loaded_edges[(u, v, data["relation"], data["subtype"])]
        for key, value in data.items():
            assert got[key] == value, (u, v, key)


def test_graphml_round_trips_every_attribute(graph, tmp_path):
    path = write_graphml(graph, tmp_path / "g.graphml")
    loaded = nx.read_graphml(path, force_multigraph=True)
    _assert_same(graph, loaded)
    assert loaded.nodes["russia"]["r"] == 31 and isinstance(loaded.nodes["russia"]["g"], int)
    assert CLEAN in loaded.edges["national_defence_forces", "russia", "national_defence_forces->russia:allegiance/backed_by"]["evidence"]


def test_graphml_loads_in_igraph(graph, tmp_path):
    igraph = pytest.importorskip("igraph")
    loaded = igraph.Graph.Read_GraphML(str(write_graphml(graph, tmp_path / "g.graphml")))
    assert loaded.vcount() == 3 and loaded.ecount() == 2
    assert set(loaded.vs["name_ar"]) == {"ميليشيا الدفاع الوطني", "روسيا", "نواف <b>"}
    assert EVIDENCE_SEPARATOR in loaded.es.select(relation="allegiance")[0]["evidence"]


def test_gexf_round_trips_with_viz(graph, tmp_path):
    path = write_gexf(graph, tmp_path / "g.gexf")
    loaded = nx.read_gexf(path)
    _assert_same(graph, loaded)
    viz = loaded.nodes["russia"]["viz"]
    assert viz["color"]["r"] == 31 and viz["size"] > 10 and "position" in viz
    assert "<type" not in path.read_text(encoding="utf-8").split("<graph")[1].split("<nodes")[0]


def test_exports_with_hostile_text_stay_well_formed_xml(graph, tmp_path):
    from xml.etree import ElementTree

    for path in (write_graphml(graph, tmp_path / "g.graphml"), write_gexf(graph, tmp_path / "g.gexf")):
        ElementTree.parse(path)  # raises on a forbidden character or broken markup
        assert "\x01" not in path.read_text(encoding="utf-8")


def test_exporters_do_not_mutate_the_graph(graph, tmp_path):
    before = (list(graph.nodes(data=True)), [tuple(e) for e in graph.edges(keys=True, data=True)])
    write_graphml(graph, tmp_path / "g.graphml")
    write_gexf(graph, tmp_path / "g.gexf")
    assert before == (list(graph.nodes(data=True)), [tuple(e) for e in graph.edges(keys=True, data=True)])


@pytest.mark.parametrize("value, flat", [(None, ""), (["a", "b"], "a; b"), ({"b", "a"}, "a; b"), (3, 3), (True, True)])
def test_flatten_values(value, flat):
    from kg.export.flatten import flatten_value

    assert flatten_value(value) == flat
