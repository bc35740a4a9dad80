"""The actor knowledge base: canonical actors with their Arabic aliases, loaded from JSONL data files.

Each line of ``kg/data/actors.jsonl`` (and of a user's ``--kb FILE``) is
``{"id", "label", "name_ar", "type", "aliases": [...], "adjectives": [...], "parent", "qid", "theatres": [...]}``.
``adjectives`` (states only) are nisba forms such as الروسية that denote the state inside a phrase; ``parent`` (optional)
names the state or body an actor is an organ of (irgc -> iran), so that "الحرس الثوري الإيراني" states that tie.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable

from kg.arabic import normalize
from kg.errors import KnowledgeBaseError
from kg.types import ACTOR_TYPES, Actor


@dataclass
class KnowledgeBase:
    """Actors by id, and the normalised alias and adjective indexes used by the linker."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # normalised alias -> actor id
    adjectives: dict[str, str] = field(default_factory=dict)  # normalised nisba adjective -> state id
    parents: dict[str, str] = field(default_factory=dict)  # actor id -> the state (or body) it is an organ of
    theatres: dict[str, tuple[str, ...]] = field(default_factory=dict)  # actor id -> syria, iraq, yemen, libya, ...

    def add(self, record: dict, where: str) -> None:
        """Add (or replace) one actor record; a later record with the same id wins."""
        try:
            actor = Actor(id=str(record["id"]), label=str(record["label"]), name_ar=str(record["name_ar"]),
                          type=str(record["type"]), aliases=tuple(record.get("aliases", ())),
                          qid=str(record.get("qid") or ""))
        except KeyError as exc:
            raise KnowledgeBaseError(f"{where}: actor record lacks {exc.args[0]!r}") from None
        if actor.type not in ACTOR_TYPES:
            raise KnowledgeBaseError(f"{where}: unknown actor type {actor.type!r} (one of {', '.join(ACTOR_TYPES)})")
        self.actors[actor.id] = actor
        for alias in (actor.name_ar, *actor.aliases):
            if key := normalize(alias):
                self.aliases[key] = actor.id
        self.theatres[actor.id] = tuple(record.get("theatres", ()))
        if record.get("parent"):
            self.parents[actor.id] = str(record["parent"])
        for adjective in record.get("adjectives", ()):
            if key := normalize(adjective):
                self.adjectives[key] = actor.id

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self.actors


def default_kb_path() -> Path:
    """The knowledge base shipped with conflict-kg."""
    return Path(str(resources.files("kg.data").joinpath("actors.jsonl")))


def load_kb(extra: Iterable[str | os.PathLike] = (), *, replace: bool = False) -> KnowledgeBase:
    """The shipped knowledge base extended by ``extra`` files (or only ``extra`` with ``replace=True``)."""
    kb = KnowledgeBase()
    paths = ([] if replace else [default_kb_path()]) + [Path(p) for p in extra]
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise KnowledgeBaseError(f"cannot read knowledge base {path}: {exc}") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise KnowledgeBaseError(f"{path}:{number}: invalid JSON: {exc.msg}") from None
            kb.add(record, f"{path}:{number}")
    return kb
