"""The learned relation extractor: a classifier over the candidates of ``kg.relations.candidates``.

Two scikit-learn logistic regressions, trained by ``pipelines/train_relations.py`` on the annotated corpus
(pipelines/corpus train, chosen on dev) and shipped in ``kg/models/relations/`` as plain arrays (no pickle):
- the relation model labels a candidate ``none``, or ``<subtype>>`` (first -> second), ``<subtype><`` (second ->
  first), ``<subtype>=`` (armed_clash and rivalry, which have no direction);
- the status model labels a relation current, former or attempted.
The rule extractor's relations are kept (they are precise where their constructions apply, and the model reads them
as features); the model adds relations for the actor pairs the rules left unrelated. Its probability is the edge's
confidence; below ``threshold`` (chosen on dev) no edge is drawn. Negation, denial and speculation cues in the
clause cancel a model relation.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from kg.errors import ModelError
from kg.relations.candidates import Candidate
from kg.types import SUBTYPES, SYMMETRIC_SUBTYPES, Evidence, Relation

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "relations"
NONE = "none"
CANCELLING_CUES = ("cue:negation", "cue:denial", "cue:speculation")
RELATION_OF = {subtype: relation for relation, subtypes in SUBTYPES.items() for subtype in subtypes}


def label_of(subtype: str, forward: bool) -> str:
    """The class name of a relation between a candidate's first and second actor."""
    if subtype in SYMMETRIC_SUBTYPES:
        return subtype + "="
    return subtype + (">" if forward else "<")


@dataclass
class LinearModel:
    """A fitted DictVectorizer + LogisticRegression, saved as arrays."""

    vectorizer: DictVectorizer
    classifier: LogisticRegression

    def probabilities(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        return self.classifier.predict_proba(self.vectorizer.transform(features))

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.classifier.classes_]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, vocabulary=np.array(self.vectorizer.feature_names_, dtype=str),
                            classes=np.array(self.classes, dtype=str),
                            coef=self.classifier.coef_.astype(np.float32),
                            intercept=self.classifier.intercept_.astype(np.float32))

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["vocabulary"]]
            vectorizer = DictVectorizer()
            vectorizer.feature_names_ = names
            vectorizer.vocabulary_ = {name: i for i, name in enumerate(names)}
            classifier = LogisticRegression()
            classifier.classes_ = np.array([str(c) for c in data["classes"]])
            classifier.coef_ = data["coef"].astype(np.float64)
            classifier.intercept_ = data["intercept"].astype(np.float64)
        return cls(vectorizer, classifier)


class RelationClassifier:
    """Decides the relations of a document's candidates. Load once per process (``load_classifier``)."""

    def __init__(self, relation_model: LinearModel, status_model: LinearModel, threshold: float) -> None:
        self.relation_model, self.status_model, self.threshold = relation_model, status_model, threshold

    def relations(self, doc_id: str, candidates: Sequence[Candidate],
                  rule_relations: Sequence[Relation] = ()) -> list[Relation]:
        """The rules' relations, plus the model's for actor pairs the rules left unrelated; one relation per
        (source, target, subtype, status), with its most confident evidence."""
        stated = {_pair(r) for r in rule_relations}
        learned = [r for r in self._decide(doc_id, candidates) if _pair(r) not in stated]
        return [*rule_relations, *learned]

    def _decide(self, doc_id: str, candidates: Sequence[Candidate]) -> list[Relation]:
        if not candidates:
            return []
        probabilities = self.relation_model.probabilities([c.features for c in candidates])
        classes = self.relation_model.classes
        chosen: list[tuple[Candidate, str, float]] = []
        for candidate, row in zip(candidates, probabilities):
            best = int(np.argmax(row))
            label, confidence = classes[best], float(row[best])
            if label == NONE or confidence < self.threshold:
                continue
            if any(cue in candidate.features for cue in CANCELLING_CUES) and not candidate.rule:
                continue
            chosen.append((candidate, label, confidence))
        if not chosen:
            return []
        statuses = self.status_model.probabilities([with_label(c.features, label) for c, label, _ in chosen])
        status_classes = self.status_model.classes
        found: dict[tuple, Relation] = {}
        for (candidate, label, confidence), status_row in zip(chosen, statuses):
            subtype, direction = label[:-1], label[-1]
            source, target = (candidate.second, candidate.first) if direction == "<" else (candidate.first,
                                                                                             candidate.second)
            status = status_classes[int(np.argmax(status_row))]
            relation = Relation(source.actor_id, target.actor_id, RELATION_OF[subtype], subtype, status,
                                round(confidence, 3),
                                Evidence(doc_id, candidate.sentence.text, trigger_text(candidate, subtype)))
            key = (relation.source, relation.target, subtype, status)
            if key not in found or found[key].confidence < relation.confidence:
                found[key] = relation
        return sorted(found.values(), key=lambda r: (r.evidence.sentence, r.source, r.target, r.subtype))


def _pair(relation: Relation) -> tuple:
    ends = (relation.source, relation.target)
    return (*(sorted(ends) if relation.relation == "clash" else ends), relation.relation)


def with_label(features: dict[str, float], label: str) -> dict[str, float]:
    """The status model's features: the candidate's, and the relation label chosen for it."""
    return {**features, "label:" + label: 1.0}


def trigger_text(candidate: Candidate, subtype: str) -> str:
    """The words that state the relation, as written: the rule's trigger when a rule gave this subtype, else the
    words between the two actors (at most six)."""
    for relation in candidate.rule:
        if relation.subtype == subtype:
            return relation.evidence.trigger
    return " ".join(candidate.between.split()[:6])


@lru_cache(maxsize=4)
def load_classifier(model_dir: str | Path | None = None) -> RelationClassifier:
    """The shipped (or given) relation model, read once per process."""
    folder = Path(model_dir) if model_dir else DEFAULT_MODEL_DIR
    try:
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        return RelationClassifier(LinearModel.load(folder / "relation.npz"), LinearModel.load(folder / "status.npz"),
                                  float(meta["threshold"]))
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"relation model in {folder} cannot be loaded: {exc}") from exc
