import pytest

from kg.prepare import is_boilerplate, split_sentences


@pytest.mark.parametrize("line", [
    "اقرأ أيضاً:إلى أي منحنى يتجه الخلاف بين قوات سوريا الديمقراطية والنظام",
    "اقرأ ايضا: روسيا تتخلى عن ميليشيات إيران",
    "الأكثر قراءة",
    "شارك هذا الخبر",
    "12 تعليق",
    "فيسبوك تويتر واتساب",
    "مواضيع ذات صلة",
    "https://example.com/article/123",
])
def test_prepare_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري الإيراني.",
    "وأوضح المصدر أن القراءة الأولى للأحداث تشير إلى خلاف بين الطرفين.",
])
def test_prepare_prose_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_prepare_sentences_keep_offsets_and_flag_link_lines_and_byline():
    text = "اشتبك الطرفان أمس. وقتل عنصران.\nاقرأ أيضاً: تقرير آخر\nتابع المصدر حديثه، مؤكداً الخبر.\nصباح نجم\nالمركز الصحفي السوري\n"
    sentences = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.boilerplate for s in sentences] == [False, False, True, False, True, True]
