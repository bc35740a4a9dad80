"""Shared fixtures: the shipped knowledge base, pipelines, and the sample articles."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.actors.kb import load_kb
from kg.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def kb():
    return load_kb()


@pytest.fixture(scope="session")
def lexicon_pipeline(kb):
    """The model-free pipeline (fast): knowledge base + title-based person finder, with the rule extractor alone
    (the tables of tests/test_relations.py state the rules' constructions; the learned extractor has its own tests)."""
    return Pipeline("lexicon", kb=kb, relations="rules")


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))
