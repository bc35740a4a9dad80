import json

import pytest

from kg.io import Skipped, read_documents, read_jsonl, write_jsonl
from kg.types import Document

ARTICLE = "اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري."


def test_io_reads_text_file_with_stem_as_id(tmp_path):
    (tmp_path / "deir_1.txt").write_text(ARTICLE, encoding="utf-8")
    [doc] = read_documents([tmp_path / "deir_1.txt"])
    assert doc == Document(id="deir_1", text=ARTICLE, source=str(tmp_path / "deir_1.txt"))


def test_io_reads_directories_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = list(read_documents([tmp_path]))
    assert [d.id for d in items if isinstance(d, Document)] == ["1", "2"]
    [skipped] = [s for s in items if isinstance(s, Skipped)]
    assert skipped.source.endswith("notes.md") and "not a supported file type (.md" in skipped.reason


def test_io_reads_jsonl_with_metadata(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": ARTICLE, "url": "https://x/1", "published": "2021-03-01",
                                "source": "orient"}, ensure_ascii=False) + "\n\n", encoding="utf-8")
    [doc] = read_documents([path])
    assert (doc.id, doc.url, doc.published, doc.source) == ("a1", "https://x/1", "2021-03-01", "orient")


@pytest.mark.parametrize("content, reason", [
    (b"\x00\x01binary", "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00\xd8" * 5, "malformed UTF-16"),  # lone surrogates
])
def test_io_bad_file_is_skipped_with_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [item] = read_documents([path])
    assert isinstance(item, Skipped) and reason in item.reason and "\n" not in item.reason


@pytest.mark.parametrize("line, reason", [
    ("{not json", "invalid JSON"),
    ('{"id": "x"}', '"text"'),
    ('["a list"]', '"text"'),
])
def test_io_bad_jsonl_line_is_skipped_others_kept(tmp_path, line, reason):
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False)
    path.write_text(f"{line}\n{good}\n", encoding="utf-8")
    items = list(read_documents([path]))
    assert isinstance(items[0], Skipped) and reason in items[0].reason and items[0].source.endswith(":1")
    assert items[1].id == "ok"


def test_io_missing_file_is_skipped(tmp_path):
    [item] = read_documents([tmp_path / "nope.txt"])
    assert isinstance(item, Skipped) and "cannot read" in item.reason


def test_io_utf16_and_bom_are_decoded(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert [d.text for d in read_documents([tmp_path])] == [ARTICLE, ARTICLE]


def test_io_jsonl_round_trip_keeps_arabic(tmp_path):
    records = [{"doc": "1", "name": "الحرس الثوري"}]
    path = write_jsonl(records, tmp_path / "x.jsonl")
    assert "الحرس" in path.read_text(encoding="utf-8")
    assert read_jsonl(path) == records
