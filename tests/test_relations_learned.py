"""The learned relation extractor (kg/relations/learned.py) with the shipped model, on sentences written for these
tests (none is from the corpus): each construction of the issue, every relation type, and negatives."""
from __future__ import annotations

import pytest

from kg import Pipeline
from kg.errors import ModelError
from kg.relations.candidates import stem
from kg.relations.learned import load_classifier


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline("lexicon")


def _edges(pipeline: Pipeline, text: str) -> set[tuple[str, str, str]]:
    return {(r.source, r.target, r.relation) for r in pipeline.extract(text).relations}


CASES = [
    # (sentence, an edge that must be found: source, target, relation)
    ("شنت طائرات التحالف غارات على مواقع الحوثيين في صعدة.", ("saudi_led_coalition", "houthis", "clash")),
    ("اندلعت اشتباكات عنيفة بين قوات النظام ومقاتلي جبهة النصرة في ريف إدلب.", ("syrian_regime", "jabhat_al_nusra", "clash")),
    ("قصفت القوات الروسية مواقع تنظيم داعش قرب تدمر.", ("russia", "isis", "clash")),
    ("أعلن الحشد الشعبي المدعوم من إيران السيطرة على البلدة.", ("popular_mobilization_forces", "iran", "allegiance")),
    ("وتقاتل ميليشيا حزب الله اللبناني إلى جانب قوات النظام في القلمون.", ("hezbollah", "syrian_regime", "allegiance")),
    ("هاجم مسلحو تنظيم داعش نقاطا للجيش العراقي غرب الرمادي.", ("isis", "iraqi_army", "clash")),
]


@pytest.mark.parametrize(("text", "edge"), CASES)
def test_learned_finds_stated_relation(pipeline: Pipeline, text: str, edge: tuple[str, str, str]) -> None:
    edges = _edges(pipeline, text)
    source, target, relation = edge
    if relation == "clash":
        assert (source, target, relation) in edges or (target, source, relation) in edges, edges
    else:
        assert edge in edges, edges


NEGATIVES = [
    "نفت إيران أن تكون قد دعمت الحوثيين بالسلاح.",  # denial
    "زار وفد من روسيا العاصمة طهران لبحث التعاون الاقتصادي.",  # no conflict relation
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_learned_draws_no_edge_without_a_stated_relation(pipeline: Pipeline, text: str) -> None:
    assert not pipeline.extract(text).relations


def test_learned_edges_carry_evidence_trigger_and_confidence(pipeline: Pipeline) -> None:
    text = "قصفت القوات الروسية مواقع تنظيم داعش قرب تدمر."
    relations = pipeline.extract(text).relations
    assert relations
    for relation in relations:
        assert relation.evidence.sentence in text
        assert relation.evidence.trigger and relation.evidence.trigger in text
        assert 0.0 < relation.confidence <= 1.0


def test_rules_backend_still_available() -> None:
    rules = Pipeline("lexicon", relations="rules")
    assert rules.classifier is None
    assert rules.extract("اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري الإيراني في البوكمال.").relations


def test_missing_relation_model_is_one_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="relation model"):
        load_classifier(tmp_path)


def test_shipped_model_loads_once_per_process() -> None:
    assert load_classifier() is load_classifier()


@pytest.mark.parametrize(("word", "expected"), [("المتحالفة", "متحالف"), ("المتحالف", "متحالف"), ("قتلوا", "قتل")])
def test_stem_joins_inflections(word: str, expected: str) -> None:
    from kg.arabic import normalize
    assert stem(normalize(word)) == expected
