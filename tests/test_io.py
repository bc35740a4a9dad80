import json
import os
from pathlib import Path

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


# --- real-world input (issue 13) ---------------------------------------------------------------------------------

from kg.io import Loaded, decode_bytes, read_inputs  # noqa: E402

PAGE = Path(__file__).parent / "data" / "saved_page.html"


@pytest.mark.parametrize("encoding, name", [("cp1256", "cp1256"), ("iso-8859-6", "iso8859_6"), ("utf-16", "utf-16")])
def test_io_legacy_encoding_is_detected_and_reported(tmp_path, encoding, name):
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    [item] = read_inputs([path])
    assert isinstance(item, Loaded) and item.document.text == ARTICLE and item.details["encoding"] == name


@pytest.mark.parametrize("raw, removed", [
    ("اشتبكت ميليشيا\x00 الدفاع الوطني مع الحرس الثوري.", 1),
    ("اشتبكت \x1b[31mميليشيا الدفاع الوطني\x1b[0m مع الحرس الثوري.", 2),
])
def test_io_control_characters_are_stripped_not_the_file(tmp_path, raw, removed):
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    [item] = read_inputs([path])
    assert "\x00" not in item.document.text and "\x1b" not in item.document.text
    assert "ميليشيا" in item.document.text and item.details["control_characters_removed"] == removed


def test_io_html_page_is_reduced_to_its_article_with_title_date_and_address(tmp_path):
    [item] = read_inputs([PAGE])
    doc = item.document
    assert item.details["format"] == "html" and item.details["title"].startswith("اشتباكات بين الدفاع الوطني")
    assert doc.url == "https://news.example.org/2021/03/bukamal" and doc.published == "2021-03-01"
    assert doc.text.startswith(item.details["title"]) and "اشتبكت ميليشيا الدفاع الوطني" in doc.text
    assert not any(word in doc.text for word in ("الرئيسية", "<", "not text", "الحقوق محفوظة"))


def test_io_html_content_in_a_txt_file_is_read_as_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes(PAGE.read_bytes())
    [item] = read_inputs([path])
    assert item.details["format"] == "html" and "<" not in item.document.text


def test_io_jsonl_splits_on_newline_only(tmp_path):
    records = [{"text": "الحرس الثوري\u2028قوات النظام"}, {"text": "نص\u0085آخر\x0cثالث"}, {"id": "c", "text": "ج"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    docs = list(read_documents([path]))
    assert [d.id for d in docs] == ["feed-1", "feed-2", "c"]
    assert docs[0].text == records[0]["text"] and docs[1].text == "نص\nآخر\nثالث"


@pytest.mark.parametrize("content, ids", [
    ('{"id": "x", "text": "نص"}', ["x"]),
    ('[{"id": "x", "text": "نص"}, {"text": "آخر"}]', ["x", "records-2"]),
    ('{"id": "x", "text": "نص"}\n{"id": "y", "text": "آخر"}\n', ["x", "y"]),
])
def test_io_json_file_holds_a_record_a_list_or_jsonl(tmp_path, content, ids):
    path = tmp_path / "records.json"
    path.write_text(content, encoding="utf-8")
    assert [d.id for d in read_documents([path])] == ids


@pytest.mark.parametrize("stdin, ids", [
    ("{ليس JSON} اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري.", ["stdin"]),
    ('{"id": "a", "text": "نص"}\n{"id": "b", "text": "آخر"}', ["a", "b"]),
    ('[{"id": "a", "text": "نص"}]', ["a"]),
])
def test_io_stdin_is_sniffed(monkeypatch, stdin, ids):
    import io as std_io

    monkeypatch.setattr("sys.stdin", std_io.TextIOWrapper(std_io.BytesIO(stdin.encode("utf-8"))))
    docs = list(read_documents(["-"]))
    assert [d.id for d in docs] == ids
    if ids == ["stdin"]:
        assert docs[0].text == stdin


@pytest.mark.parametrize("record, reason", [
    ({"id": ["x"], "text": "نص"}, '"id" must be'),
    ({"text": "نص", "url": 5}, '"url" must be a string'),
    ({"text": ["نص"]}, '"text"'),
])
def test_io_jsonl_fields_of_the_wrong_type_are_skipped(tmp_path, record, reason):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [item] = read_documents([path])
    assert isinstance(item, Skipped) and reason in item.reason


def test_io_size_is_checked_before_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(8 << 30)  # sparse: 8 GiB that would take minutes and all memory to read
    [item] = read_documents([huge], max_chars=1000)
    assert isinstance(item, Skipped) and "file too large" in item.reason


def test_io_jsonl_line_too_long_is_skipped_others_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "ا" * 50_000}) + "\n" + json.dumps({"id": "ok", "text": "نص"}) + "\n",
                    encoding="utf-8")
    items = list(read_documents([path], max_chars=100))
    assert isinstance(items[0], Skipped) and "too long" in items[0].reason and items[1].id == "ok"


