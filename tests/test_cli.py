import json
import subprocess
import sys

import networkx as nx
import pytest

from kg.build import OUTPUT_FILES
from kg.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_paths):
    out = tmp_path_factory.mktemp("out")
    bad = tmp_path_factory.mktemp("bad") / "broken.txt"
    bad.write_bytes(bytes(range(32)) * 8)  # binary data, not text in any encoding
    code = main(["build", *map(str, sample_paths), str(bad), "-o", str(out), "--ner", "lexicon", "--quiet"])
    return code, out


def test_cli_build_writes_every_output(built):
    code, out = built
    assert code == 0
    assert all((out / name).stat().st_size > 0 for name in OUTPUT_FILES)
    assert not list(out.glob("*.tmp"))


def test_cli_build_extractions_follow_the_scorer_schema(built, sample_paths):
    _, out = built
    lines = [json.loads(line) for line in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [d["doc"] for d in lines] == [p.stem for p in sample_paths]
    for doc in lines:
        assert doc["actors"] and doc["relations"]
        for actor in doc["actors"]:
            assert {"id", "label", "name_ar", "type", "mentions"} <= actor.keys()
        for relation in doc["relations"]:
            assert {"source", "target", "relation", "subtype", "status", "evidence", "confidence"} <= relation.keys()
            assert relation["evidence"] and relation["source"] != relation["target"]


def test_cli_build_report_lists_skipped_input(built, sample_paths):
    _, out = built
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["ok"] == len(sample_paths) and report["counts"]["skipped"] == 1
    [skipped] = [e for e in report["inputs"] if e["status"] == "skipped"]
    assert skipped["source"].endswith("broken.txt") and "binary" in skipped["reason"]
    assert report["versions"]["networkx"] and report["timings_seconds"]["total"] > 0


def test_cli_build_graph_edges_carry_evidence(built):
    _, out = built
    graph = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert graph.number_of_edges() > 10
    assert all(d["evidence"] and d["documents"] for _, _, d in graph.edges(data=True))


def test_cli_bad_input_message_is_one_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(bad), "-o", str(tmp_path / "o"),
                             "--ner", "lexicon"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"kg: skipped {bad}: binary file (2 control characters in 2), not text",
        f"kg: error: no document could be built (1 input skipped); nothing written to {tmp_path / 'o'}"]
    assert not (tmp_path / "o").exists()


def test_cli_error_keeps_earlier_outputs(tmp_path, built):
    _, out = built
    before = (out / "graph.graphml").read_bytes()
    bad_kb = tmp_path / "kb.jsonl"
    bad_kb.write_text("{broken\n", encoding="utf-8")
    assert main(["build", str(out / "extractions.jsonl"), "-o", str(out), "--kb", str(bad_kb), "--quiet"]) == 1
    assert (out / "graph.graphml").read_bytes() == before


def test_cli_reads_stdin(tmp_path):
    text = "اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري الإيراني في البوكمال."
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", "-", "-o", str(tmp_path), "--ner", "lexicon"],
                            input=text, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    [doc] = [json.loads(line) for line in (tmp_path / "extractions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert doc["doc"] == "stdin" and {a["id"] for a in doc["actors"]} >= {"national_defence_forces", "irgc"}


@pytest.mark.parametrize("argv, words", [
    (["--help"], ["build", "allegiance", "Gephi"]),
    (["build", "--help"], ["graph.html", "report.json", "--ner", "--kb", "stdin"]),
])
def test_cli_help_explains(capsys, argv, words):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert all(w in text for w in words)


def test_cli_hostile_article_cannot_break_html_or_xml(tmp_path):
    from xml.etree import ElementTree

    article = tmp_path / "hostile.txt"
    article.write_text('اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري <script>alert(1)</script> "]]> \x0b'
                       "<img src=x onerror=alert(2)> في البوكمال.", encoding="utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "--ner", "lexicon", "--quiet"]) == 0
    for name in ("graph.graphml", "graph.gexf"):
        ElementTree.parse(tmp_path / "out" / name)
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert json.loads((tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8"))["relations"]


def test_cli_unwritable_output_is_one_line_error(tmp_path, sample_paths, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert main(["build", str(sample_paths[0]), "-o", str(blocker / "out"), "--ner", "lexicon", "--quiet"]) == 1
    [line] = [x for x in capsys.readouterr().err.splitlines() if x.startswith("kg: error")]
    assert "cannot write" in line
