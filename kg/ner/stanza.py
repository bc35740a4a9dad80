"""Stanza NER backend: the project's own Arabic model (kg/models/ar_ner), or Stanza's official one on request.

Sentences are tokenised by ``kg.arabic.tokenize`` (the tokens the model was trained on and the rest of the pipeline
uses) and passed pre-tokenised; entity spans come back as character offsets into the original text, with an
attached proclitic (و ف ب ل ك) trimmed from the first word: ``والحرس الثوري`` -> ``الحرس الثوري``,
``لإيران`` -> ``إيران``. ``للنظام`` stays whole: without its ``ل`` the article's alef is not in the text.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from kg.arabic import tokenize
from kg.ner.base import EntitySpan

#: File names of the shipped model inside its directory.
MODEL_FILES = {
    "resources_filepath": "resources.json",
    "ner_model_path": "ner.pt",
    "ner_pretrain_path": "pretrain.pt",
    "ner_forward_charlm_path": "forward_charlm.pt",
    "ner_backward_charlm_path": "backward_charlm.pt",
}
_PROCLITIC_LETTERS = "وفبلك"
_FREQUENCY_RATIO = 5  # a bare word this many times more frequent (by rank) than the whole marks a proclitic


def default_model_dir() -> Path:
    """Where the shipped model lives: kg/models/ar_ner."""
    return Path(__file__).resolve().parents[1] / "models" / "ar_ner"


@lru_cache(maxsize=4)
def load_pipeline(model_dir: Path | None = None, official: bool = False):
    """A Stanza pipeline (tokenize + ner, pre-tokenised input), built once per process for each model."""
    import stanza
    import torch

    logging.getLogger("stanza").setLevel(logging.ERROR)  # its "unsupported language" warning is moot
    if "OMP_NUM_THREADS" not in os.environ:
        # the tagger's LSTMs step through characters one at a time on small batches: extra threads barely help,
        # and on a busy machine OpenMP's spinning threads made tagging 20x slower (measured on 2 cores)
        torch.set_num_threads(1)
    if official:
        return stanza.Pipeline("ar", processors="tokenize,ner", tokenize_pretokenized=True)
    model_dir = model_dir or default_model_dir()
    paths = {option: str(model_dir / name) for option, name in MODEL_FILES.items()}
    missing = [p for p in paths.values() if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(f"Stanza NER model files missing: {', '.join(missing)} (run `make model`)")
    # resources.json is an empty stand-in for Stanza's download index: every model path is given explicitly
    return stanza.Pipeline("ar", dir=str(model_dir), processors="tokenize,ner", tokenize_pretokenized=True,
                           download_method=None, allow_unknown_language=True, **paths)


@lru_cache(maxsize=4)
def word_ranks(model_dir: Path) -> dict[str, int]:
    """Frequency rank of each word of the model's pretrain vocabulary (0 = most frequent; empty without one)."""
    from stanza.models.common.pretrain import Pretrain

    path = model_dir / MODEL_FILES["ner_pretrain_path"]
    if not path.exists():
        return {}
    vocab = Pretrain(str(path)).vocab
    return {vocab.id2unit(i): i for i in range(len(vocab))}


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity token ranges ``(first, last + 1, type)`` of a BIO or BIOES tag sequence (a stray I- starts one)."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix in ("O", "B", "S") or label != kind):
            spans.append((start, i, kind))
            start = -1
        if prefix in ("B", "S") or (prefix in ("I", "E") and start < 0):
            start, kind = i, label
        if prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1, kind))
            start = -1
    return spans


def proclitic_length(word: str, ranks: dict[str, int]) -> int:
    """How many leading letters of ``word`` are an attached proclitic (0 when none).

    A cut is taken when what remains starts with the article (``والحرس``, ``بالعراق``) or is a far more frequent
    word than the whole (``لإيران``, ``وسوريا``; not ``كمال`` -> ``مال``). It never cuts into ``لل`` (``للنظام`` is
    ل + النظام with the alef dropped, so it stays whole) and leaves at least 2 letters.
    """
    unknown = len(ranks)
    whole = ranks.get(word, unknown)
    for cut in (2, 1):
        head, rest = word[:cut], word[cut:]
        if len(rest) < 2 or any(c not in _PROCLITIC_LETTERS for c in head) or "لل" in word[:cut + 1]:
            continue
        if (rest.startswith("ال") and len(rest) >= 4) or ranks.get(rest, unknown) * _FREQUENCY_RATIO < whole:
            return cut
    return 0


class StanzaNer:
    """NER with Stanza: the shipped Arabic model by default, Stanza's downloaded official one with ``official``."""

    name = "stanza"

    def __init__(self, model_dir: Path | None = None, official: bool = False) -> None:
        self.model_dir = None if official else (model_dir or default_model_dir())
        self.official = official

    def entities(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[EntitySpan]:
        """Entities of ``text``, sentence by sentence, as character spans of the original text."""
        token_rows = [tokenize(text[start:end]) for start, end in sentences]
        offsets = [[(start + t.start, start + t.end) for t in row] for (start, _), row in zip(sentences, token_rows)]
        batch = [[t.text for t in row] for row in token_rows if row]
        if not batch:
            return []
        doc = load_pipeline(self.model_dir, self.official)(batch)
        ranks = word_ranks(self.model_dir or default_model_dir())
        result: list[EntitySpan] = []
        for sentence, spans in zip(doc.sentences, (row for row in offsets if row)):
            tags = [token.ner for token in sentence.tokens]
            for first, last, label in tag_spans(tags):
                start, end = spans[first][0], spans[last - 1][1]
                start += proclitic_length(text[start:spans[first][1]], ranks)
                result.append(EntitySpan(start, end, label, text[start:end]))
        return result
