"""Prepare a document for extraction: sentence spans, with page boilerplate (link lines, share bars) set aside."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.arabic import normalize, sentence_spans


@dataclass(frozen=True)
class Sentence:
    """A sentence of the original text (character offsets); ``boilerplate`` lines yield no mentions or relations."""

    start: int
    end: int
    text: str
    boilerplate: bool = False


@dataclass(frozen=True)
class _LinePattern:
    pattern: re.Pattern
    max_words: int | None = None

    def matches(self, key: str) -> bool:
        return (self.max_words is None or len(key.split()) <= self.max_words) and bool(self.pattern.search(key))


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[_LinePattern, ...]:
    data = json.loads(resources.files("kg.data").joinpath("boilerplate.json").read_text(encoding="utf-8"))
    return tuple(_LinePattern(re.compile(p["pattern"]), p.get("max_words")) for p in data["line_patterns"])


def is_boilerplate(line: str) -> bool:
    """True for page furniture such as "اقرأ أيضاً: ..." links, share bars and comment counters."""
    key = normalize(line)
    return any(p.matches(key) for p in _boilerplate_patterns())


BYLINE_MAX_WORDS = 4


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``; a sentence inherits the boilerplate flag of the line it lies on.

    Short lines without punctuation at the end of an article (author, outlet, slogan) are a byline: boilerplate,
    unless nothing comes before them.
    """
    lines = text.splitlines(keepends=True)
    byline_from = len(lines)
    while byline_from > 0 and _is_byline(lines[byline_from - 1]):
        byline_from -= 1
    if not any(line.strip() for line in lines[:byline_from]):
        byline_from = len(lines)  # a byline follows prose: a short article of one unpunctuated line is prose
    sentences: list[Sentence] = []
    line_start = 0
    for number, line in enumerate(lines):
        furniture = number >= byline_from or is_boilerplate(line)
        for start, end in sentence_spans(line):
            sentences.append(Sentence(line_start + start, line_start + end, line[start:end], furniture))
        line_start += len(line)
    return sentences


def _is_byline(line: str) -> bool:
    words = line.split()
    return len(words) <= BYLINE_MAX_WORDS and not any(ch in line for ch in ".،,:؛!?؟")
