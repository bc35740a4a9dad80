"""Word vectors for the NER model: gensim skip-gram on the tokenised text, cut to the most frequent words,
saved as a Stanza pretrain file (``stanza.models.common.pretrain.Pretrain``)."""
from __future__ import annotations

import logging
from pathlib import Path

from gensim.models import Word2Vec
from ner_text import read_lines
from stanza.models.common.pretrain import Pretrain

logger = logging.getLogger(__name__)


class _Lines:
    """Re-iterable token lists of a text file (gensim reads the corpus once per epoch)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self):
        return read_lines(self.path)


def train_vectors(text: Path, out_pt: Path, dim: int = 100, max_vocab: int = 40_000, epochs: int = 5,
                  workers: int = 2, seed: int = 1) -> Path:
    """Skip-gram vectors of the ``max_vocab`` most frequent tokens of ``text``, written as a Stanza pretrain."""
    model = Word2Vec(sentences=_Lines(text), vector_size=dim, window=5, min_count=3, sg=1, negative=5, sample=1e-4,
                     epochs=epochs, workers=workers, seed=seed, max_final_vocab=max_vocab)
    words = model.wv.index_to_key[:max_vocab]
    vec_file = out_pt.with_suffix(".vec")
    out_pt.parent.mkdir(parents=True, exist_ok=True)
    with vec_file.open("w", encoding="utf-8") as f:
        f.write(f"{len(words)} {dim}\n")
        for word in words:
            f.write(word + " " + " ".join(f"{x:.5f}" for x in model.wv[word]) + "\n")
    out_pt.unlink(missing_ok=True)
    Pretrain(str(out_pt), str(vec_file), max_vocab=-1, save_to_file=True).load()
    vec_file.unlink()
    logger.info("pretrain: %d words x %d dims -> %s", len(words), dim, out_pt)
    return out_pt
