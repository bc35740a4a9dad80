import pytest

from kg.ner.base import EntitySpan


def _mentions(pipeline, text, entities=()):
    tokens = pipeline.linker.tokenise(text, __import__("kg.arabic", fromlist=["tokenize"]).tokenize(text))
    mentions, discovered = pipeline.linker.link(tokens, [(0, len(text))], entities)
    return [(m.mention.text, m.mention.actor_id) for m in mentions], discovered


@pytest.mark.parametrize("text, surface, actor_id", [
    ("أعلنت الولاء لإيران", "إيران", "iran"),
    ("عناصر تابعة للنظام", "للنظام", "syrian_regime"),
    ("قادة بالحرس الثوري", "الحرس الثوري", "irgc"),
    ("الحرس الثوري والدفاع الوطني", "الدفاع الوطني", "national_defence_forces"),
    ("وصلت ميليشيا الدفاع الوطني", "ميليشيا الدفاع الوطني", "national_defence_forces"),
    ("وصلت مليشيا الدفاع الوطني", "مليشيا الدفاع الوطني", "national_defence_forces"),
    ("مواقع تنظيم داعش", "تنظيم داعش", "isis"),
    ("دخلت القوات الروسية المدينة", "القوات الروسية", "russia"),
    ("هاجم الحوثيون مأرب", "الحوثيون", "houthis"),
    ("تقدمت قوات حفتر نحو طرابلس", "قوات حفتر", "libyan_national_army"),
    ("قصفت كتائب حزب الله قاعدة عين الأسد", "كتائب حزب الله", "kataib_hezbollah"),
    ("أعلن الحشد الشعبي", "الحشد الشعبي", "popular_mobilization_forces"),
    ("غارات إسرائيلية على دمشق", "إسرائيلية", "israel"),
])
def test_linker_finds_aliases_through_clitics_and_heads(lexicon_pipeline, text, surface, actor_id):
    mentions, _ = _mentions(lexicon_pipeline, text)
    assert (surface, actor_id) in mentions


def test_linker_prefers_the_longest_alias(lexicon_pipeline):
    mentions, _ = _mentions(lexicon_pipeline, "انتشر الحرس الثوري الإيراني في البوكمال")
    assert [a for _, a in mentions] == ["irgc"]


def test_linker_short_name_after_full_name(lexicon_pipeline):
    text = "قال فراس العراقية إن الاجتماع انتهى، وكان العراقية قد خضع للتحقيق."
    mentions, _ = _mentions(lexicon_pipeline, text)
    assert mentions.count(("العراقية", "firas_al_iraqiya")) == 1
    assert ("فراس العراقية", "firas_al_iraqiya") in mentions


@pytest.mark.parametrize("name, label, actor_type", [
    ("عصام الفاضل", "PER", "person"),
    ("لواء الصادقين", "ORG", "armed_group"),
])
def test_linker_unknown_entity_becomes_discovered_actor(lexicon_pipeline, name, label, actor_type):
    text = f"وصل {name} إلى المدينة"
    start = text.index(name)
    mentions, discovered = _mentions(lexicon_pipeline, text, [EntitySpan(start, start + len(name), label, name)])
    [actor] = discovered.values()
    assert actor.discovered and actor.type == actor_type and actor.name_ar == name and actor.id.isascii()
    assert (name, actor.id) in mentions


@pytest.mark.parametrize("name, label", [("من", "PER"), ("دمشق", "LOC"), ("ab", "ORG")])
def test_linker_weak_entities_are_not_actors(lexicon_pipeline, name, label):
    text = f"وصل {name} اليوم"
    start = text.index(name)
    _, discovered = _mentions(lexicon_pipeline, text, [EntitySpan(start, start + len(name), label, name)])
    assert discovered == {}


def test_linker_entity_that_is_a_kb_alias_links_to_the_kb_actor(lexicon_pipeline):
    text = "قال خليفة حفتر"
    mentions, discovered = _mentions(lexicon_pipeline, text, [EntitySpan(4, 13, "PER", "خليفة حفتر")])
    assert discovered == {} and mentions == [("خليفة حفتر", "khalifa_haftar")]


@pytest.mark.parametrize("text, title_phrase", [
    ("قال فراس العراقية قائد ميليشيا الدفاع الوطني إن الاجتماع انتهى. ثم خضع قائد ميليشيا الدفاع الوطني للتحقيق.",
     "قائد ميليشيا الدفاع الوطني"),
    ("أعلن خليفة حفتر قائد الجيش الوطني الليبي النفير. وقال مصدر إن قائد الجيش الوطني الليبي زار القاهرة.",
     "قائد الجيش الوطني الليبي"),
])
def test_linker_title_names_the_leader_the_document_gave(lexicon_pipeline, text, title_phrase):
    extraction = lexicon_pipeline.extract(text)
    by_actor = {found.actor.type: found.mentions for found in extraction.actors}
    assert title_phrase in by_actor["person"]
    assert sum(1 for r in extraction.relations if r.subtype == "leader_of") == 1


def test_linker_title_without_known_leader_stays_the_group(lexicon_pipeline):
    extraction = lexicon_pipeline.extract("خضع قائد ميليشيا الدفاع الوطني للتحقيق.")
    assert [found.actor.type for found in extraction.actors] == ["armed_group"]


@pytest.mark.parametrize("text, actor_id", [
    ("اشتبك الحشد الشعبي مع داعش في الأنبار، وتقدم الجيش نحو الفلوجة.", "iraqi_army"),
    ("تقدمت قوات حفتر في بنغازي، وقال الجيش إن أنصار الشريعة انسحبوا.", "libyan_national_army"),
    ("هاجم الحوثيون مأرب، وقالت قوات الأمن إن الهجوم صُد.", "yemeni_government"),
])
def test_linker_unnamed_army_is_the_theatre_s(lexicon_pipeline, text, actor_id):
    mentions, _ = _mentions(lexicon_pipeline, text)
    assert actor_id in {a for _, a in mentions}


def test_linker_unnamed_army_needs_a_theatre(lexicon_pipeline):
    mentions, _ = _mentions(lexicon_pipeline, "قال الجيش إن الهجوم صُد.")
    assert mentions == []
