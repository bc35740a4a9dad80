"""NER backends behind one interface (``kg.ner.base.NerBackend``), by name."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from kg.errors import ModelError
from kg.ner.base import EntitySpan, NerBackend

BACKENDS = ("stanza", "lexicon")


class UnionNer:
    """The entities of several backends; where spans overlap, the earlier backend's wins."""

    def __init__(self, *backends: NerBackend) -> None:
        self.backends = backends
        self.name = "+".join(b.name for b in backends)

    def entities(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[EntitySpan]:
        """Entities of every backend, without overlaps, in text order."""
        spans: list[EntitySpan] = []
        for backend in self.backends:
            spans += [e for e in backend.entities(text, sentences)
                      if not any(e.start < s.end and s.start < e.end for s in spans)]
        return sorted(spans, key=lambda e: e.start)


def get_backend(name: str, model_dir: str | Path | None = None) -> NerBackend:
    """The backend called ``name``: "stanza" (the shipped model, or ``model_dir``; "stanza-official" uses Stanza's
    downloaded models), with the title-based person finder filling its gaps, or "lexicon" (no model: persons
    introduced by titles)."""
    if name == "lexicon":
        from kg.ner.lexicon import LexiconNer

        return LexiconNer()
    if name in ("stanza", "stanza-official"):
        from kg.ner.lexicon import LexiconNer
        from kg.ner.stanza import StanzaNer

        stanza = StanzaNer(Path(model_dir) if model_dir else None, official=name == "stanza-official")
        return UnionNer(LexiconNer(), stanza)  # a titled name (الحاج عسكر) is spanned best by its title
    raise ModelError(f"unknown NER backend {name!r} (one of: {', '.join(BACKENDS)}, stanza-official)")


__all__ = ["BACKENDS", "EntitySpan", "NerBackend", "UnionNer", "get_backend"]
