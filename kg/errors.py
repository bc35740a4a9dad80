"""The exception tree of conflict-kg. The CLI catches ``KgError`` at its boundary and prints one line.

KgError
 ├── InputError         an input cannot be read or parsed (missing file, bad encoding, bad JSONL line), a wrong
 │                      argument type given to the API, or a run in which no document could be built
 ├── OutputError        the output directory cannot be created or written
 ├── KnowledgeBaseError the actor knowledge base file is malformed
 └── ModelError         an NER model cannot be found or loaded
"""
from __future__ import annotations

import re


class KgError(Exception):
    """Base class of every error conflict-kg raises on purpose."""


class InputError(KgError):
    """An input cannot be read or parsed, or the API was given the wrong type of argument."""


class OutputError(KgError):
    """The output directory cannot be created or written."""


class KnowledgeBaseError(KgError):
    """The actor knowledge base file is malformed."""


class ModelError(KgError):
    """An NER model cannot be found or loaded."""


#: what a terminal would act on rather than show: C0 controls (ESC, newline ...), DEL, C1 controls, and the bidi
#: overrides and isolates that reorder the rest of the line
_TERMINAL_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: object) -> str:
    """``text`` safe for one line of a terminal: control characters shown as escapes (``\\x1b``, ``\\n``)."""
    return _TERMINAL_CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))
