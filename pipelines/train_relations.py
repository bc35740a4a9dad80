"""Train the learned relation extractor on the annotated corpus (``make relation-model``).

1. Every corpus article goes through the default pipeline up to relation extraction (Stanza NER, linking, the rule
   extractor), giving its candidates (kg.relations.candidates) and its actors.
2. The pipeline's actors are aligned to the gold actors with the scorer's own matching (../shared/eval/score.py);
   a candidate is labelled with the gold relation between its two actors whose evidence overlaps its sentence
   (``none`` otherwise). Candidates touching an optional gold actor are left out, and so are those the rules
   already relate: the rules' relations are kept as they are, the model decides the other pairs.
3. Logistic regressions (scikit-learn) are fitted on train for a grid of C and class weights; the relation model,
   the status model and the confidence threshold are chosen by relation F1 on dev (score.py, lenient; strict breaks
   ties) among the settings that keep the five sample articles (../shared/seeds) at >= ``SAMPLES_FLOOR`` relation F1.
   The test split is scored once, at the end, and only printed.
4. The chosen model is written to kg/models/relations/ (relation.npz, status.npz, model.json with the scores).

    python pipelines/train_relations.py --shared ../shared [--reuse]   (--reuse: the cached candidates in build/)
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from kg import Pipeline
from kg.relations.learned import DEFAULT_MODEL_DIR, NONE, LinearModel, RelationClassifier, label_of, with_label
from kg.types import Document, Extraction

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "pipelines" / "corpus"
CACHE = ROOT / "build" / "relations" / "candidates.pkl"
SPLITS = ("train", "dev", "test")
C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
SAMPLES_FLOOR = 0.75


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(pipeline: Pipeline, gold_docs: list[dict], scorer, articles: Path = CORPUS / "articles") -> list[dict]:
    """Per document: its candidates with gold labels, and what the scorer needs (actors, the gold document)."""
    prepared = []
    for number, gold in enumerate(gold_docs, 1):
        text = (articles / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        analysis = pipeline.analyse(Document(id=gold["doc"], text=text))
        candidates = pipeline.candidates(analysis)
        found = _actors_json(pipeline, analysis)
        labels = label_candidates(candidates, gold, found, text, scorer)
        prepared.append({"doc": gold["doc"], "gold": gold, "actors": found,
                         "rule_relations": analysis.rule_relations,
                         "candidates": candidates, "labels": labels})
        print(f"\r  {number}/{len(gold_docs)} documents", end="", file=sys.stderr)
    print(file=sys.stderr)
    return prepared


def _actors_json(pipeline: Pipeline, analysis) -> list[dict]:
    from kg.pipeline import _actor_mentions
    actors = _actor_mentions(analysis.tokens, analysis.mentions, analysis.actors, analysis.rule_relations)
    return Extraction(analysis.doc, tuple(actors), ()).to_json()["actors"]


def label_candidates(candidates, gold: dict, found: list[dict], text: str, scorer) -> list[list[tuple[str, str]]]:
    """For each candidate, the (label, status) of every gold relation it expresses; None: leave it out."""
    gold_actors = [a for a in gold["actors"] if a.get("type") != "location"]
    optional = {a["id"] for a in gold_actors if a.get("optional")}
    mapping = scorer.match_actors(gold_actors, [a for a in found if a.get("type") != "location"])
    back = {f: g for g, f in mapping.items()}
    spans = []
    for relation in gold["relations"]:
        start = text.find(relation["evidence"])
        while start >= 0:
            spans.append((start, start + len(relation["evidence"]), relation))
            start = text.find(relation["evidence"], start + 1)
    labels = []
    for candidate in candidates:
        a, b = back.get(candidate.first.actor_id), back.get(candidate.second.actor_id)
        if a in optional or b in optional:
            labels.append(None)
            continue
        sentence = candidate.sentence
        found_labels = []
        for start, end, relation in spans:
            if start < sentence.end and sentence.start < end and {relation["source"], relation["target"]} == {a, b}:
                found_labels.append((label_of(relation["subtype"], relation["source"] == a), relation["status"]))
        labels.append(sorted(set(found_labels)))
    return labels


def training_rows(prepared: list[dict]):
    features, labels, status_features, statuses = [], [], [], []
    for doc in prepared:
        for candidate, found in zip(doc["candidates"], doc["labels"]):
            if found is None or candidate.rule:  # the model decides the pairs the rules left unrelated
                continue
            for label, status in found or [(NONE, "")]:
                features.append(candidate.features)
                labels.append(label)
                if label != NONE:
                    status_features.append(with_label(candidate.features, label))
                    statuses.append(status)
    return features, labels, status_features, statuses


def fit(features, labels, c: float, balanced: bool) -> LinearModel:
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(features)
    classifier = LogisticRegression(C=c, max_iter=2000, class_weight="balanced" if balanced else None)
    classifier.fit(matrix, labels)
    return LinearModel(vectorizer, classifier)


def evaluate(classifier: RelationClassifier | None, prepared: list[dict], scorer) -> dict:
    """score.py's lenient and strict totals over the documents (rules' relations when ``classifier`` is None)."""
    totals = {"relations": Counter(), "strict": Counter(), "actors": Counter()}
    for doc in prepared:
        found = doc["rule_relations"] if classifier is None else classifier.relations(
            doc["doc"], doc["candidates"], doc["rule_relations"])
        relations = Extraction(Document(doc["doc"], ""), (), tuple(found)).to_json()["relations"]
        result = scorer.score(doc["gold"], {"actors": doc["actors"], "relations": relations})
        for key in totals:
            tp, fp, fn = result[key]
            totals[key].update(tp=tp, fp=fp, fn=fn)
    out = {}
    for key, c in totals.items():
        p, r, f = scorer.prf(c["tp"], c["fp"], c["fn"])
        out[key] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    return out


def _line(name: str, scores: dict) -> str:
    rel, strict, actors = scores["relations"], scores["strict"], scores["actors"]
    return (f"{name:28s} relations P {rel['precision']:.3f} R {rel['recall']:.3f} F1 {rel['f1']:.3f} | strict F1 "
            f"{strict['f1']:.3f} | actors F1 {actors['f1']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--reuse", action="store_true", help="reuse build/relations/candidates.pkl")
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_DIR)
    args = parser.parse_args()
    scorer = load_scorer(args.shared)
    gold = {split: json.loads((CORPUS / f"gold.{split}.json").read_text(encoding="utf-8"))["documents"]
            for split in SPLITS}
    fingerprint = hashlib.sha256(json.dumps(gold, sort_keys=True).encode()).hexdigest()
    if args.reuse and CACHE.is_file():
        cached = pickle.loads(CACHE.read_bytes())
        data = cached["data"] if cached.get("fingerprint") == fingerprint else None
    else:
        data = None
    pipeline = Pipeline("stanza", relations="rules")
    seeds = json.loads((args.shared / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))["documents"]
    samples = prepare(pipeline, seeds, scorer, args.shared / "seeds")
    if data is None:
        started = time.perf_counter()
        data = {split: prepare(pipeline, gold[split], scorer) for split in SPLITS}
        print(f"candidates built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(pickle.dumps({"fingerprint": fingerprint, "data": data}))
    features, labels, status_features, statuses = training_rows(data["train"])
    print(f"train: {len(features)} candidates, {sum(1 for x in labels if x != NONE)} relations; "
          f"{Counter(labels).most_common(6)}")
    status_model = fit(status_features, statuses, 1.0, False)
    best = None
    for c in C_GRID:
        for balanced in (False, True):
            model = fit(features, labels, c, balanced)
            for threshold in THRESHOLDS:
                classifier = RelationClassifier(model, status_model, threshold)
                scores = evaluate(classifier, data["dev"], scorer)
                samples_f1 = evaluate(classifier, samples, scorer)["relations"]["f1"]
                key = (scores["relations"]["f1"], scores["strict"]["f1"])
                print(_line(f"C={c} balanced={balanced} t={threshold}", scores) + f" | samples F1 {samples_f1:.3f}")
                if samples_f1 >= SAMPLES_FLOOR and (best is None or key > best[0]):
                    best = (key, c, balanced, threshold, model, scores)
    _, c, balanced, threshold, model, dev_scores = best
    classifier = RelationClassifier(model, status_model, threshold)
    results = {"train": evaluate(classifier, data["train"], scorer), "dev": dev_scores,
               "samples": evaluate(classifier, samples, scorer),
               "test": evaluate(classifier, data["test"], scorer),
               "rules_dev": evaluate(None, data["dev"], scorer), "rules_test": evaluate(None, data["test"], scorer)}
    for name, scores in results.items():
        print(_line(name, scores))
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(args.out / "relation.npz")
    status_model.save(args.out / "status.npz")
    meta = {"threshold": threshold, "C": c, "class_weight": "balanced" if balanced else None,
            "train_candidates": len(features), "train_relations": sum(1 for x in labels if x != NONE),
            "features": len(model.vectorizer.feature_names_), "classes": model.classes,
            "documents": {split: len(gold[split]) for split in SPLITS}, "scores": results}
    (args.out / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"chosen: C={c} balanced={balanced} threshold={threshold} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
