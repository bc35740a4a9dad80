"""kg build's writing and faults: staged outputs, kills, full disks, runs that build nothing, id clashes."""
import errno
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.build import OUTPUT_FILES, build
from kg.cli import main
from kg.errors import InputError, ModelError, OutputError

ARTICLE = "اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري الإيراني في البوكمال."
OTHER = "هاجمت هيئة تحرير الشام مواقع قوات النظام السوري في ريف إدلب."


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def _strays(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name not in OUTPUT_FILES)


@pytest.fixture()
def old_set(tmp_path, lexicon_pipeline):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    build([source], out, lexicon_pipeline, progress=False)
    return out, _outputs(out)


def test_build_writes_the_set_through_a_staging_folder_and_leaves_nothing_else(old_set):
    out, outputs = old_set
    assert all(outputs.values()) and _strays(out) == []
    report = json.loads(outputs["report.json"])
    assert {"inputs", "counts", "timings_seconds", "pipeline", "versions"} <= report.keys()


@pytest.mark.parametrize("failing", ["write_html", "write_gexf", "write_shifts_csv"])
def test_build_full_disk_keeps_the_old_set(old_set, tmp_path, lexicon_pipeline, monkeypatch, failing):
    out, before = old_set

    def no_space(graph, path):
        Path(path).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(sys.modules["kg.build"], failing, no_space)  # kg.build is also the function's name
    new = tmp_path / "b.txt"
    new.write_text(OTHER, encoding="utf-8")
    with pytest.raises(OSError, match="No space"):
        build([new], out, lexicon_pipeline, progress=False)
    assert _outputs(out) == before and _strays(out) == []


KILLED_BUILD = """
import sys, time
import kg.build
from kg.pipeline import Pipeline
module = sys.modules["kg.build"]
real = module.write_html
def slow(graph, path):
    result = real(graph, path)
    print("writing", flush=True)
    time.sleep(60)
    return result
module.write_html = slow
module.build([sys.argv[1]], sys.argv[2], Pipeline("lexicon", relations="rules"), progress=False)
"""


def test_build_killed_while_writing_leaves_the_old_set_and_the_next_run_cleans_up(old_set, tmp_path, lexicon_pipeline):
    out, before = old_set
    new = tmp_path / "b.txt"
    new.write_text(OTHER, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(new), str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "writing"
        staged = [p for p in out.iterdir() if p.name.startswith(".kg-staging-")]
        assert staged and any((staged[0] / name).exists() for name in ("graph.graphml", "graph.html"))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert _outputs(out) == before
    assert not [p for p in out.iterdir() if p.suffix == ".tmp"]
    build([new], out, lexicon_pipeline, progress=False)
    assert _strays(out) == []
    assert [json.loads(line)["doc"] for line in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()] == ["b"]


@pytest.mark.parametrize("make_inputs", [
    lambda root: [root / "typo.txt"],
    lambda root: [root / "empty_dir"],
    lambda root: [root / "blank.txt"],
])
def test_build_that_extracts_nothing_writes_nothing(old_set, tmp_path, lexicon_pipeline, make_inputs):
    out, before = old_set
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="no document could be built"):
        build(make_inputs(tmp_path), out, lexicon_pipeline, progress=False)
    assert _outputs(out) == before and _strays(out) == []


def test_cli_that_extracts_nothing_is_one_line_and_creates_no_folder(tmp_path, capsys):
    out = tmp_path / "new_out"
    assert main(["build", str(tmp_path / "typo.txt"), "-o", str(out), "--ner", "lexicon", "--quiet"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("kg: error")]
    assert len(errors) == 1 and "no document could be built" in errors[0] and not out.exists()


def test_build_model_error_stops_at_the_first_document(tmp_path, kb):
    calls = []

    class BrokenModel:
        name = "broken"

        def find(self, *args, **kwargs):
            calls.append(1)
            raise ModelError("model file kg/models/x/ner.pt is corrupt")

    pipeline = kg.Pipeline(BrokenModel(), kb=kb, relations="rules")
    pipeline.extract = lambda doc: BrokenModel().find(doc)  # the model is loaded and used per document
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ModelError):
        build([tmp_path], tmp_path / "out", pipeline, progress=False)
    assert len(calls) == 1 and not (tmp_path / "out").exists()


def _ids(out: Path) -> dict[str, str]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {Path(e["source"]).parent.name + "/" + Path(e["source"]).name: e["id"] for e in report["inputs"]}


