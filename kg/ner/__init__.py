"""NER backends behind one interface (``kg.ner.base.NerBackend``), by name."""
from __future__ import annotations

from pathlib import Path

from kg.errors import ModelError
from kg.ner.base import EntitySpan, NerBackend

BACKENDS = ("stanza", "lexicon")


def get_backend(name: str, model_dir: str | Path | None = None) -> NerBackend:
    """The backend called ``name``: "stanza" (the shipped model, or ``model_dir``; "stanza-official" uses Stanza's
    downloaded models) or "lexicon" (no model: persons introduced by titles)."""
    if name == "lexicon":
        from kg.ner.lexicon import LexiconNer

        return LexiconNer()
    if name in ("stanza", "stanza-official"):
        from kg.ner.stanza import StanzaNer

        return StanzaNer(Path(model_dir) if model_dir else None, official=name == "stanza-official")
    raise ModelError(f"unknown NER backend {name!r} (one of: {', '.join(BACKENDS)}, stanza-official)")


__all__ = ["BACKENDS", "EntitySpan", "NerBackend", "get_backend"]
