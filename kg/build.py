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

from kg.errors import InputError, ModelError, OutputError, printable
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.html import write_html
from kg.export.tables import write_relations_csv, write_shifts_csv
from kg.graph import build_graph_from_extractions
from kg.io import MAX_CHARS, Loaded, Skipped, read_inputs, staged_outputs, write_jsonl, write_text
from kg.pipeline import Pipeline
from kg.types import Document, Extraction
from kg.views import summary

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
    every other document is built. The outputs are written into a staging folder and moved into place together;
    a run in which no document is extracted writes nothing and raises InputError. A model that cannot be loaded
    (ModelError) stops the run at the first document rather than failing every one.
    """
    started = time.perf_counter()
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise InputError(f"max_chars must be a positive integer, not {max_chars!r}")
    out = Path(out_dir)
    check_output_dir(out)
    entries: list[dict] = []
    extractions: list[Extraction] = []
    read = list(read_inputs(inputs, max_chars=max_chars))
    documents = unique_ids([item for item in read if isinstance(item, Loaded)])
    read_seconds = time.perf_counter() - started
    bar = tqdm(read, desc="extracting", unit="doc", file=sys.stderr,
               disable=(len(documents) < 2) if progress is None else not progress)
    for item in bar:
        if isinstance(item, Skipped):
            _skip(entries, item.source, "", item.reason)
            continue
        doc, details = documents[id(item)]
        reason = "empty document" if not doc.text.strip() else (
            f"document too large ({len(doc.text):,} characters; limit {max_chars:,})" if len(doc.text) > max_chars else "")
        if reason:
            _skip(entries, doc.source, doc.id, reason, details)
            continue
        try:
            extraction = pipeline.extract(doc)
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run; it is reported
            _skip(entries, doc.source, doc.id, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        extractions.append(extraction)
        entries.append({"source": doc.source, "id": doc.id, "status": "ok", "characters": len(doc.text),
                        "actors": len(extraction.actors), "relations": len(extraction.relations), **details})
    extract_seconds = time.perf_counter() - started - read_seconds
    if not extractions:
        raise InputError(f"no document could be built ({len(entries)} input{'s' if len(entries) != 1 else ''} "
                         f"skipped); nothing written to {out}")
    graph = build_graph_from_extractions(extractions)
    with staged_outputs(out, OUTPUT_FILES) as staging:
        write_jsonl((e.to_json() for e in extractions), staging / "extractions.jsonl")
        write_graphml(graph, staging / "graph.graphml")
        write_gexf(graph, staging / "graph.gexf")
        write_html(graph, staging / "graph.html")
        write_relations_csv(graph, staging / "relations.csv")
        write_shifts_csv(graph, staging / "shifts.csv")
        report = _report(entries, extractions, graph, pipeline, started, read_seconds, extract_seconds)
        write_text(json.dumps(report, ensure_ascii=False, indent=2), staging / "report.json")
    outputs = {name: out / name for name in OUTPUT_FILES}
    return BuildResult(graph, extractions, report, outputs)


def _report(entries: list[dict], extractions: list[Extraction], graph: nx.MultiDiGraph, pipeline: Pipeline,
            started: float, read_seconds: float, extract_seconds: float) -> dict:
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
    return report


def check_output_dir(out: Path) -> None:
    """Raise OutputError now, before any document is read, if ``out`` cannot be created or written."""
    if str(out) == "":
        raise OutputError("the output directory is an empty path")
    existing = out
    while not existing.exists() and existing != existing.parent:
        if existing.is_symlink():
            raise OutputError(f"cannot write {out}: {existing} is a dangling symbolic link")
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write {out}: {existing} is not a directory")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {out}: permission denied on {existing}")


def unique_ids(loaded: list[Loaded]) -> dict[int, tuple[Document, dict]]:
    """Each loaded document (by ``id()``) with an id no other document has, and its report details.

    A clash is resolved by source path, not by input order: the document from the first path (then the first line
    of that file) keeps the id, the others get ``-2``, ``-3`` ... skipping any id another input really has, so the
    same inputs in any order give the same ids. Every rename is reported (``renamed_from``) and printed.
    """
    taken = {item.document.id for item in loaded}
    by_id: dict[str, list[tuple[str, int, Loaded]]] = {}
    position_in_source: dict[str, int] = {}
    for item in loaded:
        source = item.document.source
        position_in_source[source] = position_in_source.get(source, 0) + 1
        by_id.setdefault(item.document.id, []).append((source, position_in_source[source], item))
    result: dict[int, tuple[Document, dict]] = {}
    for doc_id, group in by_id.items():
        group.sort(key=lambda g: (g[0], g[1]))
        result[id(group[0][2])] = (group[0][2].document, dict(group[0][2].details))
        n = 1
        for source, _, item in group[1:]:
            n += 1
            while f"{doc_id}-{n}" in taken:
                n += 1
            new_id = f"{doc_id}-{n}"
            taken.add(new_id)
            doc = item.document
            print(f"kg: renamed {printable(source)}: id {printable(doc_id)} -> {printable(new_id)} "
                  f"({printable(doc_id)} is {printable(group[0][0])})", file=sys.stderr)
            result[id(item)] = (Document(new_id, doc.text, doc.source, doc.url, doc.published),
                                {**item.details, "renamed_from": doc_id})
    return result


def _skip(entries: list[dict], source: str, doc_id: str, reason: str, details: dict | None = None) -> None:
    print(f"kg: skipped {printable(source or doc_id)}: {printable(reason)}", file=sys.stderr)
    entries.append({"source": source, "id": doc_id, "status": "skipped", "reason": reason, **(details or {})})


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for package in ("conflict-kg", "networkx", "spacy", "stanza", "pyvis"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return versions
