"""Plain records passed between the pipeline's stages. All frozen: a stage returns new data, never mutates."""
from __future__ import annotations

from dataclasses import dataclass

from kg.dates import iso_date

ACTOR_TYPES = ("state", "armed_group", "security_agency", "person", "political_org", "other")
RELATION_TYPES = ("allegiance", "clash")
SUBTYPES = {
    "allegiance": ("loyal_to", "backed_by", "part_of", "affiliated_with", "leader_of", "member_of", "defected_to",
                   "co-opted_by"),
    "clash": ("armed_clash", "attack", "threat", "rivalry", "arrest", "capture"),
}
STATUSES = ("current", "former", "attempted")
SYMMETRIC_SUBTYPES = ("armed_clash", "rivalry")  # no direction: the two sides are listed once, in either order


@dataclass(frozen=True)
class Document:
    """One input article. ``id`` is the file stem (or the JSONL ``id``)."""

    id: str
    text: str
    source: str = ""
    url: str = ""
    published: str = ""


@dataclass(frozen=True)
class Actor:
    """A canonical conflict actor: from the knowledge base, or ``discovered`` by NER in a document."""

    id: str
    label: str
    name_ar: str
    type: str
    aliases: tuple[str, ...] = ()
    qid: str = ""
    discovered: bool = False


@dataclass(frozen=True)
class Mention:
    """A span of the original text (character offsets) that names an actor."""

    start: int
    end: int
    text: str
    actor_id: str
    origin: str = "kb"  # "kb" alias, "ner" entity, "title" (a person named by title or short name)


@dataclass(frozen=True)
class Evidence:
    """Where a relation is stated: the document, the sentence and the trigger phrase in it."""

    doc_id: str
    sentence: str
    trigger: str


@dataclass(frozen=True)
class Relation:
    """A directed edge: allegiance runs from subordinate/client to superior/patron; clash from actor to target."""

    source: str
    target: str
    relation: str
    subtype: str
    status: str
    confidence: float
    evidence: Evidence


@dataclass(frozen=True)
class ActorMentions:
    """An actor as found in one document: the distinct strings linked to it, and how many mentions there were."""

    actor: Actor
    mentions: tuple[str, ...]
    count: int = 0


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    doc: Document
    actors: tuple[ActorMentions, ...] = ()
    relations: tuple[Relation, ...] = ()

    def to_json(self) -> dict:
        """The ``extractions.jsonl`` record (schema of ../shared/eval/README.md), with the document's provenance:
        ``url``, ``published`` (ISO date, or "") and ``source`` (the outlet). ``kg.read_extractions`` reads it back."""
        return {
            "doc": self.doc.id,
            "url": self.doc.url,
            "published": iso_date(self.doc.published),
            "source": self.doc.source,
            "actors": [
                {"id": am.actor.id, "label": am.actor.label, "name_ar": am.actor.name_ar, "type": am.actor.type,
                 "mentions": list(am.mentions), "discovered": am.actor.discovered, "count": am.count,
                 "qid": am.actor.qid}
                for am in self.actors
            ],
            "relations": [
                {"source": r.source, "target": r.target, "relation": r.relation, "subtype": r.subtype,
                 "status": r.status, "evidence": r.evidence.sentence, "trigger": r.evidence.trigger,
                 "confidence": round(r.confidence, 3)}
                for r in self.relations
            ],
        }
