"""Corpus readers, label mapping, clitic joining, dev split and the leak filter of pipelines/ner_data.py."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pipelines"))

from ner_data import (
    build_splits,
    drop_leaks,
    join_clitics,
    map_label,
    read_columns,
    repair_bio,
    sentence_key,
    split_dev,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize(
    ("label", "corpus", "expected"),
    [
        ("B-PERS", "anercorp", "B-PER"),
        ("I-PERS", "anercorp", "I-PER"),
        ("B-MISC", "anercorp", "B-MISC"),
        ("O", "anercorp", "O"),
        ("B-MIS1", "aqmar", "B-MISC"),
        ("I-MIS-2", "aqmar", "I-MISC"),
        ("B-MISS1", "aqmar", "B-MISC"),
        ("I--ORG", "aqmar", "I-ORG"),
        ("OO", "aqmar", "O"),
        ("B-Politician", "fane", "B-PER"),
        ("I-Government", "fane", "I-ORG"),
        ("B-Population-Center", "fane", "B-LOC"),
        ("B-Nation", "fane", "B-LOC"),
        ("B-Software", "fane", "B-MISC"),
        ("B-Group", "fane", "O"),
        ("B-PER", "panx", "B-PER"),
    ],
)
def test_map_label(label: str, corpus: str, expected: str) -> None:
    assert map_label(label, corpus) == expected


@pytest.mark.parametrize(("label", "corpus"), [("B-Unheard", "fane"), ("X-PER", "anercorp"), ("B-DATE", "panx")])
def test_map_label_rejects_unknown(label: str, corpus: str) -> None:
    with pytest.raises(ValueError):
        map_label(label, corpus)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ([("و", "O"), ("الشام", "B-LOC")], [("والشام", "B-LOC")]),
        ([("زار", "O"), ("ل", "O"), ("بنان", "B-LOC")], [("زار", "O"), ("لبنان", "B-LOC")]),
        ([("كتاب", "B-MISC"), ("ه", "O")], [("كتابه", "B-MISC")]),
        ([("وزارة", "B-ORG"), ("و", "I-ORG"), ("الدفاع", "I-ORG")], [("وزارة", "B-ORG"), ("والدفاع", "I-ORG")]),
        ([("(", "O"), ("ه", "O")], [("(", "O"), ("ه", "O")]),
    ],
)
def test_join_clitics(sentence, expected) -> None:
    assert join_clitics(sentence) == expected


def test_repair_bio_starts_stray_inside_tags() -> None:
    assert repair_bio([("a", "I-PER"), ("b", "I-LOC"), ("c", "I-LOC")]) == [
        ("a", "B-PER"), ("b", "B-LOC"), ("c", "I-LOC")]


def test_read_columns_strips_marks_and_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("\ufeff\u200eبغداد\tB-Population-Center\r\n\u200eو\tO\r\n\r\nأ\tO\r\n", encoding="utf-8")
    assert read_columns(path, "fane") == [[("بغداد", "B-LOC"), ("و", "O")], [("أ", "O")]]
    path.write_text("ar:دمشق\tB-LOC\nar:\u200f\tO\n", encoding="utf-8")
    assert read_columns(path, "panx") == [[("دمشق", "B-LOC")]]


@pytest.mark.parametrize(
    ("tokens", "same_as"),
    [(["إيران", "،"], ["ايران،"]), (["قال", "الرئيسُ"], ["قال", "الرئيس"]), (["أ", "ب"], ["ا", "ب"])],
)
def test_sentence_key_ignores_spelling_and_spacing(tokens: list[str], same_as: list[str]) -> None:
    assert sentence_key(tokens) == sentence_key(same_as)


def test_drop_leaks_and_split_dev() -> None:
    held_out = [[("إيران", "B-LOC"), (".", "O")]]
    sentences = [[("ايران", "B-LOC"), (".", "O")], [("دمشق", "B-LOC")]]
    assert drop_leaks(sentences, held_out) == [[("دمشق", "B-LOC")]]
    train, dev = split_dev([[(str(i), "O")] for i in range(20)])
    assert len(train) == 18 and dev == [[("9", "O")], [("19", "O")]]


@pytest.mark.skipif(not (SHARED / "corpora/anercorp").exists(), reason="needs ../shared/corpora")
@pytest.mark.parametrize("extra", [(), ("aqmar", "newsfane")])
def test_no_training_sentence_is_in_the_test_split(extra: tuple[str, ...]) -> None:
    splits = build_splits(SHARED, extra)
    test_keys = {sentence_key(t for t, _ in s) for s in splits["test"]}
    assert len(splits["test"]) == 925
    assert not [s for s in splits["train"] + splits["dev"] if sentence_key(t for t, _ in s) in test_keys]
    labels = {label for s in splits["train"] for _, label in s}
    assert labels <= {"O"} | {f"{p}-{t}" for p in "BI" for t in ("PER", "ORG", "LOC", "MISC")}
