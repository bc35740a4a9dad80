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
    "شارك",
    "شارك على فيسبوك",
    "شارك: فيسبوك | تويتر | واتساب",
    "انشر عبر تويتر",
    "تابعونا على تلغرام",
    "اشترك في قناتنا على يوتيوب",
    "التعليقات (3)",
    "المصدر: https://example.com/a",
    "للمزيد من التفاصيل",
])
def test_prepare_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "اشتبكت ميليشيا الدفاع الوطني مع الحرس الثوري الإيراني.",
    "وأوضح المصدر أن القراءة الأولى للأحداث تشير إلى خلاف بين الطرفين.",
    # a verb or noun that a share bar, a follow box or a comment counter also starts with
    "شارك مقاتلو حزب الله في الهجوم على بلدة القصير.",
    "شاركت قوات النخبة الشبوانية في المعارك ضد تنظيم القاعدة",
    "شاركوا في القتال إلى جانب قوات النظام",
    "انشر الجيش وحداته على طول الحدود",
    "اشترك الحرس الثوري مع ميليشيا النجباء في معارك حلب.",
    "اشتركت فصائل الجيش الحر في الهجوم على مواقع تنظيم الدولة على تويتر وغيرها",
    "تابعنا التطورات الميدانية في دير الزور عن كثب.",
    "التعليقات التي أدلى بها المتحدث باسم التحالف أثارت غضب الحوثيين.",
    "لمزيد من الضغط على الحوثيين، كثف التحالف غاراته على صنعاء.",
    "تقارير متعلقة بالهجوم أشارت إلى مشاركة الحرس الثوري.",
    "الأكثر تداولاً بين المقاتلين أن قائد الفصيل انشق وانضم إلى جبهة النصرة.",
    "ونشر الحساب الرسمي للفصيل بيانا على الرابط https://example.com/statement وأكد فيه انشقاق القائد عن الجيش",
])
def test_prepare_prose_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_prepare_sentences_keep_offsets_and_flag_link_lines_and_byline():
    text = "اشتبك الطرفان أمس. وقتل عنصران.\nاقرأ أيضاً: تقرير آخر\nتابع المصدر حديثه، مؤكداً الخبر.\nصباح نجم\nالمركز الصحفي السوري\n"
    sentences = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.boilerplate for s in sentences] == [False, False, True, False, True, True]


@pytest.mark.parametrize("text", [
    "شاركت قوات النخبة الشبوانية في المعارك",
    "شارك مقاتلو حزب الله في الهجوم على القصير.",
])
def test_prepare_one_line_article_is_prose(text):
    assert [s.boilerplate for s in split_sentences(text)] == [False]
