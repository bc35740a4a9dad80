"""Relation candidates: every pair of actors named in one prose sentence, with the features a classifier reads.

A candidate is the closest pair of slots (mentions, or anaphors resolved to an actor) of two different actors in a
sentence, ``first`` before ``second`` in the text. Its features are sparse strings: the words between and around
the pair (matching keys and light stems), the trigger lexicon's matches and where they stand, the status cues of
the clause, the actors' types, the knowledge base's organ-of links, and what the rule extractor said of the pair.
The same function feeds training (pipelines/train_relations.py) and the running pipeline, so both see one view.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from kg.actors.linker import TokenisedDoc
from kg.prepare import Sentence
from kg.relations.extractor import CLAUSE_BREAKS, RelationExtractor, Slot
from kg.types import Actor, Relation

#: a light stemmer: these endings are cut (longest first) from a key of more than three letters
SUFFIXES = ("ات", "ون", "ين", "وا", "ان", "ها", "هم", "هما", "ه", "ي", "ا")
MAX_BETWEEN = 14  # words between the pair read one by one; longer gaps keep their ends only


@dataclass(frozen=True)
class Candidate:
    """Two actors of one sentence; ``features`` are what the classifier reads."""

    sentence: Sentence
    first: Slot
    second: Slot
    features: dict[str, float] = field(hash=False, compare=False)
    rule: tuple[Relation, ...] = ()  # the rule extractor's relations between the two actors in this sentence
    between: str = ""  # the text between the two mentions, as written


def stem(key: str) -> str:
    """The key without the article and one common ending: 'المتحالفه' and 'المتحالف' -> 'متحالف'."""
    if key.startswith("ال") and len(key) > 4:
        key = key[2:]
    for suffix in SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            return key[: -len(suffix)]
    return key


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n < 7 else "7-11" if n < 12 else "12+"


class CandidateFinder:
    """Builds candidates for one linked document; shares the rule extractor's lexicon, slots and trigger matches."""

    def __init__(self, rules: RelationExtractor) -> None:
        self.rules = rules

    def candidates(self, tokens: TokenisedDoc, sentences: Sequence[Sentence], slots: Sequence[Slot],
                   actors: dict[str, Actor], rule_relations: Sequence[Relation]) -> Iterator[Candidate]:
        keys = self.rules.trigger_keys(tokens)
        starts = [t.start for t in tokens.tokens]
        trigger_of = self._trigger_tags(keys)
        slot_starts = [s.first for s in slots]
        by_sentence: dict[str, list[Relation]] = {}
        for relation in rule_relations:
            by_sentence.setdefault(relation.evidence.sentence, []).append(relation)
        for sentence in sentences:
            if sentence.boilerplate:
                continue
            first = bisect.bisect_left(starts, sentence.start)
            last = bisect.bisect_left(starts, sentence.end)
            inside = [s for s in slots[bisect.bisect_left(slot_starts, first):bisect.bisect_left(slot_starts, last)]
                      if s.last <= last and not self.rules.is_place(tokens, s, actors)]
            rules_here = by_sentence.get(sentence.text, [])
            for a, b in _closest_pairs(inside):
                rule = tuple(r for r in rules_here if {r.source, r.target} == {a.actor_id, b.actor_id})
                features = self._features(keys, trigger_of, first, last, a, b, inside, actors, rule)
                between = tokens.text[tokens.tokens[a.last - 1].end:tokens.tokens[b.first].start].strip()
                yield Candidate(sentence, a, b, features, rule, between)

    def _trigger_tags(self, keys: list[str]) -> dict[int, str]:
        """Token index -> 'subtype:frame' of the trigger lexicon entry that covers it."""
        tags: dict[int, str] = {}
        for trigger, start, end in self.rules.trigger_matches(keys):
            for i in range(start, end):
                tags.setdefault(i, f"{trigger.subtype}:{trigger.frame}")
        return tags

    def _features(self, keys, trigger_of, first, last, a: Slot, b: Slot, inside: Sequence[Slot],
                  actors: dict[str, Actor], rule: tuple[Relation, ...]) -> dict[str, float]:
        f: dict[str, float] = {}
        between = list(range(a.last, b.first))
        gap = between if len(between) <= MAX_BETWEEN else between[:6] + between[-6:]
        for i in gap:
            f["w:" + keys[i]] = 1.0
            f["s:" + stem(keys[i])] = 1.0
            if i in trigger_of:
                f["t:" + trigger_of[i]] = 1.0
                f["ts:" + trigger_of[i].split(":")[0]] = 1.0
        if between:
            f["w1:" + keys[between[0]]] = 1.0
            f["wL:" + keys[between[-1]]] = 1.0
            f["s1:" + stem(keys[between[0]])] = 1.0
        for name, index in (("l1", a.first - 1), ("l2", a.first - 2), ("r1", b.last), ("r2", b.last + 1)):
            if first <= index < last:
                f[f"{name}:{keys[index]}"] = 1.0
                f[f"{name}s:{stem(keys[index])}"] = 1.0
                if index in trigger_of:
                    f[f"{name}t:{trigger_of[index]}"] = 1.0
        for i in range(max(first, a.first - 6), a.first):
            if i in trigger_of:
                f["tl:" + trigger_of[i]] = 1.0
        for i in range(b.last, min(last, b.last + 6)):
            if i in trigger_of:
                f["tr:" + trigger_of[i]] = 1.0
        for i in range(a.first, a.last):
            if i in trigger_of:
                f["ta:" + trigger_of[i]] = 1.0
        for i in range(b.first, b.last):
            if i in trigger_of:
                f["tb:" + trigger_of[i]] = 1.0
        f["dist:" + _bucket(len(between))] = 1.0
        others = sum(1 for s in inside if a.last <= s.first and s.last <= b.first and s.actor_id not in
                     (a.actor_id, b.actor_id))
        f["mid:" + _bucket(others)] = 1.0
        f["breaks:" + _bucket(sum(1 for i in between if keys[i] in CLAUSE_BREAKS))] = 1.0
        type_a, type_b = actors[a.actor_id].type, actors[b.actor_id].type
        f["ty:" + type_a + ">" + type_b] = 1.0
        f["tya:" + type_a] = 1.0
        f["tyb:" + type_b] = 1.0
        for side, slot in (("a", a), ("b", b)):
            if slot.anaphor:
                f[f"ana{side}:{slot.anaphor}"] = 1.0
            f[f"origin{side}:{slot.origin}"] = 1.0
        if a.first == first:
            f["a_starts"] = 1.0
        clause = keys[max(first, a.first - self.rules.cue_window):b.first]
        joined = " " + " ".join(clause) + " "
        for kind, words in self.rules.cues.items():
            if any((" " + w + " ") in joined for w in words):
                f["cue:" + kind] = 1.0
        if b.actor_id in self.rules.ancestors(a.actor_id):
            f["kb:a_in_b"] = 1.0
        if a.actor_id in self.rules.ancestors(b.actor_id):
            f["kb:b_in_a"] = 1.0
        for relation in rule:
            direction = ">" if relation.source == a.actor_id else "<"
            f[f"rule:{relation.subtype}{direction}"] = 1.0
            f["rule:" + relation.relation] = 1.0
            f["rulestatus:" + relation.status] = 1.0
        f["bias"] = 1.0
        return f


def _closest_pairs(slots: Sequence[Slot]) -> Iterator[tuple[Slot, Slot]]:
    """For each pair of different actors in the sentence, its two slots that stand closest, in text order."""
    best: dict[frozenset[str], tuple[int, Slot, Slot]] = {}
    for i, a in enumerate(slots):
        for b in slots[i + 1:]:
            if a.actor_id == b.actor_id or b.first < a.last:
                continue
            key = frozenset((a.actor_id, b.actor_id))
            gap = b.first - a.last
            if key not in best or gap < best[key][0]:
                best[key] = (gap, a, b)
    for _, a, b in sorted(best.values(), key=lambda item: (item[1].first, item[2].first)):
        yield a, b
