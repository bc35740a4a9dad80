import pytest

from kg.graph import allegiance_blocs, build_graph_from_extractions, central_actors
from kg.types import Actor, ActorMentions, Document, Evidence, Extraction, Relation

RUSSIA = Actor("russia", "Russia", "روسيا", "state")
IRAN = Actor("iran", "Iran", "إيران", "state")
NDF = Actor("national_defence_forces", "National Defence Forces", "الدفاع الوطني", "armed_group")
SYRIA = Actor("syria", "Syria", "سوريا", "location")


def _extraction(doc_id, actors, relations):
    return Extraction(Document(doc_id, "..."), tuple(ActorMentions(a, (a.name_ar,)) for a in actors), tuple(relations))


def _relation(doc_id, source, target, relation="allegiance", subtype="backed_by", status="current", sentence="جملة"):
    return Relation(source, target, relation, subtype, status, 0.8, Evidence(doc_id, sentence, "المدعومة"))


@pytest.fixture
def extractions():
    return [
        _extraction("d1", [NDF, RUSSIA, SYRIA], [_relation("d1", "national_defence_forces", "russia",
                                                           sentence="الدفاع الوطني المدعومة من روسيا")]),
        _extraction("d2", [NDF, RUSSIA, IRAN], [
            _relation("d2", "national_defence_forces", "russia", status="former", sentence="كانت مدعومة من روسيا"),
            _relation("d2", "national_defence_forces", "russia", sentence="المدعومة من روسيا"),
            _relation("d2", "russia", "iran", "clash", "rivalry", sentence="التنافس الروسي والإيراني"),
        ]),
    ]


def test_graph_one_edge_per_pair_relation_subtype_with_all_evidence(extractions):
    graph = build_graph_from_extractions(extractions)
    edge = graph.edges["national_defence_forces", "russia", "allegiance/backed_by"]
    assert edge["weight"] == 3 and len(edge["evidence"]) == 3
    assert {e["doc"] for e in edge["evidence"]} == {"d1", "d2"}
    assert edge["status"] == "current"  # the majority status
    assert graph.edges["russia", "iran", "clash/rivalry"]["relation"] == "clash"


def test_graph_nodes_carry_counts_documents_and_skip_locations(extractions):
    graph = build_graph_from_extractions(extractions)
    assert "syria" not in graph
    node = graph.nodes["national_defence_forces"]
    assert node["documents"] == ["d1", "d2"] and node["mention_count"] == 2
    assert node["name_ar"] == "الدفاع الوطني" and node["actor_type"] == "armed_group"


def test_graph_merge_is_deterministic_whatever_the_order(extractions):
    a = build_graph_from_extractions(extractions)
    b = build_graph_from_extractions(reversed(extractions))
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_graph_analytics(extractions):
    graph = build_graph_from_extractions(extractions)
    assert allegiance_blocs(graph)[0] == {"national_defence_forces", "russia"}
    assert central_actors(graph, top=1)[0][0] == "russia"
