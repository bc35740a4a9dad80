"""Readers (text files, directories, JSONL, stdin) and the JSONL writer.

Reading never stops at a bad input: ``read_documents`` yields a ``Skipped`` record for it, with a one-line reason,
so the caller can report it while every other document still builds.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.types import Document

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why."""

    source: str
    reason: str


def read_documents(inputs: Iterable[str | os.PathLike]) -> Iterator[Document | Skipped]:
    """Documents from files, directories (recursively, .txt and .jsonl), JSONL files, or ``-`` for stdin.

    A plain text file becomes one Document whose id is the file stem; a JSONL line
    ``{"id", "text", "url"?, "published"?, "source"?}`` becomes one Document.
    """
    for item in inputs:
        if str(item) == "-":
            yield from _read_stream(sys.stdin.buffer.read(), "<stdin>")
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
            if not files:
                yield Skipped(str(path), "directory holds no .txt or .jsonl files")
            for file in files:
                yield from _read_file(file)
        else:
            yield from _read_file(path)


def _read_file(path: Path) -> Iterator[Document | Skipped]:
    try:
        text = decode(path.read_bytes(), str(path))
    except OSError as exc:
        yield Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    except InputError as exc:
        yield Skipped(str(path), str(exc))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_documents(text, str(path))
    else:
        yield Document(id=path.stem, text=text, source=str(path))


def _read_stream(data: bytes, source: str) -> Iterator[Document | Skipped]:
    """stdin: JSONL when it starts with a JSON object, else one plain-text document."""
    try:
        text = decode(data, source)
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    if text.lstrip().startswith("{"):
        yield from _jsonl_documents(text, source)
    else:
        yield Document(id="stdin", text=text, source=source)


def _jsonl_documents(text: str, source: str) -> Iterator[Document | Skipped]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Skipped(where, 'JSONL record needs a string "text"')
            continue
        doc_id = str(record.get("id") or f"{Path(source).stem}-{number}")
        yield Document(id=doc_id, text=record["text"], source=str(record.get("source") or source),
                       url=str(record.get("url") or ""), published=str(record.get("published") or ""))


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is an InputError, never silently mangled."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); convert it, e.g. iconv -f cp1256 -t utf-8") from None
    if "\x00" in text:
        raise InputError("binary file (NUL bytes), not text")
    return text


def write_jsonl(records: Iterable[dict], path: str | os.PathLike) -> Path:
    """Write one JSON object per line (UTF-8, Arabic kept readable) atomically: a failed write leaves the old file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    """Read a JSONL file written by ``write_jsonl``."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
