"""Rule-based relation extraction: allegiance and clash edges between the actors of one sentence.

Every edge comes from a trigger of ``kg/data/relation_triggers.json`` (or from a patron named inside an actor's own
name, such as الحرس الثوري الإيراني) and carries the trigger, the sentence and a confidence. The trigger's *frame*
says where its source and target stand; ``status_cues`` before the trigger make it former or attempted, or cancel it.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator, Sequence

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.actors.kb import KnowledgeBase
from kg.actors.linker import LinkedMention, TokenisedDoc, word_lists
from kg.arabic import normalize, resolve_key, tokenizer_nlp
from kg.prepare import Sentence
from kg.types import Actor, Evidence, Relation

LEFT_WINDOW = 8  # tokens between a trigger and the argument before it
LEFT_CONTENT_GAP = 2  # of which at most this many content words ('ميليشيا الدفاع الوطني بديرالزور الإذعان بالولاء')
PERSON_WINDOW = 12  # tokens between a title and the person before it ('P، قائد X، من أبرز رجال Y')
FILLERS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "والذي", "والتي", "هي", "هو", "هم", "قد", "كانت",
                     "كان", "باتت", "بات", "اصبحت", "اصبح", "ما", "زالت", "يزال", "تزال", "لا"})
RIGHT_WINDOW = 6  # tokens between a trigger and the argument after it
CONJUNCTIONS = frozenset({"و", "او", "ام", "وحتي", "حتي", "اما", "ثم", "بل"})
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "والذي", "والتي", "والذين"})
COPULAS = frozenset({"تكن", "يكن", "تكون", "يكون", "تعد", "يعد", "تزال", "يزال", "كانت", "كان"})
QUOTES = frozenset({'"', "“", "”", "«", "»", "'"})
OBJECT_LINKS = frozenset({"من", "الي", "علي", "ل", "ب", "اما", "عن", "مع", "في"})
PAIR_LINKS = frozenset({"مع", "ضد", "و"})  # 'X اشتبكت مع Y', 'اشتباكات بين X ... و Y'
CLAUSE_BREAKS = frozenset({"،", ",", "؛", ";", ":", "."})
PASSIVE_AGENT = (("من", "قبل"), ("علي", "يد"))
ANAPHORS = {
    "latter": frozenset({"الاخيره", "الاخير"}),
    "group": frozenset({"الميليشيا", "المليشيا", "الجماعه", "التنظيم", "الفصيل", "الفرقه", "الكتيبه", "الحركه",
                        "الجبهه", "الفيلق"}),
    "both": frozenset({"الطرفين", "الجانبين", "الطرفان", "الجانبان"}),
}
PATRON_WORDS = frozenset({"المدعومه", "المدعوم", "التابعه", "التابع", "المواليه", "الموالي", "تابعه", "مدعومه",
                          "المرتبطه", "مرتبطه", "المحسوبه", "الموالين", "المدعومين", "التابعين"})
#: words for an actor's members or arms, standing between a verb and the actor: 'شن طيران التحالف', 'مسلحي داعش'
MEMBER_HEADS = frozenset({"طيران", "طايرات", "قوات", "القوات", "عناصر", "مسلحي", "مسلحو", "مقاتلي", "مقاتلو", "خلايا",
                          "وحدات", "مليشيات", "ميليشيات", "مليشيا", "ميليشيا", "جنود", "مدفعيه", "بوارج", "مروحيات",
                          "مسيرات", "صواريخ", "غارات", "غاره"})
COLLECTIVE_WORDS = frozenset({"الميليشيات", "المليشيات", "ميليشيات", "مليشيات", "الفصايل", "فصايل", "الجماعات",
                              "المجموعات"})
GROUP_TYPES = frozenset({"armed_group", "security_agency", "political_org", "other", "state"})


@dataclass(frozen=True)
class Trigger:
    """One entry of the trigger lexicon."""

    words: tuple[str, ...]
    relation: str
    subtype: str
    frame: str
    confidence: float
    status: str = ""
    left_gap: int = 2


@dataclass(frozen=True)
class Slot:
    """An actor occupying tokens ``[first, last)`` of the document; ``anaphor`` names the kind of word it was
    resolved from (latter: الأخيرة, group: الميليشيا, both: الطرفين), empty for a mention."""

    first: int
    last: int
    actor_id: str
    anaphor: str = ""
    origin: str = "kb"  # how the mention was found (kg.types.Mention.origin)


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[Trigger, ...], dict[str, frozenset[str]], dict[str, int]]:
    """Triggers, status cue word sets, and the cue windows (kg/data/relation_triggers.json)."""
    data = json.loads(resources.files("kg.data").joinpath("relation_triggers.json").read_text(encoding="utf-8"))
    triggers = tuple(
        Trigger(tuple(t["words"]), t["relation"], t["subtype"], t["frame"], float(t["confidence"]), t.get("status", ""),
                int(t.get("left_gap", LEFT_CONTENT_GAP)))
        for t in data["triggers"]
    )
    cues = data["status_cues"]
    kinds = ("former", "attempted", "negation", "denial", "speculation", "opinion")
    windows = {"clause": int(cues["window"]), "negation": int(cues["negation_window"])}
    return triggers, {k: frozenset(cues[k]) for k in kinds}, windows


class RelationExtractor:
    """Finds relations in one linked document. Build once; ``extract`` is a pure function of its arguments."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.nlp = tokenizer_nlp()
        triggers, self.cues, windows = lexicon()
        self.cue_window, self.negation_window = windows["clause"], windows["negation"]
        self.triggers = {f"t{i}": t for i, t in enumerate(triggers)}
        self.vocabulary = frozenset(w for t in triggers for w in t.words) | frozenset(
            w for cue in self.cues.values() for phrase in cue for w in phrase.split())
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        for name, trigger in self.triggers.items():  # keyed like the text: بالهجوم -> هجوم
            self.matcher.add(name, [self._doc([resolve_key(w, self.vocabulary, True) for w in trigger.words])])

    def trigger_keys(self, doc: TokenisedDoc) -> list[str]:
        """Every token's key for trigger matching (``_trigger_key``)."""
        return [self._trigger_key(t.text) for t in doc.tokens]

    def trigger_matches(self, keys: Sequence[str]) -> Iterator[tuple[Trigger, int, int]]:
        """Every trigger occurrence over the keys: (trigger, first token, end token), overlaps included."""
        for match_id, start, end in self.matcher(self._doc(keys)):
            yield self.triggers[self.nlp.vocab.strings[match_id]], start, end

    def _trigger_key(self, word: str) -> str:
        """A word's key for trigger matching: proclitics stripped, and the article too where only the bare form is
        listed ('الاشتباكات' matches the trigger اشتباكات)."""
        key = resolve_key(word, self.vocabulary, True)
        bare = key[2:] if key.startswith("ال") and key not in self.vocabulary else ""
        return bare if bare in self.vocabulary else key

    def _doc(self, keys: Sequence[str]) -> Doc:
        doc = Doc(self.nlp.vocab, words=list(keys))
        for token, key in zip(doc, keys):
            token.norm_ = key
        return doc

    def extract(self, doc_id: str, doc: TokenisedDoc, sentences: Sequence[Sentence],
                mentions: Sequence[LinkedMention], actors: dict[str, Actor]) -> list[Relation]:
        """Relations stated in the prose sentences of one document, in text order, without duplicates."""
        keys = self.trigger_keys(doc)
        raw_keys = [normalize(t.text) for t in doc.tokens]
        starts = [t.start for t in doc.tokens]
        trigger_spans = filter_spans(self.matcher(self._doc(keys), as_spans=True))
        span_starts = [span.start for span in trigger_spans]
        slots = self.slots(doc, mentions, actors)
        slot_starts = [slot.first for slot in slots]
        relations: dict[tuple, Relation] = {}
        last_pair: tuple[str, str] | None = None  # the latest clash: what الطرفين refers to
        for sentence in sentences:
            if sentence.boilerplate:
                continue
            first, last = _token_range(starts, sentence)
            in_sentence = [s for s in slots[bisect.bisect_left(slot_starts, first):bisect.bisect_left(slot_starts, last)]
                           if s.last <= last and not self.is_place(doc, s, actors)]
            if last_pair:
                in_sentence = _resolve_both(in_sentence, last_pair)
            context = _Context(raw_keys, doc.keys, keys, first, last, in_sentence, actors)
            for relation in [*self._from_names(doc_id, sentence, context),
                             *self._from_partitives(doc_id, sentence, context),
                             *self._from_ranks(doc_id, sentence, context)]:
                relations.setdefault(_identity(relation), relation)
            for span in trigger_spans[bisect.bisect_left(span_starts, first):bisect.bisect_left(span_starts, last)]:
                if span.end > last:
                    continue
                if any(s.first <= span.start and span.end <= s.last and not s.anaphor for s in in_sentence):
                    continue  # the trigger word is part of an actor's name (المليشيات المدعومة من إيران)
                trigger = self.triggers[span.label_]
                for relation in self._from_trigger(doc_id, sentence, context, trigger, span.start, span.end):
                    relations.setdefault(_identity(relation), relation)
                    if relation.relation == "clash":
                        last_pair = (relation.source, relation.target)
        return list(relations.values())

    def slots(self, doc: TokenisedDoc, mentions: Sequence[LinkedMention], actors: dict[str, Actor]) -> list[Slot]:
        """Actor mentions plus anaphors (الأخيرة، الميليشيا، الطرفين) resolved to earlier actors."""
        slots = [Slot(m.first, m.last, m.mention.actor_id, origin=m.mention.origin) for m in mentions]
        taken = {i for s in slots for i in range(s.first, s.last)}
        # an adjective (الروسية) or adverb (المدعومة روسياً) modifies a noun; it is not what الأخيرة points back to
        antecedents = sorted((Slot(m.first, m.last, m.mention.actor_id) for m in mentions
                              if m.mention.origin != "adjective" and not m.mention.text.endswith("ً")),
                             key=lambda s: s.last)
        ends = [s.last for s in antecedents]
        for index, key in enumerate(doc.keys):
            kind = next((k for k, words in ANAPHORS.items() if key in words), "")
            if not kind or index in taken:
                continue
            before = antecedents[:bisect.bisect_right(ends, index)]
            if kind == "both":
                distinct = list(dict.fromkeys(s.actor_id for s in reversed(before)))[:2]
                slots += [Slot(index, index + 1, a, "both") for a in reversed(distinct)] if len(distinct) == 2 else []
                continue
            person_ok = key.endswith("ر")  # الأخير may be a person, الأخيرة is not
            candidate = next((s for s in reversed(before) if _antecedent(kind, actors[s.actor_id].type, person_ok)), None)
            if candidate:
                slots.append(Slot(index, index + 1, candidate.actor_id, kind))
        return sorted(slots, key=lambda s: (s.first, s.last))

    @staticmethod
    def is_place(doc: TokenisedDoc, slot: Slot, actors: dict[str, Actor]) -> bool:
        """A state named as a place ('في سوريا', 'شمال شرق سوريا') is no party to a relation."""
        return (actors[slot.actor_id].type == "state" and slot.first > 0
                and doc.keys[slot.first - 1] in word_lists()["place_words"])

    def _from_names(self, doc_id: str, sentence: Sentence, ctx: "_Context") -> Iterator[Relation]:
        """A patron named inside an actor's name: 'المليشيات المدعومة من إيران' (a trigger inside the name), or the
        state that closes the name of one of its organs, as the knowledge base's ``parent`` says: 'الحرس الثوري
        الإيراني' -> IRGC part of Iran ('ميليشيا النجباء العراقية' gives nothing: a nationality, not a patron)."""
        for slot in ctx.slots:
            actor = ctx.actors[slot.actor_id]
            if slot.anaphor or actor.type in ("state", "person", "political_org"):
                continue
            name = list(ctx.kb_keys[slot.first:slot.last])
            explicit = bool(PATRON_WORDS.intersection(name))
            subtype = "backed_by" if COLLECTIVE_WORDS.intersection(name) else "part_of"
            after = slot.last
            while after < ctx.last and ctx.kb_keys[after] in QUOTES:
                after += 1
            closing = name[-1:] + ctx.kb_keys[after:after + 1]  # 'ميليشيا “الحرس الثوري” الإيراني'
            organ = actor.type in ("security_agency", "other")  # اللجنة المشتركة الروسية السورية: both
            for word in name + closing[1:] if explicit or organ else closing:
                state = self.kb.adjectives.get(word) or self.kb.aliases.get(word)
                if not state or state == actor.id or self.kb.actors[state].type != "state":
                    continue
                if explicit or (organ and word in self.kb.adjectives) or state in self.ancestors(actor.id):
                    yield Relation(actor.id, state, "allegiance", subtype, "current", 0.75 if explicit else 0.7,
                                   Evidence(doc_id, sentence.text, word))

    def _from_partitives(self, doc_id: str, sentence: Sentence, ctx: "_Context") -> Iterator[Relation]:
        """'قوات المخلوع صالح من الحرس الجمهوري والأمن المركزي': the units after من are part of the force before."""
        for whole in ctx.slots:
            if whole.anaphor or ctx.actors[whole.actor_id].type not in ("armed_group", "state") \
                    or ctx.kb_keys[whole.last:whole.last + 1] != ["من"]:
                continue
            groups = ctx.right_groups(whole.last + 1)
            if not groups or groups[0][0].first != whole.last + 1:
                continue
            for part in groups[0]:
                if ctx.actors[part.actor_id].type in ("armed_group", "security_agency") and part.actor_id != whole.actor_id:
                    yield Relation(part.actor_id, whole.actor_id, "allegiance", "part_of", "current", 0.6,
                                   Evidence(doc_id, sentence.text, "من"))

    def _from_ranks(self, doc_id: str, sentence: Sentence, ctx: "_Context") -> Iterator[Relation]:
        """'العميد محمد الجبوري في شرطة نينوى': an officer named with his rank, then في and his force."""
        ranks = word_lists()["rank_titles"]
        for person in ctx.slots:
            if person.anaphor or ctx.actors[person.actor_id].type != "person" or person.first == ctx.first:
                continue
            if ctx.kb_keys[person.first - 1] not in ranks or ctx.kb_keys[person.last:person.last + 1] != ["في"]:
                continue
            force = next((s for s in ctx.slots if s.first == person.last + 1), None)
            if force and ctx.actors[force.actor_id].type in ("armed_group", "security_agency"):
                yield Relation(person.actor_id, force.actor_id, "allegiance", "member_of", "current", 0.65,
                               Evidence(doc_id, sentence.text, ctx.kb_keys[person.first - 1]))

    def ancestors(self, actor_id: str) -> list[str]:
        """The chain of ``parent`` links in the knowledge base: quds_force -> irgc -> iran."""
        chain: list[str] = []
        while (actor_id := self.kb.parents.get(actor_id, "")) and actor_id not in chain:
            chain.append(actor_id)
        return chain

    def _from_trigger(self, doc_id: str, sentence: Sentence, ctx: "_Context", trigger: Trigger,
                      start: int, end: int) -> Iterator[Relation]:
        cue_keys = ctx.clause_before(start, self.cue_window)
        negated = ctx.clause_before(start, self.negation_window) & self.cues["negation"] or \
            ctx.negated_copula(start, self.cue_window, self.cues["negation"])
        if negated or cue_keys & self.cues["denial"] or self._has_cue(cue_keys, ctx, start, "speculation"):
            return
        hedge = 0.2 if self._has_cue(set(ctx.trigger_keys[ctx.first:start]), ctx, start, "opinion") else 0.0
        former = trigger.relation == "allegiance" and self._has_cue(cue_keys, ctx, start, "former")
        status = trigger.status or ("former" if former else
                                    "attempted" if self._has_cue(cue_keys, ctx, start, "attempted") else "current")
        trigger_text = " ".join(ctx.trigger_keys[start:end])
        for source, target in self._arguments(ctx, trigger, start, end):
            if source.actor_id == target.actor_id:
                continue
            if trigger.subtype in ("leader_of", "member_of") and ctx.actors[source.actor_id].type != "person":
                continue
            confidence = trigger.confidence - hedge - 0.1 * (bool(source.anaphor) + bool(target.anaphor))
            yield Relation(source.actor_id, target.actor_id, trigger.relation, trigger.subtype, status,
                           round(confidence, 3), Evidence(doc_id, sentence.text, trigger_text))

    def _has_cue(self, cue_keys: set[str], ctx: "_Context", start: int, kind: str) -> bool:
        phrases = self.cues[kind]
        if cue_keys & phrases:
            return True
        clause = " ".join(ctx.trigger_keys[max(ctx.first, start - self.cue_window * 2):start])
        return any(" " in p and p in clause for p in phrases)

    def _arguments(self, ctx: "_Context", trigger: Trigger, start: int, end: int) -> list[tuple[Slot, Slot]]:
        """(source, target) pairs for one trigger occurrence, following its frame."""
        frame = trigger.frame
        left, topical = ctx.left_group(start, trigger.left_gap, coordinated=frame.startswith("verb"))
        right = ctx.right_groups(end)
        if frame in ("verb_src", "verb_tgt"):
            agent = ctx.passive_agent(end)
            if agent is not None:
                others = [s for g in right for s in g if s.actor_id != agent.actor_id] or left
                pairs = [(agent, o) for o in others[:1]]
                return pairs if frame == "verb_src" else [(t, s) for s, t in pairs]
            # SVO: 'روسيا تدعم النظام'; a verbal noun's agent may stand further ('عملت القوات الروسية ... على إبعاد')
            svo_gap = trigger.left_gap if trigger.left_gap > LEFT_CONTENT_GAP else 1
            if ctx.left_group(start, svo_gap)[0]:
                frame = "src_T_tgt" if frame == "verb_src" else "tgt_T_src"
            elif start > ctx.first and ctx.trigger_keys[start - 1] in RELATIVES:
                return []  # 'الذين يواجهون قوات X': the subject is the relative's antecedent, not X
            elif right and ctx.adjacent(end, right[0][0]):  # VSO: 'تدعم روسيا النظام'
                frame = "T_src_tgt" if frame == "verb_src" else "T_tgt_src"
            else:
                return []  # the subject is no actor: 'اعتقلت الشرطة المدعو X أحد قياديي Y
        if frame == "src_T_tgt":  # with no actor right before: the group the sentence is about
            if trigger.frame == "src_T_tgt":  # a participle's object is a noun: 'الموالية للرئيس اليمني X'
                right = [g for g in ([s for s in g if s.origin != "adjective"] for g in right) if g]
            close = trigger.relation == "clash" or (right and ctx.close_after(end, right[0][0]))
            targets = right[0] if right and close else []  # a clash may hit 'مقرات تابعة ل X'; a tie is close
            topic = ctx.topic_group(start) if topical and trigger.relation == "allegiance" else []
            return _product(left or topic, targets)
        if frame == "tgt_T_src":
            return _product(right[0] if right else [], left)
        if frame == "T_src_tgt":
            return _product(right[0], right[1]) if len(right) > 1 else []
        if frame == "T_tgt_src":  # 'الدعم الروسي للنظام'; with one actor after it: 'قدمت روسيا الدعم للنظام'
            return _product(right[1], right[0]) if len(right) > 1 else _product(right[0] if right else [], left)
        if frame == "pair":
            sides = ctx.two_sides(end)
            if sides:  # 'اشتباكات بين X و Y من جهة، و Z من جهة أخرى'
                return _product(*sides)
            if right and len(right[0]) > 1 and ctx.pair_starts(end, right[0][0]):
                return [(right[0][0], right[0][1])]
            second = next((g for g in right[1:] if ctx.linked_pair(right[0][-1], g[0])), None)
            if second:  # 'اشتباكات بين قوات الأمن العسكري التابع للنظام، ومليشيا أبو الفضل'
                return _product(right[0], second[:1])
            if right and ctx.linked_pair(None, right[0][0], end):  # 'X ... جراء الاشتباكات مع Y'
                partner = left[-1:] or ctx.nearest_before(start)
                return _product(partner, right[0][:1])
            if not right:  # 'قتل عناصر من X وآخرون من Y إثر اشتباكات': the two groups named before
                groups = ctx.groups_before(start)  # ... but not 'X وY يتكبدون خسائر في المواجهات' (one side)
                if len(groups) > 1 and not ctx.one_side(groups[-2], groups[-1]):
                    return [(groups[-2], groups[-1])]
            return []
        if frame == "title":
            return ctx.title_arguments(start, end, backward=trigger.subtype == "member_of")
        raise ValueError(f"unknown frame {frame!r}")


