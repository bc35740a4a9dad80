"""Score an NER model on the ANERcorp test split (``make model-eval``): exact-span entity P / R / F1 per type.

The model runs on the corpus's own tokens (passed pre-tokenised); an entity counts as found only when its first
token, last token and type all match the gold one. The last line printed is ``entity F1: 0.xxx``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ner_data import TYPES, load_corpus

from kg.ner.stanza import default_model_dir, load_pipeline, tag_spans

Counts = dict[str, list[int]]  # type -> [true positives, predicted, gold]


def count(gold: list[list[str]], predicted: list[list[str]]) -> Counts:
    """Per-type counts of exactly matching, predicted and gold entity spans."""
    counts: Counts = {t: [0, 0, 0] for t in TYPES}
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        gold_spans = {s for s in tag_spans(gold_tags)}
        predicted_spans = {s for s in tag_spans(predicted_tags)}
        for span in predicted_spans:
            counts.setdefault(span[2], [0, 0, 0])[1] += 1
            counts[span[2]][0] += span in gold_spans
        for span in gold_spans:
            counts.setdefault(span[2], [0, 0, 0])[2] += 1
    return counts


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 where undefined)."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(shared: Path, model_dir: Path) -> Counts:
    """Counts of the model in ``model_dir`` on the ANERcorp test split."""
    sentences = load_corpus(shared, "anercorp-test")
    doc = load_pipeline(model_dir)([[token for token, _ in s] for s in sentences])
    predicted = [[token.ner for token in sentence.tokens] for sentence in doc.sentences]
    return count([[label for _, label in s] for s in sentences], predicted)


def report(counts: Counts) -> str:
    """A table of P / R / F1 per type and overall; the last line is ``entity F1: 0.xxx``."""
    lines = [f"{'type':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]
    for kind, (tp, predicted, gold) in sorted(counts.items()):
        p, r, f = prf(tp, predicted, gold)
        lines.append(f"{kind:<8}{p:7.3f}{r:7.3f}{f:7.3f}{gold:7d}")
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    p, r, f = prf(*total)
    lines.append(f"{'overall':<8}{p:7.3f}{r:7.3f}{f:7.3f}{total[2]:7d}")
    lines.append(f"entity F1: {f:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="folder holding corpora/")
    parser.add_argument("--model-dir", type=Path, default=default_model_dir())
    args = parser.parse_args(argv)
    print(report(evaluate(args.shared, args.model_dir)))


if __name__ == "__main__":
    main()
