"""The actor knowledge base (kg/data/actors.jsonl) is well formed, unambiguous and covers every theatre."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from kg.arabic import clitic_variants, normalize, tokenizer_nlp

ACTORS_PATH = Path(__file__).resolve().parents[1] / "kg" / "data" / "actors.jsonl"
ALLOWED_TYPES = {"state", "armed_group", "security_agency", "person", "political_org", "other"}
ALLOWED_THEATRES = {"syria", "iraq", "yemen", "libya", "regional"}
FIELDS = {"id", "label", "name_ar", "type", "aliases", "adjectives", "qid", "theatres"}
OPTIONAL_FIELDS = {"parent"}
ARABIC = re.compile(r"[\u0621-\u064a]")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")


def _load() -> list[dict]:
    with ACTORS_PATH.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


ACTORS = _load()
BY_ID = {a["id"]: a for a in ACTORS}


def _alias_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for actor in ACTORS:
        for alias in actor["aliases"]:
            index[normalize(alias)].add(actor["id"])
    return index


ALIAS_INDEX = _alias_index()


def test_actors_data_count_at_least_200():
    assert len(ACTORS) >= 200


def test_actors_data_fields_complete():
    for actor in ACTORS:
        assert FIELDS <= set(actor) <= FIELDS | OPTIONAL_FIELDS, actor["id"]


def test_actors_data_parents_exist_and_form_no_cycle():
    for actor in ACTORS:
        chain = [actor["id"]]
        while parent := BY_ID[chain[-1]].get("parent"):
            assert parent in BY_ID, (chain, parent)
            assert parent not in chain, chain + [parent]
            chain.append(parent)


@pytest.mark.parametrize(
    ("actor_id", "parent"),
    [("irgc", "iran"), ("quds_force", "irgc"), ("russian_military_police", "russia"), ("iranian_militias", "iran"),
     ("fourth_division", "syrian_regime"), ("military_security", "syrian_regime"), ("iraqi_cts", "iraq"),
     ("peshmerga", "kurdistan_regional_government"), ("security_belt", "southern_transitional_council"),
     ("tariq_bin_ziyad_brigade", "libyan_national_army")],
)
def test_actors_data_parent(actor_id, parent):
    assert BY_ID[actor_id]["parent"] == parent


def test_actors_data_ids_unique_and_snake_case():
    ids = [a["id"] for a in ACTORS]
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not SNAKE.match(i)]
    assert not bad


def test_actors_data_sorted_by_id():
    ids = [a["id"] for a in ACTORS]
    assert ids == sorted(ids)


def test_actors_data_written_as_utf8_not_escapes():
    assert "\\u06" not in ACTORS_PATH.read_text(encoding="utf-8")


def test_actors_data_types_allowed():
    assert {a["type"] for a in ACTORS} <= ALLOWED_TYPES


def test_actors_data_labels_and_arabic_names():
    for actor in ACTORS:
        assert actor["label"].strip(), actor["id"]
        assert actor["name_ar"].strip() and ARABIC.search(actor["name_ar"]), actor["id"]


def test_actors_data_name_ar_is_an_alias():
    for actor in ACTORS:
        assert actor["name_ar"] in actor["aliases"], actor["id"]


def test_actors_data_every_alias_is_arabic():
    bad = [(a["id"], s) for a in ACTORS for s in a["aliases"] if not ARABIC.search(s)]
    assert not bad


def test_actors_data_no_alias_listed_twice_in_one_actor():
    for actor in ACTORS:
        keys = [normalize(s) for s in actor["aliases"]]
        assert len(keys) == len(set(keys)), actor["id"]


def test_actors_data_normalised_aliases_unique_across_actors():
    shared = {key: ids for key, ids in ALIAS_INDEX.items() if len(ids) > 1}
    assert not shared


def test_actors_data_adjectives_unique_and_not_aliases():
    owner: dict[str, str] = {}
    clashes = []
    for actor in ACTORS:
        for adjective in actor["adjectives"]:
            key = normalize(adjective)
            assert ARABIC.search(adjective), (actor["id"], adjective)
            if key in owner and owner[key] != actor["id"]:
                clashes.append((key, owner[key], actor["id"]))
            if key in ALIAS_INDEX:
                clashes.append((key, "alias of " + ",".join(sorted(ALIAS_INDEX[key])), actor["id"]))
            owner[key] = actor["id"]
    assert not clashes


def test_actors_data_adjectives_only_for_states():
    bad = [a["id"] for a in ACTORS if a["adjectives"] and a["type"] != "state"]
    assert not bad


def test_actors_data_qids_well_formed():
    bad = [(a["id"], a["qid"]) for a in ACTORS if a["qid"] and not QID.match(a["qid"])]
    assert not bad


def test_actors_data_theatres_valid():
    for actor in ACTORS:
        assert actor["theatres"], actor["id"]
        assert set(actor["theatres"]) <= ALLOWED_THEATRES, actor["id"]


def test_actors_data_alias_first_word_is_not_clipped_as_a_proclitic():
    """The linker strips a proclitic (و ف ب ل ك) from a word when the rest is a knowledge-base word, in the text and
    in the aliases alike. An alias must therefore not begin with a word that merely looks like proclitic + known word
    (فراس would be read ف + راس if some alias contained رأس), or its mentions come out clipped."""
    nlp = tokenizer_nlp()
    words, first_words = set(), set()
    for actor in ACTORS:
        for phrase in (*actor["aliases"], *actor["adjectives"]):
            tokens = [t.text for t in nlp.make_doc(normalize(phrase))]
            first_words.add(tokens[0])
            words.update(tokens)
    clipped = sorted(w for w in first_words if any(v in words for v in clitic_variants(w)[:-1]))
    assert not clipped


@pytest.mark.parametrize("theatre", ["syria", "iraq", "yemen", "libya"])
def test_actors_data_theatre_covered(theatre):
    assert sum(theatre in a["theatres"] for a in ACTORS) >= 25


@pytest.mark.parametrize(
    "actor_id",
    ["russia", "iran", "syrian_regime", "usa", "israel", "turkey", "national_defence_forces", "irgc",
     "iranian_militias", "russia_backed_militias", "abu_al_fadl_al_abbas_brigade", "zainabiyoun", "fatemiyoun",
     "haidariyoun", "hezbollah", "sdf", "military_security", "liwa_al_quds", "republican_guard", "fifth_corps",
     "russian_military_police", "nujaba", "popular_mobilization_forces", "general_intelligence_directorate", "isis",
     "firas_al_iraqiya", "hussam_luqa"],
)
def test_actors_data_sample_ids_present(actor_id):
    assert actor_id in BY_ID


@pytest.mark.parametrize(
    ("actor_id", "qid"),
    [("russia", "Q159"), ("iran", "Q794"), ("iraq", "Q796"), ("turkey", "Q43"), ("usa", "Q30"), ("israel", "Q801"),
     ("saudi_arabia", "Q851")],
)
def test_actors_data_known_qids(actor_id, qid):
    assert BY_ID[actor_id]["qid"] == qid


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        # Syria: regime, allies, opposition, jihadists
        ("النظام", "syrian_regime"),
        ("نظامِ الأسدِ", "syrian_regime"),
        ("قوات الأسد", "syrian_regime"),
        ("الحكومة السورية", "syrian_regime"),
        ("الاحتلالِ الروسي", "russia"),
        ("موسكو", "russia"),
        ("القوى الروسية", "russia"),
        ("طهران", "iran"),
        ("الإيرانيين", "iran"),
        ("أميركا", "usa"),
        ("واشنطن", "usa"),
        ("الأتراك", "turkey"),
        ("الحرس الثوري", "irgc"),
        ("فيلق القدس", "quds_force"),
        ("المليشيات المدعومة من إيران", "iranian_militias"),
        ("المليشيات المدعومة من روسيا", "russia_backed_militias"),
        ("الدفاع الوطني", "national_defence_forces"),
        ("الفرقة الرابعة", "fourth_division"),
        ("المخابرات الجوية", "air_force_intelligence"),
        ("إدارة المخابرات العامة", "general_intelligence_directorate"),
        ("الشرطة العسكرية الروسية", "russian_military_police"),
        ("قسد", "sdf"),
        ("حزب العمال الكردستاني", "pkk"),
        ("هيئة تحرير الشام", "hts"),
        ("تنظيم الدولة", "isis"),
        ("تنظيم داعش", "isis"),
        ("حراس الدين", "hurras_al_din"),
        ("الجيش الوطني السوري", "syrian_national_army"),
        ("التحالف الدولي", "international_coalition"),
        ("الجولاني", "ahmed_al_sharaa"),
        ("نصر الله", "hassan_nasrallah"),
        ("سليماني", "qasem_soleimani"),
        ("حسام لوقا", "hussam_luqa"),
        # Iraq
        ("الحشد الشعبي", "popular_mobilization_forces"),
        ("كتائب حزب الله", "kataib_hezbollah"),
        ("عصائب أهل الحق", "asaib_ahl_al_haq"),
        ("منظمة بدر", "badr_organization"),
        ("النجباء", "nujaba"),
        ("البيشمركة", "peshmerga"),
        ("التيار الصدري", "sadrist_movement"),
        ("سرايا السلام", "saraya_al_salam"),
        ("جهاز مكافحة الإرهاب", "iraqi_cts"),
        ("الجيش العراقي", "iraqi_army"),
        ("الخزعلي", "qais_al_khazali"),
        ("أبو مهدي المهندس", "abu_mahdi_al_muhandis"),
        # Yemen
        ("الحوثيين", "houthis"),
        ("جماعة الحوثي", "houthis"),
        ("أنصار الله", "houthis"),
        ("التحالف العربي", "saudi_led_coalition"),
        ("الحكومة الشرعية", "yemeni_government"),
        ("المجلس الانتقالي الجنوبي", "southern_transitional_council"),
        ("ألوية العمالقة", "giants_brigades"),
        ("الحزام الأمني", "security_belt"),
        ("حزب الإصلاح", "islah"),
        ("القاعدة في جزيرة العرب", "aqap"),
        ("المخلوع صالح", "ali_abdullah_saleh"),
        ("طارق صالح", "tareq_saleh"),
        ("عبد الملك الحوثي", "abdul_malik_al_houthi"),
        ("مجلس القيادة الرئاسي", "presidential_leadership_council"),
        # Libya
        ("قوات حفتر", "libyan_national_army"),
        ("الجيش الوطني الليبي", "libyan_national_army"),
        ("حفتر", "khalifa_haftar"),
        ("حكومة الوفاق", "gna"),
        ("حكومة الوحدة الوطنية", "gnu"),
        ("الدبيبه", "abdul_hamid_dbeibah"),
        ("قوة الردع", "rada"),
        ("جهاز دعم الاستقرار", "stability_support_apparatus"),
        ("اللواء 444", "brigade_444"),
        ("فاغنر", "wagner_group"),
        ("الفيلق الأفريقي", "africa_corps"),
        ("مجلس النواب الليبي", "house_of_representatives_libya"),
        ("الإمارات", "uae"),
        ("القاهرة", "egypt"),
        # regional and international
        ("الأمم المتحدة", "un"),
        ("اليونيفيل", "unifil"),
        ("الناتو", "nato"),
        ("الكيان الصهيوني", "israel"),
    ],
)
def test_actors_data_surface_form_resolves(surface, expected):
    assert ALIAS_INDEX.get(normalize(surface)) == {expected}


@pytest.mark.parametrize(
    ("adjective", "expected"),
    [("الروسي", "russia"), ("إيرانية", "iran"), ("الإسرائيلية", "israel"), ("الأمريكية", "usa"),
     ("الأميركي", "usa"), ("التركي", "turkey"), ("العراقية", "iraq"), ("السعودي", "saudi_arabia"),
     ("الإماراتية", "uae"), ("اليمنية", "yemeni_government"), ("المصري", "egypt")],
)
def test_actors_data_adjective_resolves(adjective, expected):
    owners = {a["id"] for a in ACTORS if normalize(adjective) in {normalize(x) for x in a["adjectives"]}}
    assert owners == {expected}


@pytest.mark.parametrize(
    "generic",
    ["الجيش", "الحكومة", "الدولة", "التحالف", "الأمن", "صالح", "هادي", "الحشد", "المهندس", "الإصلاح", "الشرعية",
     "الجيش الوطني", "قوات التحالف", "الميليشيات", "المعارضة", "الاحتلال", "سوريا", "اليمن", "ليبيا"],
)
def test_actors_data_generic_word_is_not_an_alias(generic):
    assert normalize(generic) not in ALIAS_INDEX
