"""Property-based tests (hypothesis): random bytes, encodings and JSON to the readers, random text to the exporters."""
import json
from xml.etree import ElementTree

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.html import write_html
from kg.io import Loaded, Skipped, clean_text, decode_bytes, read_inputs

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ARABIC = st.text(alphabet=st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويةءآأؤإئى .،\n"), min_size=1, max_size=80)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_property_any_bytes_decode_or_fail_cleanly(data):
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert clean_text(decoded.text) == (decoded.text, 0)


@SETTINGS
@given(text=ARABIC, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1256"]))
def test_property_arabic_in_any_supported_encoding_reads_back(tmp_path, text, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    [item] = read_inputs([path])
    if encoding == "cp1256" and sum(ch.isalpha() for ch in text) < 8:
        return  # a few legacy bytes fit several code pages equally well
    assert isinstance(item, Loaded) and item.document.text == text


@SETTINGS
@given(records=st.lists(st.fixed_dictionaries({"text": st.text(max_size=40)},
                                              optional={"id": st.text(min_size=1, max_size=8)}), max_size=6))
def test_property_jsonl_keeps_every_record(tmp_path, records):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    items = list(read_inputs([path]))
    assert len(items) == len(records) and all(isinstance(i, Loaded) for i in items)
    for item, record in zip(items, records):
        assert item.document.text == clean_text(record["text"])[0]


@SETTINGS
@given(value=st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                          max_leaves=8))
def test_property_any_json_value_is_read_or_skipped(tmp_path, value):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    for item in read_inputs([path]):
        assert isinstance(item, (Loaded, Skipped))


def _graph(names: list[str], sentence: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name=sentence)
    for i, name in enumerate(names):
        graph.add_node(f"n{i}", label=name, name_ar=name, actor_type="armed_group", mention_count=1,
                       documents=["d"], mentions=[name], discovered=True, qid="")
    for i in range(len(names) - 1):
        graph.add_edge(f"n{i}", f"n{i + 1}", key="clash/attack", relation="clash", subtype="attack", status="current",
                       weight=1, confidence=0.5,
                       evidence=[{"doc": "d", "sentence": sentence, "trigger": names[i], "start": 0, "end": 1}])
    return graph


HOSTILE = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6)
                   | st.sampled_from(["<script>", "</script>", "]]>", "<!--", "&amp;", "\u2028", "\x00", "\x1b"]),
                   max_size=5).map("".join)


@SETTINGS
@given(names=st.lists(HOSTILE, min_size=2, max_size=5), sentence=HOSTILE)
def test_property_exports_stay_valid_inert_and_lose_no_node_or_edge(tmp_path, names, sentence):
    graph = _graph(names, sentence)
    graphml = write_graphml(graph, tmp_path / "g.graphml")
    gexf = write_gexf(graph, tmp_path / "g.gexf")
    for loaded in (nx.read_graphml(graphml, force_multigraph=True), nx.read_gexf(gexf)):
        assert set(loaded.nodes) == set(graph.nodes) and loaded.number_of_edges() == graph.number_of_edges()
    edge_ids = [e.get("id") for e in ElementTree.parse(graphml).iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(set(edge_ids)) == len(edge_ids) == graph.number_of_edges()
    ElementTree.parse(gexf)
    html = write_html(graph, tmp_path / "g.html").read_text(encoding="utf-8")
    plain = write_html(_graph(["a"] * len(names), "s"), tmp_path / "plain.html").read_text(encoding="utf-8")
    for tag in ("<script", "</script", "<!--"):
        assert html.lower().count(tag) == plain.lower().count(tag)  # the data adds no markup to the map
