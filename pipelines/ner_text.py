"""Unlabelled text for the NER model: saudinewsnet plus the corpora's sentences, tokenised as the runtime tokenises.

Output is gzipped text, one sentence a line, tokens joined by single spaces (``kg.arabic.tokenize``): the input of
both the word vectors (``ner_vectors``) and the character language models (Stanza's charlm trainer reads ``.gz``).
"""
from __future__ import annotations

import gzip
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ner_data import load_corpus

from kg.arabic import sentence_spans, tokenize

#: Labelled corpora whose text joins the unlabelled text (never the ANERcorp test split, nor NewsFANE which holds it).
TEXT_CORPORA = ("anercorp-train", "aqmar", "wikifane", "panx")


def saudinewsnet_articles(shared: Path) -> Iterator[str]:
    """Title and content of every saudinewsnet article, in file order."""
    for archive in sorted((shared / "corpora/saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in sorted(zf.namelist()):
                for article in json.loads(zf.read(name)):
                    yield "\n".join(filter(None, (article.get("title"), article.get("content"))))


def tokenised_sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` as space-joined runtime tokens."""
    for start, end in sentence_spans(text):
        tokens = [t.text for t in tokenize(text[start:end])]
        if tokens:
            yield " ".join(tokens)


def write_text(shared: Path, train_path: Path, dev_path: Path, dev_every: int = 200) -> int:
    """Write the tokenised text (every ``dev_every``-th saudinewsnet sentence to ``dev_path``); returns line count."""
    train_path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with gzip.open(train_path, "wt", encoding="utf-8") as train, gzip.open(dev_path, "wt", encoding="utf-8") as dev:
        for article in saudinewsnet_articles(shared):
            for line in tokenised_sentences(article):
                count += 1
                (dev if count % dev_every == 0 else train).write(line + "\n")
        for name in TEXT_CORPORA:
            for sentence in load_corpus(shared, name):
                count += 1
                train.write(" ".join(token for token, _ in sentence) + "\n")
    return count


def read_lines(path: Path) -> Iterator[list[str]]:
    """The token lists of a file written by ``write_text``."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield line.split()
