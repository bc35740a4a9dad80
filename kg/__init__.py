"""conflict-kg: Arabic news articles -> a knowledge graph of conflict actors.

>>> import kg
>>> graph = kg.build_graph(["اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري الإيراني في البوكمال."], ner="lexicon")
>>> sorted(graph.edges(keys=True))
[('irgc', 'iran', 'allegiance/part_of'), ('national_defence_forces', 'irgc', 'clash/armed_clash')]
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from kg.actors.kb import KnowledgeBase, load_kb
from kg.build import BuildResult, build
from kg.errors import InputError, KgError, KnowledgeBaseError, ModelError, OutputError
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.html import write_html
from kg.export.tables import write_relations_csv, write_shifts_csv
from kg.extractions import Selection, read_extractions
from kg.graph import allegiance_blocs, build_graph_from_extractions, central_actors
from kg.io import read_documents, read_jsonl, write_jsonl
from kg.pipeline import Pipeline
from kg.rebuild import rebuild
from kg.types import Actor, ActorMentions, Document, Evidence, Extraction, Mention, Relation
from kg.views import blocs, brokers, shifts

__version__ = "0.1.0"


def build_graph(texts: Iterable[str | Document], *, ner: str = "stanza", pipeline: Pipeline | None = None,
                ) -> nx.MultiDiGraph:
    """Arabic texts (or Documents) -> the merged actor graph. Plain strings get ids doc-1, doc-2, ...

    ``texts`` is a list of texts, not one text: a single string is an InputError, as is an item that is neither a
    string nor a Document.
    """
    if isinstance(texts, (str, bytes)):
        raise InputError(f"texts must be a list of texts, not one {type(texts).__name__}: use [text]")
    try:
        items = list(texts)
    except TypeError:
        raise InputError(f"texts must be a list of str or Document, not {type(texts).__name__}") from None
    for number, item in enumerate(items, start=1):
        if not isinstance(item, (str, Document)):
            raise InputError(f"text {number} is a {type(item).__name__}, not a str or Document")
    pipeline = pipeline or Pipeline(ner)
    docs = [t if isinstance(t, Document) else Document(id=f"doc-{i}", text=t) for i, t in enumerate(items, start=1)]
    return build_graph_from_extractions(pipeline.extract_many(docs))


__all__ = [
    "Actor", "ActorMentions", "BuildResult", "Document", "Evidence", "Extraction", "InputError", "KgError",
    "KnowledgeBase", "KnowledgeBaseError", "Mention", "ModelError", "OutputError", "Pipeline", "Relation", "Selection",
    "allegiance_blocs", "blocs", "brokers", "build", "build_graph", "build_graph_from_extractions", "central_actors",
    "load_kb", "read_documents", "read_extractions", "read_jsonl", "rebuild", "shifts", "write_gexf", "write_graphml",
    "write_html", "write_jsonl", "write_relations_csv", "write_shifts_csv",
]
