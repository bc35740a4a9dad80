"""Read ``extractions.jsonl`` back into ``Extraction`` records, and select the ones an analyst asks for.

``read_extractions`` is the inverse of ``Extraction.to_json``: ``to_json`` of what it reads equals the line it read,
so ``kg graph`` rebuilds from the extractions exactly the graph ``kg build`` made, without running the NLP.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from kg.dates import iso_date
from kg.errors import InputError
from kg.io import decode
from kg.types import Actor, ActorMentions, Document, Evidence, Extraction, Relation


def read_extractions(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterator[Extraction]:
    """The extractions of one or more JSONL files written by ``kg build``; a malformed line is an InputError."""
    for path in [paths] if isinstance(paths, (str, os.PathLike)) else paths:
        try:
            text = decode(Path(path).read_bytes(), str(path))
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    yield extraction_from_json(json.loads(line))
                except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
                    raise InputError(f"{path}:{number}: not an extraction line ({type(exc).__name__}: {exc})") from None


def extraction_from_json(record: dict) -> Extraction:
    """One ``extractions.jsonl`` record -> the Extraction it was written from (the article's text is not kept)."""
    doc = Document(id=str(record["doc"]), text="", source=str(record.get("source", "")),
                   url=str(record.get("url", "")), published=str(record.get("published", "")))
    actors = tuple(
        ActorMentions(Actor(id=a["id"], label=a["label"], name_ar=a["name_ar"], type=a["type"], qid=a.get("qid", ""),
                            discovered=bool(a.get("discovered", False))),
                      tuple(a.get("mentions", ())), int(a.get("count", 0)))
        for a in record.get("actors", ()))
    relations = tuple(
        Relation(r["source"], r["target"], r["relation"], r["subtype"], r["status"], float(r["confidence"]),
                 Evidence(doc.id, r["evidence"], r.get("trigger", "")))
        for r in record.get("relations", ()))
    return Extraction(doc, actors, relations)


@dataclass(frozen=True)
class Selection:
    """Which extractions to keep: documents published in [since, until] (ISO dates; undated documents are dropped
    when either is set), from the given outlets, and relations at or above a confidence, of the given relations
    (``allegiance``, a subtype ``backed_by``, or ``allegiance/backed_by``). Empty means no restriction."""

    since: str = ""
    until: str = ""
    min_confidence: float = 0.0
    relations: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()

    def keeps_document(self, doc: Document) -> bool:
        if self.outlets and doc.source not in self.outlets:
            return False
        published = iso_date(doc.published)
        if (self.since or self.until) and not published:
            return False
        return not (self.since and published < self.since) and not (self.until and published > self.until)

    def keeps_relation(self, relation: Relation) -> bool:
        if relation.confidence < self.min_confidence:
            return False
        names = {relation.relation, relation.subtype, f"{relation.relation}/{relation.subtype}"}
        return not self.relations or bool(names & set(self.relations))

    def apply(self, extractions: Iterable[Extraction]) -> list[Extraction]:
        """The selected documents, each with only its selected relations (its actors are kept)."""
        return [replace(e, relations=tuple(r for r in e.relations if self.keeps_relation(r)))
                for e in extractions if self.keeps_document(e.doc)]