def test_build_id_clashes_resolve_by_source_path_whatever_the_order(tmp_path, lexicon_pipeline, capsys):
    for folder, text in (("x", ARTICLE), ("y", OTHER)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "a-2.txt").write_text(OTHER, encoding="utf-8")  # a real id the rename must not take
    inputs = [tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt", tmp_path / "z" / "a-2.txt"]
    build(inputs, tmp_path / "o1", lexicon_pipeline, progress=False)
    build(inputs[::-1], tmp_path / "o2", lexicon_pipeline, progress=False)
    assert _ids(tmp_path / "o1") == _ids(tmp_path / "o2") == {"x/a.txt": "a", "y/a.txt": "a-3", "z/a-2.txt": "a-2"}
    renamed = [e for e in json.loads((tmp_path / "o1" / "report.json").read_text(encoding="utf-8"))["inputs"]
               if e.get("renamed_from")]
    assert [(e["id"], e["renamed_from"]) for e in renamed] == [("a-3", "a")]
    assert sum("kg: renamed" in line for line in capsys.readouterr().err.splitlines()) == 2
    graphs = [nx.read_graphml(tmp_path / o / "graph.graphml", force_multigraph=True) for o in ("o1", "o2")]
    assert nx.utils.edges_equal(graphs[0].edges(keys=True, data=True), graphs[1].edges(keys=True, data=True))


def test_build_report_keeps_how_each_input_was_read(tmp_path, lexicon_pipeline):
    (tmp_path / "legacy.txt").write_bytes(ARTICLE.encode("cp1256"))
    (tmp_path / "page.html").write_bytes((Path(__file__).parent / "data" / "saved_page.html").read_bytes())
    result = build([tmp_path], tmp_path / "out", lexicon_pipeline, progress=False)
    entries = {Path(e["source"]).name: e for e in result.report["inputs"]}
    assert entries["legacy.txt"]["status"] == "ok" and entries["legacy.txt"]["encoding"] == "cp1256"
    assert entries["page.html"]["format"] == "html" and entries["page.html"]["relations"] > 0


def test_build_hostile_folder_reads_every_readable_file_and_reports_the_rest(tmp_path, lexicon_pipeline):
    from test_io import hostile_folder

    root = tmp_path / "in"
    root.mkdir()
    cases = hostile_folder(root)
    result = build([root], tmp_path / "out", lexicon_pipeline, progress=False)
    statuses = {Path(e["source"]).name: e["status"] for e in result.report["inputs"]}
    assert statuses == {name: "ok" if expected == "ok" else "skipped" for name, expected in cases.items()}
    nx.read_graphml(tmp_path / "out" / "graph.graphml")
    nx.read_gexf(tmp_path / "out" / "graph.gexf")


@pytest.mark.parametrize("call", [
    lambda p: kg.build_graph("اشتبكت ميليشيا الدفاع الوطني", pipeline=p),
    lambda p: kg.build_graph([123], pipeline=p),
    lambda p: kg.build_graph(None, pipeline=p),
    lambda p: kg.build("examples/articles", "out", p),
    lambda p: kg.build([Path("examples/articles"), 7], "out", p),
    lambda p: kg.build(["examples/articles"], "out", p, max_chars=-5),
])
def test_api_misuse_is_an_input_error(lexicon_pipeline, call, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError):
        call(lexicon_pipeline)
    assert not (tmp_path / "out").exists()


def test_api_output_that_cannot_be_written_fails_before_reading(tmp_path, lexicon_pipeline):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a directory"):
        build(["-"], tmp_path / "file" / "out", lexicon_pipeline)  # stdin is never read


@pytest.mark.parametrize("argv, words", [
    (["--max-chars", "-5"], "at least 1"),
    (["--max-chars", "many"], "not a whole number"),
    (["-o", ""], "cannot be empty"),
    (["--kb-replace"], "--kb-replace needs"),
])
def test_cli_bad_arguments_are_refused(tmp_path, capsys, argv, words):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(tmp_path / "a.txt"), "--ner", "lexicon", *argv])
    assert exit_info.value.code == 2 and words in capsys.readouterr().err


def test_cli_ctrl_c_is_one_line_and_exit_130(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.cli.build", interrupted)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--ner", "lexicon"]) == 130
    assert capsys.readouterr().err.splitlines() == ["kg: interrupted; outputs left as they were"]


def test_cli_sigint_during_a_real_run_exits_130(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "-", "-o", str(tmp_path / "o"),
                                "--ner", "lexicon"], stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _reading_stdin(process.pid):
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and err.splitlines() == ["kg: interrupted; outputs left as they were"]
    assert not (tmp_path / "o").exists()


def _reading_stdin(pid: int) -> bool:
    """True once the process waits in a read (Linux: its wchan), i.e. the CLI has started and reads stdin."""
    try:
        return "read" in Path(f"/proc/{pid}/wchan").read_text() or "pipe" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


def test_cli_control_characters_in_names_are_escaped(tmp_path, capsys):
    bad = tmp_path / "evil\x1b[2J\x07.txt"
    bad.write_bytes(b"\x00\x01\x02")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    assert main(["build", str(bad), str(good), "-o", str(tmp_path / "o"), "--ner", "lexicon", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "evil\\x1b[2J\\x07.txt" in err
