import pytest

from kg.ner import UnionNer, get_backend
from kg.ner.lexicon import LexiconNer


def _entities(text):
    return [(e.text, e.label) for e in LexiconNer().entities(text, [(0, len(text))])]


@pytest.mark.parametrize("text, expected", [
    ("وحضر الاجتماع العقيد نواف رئيس المفرزة.", [("نواف", "PER")]),
    ("التقى المدعو الحاج عسكر، قائد الميليشيا.", [("الحاج عسكر", "PER")]),
    ("قال المتحدث الرسمي إن الهجوم صُد.", []),
    ("انسحبت الفرقة نفسها من المدينة.", []),
    ("خطفت النصرة قائد الفرقة العقيد نديم الحسن مساء الخميس.", [("نديم الحسن", "PER")]),
    ("كشف اللواء عبده الحذيفي وزير الداخلية.", [("عبده الحذيفي", "PER")]),
    ("وصل الحاج عسكر والحاج ذو الفقار مهدداً الجميع.", [("الحاج عسكر", "PER"), ("الحاج ذو الفقار", "PER")]),
    ("وقال المسؤول للعقيد سامر إن الطريق مغلق.", [("سامر", "PER")]),
    ("تقدمت الكتيبة 102 من محور مرتوبة.", [("الكتيبة 102", "ORG")]),
    ("أعلنت غرفة عمليات عمر المختار التقدم.", [("غرفة عمليات عمر المختار", "ORG")]),
    ("هاجمت النصرة مقرا للفرقة 30.", [("للفرقة 30", "ORG")]),  # the article's alef is not in the text
    ("قال مصدر محلي إن الاشتباكات توقفت.", []),
])
def test_ner_lexicon_finds_titled_persons_and_units(text, expected):
    assert _entities(text) == expected


def test_ner_lexicon_offsets_point_into_the_text():
    text = "وكان بين الحضور العقيد نواف والحاج عسكر."
    for entity in LexiconNer().entities(text, [(0, len(text))]):
        assert text[entity.start:entity.end] == entity.text


def test_ner_union_prefers_the_first_backend_on_overlap():
    class Fixed:
        name = "fixed"

        def __init__(self, spans):
            self.spans = spans

        def entities(self, text, sentences):
            return self.spans

    from kg.ner.base import EntitySpan
    first = Fixed([EntitySpan(0, 10, "PER", "الحاج عسكر")])
    second = Fixed([EntitySpan(6, 10, "PER", "عسكر"), EntitySpan(20, 25, "ORG", "ابابا")])
    union = UnionNer(first, second)
    assert [e.text for e in union.entities("", [])] == ["الحاج عسكر", "ابابا"]
    assert union.name == "fixed+fixed"


def test_ner_unknown_backend_is_a_clear_error():
    from kg.errors import ModelError

    with pytest.raises(ModelError, match="unknown NER backend"):
        get_backend("bert")
