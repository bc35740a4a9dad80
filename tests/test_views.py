"""Analyst views: Louvain blocs, betweenness brokers and dated allegiance shifts."""
import pytest

from kg.graph import build_graph_from_extractions
from kg.types import Actor, ActorMentions, Document, Evidence, Extraction, Relation
from kg.views import NO_BLOC, blocs, brokers, shifts, summary

ACTORS = {a.id: a for a in (
    Actor("ndf", "National Defence Forces", "الدفاع الوطني", "armed_group"),
    Actor("russia", "Russia", "روسيا", "state"),
    Actor("iran", "Iran", "إيران", "state"),
    Actor("irgc", "IRGC", "الحرس الثوري", "armed_group"),
    Actor("fifth_corps", "Fifth Corps", "الفيلق الخامس", "armed_group"),
    Actor("hezbollah", "Hezbollah", "حزب الله", "armed_group"),
    Actor("lonely", "Lonely", "وحيد", "armed_group"),
)}


def _doc(doc_id, date, relations, outlet="orient"):
    actors = {a for r in relations for a in r[:2]} | {"lonely"}
    return Extraction(Document(doc_id, "", outlet, f"https://news.example/{doc_id}", date),
                      tuple(ActorMentions(ACTORS[a], (ACTORS[a].name_ar,), 1) for a in sorted(actors)),
                      tuple(Relation(s, t, rel, sub, status, 0.8, Evidence(doc_id, f"جملة {doc_id}", "تابع"))
                            for s, t, rel, sub, status in relations))


@pytest.fixture
def graph():
    return build_graph_from_extractions([
        _doc("d1", "2015-01-10", [("ndf", "russia", "allegiance", "backed_by", "current"),
                                  ("fifth_corps", "russia", "allegiance", "part_of", "current"),
                                  ("hezbollah", "iran", "allegiance", "backed_by", "current"),
                                  ("irgc", "iran", "allegiance", "part_of", "current")]),
        _doc("d2", "2015-06-01", [("ndf", "iran", "allegiance", "loyal_to", "current"),
                                  ("irgc", "iran", "allegiance", "part_of", "current"),
                                  ("hezbollah", "iran", "allegiance", "backed_by", "current"),
                                  ("russia", "iran", "clash", "rivalry", "current")], outlet="sy24"),
        _doc("d3", "2015-09-01", [("fifth_corps", "russia", "allegiance", "part_of", "former"),
                                  ("ndf", "iran", "allegiance", "loyal_to", "current")]),
        _doc("d4", "", [("hezbollah", "russia", "allegiance", "backed_by", "current")]),  # undated: no shift
    ])


def test_views_blocs_are_louvain_communities_set_on_nodes(graph):
    found = blocs(graph)
    assert {"russia", "fifth_corps"} <= found[1] or {"russia", "fifth_corps"} <= found[0]
    assert not any({"russia", "iran"} <= bloc for bloc in found)
    assert graph.nodes["lonely"]["bloc"] == NO_BLOC
    assert graph.nodes["irgc"]["bloc"] == graph.nodes["iran"]["bloc"] != graph.nodes["fifth_corps"]["bloc"]
    assert blocs(graph) == found  # seeded: the same every time


def test_views_brokers_rank_actors_between_others(graph):
    ranked = brokers(graph)
    assert {ranked[0][0], ranked[1][0]} <= {"russia", "iran", "ndf"} and ranked[0][1] > 0
    assert "lonely" not in dict(ranked) and graph.nodes["lonely"]["betweenness"] == 0.0


def test_views_shifts_patron_and_status_with_dated_evidence(graph):
    found = {(s["actor"], s["kind"], s["from"]["patron"], s["to"]["patron"]): s for s in shifts(graph)}
    assert set(found) == {("ndf", "patron", "russia", "iran"), ("fifth_corps", "status", "russia", "russia")}
    ndf = found[("ndf", "patron", "russia", "iran")]
    assert (ndf["from"]["date"], ndf["from"]["doc"], ndf["from"]["url"]) == ("2015-01-10", "d1", "https://news.example/d1")
    assert (ndf["to"]["date"], ndf["to"]["outlet"], ndf["to"]["evidence"]) == ("2015-06-01", "sy24", "جملة d2")
    status = found[("fifth_corps", "status", "russia", "russia")]
    assert (status["from"]["status"], status["to"]["status"]) == ("current", "former")


def test_views_summary_for_the_report(graph):
    views = summary(graph)
    assert sum(b["size"] for b in views["blocs"]) == len(graph) - 1  # every actor with an allegiance
    assert views["brokers"][0]["name_ar"] and len(views["shifts"]) == 2
