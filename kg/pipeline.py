"""The extraction pipeline: prepare -> NER -> link -> relate, one document at a time.

``Pipeline.extract(doc)`` is a pure function of the document's text and the pipeline's data files (knowledge base,
lexicons, model), so documents can be processed in any order, in parallel, or incrementally.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kg.actors.kb import KnowledgeBase, load_kb
from kg.actors.linker import LinkedMention, Linker, TokenisedDoc, word_lists
from kg.arabic import normalize, tokenize
from kg.ner import NerBackend, get_backend
from kg.prepare import Sentence, split_sentences
from kg.relations.candidates import Candidate, CandidateFinder
from kg.relations.extractor import RelationExtractor
from kg.relations.learned import load_classifier
from kg.types import Actor, ActorMentions, Document, Extraction, Relation

RELATION_BACKENDS = ("learned", "rules")


@dataclass(frozen=True)
class Analysis:
    """One document up to relation extraction: its tokens, sentences, linked mentions, actors and the rules' edges."""

    doc: Document
    tokens: TokenisedDoc
    sentences: list[Sentence]
    mentions: list[LinkedMention]
    actors: dict[str, Actor]
    rule_relations: list[Relation]


class Pipeline:
    """Arabic article -> ``Extraction`` (actors with their mentions, relations with evidence)."""

    def __init__(self, ner: str | NerBackend = "stanza", *, kb: KnowledgeBase | None = None,
                 kb_files: Iterable[str | os.PathLike] = (), replace_kb: bool = False,
                 model_dir: str | Path | None = None, relations: str = "learned",
                 relation_model_dir: str | Path | None = None) -> None:
        if relations not in RELATION_BACKENDS:
            raise ValueError(f"relations must be one of {', '.join(RELATION_BACKENDS)}, not {relations!r}")
        self.kb = kb if kb is not None else load_kb(kb_files, replace=replace_kb)
        self.ner = get_backend(ner, model_dir) if isinstance(ner, str) else ner
        self.linker = Linker(self.kb)
        self.extractor = RelationExtractor(self.kb)
        self.candidate_finder = CandidateFinder(self.extractor)
        self.classifier = load_classifier(relation_model_dir) if relations == "learned" else None

    def extract(self, doc: Document | str) -> Extraction:
        """Everything conflict-kg finds in one document."""
        analysis = self.analyse(doc)
        relations = analysis.rule_relations
        if self.classifier is not None:
            relations = self.classifier.relations(analysis.doc.id, self.candidates(analysis), relations)
        return Extraction(analysis.doc, tuple(_actor_mentions(analysis.tokens, analysis.mentions, analysis.actors,
                                                             relations)), tuple(relations))

    def candidates(self, analysis: Analysis) -> list[Candidate]:
        """The actor pairs of each sentence with their features (what the learned extractor decides on)."""
        slots = self.extractor.slots(analysis.tokens, analysis.mentions, analysis.actors)
        return list(self.candidate_finder.candidates(analysis.tokens, analysis.sentences, slots, analysis.actors,
                                                     analysis.rule_relations))

    def analyse(self, doc: Document | str) -> Analysis:
        """A document read up to relation extraction: mentions linked, the rule extractor's relations found."""
        if isinstance(doc, str):
            doc = Document(id="doc", text=doc)
        sentences = split_sentences(doc.text)
        prose = [(s.start, s.end) for s in sentences if not s.boilerplate]
        tokens = self.linker.tokenise(doc.text, tokenize(doc.text))
        entities = self.ner.entities(doc.text, prose) if prose else []
        mentions, discovered = self.linker.link(tokens, prose, entities)
        actors = {**self.kb.actors, **discovered}
        relations = self.extractor.extract(doc.id, tokens, sentences, mentions, actors)
        leaders = _sole_leaders(relations)
        titled = self.linker.title_mentions(tokens, mentions, leaders) if leaders else mentions
        if titled != mentions:  # 'قائد ميليشيا الدفاع الوطني' now names its leader: relate once more
            relations = self.extractor.extract(doc.id, tokens, sentences, titled, actors)
            mentions = sorted(mentions + [m for m in titled if m.mention.origin == "title"], key=lambda m: m.first)
        return Analysis(doc, tokens, sentences, mentions, actors, relations)

    def extract_many(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        """``extract`` over many documents, in order."""
        for doc in docs:
            yield self.extract(doc)


def _sole_leaders(relations: list[Relation]) -> dict[str, str]:
    """Group id -> the one person the document says leads it (groups with two named leaders are left out)."""
    leaders: dict[str, set[str]] = {}
    for relation in relations:
        if relation.subtype == "leader_of":
            leaders.setdefault(relation.target, set()).add(relation.source)
    return {group: next(iter(people)) for group, people in leaders.items() if len(people) == 1}


def _actor_mentions(tokens: TokenisedDoc, mentions: list[LinkedMention], actors: dict[str, Actor],
                    relations: list[Relation]) -> Iterator[ActorMentions]:
    """Actors in order of first mention. A state named only as a place (في سوريا) and in no relation is a location."""
    related = {r.source for r in relations} | {r.target for r in relations}
    places = _place_mentions(tokens, mentions)
    by_actor: dict[str, list[LinkedMention]] = {}
    for linked in mentions:
        by_actor.setdefault(linked.mention.actor_id, []).append(linked)
    for actor_id, linked in by_actor.items():
        actor = actors[actor_id]
        surface = tuple(dict.fromkeys(m.mention.text for m in linked))
        if actor.type == "state" and actor_id not in related and all(id(m) in places for m in linked):
            actor = Actor(actor.id, actor.label, actor.name_ar, "location", actor.aliases, actor.qid, actor.discovered)
        yield ActorMentions(actor, surface, len(linked))


def _place_mentions(tokens: TokenisedDoc, mentions: list[LinkedMention]) -> set[int]:
    """ids of mentions used as places: after a locative word or preposition (في العراق، بالعراق، شمال سوريا),
    or coordinated with such a place (سوريا والعراق)."""
    locative = word_lists()["locative_words"]
    places: set[int] = set()
    previous_end = None
    for linked in mentions:
        full, key = normalize(tokens.tokens[linked.first].text), tokens.keys[linked.first]
        proclitic = full[:len(full) - len(key)] if full != key and full.endswith(key) else ""
        after_place = previous_end == linked.first and proclitic.startswith("و")
        if (proclitic.lstrip("و") in ("ب", "ل", "في") and proclitic) or after_place or (
                linked.first > 0 and tokens.keys[linked.first - 1] in locative):
            places.add(id(linked))
            previous_end = linked.last
        else:
            previous_end = None
    return places
