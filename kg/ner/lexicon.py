"""The model-free NER backend: persons introduced by a title or rank (العقيد نواف، المدعو الحاج عسكر) and units
named after their head word (الكتيبة 102، غرفة عمليات عمر المختار).

Knowledge-base actors are found by the linker's alias matcher whatever the backend; this backend adds persons and
units that no knowledge base lists, from the word lists in kg/data/linking.json.
"""
from __future__ import annotations

from typing import Sequence

from kg.actors.linker import strip_proclitic, word_lists
from kg.arabic import resolve_key, tokenize
from kg.ner.base import EntitySpan

MAX_NAME_TOKENS = 3


class LexiconNer:
    """Title-triggered person and unit finder. Fast, deterministic, no model."""

    name = "lexicon"

    def entities(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[EntitySpan]:
        """PER spans for names after a rank (العقيد X) or with an honorific (الحاج X); ORG spans for units."""
        lists = word_lists()
        ranks, honorifics, stop = lists["rank_titles"], lists["honorific_titles"], lists["name_stopwords"]
        spans: list[EntitySpan] = []
        for start, end in sentences:
            tokens = tokenize(text[start:end])
            keys = [resolve_key(t.text, ranks | honorifics) for t in tokens]
            index = 0
            while index < len(tokens):
                key = keys[index]
                if key not in ranks and key not in honorifics:
                    index += 1
                    continue
                name_start = index + 1 if key in ranks else index
                while name_start < len(tokens) and keys[name_start] in ranks:
                    name_start += 1  # "المدعو اللواء ..."
                first = name_start + 1 if name_start < len(tokens) and keys[name_start] in honorifics else name_start
                last = first
                while (last < len(tokens) and last - first < MAX_NAME_TOKENS
                       and _is_name_word(tokens[last].text, keys[last], stop, ranks | honorifics)):
                    last += 1
                if last > first:
                    name_end = start + tokens[last - 1].end
                    first_word = tokens[name_start].text
                    surface = strip_proclitic(text[start + tokens[name_start].start:name_end], keys[name_start],
                                              first_word)
                    spans.append(EntitySpan(name_end - len(surface), name_end, "PER", surface))
                index = max(last, index + 1)
            spans += _units(text, start, tokens, keys, lists)
        return spans


def _units(text: str, offset: int, tokens: list, keys: list[str], lists: dict) -> list[EntitySpan]:
    """ORG spans for a unit head followed by a number ("الفرقة 30") or an operations room ("غرفة عمليات ...")."""
    heads, stop = lists["unit_heads"], lists["name_stopwords"]
    spans = []
    for index, token in enumerate(tokens):
        if resolve_key(token.text, heads) not in heads:
            continue
        last = index + 1
        while last < len(tokens) and last - index <= MAX_NAME_TOKENS and (
                tokens[last].text.isdigit() or _is_name_word(tokens[last].text, keys[last], stop, heads)):
            last += 1
        named = any(t.text.isdigit() for t in tokens[index + 1:last]) or keys[index + 1:index + 2] == ["عمليات"]
        if named:  # "الكتيبة 102", "غرفة عمليات عمر المختار"; not "الفرقة نفسها"
            start, end = offset + token.start, offset + tokens[last - 1].end
            surface = strip_proclitic(text[start:end], resolve_key(token.text, heads), token.text)
            spans.append(EntitySpan(end - len(surface), end, "ORG", surface))
    return spans


def _is_name_word(word: str, key: str, stop: frozenset[str], titles: frozenset[str]) -> bool:
    """A word that can continue a name: Arabic letters, not a stop word or title, not an adverb in -اً (مهدداً)."""
    return (len(key) >= 2 and key not in stop and key.removeprefix("و") not in stop and key not in titles
            and not word.endswith("ً")
            and all("\u0621" <= ch <= "\u064a" for ch in key))
