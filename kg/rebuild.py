"""``kg graph``'s job: rebuild every output from ``extractions.jsonl`` files, without the NLP, optionally filtered.

The graph files are written by the same exporters as ``kg build``'s, from the same graph, so an unfiltered rebuild
of a build's extractions gives byte-identical graph.graphml, graph.gexf, graph.html and tables.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from pathlib import Path
from typing import Iterable

from kg.build import BuildResult
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.html import write_html
from kg.export.tables import write_relations_csv, write_shifts_csv
from kg.extractions import Selection, read_extractions
from kg.graph import build_graph_from_extractions
from kg.io import write_jsonl
from kg.views import summary


def rebuild(extraction_files: Iterable[str | os.PathLike], out_dir: str | os.PathLike,
            selection: Selection | None = None) -> BuildResult:
    """Read the extraction files, keep what ``selection`` selects, and write every output into ``out_dir``."""
    started = time.perf_counter()
    selection = selection or Selection()
    files = [str(f) for f in extraction_files]
    read = list(read_extractions(files))
    extractions = selection.apply(read)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    graph = build_graph_from_extractions(extractions)
    outputs = {
        "extractions.jsonl": write_jsonl((e.to_json() for e in extractions), out / "extractions.jsonl"),
        "graph.graphml": write_graphml(graph, out / "graph.graphml"),
        "graph.gexf": write_gexf(graph, out / "graph.gexf"),
        "graph.html": write_html(graph, out / "graph.html"),
        "relations.csv": write_relations_csv(graph, out / "relations.csv"),
        "shifts.csv": write_shifts_csv(graph, out / "shifts.csv"),
    }
    report = {
        "inputs": files,
        "selection": {**asdict(selection), "relations": list(selection.relations), "outlets": list(selection.outlets)},
        "counts": {"documents": len(read), "selected": len(extractions), "actors": graph.number_of_nodes(),
                   "edges": graph.number_of_edges(), "relations": sum(len(e.relations) for e in extractions)},
        "timings_seconds": {"total": round(time.perf_counter() - started, 3)},
        "views": summary(graph),
    }
    tmp = out / "report.json.tmp"
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    outputs["report.json"] = tmp.replace(out / "report.json")
    return BuildResult(graph, extractions, report, outputs)
