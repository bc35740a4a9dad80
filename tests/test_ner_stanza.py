"""The Stanza backend with the shipped model (kg/models/ar_ner), loaded offline: entities of unseen sentences,
proclitic trimming and exact character offsets."""
from __future__ import annotations

import pytest

from kg.arabic import sentence_spans
from kg.ner.stanza import StanzaNer, default_model_dir, proclitic_length, tag_spans

# Sentences written for these tests (not taken from any corpus) and entities the model must find in them.
CASES = [
    ("قال الرئيس الفرنسي إيمانويل ماكرون إن باريس تدعم الحل السياسي.",
     {("PER", "إيمانويل ماكرون"), ("LOC", "باريس")}),
    ("وصل الأمين العام أنطونيو غوتيريش إلى القاهرة صباح اليوم.",
     {("PER", "أنطونيو غوتيريش"), ("LOC", "القاهرة")}),
    ("ندد حزب الله بالغارات الإسرائيلية على جنوب لبنان.", {("ORG", "حزب الله"), ("LOC", "لبنان")}),
    ("دعا الاتحاد الأوروبي إلى وقف إطلاق النار في السودان.", {("ORG", "الاتحاد الأوروبي"), ("LOC", "السودان")}),
    ("واجتمع رئيس الوزراء العراقي محمد شياع السوداني مع وفد من البنك الدولي في بغداد.",
     {("PER", "محمد شياع السوداني"), ("ORG", "البنك الدولي"), ("LOC", "بغداد")}),
    # proclitics trimmed from the first word: و + الأردن, ل + إيران
    ("أرسلت الولايات المتحدة مساعدات إلى لبنان والأردن.", {("LOC", "لبنان"), ("LOC", "الأردن")}),
    ("قدمت روسيا دعما عسكريا لإيران خلال العام الماضي.", {("LOC", "روسيا"), ("LOC", "إيران")}),
]


@pytest.fixture(scope="module")
def ner() -> StanzaNer:
    if not (default_model_dir() / "ner.pt").exists():
        pytest.skip("shipped model missing (make model)")
    return StanzaNer()


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_finds_entities(ner: StanzaNer, sentence: str, expected: set[tuple[str, str]]) -> None:
    found = {(e.label, e.text) for e in ner.entities(sentence, sentence_spans(sentence))}
    assert expected <= found


@pytest.mark.model
def test_offsets_map_back_to_the_text(ner: StanzaNer) -> None:
    text = "  " + "\n\n".join(sentence for sentence, _ in CASES) + "\nوقالت الحكومة إن للنظام حلفاء. "
    entities = ner.entities(text, sentence_spans(text))
    assert len(entities) >= sum(len(expected) for _, expected in CASES)
    for entity in entities:
        assert text[entity.start:entity.end] == entity.text
        assert entity.label in {"PER", "ORG", "LOC", "MISC"}
    assert ner.entities("", []) == []


@pytest.mark.parametrize(
    ("word", "ranks", "cut"),
    [
        ("والحرس", {}, 1),
        ("بالعراق", {}, 1),
        ("وبالعراق", {}, 2),
        ("للنظام", {"نظام": 1}, 0),
        ("وللنظام", {"للنظام": 1, "وللنظام": 40}, 1),
        ("لإيران", {"إيران": 1, "لإيران": 50}, 1),
        ("لبنان", {"لبنان": 1, "بنان": 50}, 0),
        ("واشنطن", {"واشنطن": 1}, 0),
        ("الحرس", {}, 0),
    ],
)
def test_proclitic_length(word: str, ranks: dict[str, int], cut: int) -> None:
    assert proclitic_length(word, ranks) == cut


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "E-PER", "O", "S-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-ORG", "I-ORG", "I-ORG", "O"], [(0, 3, "ORG")]),
        (["I-LOC", "B-PER", "I-LOC"], [(0, 1, "LOC"), (1, 2, "PER"), (2, 3, "LOC")]),
        (["O", "O"], []),
    ],
)
def test_tag_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert tag_spans(tags) == spans