def hostile_folder(root: Path) -> dict[str, str]:
    """A folder of every awkward entry; returns name -> what must happen to it ('ok' or a word of the reason)."""
    cases = {}
    (root / "utf8.txt").write_text(ARTICLE, encoding="utf-8")
    cases["utf8.txt"] = "ok"
    (root / "windows.txt").write_bytes(ARTICLE.encode("cp1256"))
    cases["windows.txt"] = "ok"
    (root / "iso.txt").write_bytes(ARTICLE.encode("iso-8859-6"))
    cases["iso.txt"] = "ok"
    (root / "nul.txt").write_bytes(ARTICLE.encode("utf-8").replace(b" ", b" \x00", 1))
    cases["nul.txt"] = "ok"
    (root / "broken16.txt").write_bytes(b"\xff\xfe" + "نص".encode("utf-16-le") + b"\x00\xd8" * 5)
    cases["broken16.txt"] = "malformed UTF-16"
    (root / "page.html").write_bytes(PAGE.read_bytes())
    cases["page.html"] = "ok"
    (root / "notes.md").write_text("# notes", encoding="utf-8")
    cases["notes.md"] = "not a supported file type"
    (root / "empty").mkdir()
    cases["empty"] = "empty directory"
    os.mkfifo(root / "pipe.txt")
    cases["pipe.txt"] = "FIFO"
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    cases["gone.txt"] = "dangling symbolic link"
    (root / "loop").mkdir()
    (root / "loop" / "again").symlink_to(root / "loop")
    cases["again"] = "symbolic link loop"
    (root / "evil\x1b[2J.txt").write_text(ARTICLE, encoding="utf-8")
    cases["evil\x1b[2J.txt"] = "ok"
    return cases


def test_io_hostile_folder_reports_every_entry_and_waits_on_none(tmp_path):
    cases = hostile_folder(tmp_path)
    items = list(read_inputs([tmp_path]))  # a FIFO opened for reading would block here forever
    by_name = {Path(item.document.source if isinstance(item, Loaded) else item.source).name: item for item in items}
    assert set(by_name) == set(cases)
    for name, expected in cases.items():
        item = by_name[name]
        if expected == "ok":
            assert isinstance(item, Loaded), (name, item)
            assert "الدفاع الوطني" in item.document.text and "\x00" not in item.document.text
        else:
            assert isinstance(item, Skipped) and expected in item.reason, (name, item)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_io_unreadable_folder_is_reported_not_fatal(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    try:
        items = list(read_inputs([tmp_path]))
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert isinstance(items[1], Loaded) and "cannot read directory" in items[0].reason


@pytest.mark.parametrize("bad", ["examples/articles", Path("examples"), b"x", 5])
def test_io_inputs_must_be_a_list_of_paths(bad):
    from kg.errors import InputError

    with pytest.raises(InputError):
        list(read_inputs(bad))


def test_io_decode_bytes_reports_binary():
    from kg.errors import InputError

    with pytest.raises(InputError, match="binary|not text"):
        decode_bytes(bytes(range(256)) * 8)
