"""The annotated corpus (pipelines/corpus): every gold file passes ../shared/eval/check_gold.py, and the splits are
disjoint, fixed by splits.json and hold all four theatres."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "pipelines" / "corpus"
CHECKER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "check_gold.py"
SPLITS = ("train", "dev", "test")


@pytest.mark.skipif(not CHECKER.is_file(), reason="../shared/eval/check_gold.py is not beside the project")
@pytest.mark.parametrize("split", SPLITS)
def test_corpus_gold_passes_check_gold(split: str) -> None:
    result = subprocess.run([sys.executable, str(CHECKER), str(CORPUS / f"gold.{split}.json"), str(CORPUS / "articles")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "0 errors" in result.stdout


def test_corpus_splits_are_disjoint_and_cover_the_theatres() -> None:
    splits = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
    ids = [set(splits[s]) for s in SPLITS]
    assert not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])
    for split in SPLITS:
        gold = json.loads((CORPUS / f"gold.{split}.json").read_text(encoding="utf-8"))["documents"]
        assert {d["doc"] for d in gold} <= set(splits[split])
        assert {d["doc"].split("_")[0] for d in gold} == {"syria", "iraq", "yemen", "libya"}


def test_corpus_mentions_match_the_article_text() -> None:
    gold = json.loads((CORPUS / "gold.dev.json").read_text(encoding="utf-8"))["documents"]
    for doc in gold:
        text = (CORPUS / "articles" / f"{doc['doc']}.txt").read_text(encoding="utf-8")
        forms = {a["id"]: {f for f in a["surface_forms"]} | {"ال" + f[2:] for f in a["surface_forms"]}
                 for a in doc["actors"]}
        for mention in doc["mentions"]:
            span = text[mention["start"]:mention["end"]]
            assert span in forms[mention["actor"]] or "ال" + span[1:] in forms[mention["actor"]], (doc["doc"], span)
