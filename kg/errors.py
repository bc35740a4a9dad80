"""The exception tree of conflict-kg. The CLI catches ``KgError`` at its boundary and prints one line.

KgError
 ├── InputError        an input cannot be read or parsed (missing file, bad encoding, bad JSONL line)
 ├── KnowledgeBaseError the actor knowledge base file is malformed
 └── ModelError        an NER model cannot be found or loaded
"""
from __future__ import annotations


class KgError(Exception):
    """Base class of every error conflict-kg raises on purpose."""


class InputError(KgError):
    """An input cannot be read or parsed."""


class KnowledgeBaseError(KgError):
    """The actor knowledge base file is malformed."""


class ModelError(KgError):
    """An NER model cannot be found or loaded."""
