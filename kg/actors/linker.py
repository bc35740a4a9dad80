"""Link mentions to canonical actors: knowledge-base aliases (spaCy PhraseMatcher over clitic-aware keys),
state adjectives, NER entities (new actors for unknown names) and per-document short names of persons."""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.actors.kb import KnowledgeBase
from kg.arabic import Token, clitic_variants, normalize, resolve_key, tokenizer_nlp, transliterate
from kg.ner.base import EntitySpan
from kg.types import Actor, Mention

NER_ACTOR_TYPES = {"PER": "person", "ORG": "armed_group"}
QUOTES = frozenset('"“”«»\'')


@lru_cache(maxsize=1)
def linking_data() -> dict:
    """kg/data/linking.json, read once per process."""
    return json.loads(resources.files("kg.data").joinpath("linking.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The linker's word lists (kg/data/linking.json), as sets of matching keys."""
    data = linking_data()
    lists = {name: frozenset(value["words"]) for name, value in data.items() if isinstance(value, dict) and "words" in value}
    lists["rank_titles"] = frozenset(data["person_titles"]["rank"])
    lists["honorific_titles"] = frozenset(data["person_titles"]["honorific"])
    return lists


@dataclass(frozen=True)
class LinkedMention:
    """A mention with its token range ``[first, last)`` in the document's token list."""

    first: int
    last: int
    mention: Mention


@dataclass(frozen=True)
class TokenisedDoc:
    """A document's tokens with their matching keys (normalised, proclitic stripped where that yields a known word)."""

    text: str
    tokens: list[Token]
    keys: list[str]


class Linker:
    """Finds actor mentions in one document. Build once per knowledge base; ``link`` is a pure function."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.nlp = tokenizer_nlp()
        self.vocabulary = {word for key in (*kb.aliases, *kb.adjectives) for word in self._alias_words(key)}
        self.vocabulary |= word_lists()["generic_heads"]
        self.generic_forces = linking_data()["generic_forces"]["phrases"]
        self.vocabulary |= {word for phrase in self.generic_forces for word in phrase.split()}
        self.alias_matcher = self._matcher(kb.aliases)
        self.generic_matcher = self._matcher({phrase: phrase for phrase in self.generic_forces})
        children: dict[str, list[str]] = {}
        for child, parent in kb.parents.items():
            if kb.actors[child].type == "armed_group":
                children.setdefault(parent, []).append(child)
        self.forces_of = {parent: ids[0] for parent, ids in children.items() if len(ids) == 1}
        self.adjective_matcher = self._matcher(kb.adjectives)

    def _alias_words(self, key: str) -> list[str]:
        return [t.text for t in self.nlp.make_doc(key)]

    def _matcher(self, index: dict[str, str]) -> PhraseMatcher:
        matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        by_actor: dict[str, list[Doc]] = {}
        for key, actor_id in index.items():
            words = self._alias_words(key)
            keys = [resolve_key(w, self.vocabulary) for w in words]
            by_actor.setdefault(actor_id, []).append(self._doc(words, keys))
        for actor_id, patterns in sorted(by_actor.items()):
            matcher.add(actor_id, patterns)
        return matcher

    def _doc(self, words: Sequence[str], keys: Sequence[str]) -> Doc:
        doc = Doc(self.nlp.vocab, words=list(words))
        for token, key in zip(doc, keys):
            token.norm_ = key
        return doc

    def tokenise(self, text: str, tokens: Sequence[Token]) -> TokenisedDoc:
        """Attach matching keys (knowledge-base words with their proclitics stripped) to the document's tokens."""
        return TokenisedDoc(text, list(tokens), [resolve_key(t.text, self.vocabulary) for t in tokens])

    def link(self, doc: TokenisedDoc, allowed: Sequence[tuple[int, int]],
             entities: Sequence[EntitySpan] = ()) -> tuple[list[LinkedMention], dict[str, Actor]]:
        """Mentions inside the ``allowed`` character spans (prose sentences) and the new actors NER discovered."""
        spacy_doc = self._doc([t.text for t in doc.tokens], doc.keys)
        inside = _span_filter(doc.tokens, allowed)
        aliases = [s for s in filter_spans(self.alias_matcher(spacy_doc, as_spans=True)) if inside(s.start, s.end)]
        taken = {i for s in aliases for i in range(s.start, s.end)}
        found = [(s.start, s.end, s.label_, "kb", None) for s in aliases]
        discovered: dict[str, Actor] = {}
        entity_keys = {normalize(e.text) for e in entities}
        places = {normalize(e.text).replace(" ", "") for e in entities if e.label == "LOC"}
        ends = [t.end for t in doc.tokens]
        titled = {e.start for e in entities if e.label == "PER" and _after_title(doc, ends, e)}
        surnames = {normalize(self.kb.actors[a].name_ar.split()[-1]): self.kb.actors[a]
                    for _, _, a, *_ in found if self.kb.actors[a].type == "person"}
        for first, last, entity in _entity_token_ranges(doc.tokens, entities):
            if not inside(first, last) or taken.intersection(range(first, last)):
                continue
            key = normalize(entity.text)
            if key[:1] in "وفبل" and key[1:] in entity_keys:  # 'وعصام الفاضل' when 'عصام الفاضل' occurs too
                entity = EntitySpan(entity.start + 1, entity.end, entity.label, entity.text[1:])
            surname_of = surnames.get(normalize(entity.text)) if entity.label == "PER" else None
            actor = surname_of or self._actor_for_entity(doc, first, last, entity, entity.start in titled, places)
            if actor is None:
                continue
            if actor.discovered:
                discovered.setdefault(actor.id, actor)
            if actor.type == "person" and len(actor.name_ar.split()) > 1:
                surnames.setdefault(normalize(actor.name_ar.split()[-1]), actor)  # 'العميد طماح' after 'محمد طماح'
            found.append((first, last, actor.id, "ner", entity))
            taken.update(range(first, last))
        for first, last, actor_id in self._generic_forces(spacy_doc, found, taken, inside):
            found.append((first, last, actor_id, "kb", None))
            taken.update(range(first, last))
        for short in self._short_names(doc, found, taken, inside, discovered):
            found.append(short)
            taken.add(short[0])
        nationalities: set[int] = set()
        actor_tokens = set(taken)
        for first, last, actor in self._collectives(doc, found, taken, discovered):
            if actor.discovered:
                discovered.setdefault(actor.id, actor)
            found.append((first, last, actor.id, "collective", None))
            taken.update(range(first, last))
        for span in filter_spans(self.adjective_matcher(spacy_doc, as_spans=True)):
            if not inside(span.start, span.end) or taken.intersection(range(span.start, span.end)):
                continue
            if self._is_nationality(doc, span.start, actor_tokens, nationalities):
                nationalities.add(span.start)
                continue
            found.append((span.start, span.end, span.label_, "adjective", None))
            taken.update(range(span.start, span.end))
        mentions = [self._mention(doc, *item) for item in sorted(found, key=lambda item: item[:2])]
        return mentions, discovered

    def _generic_forces(self, spacy_doc: Doc, found: list[tuple], taken: set[int], inside) -> list[tuple]:
        """'الجيش', 'قوات الأمن' -> the forces of the article's theatre (kg/data/linking.json generic_forces)."""
        counts: dict[str, int] = {}
        for _, _, actor_id, *_ in found:
            for theatre in self.kb.theatres.get(actor_id, ()):
                counts[theatre] = counts.get(theatre, 0) + 1
        theatres = sorted((t for t in counts if t != "regional"), key=lambda t: (-counts[t], t))
        if not theatres:
            return []
        result = []
        for span in filter_spans(self.generic_matcher(spacy_doc, as_spans=True)):
            actor_id = self.generic_forces[span.label_].get(theatres[0])
            if actor_id in self.kb.actors and inside(span.start, span.end) \
                    and not taken.intersection(range(span.start, span.end)):
                result.append((span.start, span.end, actor_id))
        return result

    def _collectives(self, doc: TokenisedDoc, found: list[tuple], taken: set[int],
                     discovered: dict[str, Actor]) -> list[tuple[int, int, Actor]]:
        """'القوات الموالية للرئيس هادي' -> an actor 'Forces loyal to Hadi' mentioned by 'القوات' (see linking.json)."""
        rules = linking_data()["collectives"]
        heads, participles, nominal = set(rules["heads"]), rules["participles"], set(rules["nominal"])
        patrons = {first: (last, actor_id) for first, last, actor_id, *_ in found}
        result = []
        for index in range(len(doc.keys)):
            if index in taken:
                continue
            raw = normalize(doc.tokens[index].text).removeprefix("و")
            participle = index if raw in nominal else index + 1
            if participle >= len(doc.keys) or (participle == index + 1 and raw not in heads):
                continue
            kind = participles.get(normalize(doc.tokens[participle].text)) or ("loyal to" if raw in nominal else "")
            # the patron's name follows, perhaps after من or a title: 'الموالية للرئيس اليمني المخلوع علي صالح'
            patron_at = next((i for i in range(participle + 1, min(participle + 5, len(doc.keys)))
                              if i in patrons), None)
            if not kind or patron_at is None or any(k in ("،", ",", ".") for k in doc.keys[participle:patron_at]):
                continue
            patron = self.kb.actors.get(patrons[patron_at][1]) or discovered.get(patrons[patron_at][1])
            if patron is None or patron.type not in ("state", "person"):
                continue  # units of a group are the group itself
            end = doc.tokens[patrons[patron_at][0] - 1].end
            name = strip_proclitic(doc.text[doc.tokens[index].start:end], raw, doc.tokens[index].text)
            known = self.forces_of.get(patron.id)  # 'القوات الموالية للمخلوع علي صالح' is the KB's saleh_forces
            actor = self.kb.actors[known] if known else Actor(
                id=f"forces_{kind.replace(' ', '_')}_{patron.id}", label=f"Forces {kind} {patron.label}",
                name_ar=name, type="armed_group", discovered=True)
            result.append((index, index + 1, actor))
        return result

    def title_mentions(self, doc: TokenisedDoc, mentions: Sequence[LinkedMention],
                       leaders: dict[str, str]) -> list[LinkedMention]:
        """Mentions after resolving 'قائد X' to X's leader (``leaders``: group id -> person id) where no name
        stands beside the title: each replaces the mention of X it covers."""
        titles = word_lists()["leader_titles"]
        beside = frozenset(QUOTES | {"(", ")", "،", ",", "المدعو"})
        person_starts = {m.first for m in mentions if m.mention.actor_id in leaders.values()}
        person_ends = {m.last for m in mentions if m.mention.actor_id in leaders.values()}
        resolved = []
        for linked in mentions:
            title = linked.first - 1
            while title >= 0 and doc.keys[title] in QUOTES:
                title -= 1
            before, after = title, linked.last
            while before > 0 and doc.keys[before - 1] in beside:
                before -= 1
            while after < len(doc.keys) and (doc.keys[after] in beside or doc.keys[after] == "في"):
                after += 2 if doc.keys[after] == "في" else 1  # 'قائد X في المدينة "P"'
            leader = leaders.get(linked.mention.actor_id)
            named = after in person_starts or before in person_ends  # 'P، قائد X' / 'قائد X، المدعو P'
            if leader and title >= 0 and doc.keys[title] in titles and not named \
                    and linked.mention.origin in ("kb", "ner"):
                start = doc.tokens[title].start
                text = strip_proclitic(doc.text[start:linked.mention.end], doc.keys[title], doc.tokens[title].text)
                linked = LinkedMention(title, linked.last, Mention(linked.mention.end - len(text), linked.mention.end,
                                                                   text, leader, "title"))
            resolved.append(linked)
        return resolved

    @staticmethod
    def _is_nationality(doc: TokenisedDoc, index: int, actor_tokens: set[int], nationalities: set[int]) -> bool:
        """'شخصيات إيرانية وعراقية', 'ميليشيا “النجباء” العراقية': an adjective describing people or a group."""
        before = index - 1
        while before >= 0 and doc.keys[before] in QUOTES:
            before -= 1
        if before < 0:
            return False
        return (doc.keys[before] in word_lists()["nationality_heads"] or before in actor_tokens
                or (before in nationalities and doc.tokens[index].text.startswith("و")))

    def _actor_for_entity(self, doc: TokenisedDoc, first: int, last: int, entity: EntitySpan,
                          titled: bool, places: set[str]) -> Actor | None:
        """A KB actor whose alias the entity is, else a new actor, else None (an entity too weak to be an actor:
        a one-word person with no title, an ORG without an organisation head word, a name after 'ميليشيا')."""
        key = normalize(entity.text)
        key = "ال" + key[2:] if key.startswith("لل") else key  # 'للفرقة 30' is 'الفرقة 30'
        if actor_id := self.kb.aliases.get(" ".join(doc.keys[first:last])) or self.kb.aliases.get(key):
            return self.kb.actors[actor_id]
        lists = word_lists()
        words = key.split()
        if entity.label not in NER_ACTOR_TYPES or any(
                w in lists["name_stopwords"] or w.removeprefix("و") in lists["name_stopwords"] for w in words):
            return None
        if len(key.replace(" ", "")) < 3 or not any("\u0621" <= ch <= "\u064a" for ch in key):
            return None
        if any(v.replace(" ", "") in places for v in clitic_variants(words[0])[:-1]):
            return None  # 'بديرالزور الإذعان': a place the model also tags LOC, with a preposition attached
        previous = doc.keys[first - 1] if first else ""
        if entity.label == "PER" and ((len(words) < 2 and not titled) or previous in lists["organisation_heads"]
                                      or previous in lists["generic_heads"]):
            return None
        if entity.label == "ORG" and resolve_key(words[0], lists["organisation_heads"]) not in lists["organisation_heads"]:
            return None
        actor_type = NER_ACTOR_TYPES[entity.label]
        return Actor(id=f"{'per' if actor_type == 'person' else 'org'}_{transliterate(key) or 'x'}",
                     label=transliterate(key).replace("_", " ").title(), name_ar=entity.text, type=actor_type,
                     discovered=True)

    def _short_names(self, doc, found, taken, inside, discovered) -> list[tuple]:
        """A person's last name alone, once the document has named the person in full (العراقية after فراس العراقية)."""
        lists = word_lists()
        short: dict[str, str] = {}
        for first, last, actor_id, *_ in found:
            actor = self.kb.actors.get(actor_id) or discovered.get(actor_id)
            if actor is None or actor.type != "person" or last - first < 2:
                continue
            surname = doc.keys[last - 1]
            if len(surname) >= 3 and surname not in lists["short_name_stopwords"] and surname not in self.kb.aliases:
                short.setdefault(surname, actor_id)
        extra = []
        for index, key in enumerate(doc.keys):
            if index in taken or key not in short or not inside(index, index + 1):
                continue
            previous = doc.keys[index - 1] if index else ""
            if key in self.kb.adjectives and (previous.startswith("ال") or previous in lists["nationality_heads"]):
                continue  # الدور الإيراني: an adjective, not الحاج مصطفى الإيراني
            extra.append((index, index + 1, short[key], "short_name", None))
        return extra

    def _mention(self, doc: TokenisedDoc, first: int, last: int, actor_id: str, origin: str,
                 entity: EntitySpan | None) -> LinkedMention:
        if entity is not None:  # the NER backend already trimmed clitics from its span
            return LinkedMention(first, last, Mention(entity.start, entity.end, entity.text, actor_id, origin))
        if origin == "kb" and first > 0 and doc.keys[first - 1] in word_lists()["generic_heads"]:
            first -= 1  # "ميليشيا الدفاع الوطني": the head word belongs to how the text names the actor
        start, end = doc.tokens[first].start, doc.tokens[last - 1].end
        surface = strip_proclitic(doc.text[start:end], doc.keys[first], doc.tokens[first].text)
        return LinkedMention(first, last, Mention(end - len(surface), end, surface, actor_id, origin))


def strip_proclitic(surface: str, key: str, first_word: str) -> str:
    """Drop a proclitic (و، ب، ل، ...) attached to the first word: ``لإيران`` -> ``إيران``, ``بالحرس`` -> ``الحرس``.

    ``للنظام`` is kept whole: without its proclitic the article's alef is not in the text.
    """
    normal = normalize(first_word)
    if key == normal or not normal.endswith(key):
        return surface
    letters = len(normal) - len(key)
    cut = 0
    while letters and cut < len(surface):
        if normalize(surface[cut]):
            letters -= 1
        cut += 1
    while cut < len(surface) and not normalize(surface[cut]):
        cut += 1  # diacritics on the proclitic
    return surface[cut:]


def _after_title(doc: TokenisedDoc, ends: Sequence[int], entity: EntitySpan) -> bool:
    """Is the entity introduced by a rank or honorific (العقيد نواف، الحاج عسكر)? ``ends``: the tokens' end offsets."""
    lists = word_lists()
    titles = lists["rank_titles"] | lists["honorific_titles"]
    index = bisect.bisect_right(ends, entity.start)
    first_word = resolve_key(doc.tokens[index].text, titles) if index < len(doc.tokens) else ""
    before = resolve_key(doc.tokens[index - 1].text, titles) if index else ""
    return first_word in titles or before in titles


def _span_filter(tokens: Sequence[Token], allowed: Sequence[tuple[int, int]]):
    """``inside(first, last)``: do tokens ``[first, last)`` lie within one of the (disjoint, sorted) allowed spans?"""
    ranges = sorted(allowed)
    starts = [a for a, _ in ranges]

    def inside(first: int, last: int) -> bool:
        start, end = tokens[first].start, tokens[last - 1].end
        index = bisect.bisect_right(starts, start) - 1
        return index >= 0 and end <= ranges[index][1]

    return inside


def _entity_token_ranges(tokens: Sequence[Token], entities: Sequence[EntitySpan]) -> list[tuple[int, int, EntitySpan]]:
    """Token ranges covered by character-offset entities."""
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]
    ranges = []
    for entity in entities:
        first, last = bisect.bisect_right(ends, entity.start), bisect.bisect_left(starts, entity.end)
        if first < last:
            ranges.append((first, last, entity))
    return ranges
