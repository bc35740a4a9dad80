import pytest

from kg.arabic import clitic_variants, normalize, resolve_key, sentence_spans, tokenize, transliterate


@pytest.mark.parametrize("text, key", [
    ("إيران", "ايران"),
    ("الحرسُ الثوريُّ", "الحرس الثوري"),
    ("ميليشيـــا", "ميليشيا"),
    ("مؤسسة", "موسسه"),
    ("مستشفى", "مستشفي"),
    ("“الدفاع الوطني”", "الدفاع الوطني"),
    ("آمر اللواء", "امر اللواء"),
    ("قوات سوريا\u00a0الديمقراطية", "قوات سوريا الديمقراطيه"),
    ("\u200fحزب الله", "حزب الله"),
])
def test_arabic_normalize_folds_variants(text, key):
    assert normalize(text) == key


@pytest.mark.parametrize("word, expected", [
    ("للنظام", "النظام"),
    ("بالحرس", "الحرس"),
    ("والدفاع", "الدفاع"),
    ("لإيران", "ايران"),
    ("وروسيا", "روسيا"),
    ("فالميليشيات", "الميليشيات"),
])
def test_arabic_clitic_variants_offer_the_bare_word(word, expected):
    assert expected in clitic_variants(normalize(word))


@pytest.mark.parametrize("word, vocabulary, key", [
    ("لإيران", {"ايران"}, "ايران"),
    ("ليبيا", {"ليبيا"}, "ليبيا"),
    ("للنظام", {"للنظام", "النظام"}, "النظام"),  # the stripped reading wins
    ("بشار", {"شار"}, "شار"),
    ("بشار", {"الاسد"}, "بشار"),  # unknown words keep their full form
    ("”", set(), "”"),
])
def test_arabic_resolve_key_strips_only_towards_known_words(word, vocabulary, key):
    assert resolve_key(word, vocabulary) == key


@pytest.mark.parametrize("text, words", [
    ("اقرأ أيضاً:إلى أي منحنى؟", ["اقرأ", "أيضاً", ":", "إلى", "أي", "منحنى", "؟"]),
    ("ميليشيا “الدفاع الوطني”، في البوكمال.", ["ميليشيا", "“", "الدفاع", "الوطني", "”", "،", "في", "البوكمال", "."]),
    ("(الحاج عسكر)", ["(", "الحاج", "عسكر", ")"]),
    ("منصور هادي.وقال شهود", ["منصور", "هادي", ".", "وقال", "شهود"]),
    ("مقرا للفرقة 30.", ["مقرا", "للفرقة", "30", "."]),
    ("بلغت النسبة 3.5 بالمئة", ["بلغت", "النسبة", "3.5", "بالمئة"]),
    ("انظر https://example.com/a.b", ["انظر", "https://example.com/a.b"]),
])
def test_arabic_tokenize_splits_punctuation_keeps_clitics(text, words):
    tokens = tokenize(text)
    assert [t.text for t in tokens] == words
    assert all(text[t.start:t.end] == t.text for t in tokens)


@pytest.mark.parametrize("text, count", [
    ("اشتبك الطرفان. ثم انسحبا؟ نعم", 3),
    ("بلغت النسبة 3.5 بالمئة في دير الزور.", 1),
    ("سطر أول\nسطر ثان", 2),
    ("", 0),
])
def test_arabic_sentence_spans(text, count):
    spans = sentence_spans(text)
    assert len(spans) == count
    assert all(text[a:b].strip() == text[a:b] for a, b in spans)


@pytest.mark.parametrize("name, ascii_id", [("عصام الفاضل", "asam_alfadl"), ("نواف", "nwaf")])
def test_arabic_transliterate_gives_ascii_ids(name, ascii_id):
    assert transliterate(name) == ascii_id
