"""Provenance end to end and ``kg graph``: the sample articles as a JSONL feed with url / published / source."""
import csv
import json

import networkx as nx
import pytest

from kg.build import OUTPUT_FILES, build
from kg.cli import main
from kg.errors import InputError
from kg.extractions import Selection, extraction_from_json, read_extractions

PUBLISHED = ["2015-01-10", "2015-03-02T08:00:00Z", "2015/06/20", "", "Sun, 01 Nov 2015 10:00:00 GMT"]
ISO = ["2015-01-10", "2015-03-02", "2015-06-20", "", "2015-11-01"]
OUTLETS = ["orient", "sy24", "orient", "enab", "sy24"]
GRAPH_FILES = ("graph.graphml", "graph.gexf", "graph.html", "relations.csv", "shifts.csv", "extractions.jsonl")


@pytest.fixture(scope="module")
def feed(tmp_path_factory, sample_paths):
    path = tmp_path_factory.mktemp("feed") / "news.jsonl"
    records = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "url": f"https://news.example/{p.stem}",
                "published": PUBLISHED[i], "source": OUTLETS[i]} for i, p in enumerate(sample_paths)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(feed, lexicon_pipeline, tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    return build([feed], out, lexicon_pipeline, progress=False), out


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rebuild_extraction_lines_carry_provenance(built, sample_paths):
    _, out = built
    lines = _lines(out / "extractions.jsonl")
    assert [(d["doc"], d["url"], d["published"], d["source"]) for d in lines] == [
        (p.stem, f"https://news.example/{p.stem}", ISO[i], OUTLETS[i]) for i, p in enumerate(sample_paths)]


def test_rebuild_edges_keep_provenance_per_evidence_and_dates(built):
    result, _ = built
    by_doc = {e.doc.id: e.doc for e in result.extractions}
    for _, _, data in result.graph.edges(data=True):
        for item in data["evidence"]:
            doc = by_doc[item["doc"]]
            assert (item["outlet"], item["url"]) == (doc.source, doc.url)
            assert item["date"] == ISO[PUBLISHED.index(doc.published)]
        dates = sorted(e["date"] for e in data["evidence"] if e["date"])
        assert (data["first_seen"], data["last_seen"]) == ((dates[0], dates[-1]) if dates else ("", ""))
        assert data["outlet_count"] == len({e["outlet"] for e in data["evidence"]})
    naming = [e.doc for e in result.extractions if any(a.actor.id == "national_defence_forces" for a in e.actors)]
    ndf = result.graph.nodes["national_defence_forces"]
    assert (ndf["first_seen"], ndf["last_seen"]) == ("2015-01-10", "2015-11-01")
    assert ndf["outlet_count"] == len({d.source for d in naming}) > 1


def test_rebuild_kg_graph_gives_byte_identical_outputs(built, tmp_path):
    _, out = built
    assert main(["graph", str(out / "extractions.jsonl"), "-o", str(tmp_path)]) == 0
    for name in GRAPH_FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert set(OUTPUT_FILES) <= {p.name for p in tmp_path.iterdir()}


def test_rebuild_read_extractions_round_trips_to_json(built):
    _, out = built
    lines = _lines(out / "extractions.jsonl")
    assert [e.to_json() for e in read_extractions(out / "extractions.jsonl")] == lines
    assert [extraction_from_json(line).to_json() for line in lines] == lines


@pytest.mark.parametrize(("options", "keep"), [
    (["--since", "2015-03-01", "--until", "2015-07-01"], lambda r: "2015-03-01" <= r["date"] <= "2015-07-01"),
    (["--outlet", "sy24"], lambda r: r["outlet"] == "sy24"),
    (["--relation", "clash"], lambda r: r["relation"] == "clash"),
    (["--relation", "backed_by", "--relation", "allegiance/part_of"], lambda r: r["subtype"] in ("backed_by", "part_of")),
    (["--min-confidence", "0.8"], lambda r: float(r["confidence"]) >= 0.8),
])
def test_rebuild_kg_graph_filters(built, tmp_path, options, keep):
    _, out = built
    assert main(["graph", str(out / "extractions.jsonl"), "-o", str(tmp_path), *options]) == 0
    everything, selected = _csv(out / "relations.csv"), _csv(tmp_path / "relations.csv")
    assert selected and selected == [row for row in everything if keep(row)]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["relations"] == len(selected)


def test_rebuild_date_filter_drops_undated_documents(built):
    result, _ = built
    kept = Selection(since="2000-01-01").apply(result.extractions)
    assert len(kept) == len(result.extractions) - 1 and all(e.doc.published for e in kept)


def test_rebuild_rejects_a_bad_date_and_a_bad_line(built, tmp_path, capsys):
    _, out = built
    with pytest.raises(SystemExit) as exit_info:
        main(["graph", str(out / "extractions.jsonl"), "-o", str(tmp_path), "--since", "last week"])
    assert exit_info.value.code == 2 and "not a date" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "x", "actors": [{"id": "a"}]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:1"):
        list(read_extractions([bad]))
    assert main(["graph", str(bad), "-o", str(tmp_path / "o")]) == 1
    assert "bad.jsonl:1" in capsys.readouterr().err


def test_rebuild_gexf_is_dynamic_and_graphml_dated(built):
    _, out = built
    gexf = nx.read_gexf(out / "graph.gexf")
    assert gexf.graph["mode"] == "dynamic"
    dated = [d for _, _, d in gexf.edges(data=True) if d.get("first_seen")]
    assert dated and all((d["start"], d["end"]) == (d["first_seen"], d["last_seen"]) for d in dated)
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert graphml.nodes["national_defence_forces"]["first_seen"] == "2015-01-10"
    assert any("(sy24, 2015-" in d["evidence"] and d["urls"].startswith("https://")
               for _, _, d in graphml.edges(data=True))