class _Context:
    """One sentence's tokens, keys and actor slots, with the argument searches the frames need."""

    def __init__(self, raw_keys, kb_keys, trigger_keys, first, last, slots, actors):
        self.raw_keys, self.kb_keys, self.trigger_keys = raw_keys, kb_keys, trigger_keys
        self.first, self.last = first, last
        self.slots, self.actors = slots, actors

    def clause_before(self, start: int, window: int) -> set[str]:
        keys = set()
        for index in range(start - 1, max(self.first, start - window) - 1, -1):
            if self.trigger_keys[index] in CLAUSE_BREAKS:
                break
            keys.add(self.trigger_keys[index])
        return keys

    def negated_copula(self, start: int, window: int, negators: frozenset[str]) -> bool:
        """'لم تكن الميليشيا مدعومة من إيران': a negated copula governs the participle further on."""
        first = max(self.first, start - window)
        keys = self.trigger_keys[first:start]
        return any(a in negators and b in COPULAS for a, b in zip(keys, keys[1:]))

    def left_group(self, start: int, max_gap: int = LEFT_CONTENT_GAP,
                   coordinated: bool = False) -> tuple[list[Slot], bool]:
        """The nearest actor before ``start`` (and, with ``coordinated``, the actors joined to it by و), and whether
        the subject may be the sentence's topic instead: yes when no actor stands close before, or only across a
        clause break, or the actor is an agent ('من قبل X'); no when other words stand between
        ('المستشفيات التابعة ل...': the hospitals, not the actor before them) or a new conjunct does
        ('ميليشيات تابعة لروسيا وأخرى مرتبطة بإيران')."""
        before = [s for s in self.slots if s.last <= start and start - s.last <= LEFT_WINDOW]
        if not before:
            return [], True
        nearest = before[-1]
        if nearest.last == start and self._starts_conjunct(start):
            # 'بين مؤيد لروسيا ومناصر لإيران': Russia is not the subject of ومناصر, the topic is; 'والموالين لصالح'
            # (with the article) is a new actor of its own, not a predicate of anything before it
            return [], not self.raw_keys[start].startswith("وال")
        gap = range(nearest.last, start)
        if any(self._starts_conjunct(i) for i in gap):
            return [], False
        if any(self.trigger_keys[i] in CLAUSE_BREAKS for i in gap):
            return [], True
        if tuple(self.trigger_keys[nearest.first - 2:nearest.first]) in PASSIVE_AGENT:
            return [], True
        if sum(1 for i in gap if not self._filler(i)) > max_gap:
            return [], False
        group = [nearest]
        for slot in reversed(before[:-1] if coordinated else []):  # 'روسيا وإيران تدعمان النظام'
            if self.coordinated(slot, group[0]):
                group.insert(0, slot)
            else:
                break
        return group, False

    def right_groups(self, end: int) -> list[list[Slot]]:
        """Actors after ``end`` as coordination groups: [[X], [Y, Z]] for 'X ... Y و Z'."""
        groups: list[list[Slot]] = []
        position = end
        for slot in (s for s in self.slots if s.last > end):  # 'أحد فصائل الحشد': a name may start in the trigger
            if groups and self.coordinated(groups[-1][-1], slot):
                groups[-1].append(slot)
            elif slot.first - position <= RIGHT_WINDOW:
                groups.append([slot])
            else:
                break
            position = slot.last
        return groups

    def one_side(self, a: Slot, b: Slot) -> bool:
        """'الحوثيين وقوات صالح يتكبدون خسائر': coordinated actors not introduced by بين stand on one side."""
        return self.coordinated(a, b) and "بين" not in self.trigger_keys[max(self.first, a.first - 6):a.first]

    def coordinated(self, a: Slot, b: Slot) -> bool:
        """'X و Y', 'X أو Y', 'X وطائرات Y': b follows a with only conjunctions, quotes or a member word ('طائرات')
        between, and a و (or أو ...) joins them."""
        if a.first == b.first:
            return True  # الطرفين: two actors behind one word
        gap = range(a.last, b.first)
        if len(gap) > 3 or not all(self.trigger_keys[i] in CONJUNCTIONS or self.trigger_keys[i] in QUOTES
                                   or self.raw_keys[i].removeprefix("و") in MEMBER_HEADS for i in gap):
            return False
        attached_wa = self.raw_keys[b.first].startswith("و") and len(self.raw_keys[b.first]) > len(self.kb_keys[b.first])
        member_wa = any(self.raw_keys[i].startswith("و") and self.raw_keys[i][1:] in MEMBER_HEADS for i in gap)
        return attached_wa or member_wa or any(self.trigger_keys[i] in CONJUNCTIONS for i in gap)

    def nearest_before(self, start: int) -> list[Slot]:
        """The nearest actor before ``start`` in the sentence that is no adjective and no patron's object."""
        reported = max((i for i in range(self.first, start) if self.trigger_keys[i] == "ان"), default=self.first)
        candidates = [s for s in self.slots if reported <= s.first and s.last <= start and s.origin != "adjective"
                      and not self._bound_to_patron(s)]
        return candidates[-1:]  # 'قالت القيادة إن قوات الأمن اشتبكت مع داعش': not the speaker before إن

    def topic_group(self, start: int) -> list[Slot]:
        """The latest armed group or agency named before ``start`` in this sentence: the subject of a participle or
        verb whose own subject is a pronoun ('أصبحت تابعة إما للروس أو لحزب الله', 'بين مؤيد لروسيا ومناصر لإيران')."""
        groups = self.groups_before(start)
        return groups[-1:]

    def groups_before(self, start: int) -> list[Slot]:
        """Distinct armed groups and agencies (not states, persons or anaphors) before ``start``, in text order."""
        seen: dict[str, Slot] = {}
        for slot in self.slots:
            if slot.last <= start and not slot.anaphor and \
                    self.actors[slot.actor_id].type in ("armed_group", "security_agency"):
                seen.pop(slot.actor_id, None)
                seen[slot.actor_id] = slot
        return list(seen.values())

    def _filler(self, index: int) -> bool:
        """Words that do not separate a noun from its participle: relative pronouns, copulas, quotes, and
        'من الفصائل' in 'فيلق الشام من الفصائل المقربة من تركيا'."""
        key = self.trigger_keys[index]
        following = self.trigger_keys[index + 1] if index + 1 < len(self.trigger_keys) else ""
        return (key in FILLERS or key in QUOTES or key in COLLECTIVE_WORDS or key in MEMBER_HEADS
                or (key == "من" and following in COLLECTIVE_WORDS))

    def _starts_conjunct(self, index: int) -> bool:
        key = self.raw_keys[index]
        return key in ("و", "او") or (key.startswith("و") and len(key) > 3 and key[1:] not in ("هو", "هي"))

    def two_sides(self, end: int) -> tuple[list[Slot], list[Slot]] | None:
        """The actors before 'من جهة' and those between it and 'من جهة أخرى', after a pair trigger."""
        keys = self.trigger_keys
        marks = [i for i in range(end, self.last - 1) if keys[i] == "من" and keys[i + 1] == "جهه"]
        if len(marks) < 2:
            return None
        parties = [s for s in self.slots if s.origin != "adjective" and not self._bound_to_patron(s)]
        first = [s for s in parties if end <= s.first and s.last <= marks[0]]
        second = [s for s in parties if marks[0] + 2 <= s.first and s.last <= marks[1]]
        return (first, second) if first and second else None

    def _bound_to_patron(self, slot: Slot) -> bool:
        """The object of a patron participle ('القوات الموالية للرئيس X'): X is no party to a pair."""
        window = self.trigger_keys[max(self.first, slot.first - 4):slot.first]
        return any(k in PATRON_WORDS for k in window) and not any(k in CLAUSE_BREAKS for k in window)

    def pair_starts(self, end: int, slot: Slot) -> bool:
        """'اشتباكات عنيفة بين X و Y', 'التنافس الروسي والإيراني': the pair follows بين or the trigger itself, not
        'توتراً كبيراً بعد إصرار X و Y على ...'."""
        gap = self.trigger_keys[end:slot.first]
        return "بين" in gap or sum(1 for k in gap if k not in QUOTES) <= 1

    def close_after(self, end: int, slot: Slot) -> bool:
        """At most one word besides prepositions and quotes between a participle and its object ('المدعومة من
        روسيا', 'التابعة إما للروس'), so that 'تابعة لها ... X' does not take X."""
        gap = self.trigger_keys[end:slot.first]
        titles = word_lists()["person_title_words"]
        covered = {i for s in self.slots for i in range(s.first, s.last)}
        return sum(1 for i, k in enumerate(gap, start=end) if k not in QUOTES and k not in OBJECT_LINKS
                   and k not in MEMBER_HEADS and k not in titles and i not in covered) <= 1

    def adjacent(self, end: int, slot: Slot) -> bool:
        """Nothing but quotes between a verb and the actor after it (its subject in VSO order)."""
        return all(k in QUOTES or k in MEMBER_HEADS for k in self.trigger_keys[end:slot.first])

    def linked_pair(self, a: Slot | None, b: Slot, end: int = 0) -> bool:
        """True when ``b`` is the second party of a pair: preceded by مع / ضد / و ('X مع Y', 'بين X ... و Y')."""
        gap = self.trigger_keys[(a.last if a else end):b.first]
        attached_wa = self.trigger_keys[b.first].startswith("و") and not self.kb_keys[b.first].startswith("و")
        return attached_wa or bool(set(gap) & PAIR_LINKS)

    def passive_agent(self, end: int) -> Slot | None:
        """The actor after 'من قبل' / 'على يد' following the trigger (the agent of a passive or verbal noun)."""
        for slot in self.slots:
            if slot.first < end or slot.first - end > RIGHT_WINDOW + 6:
                continue
            before = tuple(self.trigger_keys[slot.first - 2:slot.first])
            if before in PASSIVE_AGENT:
                return slot
        return None

    def title_arguments(self, start: int, end: int, backward: bool = False) -> list[tuple[Slot, Slot]]:
        """(person, group) for 'P قائد G', 'P، قائد X، من أبرز رجال G', 'قائد G P', 'قائد G في المدينة، المدعو P'."""
        groups = [s for s in self.slots if s.first >= end and s.first - end <= 5
                  and self.actors[s.actor_id].type in GROUP_TYPES]
        if not groups and not backward:
            return []
        if not groups:  # 'مسلحين من تنظيم داعش بينهم القيادي P': the group just before, the person right after
            before = [s for s in self.slots if s.last <= start and start - s.last <= 3
                      and self.actors[s.actor_id].type in GROUP_TYPES]
            after = [s for s in self.slots if s.first >= end and self._apposition(end, s.first)
                     and self.actors[s.actor_id].type == "person"]
            return [(after[0], before[-1])] if before and after else []
        group = groups[0]
        persons_before = [s for s in self.slots if s.last <= start and start - s.last <= PERSON_WINDOW
                          and self.actors[s.actor_id].type == "person"]
        if persons_before:
            return [(persons_before[-1], group)]
        for slot in self.slots:
            if slot.first >= group.last and self.actors[slot.actor_id].type == "person":
                return [(slot, group)] if self._apposition(group.last, slot.first) else []
        return []

    def _apposition(self, start: int, end: int) -> bool:
        """Only punctuation, quotes, 'المدعو' or a place ('في المدينة') between a group and the person it names."""
        index = start
        while index < end:
            key = self.trigger_keys[index]
            if key == "في":
                index += 2
            elif key in QUOTES or key in CLAUSE_BREAKS or key in ("(", ")", "المدعو", "المدعوه") \
                    or key in word_lists()["person_title_words"]:  # 'قائد الفرقة العقيد نديم الحسن'
                index += 1
            else:
                return False
        return index == end


def _antecedent(kind: str, actor_type: str, person_ok: bool) -> bool:
    """Can an actor of this type be what a 'group' (الميليشيا) or 'latter' (الأخيرة) anaphor points back to?"""
    return actor_type == "armed_group" if kind == "group" else (actor_type != "person" or person_ok)


def _resolve_both(slots: list[Slot], pair: tuple[str, str]) -> list[Slot]:
    """الطرفين after a clash means its two sides, not merely the two actors named last."""
    resolved, taken = [], 0
    for slot in slots:
        if slot.anaphor == "both":
            slot = Slot(slot.first, slot.last, pair[taken % 2], "both")
            taken += 1
        resolved.append(slot)
    return resolved


def _product(sources: Sequence[Slot], targets: Sequence[Slot]) -> list[tuple[Slot, Slot]]:
    return [(s, t) for s in sources for t in targets]


def _token_range(starts: Sequence[int], sentence: Sentence) -> tuple[int, int]:
    """Token indexes ``[first, last)`` of a sentence, from the tokens' sorted start offsets."""
    return bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)


def _identity(relation: Relation) -> tuple:
    return relation.source, relation.target, relation.relation, relation.subtype, relation.evidence.sentence
