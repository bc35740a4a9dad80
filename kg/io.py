"""Readers (text files, HTML pages, directories, JSONL / JSON, stdin), the JSONL writer and staged output writing.

Reading never stops at a bad input and never waits on one: ``read_inputs`` yields a ``Skipped`` record (with a
one-line reason) for every entry it cannot read (a FIFO, a device, a dangling link, an unreadable folder, a file
too large, binary data), so the caller can report it while every other document still builds. Sizes are checked
with ``stat`` before anything is read; JSONL is streamed line by line.
"""
from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kg.errors import InputError
from kg.types import Document

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSON_SUFFIXES = (".json",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + JSON_SUFFIXES

#: the default longest document (characters); spaCy's own limit, so that no later stage fails on length
MAX_CHARS = 1_000_000
#: a file holds at most 4 bytes per character (UTF-8 / UTF-32): a bigger text file is over the limit unread
MAX_BYTES_PER_CHAR = 4
#: a saved page's markup (scripts, styles, navigation) outweighs its article text many times
HTML_BYTES_PER_CHAR = 32
#: decoded text with more control characters than this share is binary data, not text with a stray byte
BINARY_CONTROL_SHARE = 0.05
#: encodings of Arabic that short samples are easily mistaken for others in (cp1256 read as cp1006 / cp932)
ARABIC_ENCODINGS = ["cp1256", "iso8859_6", "cp864", "utf_16_le", "utf_16_be"]

#: C0 controls except tab / newline / return, DEL, C1 controls, and what XML and JSON readers choke on
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Loaded:
    """A document read from an input, with how it was read (``details``: encoding, format, title, notes)."""

    document: Document
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: the encoding found and how many control characters were removed."""

    text: str
    encoding: str
    controls_removed: int = 0
    replaced: int = 0


def read_documents(inputs: Iterable[str | os.PathLike], *, max_chars: int = MAX_CHARS) -> Iterator[Document | Skipped]:
    """Documents from files, directories, JSONL / JSON files, HTML pages, or ``-`` for stdin (see ``read_inputs``)."""
    for item in read_inputs(inputs, max_chars=max_chars):
        yield item.document if isinstance(item, Loaded) else item


def read_inputs(inputs: Iterable[str | os.PathLike], *, max_chars: int = MAX_CHARS) -> Iterator[Loaded | Skipped]:
    """Every document of ``inputs`` as ``Loaded`` (with how it was read), every unreadable entry as ``Skipped``.

    A text file becomes one Document whose id is the file stem; an HTML page (by suffix or content) is reduced to
    its article by trafilatura, keeping its title, date and address; a JSONL line
    ``{"id", "text", "url"?, "published"?, "source"?}`` becomes one Document; a ``.json`` file holds one such
    record, a list of them, or JSONL. Directories are searched recursively in name order.
    """
    inputs = _check_inputs(inputs)
    for item in inputs:
        if str(item) == "-":
            yield from _read_stdin(max_chars)
        else:
            yield from _read_entry(Path(item), max_chars, top=True, visited=set())


def _check_inputs(inputs: object) -> list[str | os.PathLike]:
    if isinstance(inputs, (str, bytes, os.PathLike)):
        raise InputError(f"inputs must be a list of paths, not one {type(inputs).__name__}: use [{str(inputs)[:40]!r}]")
    try:
        items = list(inputs)  # type: ignore[call-overload]
    except TypeError:
        raise InputError(f"inputs must be a list of paths, not {type(inputs).__name__}") from None
    for number, item in enumerate(items, start=1):
        if not isinstance(item, (str, os.PathLike)):
            raise InputError(f"input {number} is a {type(item).__name__}, not a path (str or os.PathLike)")
    return items


def _read_entry(path: Path, max_chars: int, *, top: bool, visited: set) -> Iterator[Loaded | Skipped]:
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            yield Skipped(str(path), "dangling symbolic link (its target does not exist)")
        else:
            yield Skipped(str(path), "cannot read file: No such file or directory")
        return
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_directory(path, info, max_chars, visited)
    elif stat.S_ISREG(info.st_mode):
        if top or path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield from _read_file(path, info.st_size, max_chars)
        else:
            yield Skipped(str(path), f"not a supported file type ({path.suffix or 'no suffix'}; reads "
                                     f"{', '.join(SUPPORTED_SUFFIXES)})")
    else:
        yield Skipped(str(path), f"not a regular file ({_kind(info.st_mode)}); not read")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a file"


def _read_directory(path: Path, info: os.stat_result, max_chars: int, visited: set) -> Iterator[Loaded | Skipped]:
    key = (info.st_dev, info.st_ino)
    if key in visited:
        yield Skipped(str(path), "directory already read (a symbolic link loop)")
        return
    visited.add(key)
    try:
        with os.scandir(path) as listing:
            names = sorted(entry.name for entry in listing)
    except OSError as exc:
        yield Skipped(str(path), f"cannot read directory: {exc.strerror or exc}")
        return
    if not names:
        yield Skipped(str(path), "empty directory")
    for name in names:
        yield from _read_entry(path / name, max_chars, top=False, visited=visited)


def _read_file(path: Path, size: int, max_chars: int) -> Iterator[Loaded | Skipped]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, max_chars)
        return
    limit = max_chars * (HTML_BYTES_PER_CHAR if suffix in HTML_SUFFIXES else MAX_BYTES_PER_CHAR)
    if suffix in JSON_SUFFIXES:
        limit = max(limit, 64 * max_chars)  # a JSON file may hold many documents
    if size > limit:
        yield Skipped(str(path), f"file too large ({size:,} bytes; limit {limit:,} for --max-chars {max_chars:,})")
        return
    try:
        data = _read_bytes(path, limit)
    except OSError as exc:
        yield Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    if suffix in JSON_SUFFIXES:
        yield from _json_documents(data, str(path))
    else:
        yield from _text_or_html(data, str(path), path.stem, html=suffix in HTML_SUFFIXES)


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, opened without blocking (a FIFO swapped in after ``stat`` is refused, not waited on)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"file grew past the limit of {limit:,} bytes")
    return data


def _read_stdin(max_chars: int) -> Iterator[Loaded | Skipped]:
    limit = max_chars * HTML_BYTES_PER_CHAR
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        yield Skipped("<stdin>", f"input too large (over {limit:,} bytes)")
        return
    first_line = data.lstrip().split(b"\n", 1)[0]
    if _is_json_object(first_line):
        yield from _jsonl_lines(iter(data.split(b"\n")), "<stdin>", "stdin", len(data) + 1)
    elif data.lstrip().startswith((b"[", b"{")) and _parses_as_json(data):
        yield from _json_documents(data, "<stdin>", stem="stdin")
    else:
        yield from _text_or_html(data, "<stdin>", "stdin", html=False)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _parses_as_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def _text_or_html(data: bytes, source: str, stem: str, *, html: bool) -> Iterator[Loaded | Skipped]:
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    details = _decoding_details(decoded)
    if html or _HTML_START.match(decoded.text[:4096]):
        yield from _html_document(decoded.text, source, stem, details)
    else:
        yield Loaded(Document(id=stem, text=decoded.text, source=source), details)


def _decoding_details(decoded: Decoded) -> dict:
    details: dict = {}
    if decoded.encoding != "utf-8":
        details["encoding"] = decoded.encoding
    if decoded.controls_removed:
        details["control_characters_removed"] = decoded.controls_removed
    if decoded.replaced:
        details["undecodable_bytes_replaced"] = decoded.replaced
    return details


def _html_document(html: str, source: str, stem: str, details: dict) -> Iterator[Loaded | Skipped]:
    try:
        import trafilatura
    except ImportError:
        yield Skipped(source, "HTML page: install trafilatura (pip install trafilatura) to read it")
        return
    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                       favor_precision=True)
    page = page.as_dict() if hasattr(page, "as_dict") else (page or {})
    text = (page.get("text") or "").strip()
    if not text:
        yield Skipped(source, "HTML page with no article text found")
        return
    title = clean_text((page.get("title") or "").strip())[0]
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    text, removed = clean_text(text)
    details = {**details, "format": "html"} | ({"title": title} if title else {})
    if removed:
        details["control_characters_removed"] = details.get("control_characters_removed", 0) + removed
    url = page.get("url") or ""
    yield Loaded(Document(id=stem, text=text, source=source, url=url if url.startswith(("http://", "https://")) else "",
                          published=page.get("date") or ""), details)


def _read_jsonl_file(path: Path, max_chars: int) -> Iterator[Loaded | Skipped]:
    line_limit = max_chars * MAX_BYTES_PER_CHAR + 65_536  # room for the record's other fields and escapes
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        handle = os.fdopen(descriptor, "rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            yield Skipped(str(path), "not a regular file; not read")
            return
        yield from _jsonl_lines(iter(lambda: handle.readline(line_limit + 1), b""), str(path), path.stem, line_limit)


def _jsonl_lines(lines: Iterator[bytes], source: str, stem: str, line_limit: int) -> Iterator[Loaded | Skipped]:
    """JSONL records split on ``\\n`` only: U+2028, U+0085 or a form feed inside a record's text are legal JSON."""
    number = 0
    for raw in lines:
        number += 1
        where = f"{source}:{number}"
        if len(raw) > line_limit:
            for rest in lines:  # the remainder of the over-long line
                if rest.endswith(b"\n"):
                    break
            yield Skipped(where, f"JSONL line too long (over {line_limit:,} bytes)")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Skipped(where, f"JSONL line is not UTF-8 (byte {exc.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"invalid JSON: {exc.msg}")
            continue
        yield _record_document(record, where, source, f"{stem}-{number}")


def _json_documents(data: bytes, source: str, stem: str | None = None) -> Iterator[Loaded | Skipped]:
    """A ``.json`` file: one record, a list of records, or (not one JSON value) JSONL."""
    stem = stem or Path(source).stem
    try:
        value = json.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except json.JSONDecodeError:
        yield from _jsonl_lines(iter(data.split(b"\n")), source, stem, len(data) + 1)
        return
    except UnicodeDecodeError:
        yield Skipped(source, "JSON file is not UTF-8")
        return
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        where = f"{source}:{number}" if isinstance(value, list) else source
        default_id = f"{stem}-{number}" if isinstance(value, list) else stem
        yield _record_document(record, where, source, default_id)


_RECORD_FIELDS = ("url", "published", "source")


def _record_document(record: object, where: str, source: str, default_id: str) -> Loaded | Skipped:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Skipped(where, 'JSONL record needs a string "text"')
    doc_id = record.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        return Skipped(where, f'"id" must be a string or an integer, not {type(doc_id).__name__}')
    for name in _RECORD_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            return Skipped(where, f'"{name}" must be a string, not {type(record[name]).__name__}')
    text, removed = clean_text(record["text"])
    doc_id = clean_text(str(doc_id))[0].strip() if doc_id is not None else ""
    details = {"control_characters_removed": removed} if removed else {}
    return Loaded(Document(id=doc_id or default_id, text=text, source=record.get("source") or source,
                           url=record.get("url") or "", published=record.get("published") or ""), details)


def clean_text(text: str) -> tuple[str, int]:
    """``text`` without control characters (NUL, ESC, C1 ...): returns (text, how many were removed).

    Tab, newline and return are kept; the other line breaks (vertical tab, form feed, NEL) become newlines.
    """
    cleaned, removed = _CONTROL.subn("", text.translate(_LINE_BREAKS))
    return cleaned, removed


def decode_bytes(data: bytes) -> Decoded:
    """Bytes -> text: UTF-8 (with or without BOM), UTF-16/32 by BOM, else the encoding charset-normalizer detects.

    Stray control characters (a NUL among Arabic) are removed, not a reason to drop the file; data that is mostly
    control characters, or in no encoding at all, is an InputError.
    """
    text, encoding, replaced = _decode(data)
    cleaned, removed = clean_text(text)
    if removed > max(1, BINARY_CONTROL_SHARE * len(text)):
        raise InputError(f"binary file ({removed:,} control characters in {len(text):,}), not text")
    return Decoded(cleaned, encoding, removed, replaced)


def _decode(data: bytes) -> tuple[str, str, int]:
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
                       (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            replaced = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
            if replaced > max(2, 0.01 * len(text)):
                raise InputError(f"malformed {codec.upper()} ({replaced:,} undecodable sequences)")
            return text.replace("\ufffd", "") if replaced else text, codec, replaced
    try:
        return data.decode("utf-8-sig"), "utf-8", 0
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    detected = _detect(data)
    if detected is None:
        raise InputError(f"not text (binary data or an unknown encoding): not UTF-8 at byte {utf8_error}, "
                         "and no other encoding fits")
    return detected[0], detected[1], 0


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    candidates = [(str(m), m.encoding) for m in from_bytes(data, cp_isolation=ARABIC_ENCODINGS)]
    candidates = [c for c in candidates if _arabic_share(c[0]) >= 0.5]
    if best is not None and (not candidates or _arabic_share(str(best)) >= max(_arabic_share(c[0]) for c in candidates)):
        return str(best), best.encoding
    return max(candidates, key=lambda c: _arabic_share(c[0])) if candidates else None


def _arabic_share(text: str) -> float:
    """The share of letters in the Arabic block proper (not presentation forms, which wrong code pages give)."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if "\u0621" <= ch <= "\u06d3") / len(letters) if letters else 0.0


def decode(data: bytes, source: str) -> str:
    """The text of ``data`` (see ``decode_bytes``); ``source`` names it in the InputError."""
    try:
        return decode_bytes(data).text
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def write_jsonl(records: Iterable[dict], path: str | os.PathLike) -> Path:
    """Write one JSON object per line (UTF-8, Arabic kept readable) atomically: a failed write leaves the old file."""
    path = Path(path)
    with _atomic(path) as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_text(text: str, path: str | os.PathLike) -> Path:
    """Write ``text`` (UTF-8) atomically: readers see the old file or the whole new one, never a part."""
    path = Path(path)
    with _atomic(path) as handle:
        handle.write(text)
    return path


@contextmanager
def _atomic(path: Path):
    descriptor, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


STAGING_PREFIX = ".kg-staging-"


@contextmanager
def staged_outputs(out_dir: str | os.PathLike, names: Iterable[str]):
    """A staging folder inside ``out_dir`` to write ``names`` into; on success they are moved into place together.

    Readers of ``out_dir`` see the old set or the new set: nothing is moved before every file is complete, and the
    moves are renames within one file system (``report.json``, if staged, goes last). On an error (a full disk,
    Ctrl-C) the staging folder is removed and the old outputs stay; one left by a killed run is removed next time.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(out)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    try:
        yield staging
        ordered = sorted(names, key=lambda n: n == "report.json")
        missing = [n for n in ordered if not (staging / n).is_file()]
        if missing:
            raise InputError(f"outputs not written: {', '.join(missing)}")
        for name in ordered:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_stale_staging(out: Path) -> None:
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def read_jsonl(path: str | os.PathLike) -> list[dict]:
    """Read a JSONL file written by ``write_jsonl`` (split on ``\\n`` only, like every JSONL reader here)."""
    with Path(path).open(encoding="utf-8", newline="\n") as handle:
        return [json.loads(line) for line in handle if line.strip()]
