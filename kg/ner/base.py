"""The interface every NER backend implements, and the span it returns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence


@dataclass(frozen=True)
class EntitySpan:
    """A named entity in the original text: character offsets and a CoNLL label (PER, ORG, LOC, MISC)."""

    start: int
    end: int
    label: str
    text: str


class NerBackend(Protocol):
    """Finds named entities in one document. Must be a pure function of the text (and the backend's model)."""

    name: str

    def entities(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[EntitySpan]:
        """Entities of ``text``; ``sentences`` are the character spans the pipeline split it into."""
        ...
