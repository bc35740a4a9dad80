import json

import pytest

from kg.actors.kb import load_kb
from kg.errors import KnowledgeBaseError


def test_kb_shipped_base_is_broad(kb):
    assert len(kb) >= 150
    assert kb.aliases["ايران"] == "iran" and kb.adjectives["الروسيه"] == "russia"


def test_kb_extra_file_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"id": "liwa_al_sadiqin", "label": "Liwa al-Sadiqin", "name_ar": "لواء الصادقين",
                                 "type": "armed_group", "aliases": ["الصادقين"]}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    kb = load_kb([extra])
    assert kb.aliases["الصادقين"] == "liwa_al_sadiqin" and "russia" in kb
    assert list(load_kb([extra], replace=True).actors) == ["liwa_al_sadiqin"]


@pytest.mark.parametrize("line, message", [
    ("{oops", "invalid JSON"),
    ('{"id": "x", "label": "X", "name_ar": "س"}', "'type'"),
    ('{"id": "x", "label": "X", "name_ar": "س", "type": "tribe"}', "unknown actor type"),
])
def test_kb_bad_file_raises_one_clear_error(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message):
        load_kb([path])
