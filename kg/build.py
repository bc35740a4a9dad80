"""``kg build``'s job: read inputs, extract every document, merge the graph, write every output and the report."""
from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import networkx as nx
from tqdm import tqdm

from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.html import write_html
from kg.export.tables import write_relations_csv, write_shifts_csv
from kg.graph import build_graph_from_extractions
from kg.io import Skipped, read_documents, write_jsonl
from kg.pipeline import Pipeline
from kg.types import Document, Extraction
from kg.views import summary

MAX_CHARS = 2_000_000
OUTPUT_FILES = ("graph.html", "graph.graphml", "graph.gexf", "extractions.jsonl", "relations.csv", "shifts.csv",
                "report.json")


@dataclass
class BuildResult:
    """What a build produced: the graph, the extractions and the run report."""

    graph: nx.MultiDiGraph
    extractions: list[Extraction]
    report: dict
    outputs: dict[str, Path] = field(default_factory=dict)


def build(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, pipeline: Pipeline, *,
          progress: bool | None = None, max_chars: int = MAX_CHARS) -> BuildResult:
    """Run the pipeline over ``inputs`` and write every output into ``out_dir``.

    Unreadable, empty, oversized or failing documents are reported as skipped (one line on stderr each);
    every other document is built.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries: list[dict] = []
    extractions: list[Extraction] = []
    seen_ids: set[str] = set()
    documents = list(read_documents(inputs))
    read_seconds = time.perf_counter() - started
    bar = tqdm(documents, desc="extracting", unit="doc", file=sys.stderr,
               disable=(len(documents) < 2) if progress is None else not progress)
    for item in bar:
        if isinstance(item, Skipped):
            _skip(entries, item.source, "", item.reason)
            continue
        doc = _unique_id(item, seen_ids)
        reason = "empty document" if not doc.text.strip() else (
            f"document too large ({len(doc.text):,} characters; limit {max_chars:,})" if len(doc.text) > max_chars else "")
        if reason:
            _skip(entries, doc.source, doc.id, reason)
            continue
        try:
            extraction = pipeline.extract(doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run; it is reported
            _skip(entries, doc.source, doc.id, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        extractions.append(extraction)
        entries.append({"source": doc.source, "id": doc.id, "status": "ok", "characters": len(doc.text),
                        "actors": len(extraction.actors), "relations": len(extraction.relations)})
    extract_seconds = time.perf_counter() - started - read_seconds
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
        "inputs": entries,
        "counts": {
            "documents": len(entries), "ok": len(extractions), "skipped": len(entries) - len(extractions),
            "actors": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "relations": sum(len(e.relations) for e in extractions),
            "discovered_actors": sum(1 for _, d in graph.nodes(data=True) if d.get("discovered")),
        },
        "timings_seconds": {"read": round(read_seconds, 3), "extract": round(extract_seconds, 3),
                            "graph_and_write": round(time.perf_counter() - started - read_seconds - extract_seconds, 3),
                            "total": round(time.perf_counter() - started, 3)},
        "pipeline": {"ner": pipeline.ner.name, "relations": "rules" if pipeline.classifier is None else "learned",
                     "kb_actors": len(pipeline.kb)},
        "versions": _versions(),
        "views": summary(graph),
    }
    tmp = out / "report.json.tmp"
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    outputs["report.json"] = tmp.replace(out / "report.json")
    return BuildResult(graph, extractions, report, outputs)


def _skip(entries: list[dict], source: str, doc_id: str, reason: str) -> None:
    print(f"kg: skipped {source or doc_id}: {reason}", file=sys.stderr)
    entries.append({"source": source, "id": doc_id, "status": "skipped", "reason": reason})


def _unique_id(doc: Document, seen: set[str]) -> Document:
    """Two inputs with the same id (a.txt in two folders) get -2, -3 ... so neither overwrites the other."""
    doc_id, n = doc.id, 1
    while doc_id in seen:
        n += 1
        doc_id = f"{doc.id}-{n}"
    seen.add(doc_id)
    return doc if doc_id == doc.id else Document(doc_id, doc.text, doc.source, doc.url, doc.published)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for package in ("conflict-kg", "networkx", "spacy", "stanza", "pyvis"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return versions
