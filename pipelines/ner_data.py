"""NER training data: corpus readers, the label mapping to PER / ORG / LOC / MISC, the dev split and the leak filter.

Every reader returns sentences as lists of ``(token, label)`` pairs with BIO labels over the four CoNLL types.
Tokens keep their clitics attached, as in ANERcorp and as ``kg.arabic.tokenize`` produces them at runtime.

Label mapping (written down here, and in kg/models/ar_ner/MODEL_CARD.md):

* ANERcorp: ``PERS`` -> ``PER``; ``ORG``, ``LOC``, ``MISC`` unchanged.
* AQMAR: ``MIS0``-``MIS3`` (and the typos ``MIS``, ``MIS-1``, ``MISS1``, ``MIS1```, ``ENGLISH``, ``SPANISH``) -> ``MISC``;
  ``I--ORG`` -> ``I-ORG``; ``OO`` / ``IO`` -> ``O``.
* WikiFANE / NewsFANE fine types: ``FANE_TYPES`` below; people as a group (``Group``: العرب, المسلمين) -> ``O``, as
  ANERcorp leaves them untagged. The split proclitics و ف ب ل ك are joined back to the next token and the split
  pronoun suffixes (ه ها هم هما هن) to the previous one, so tokens look like ANERcorp's.
* PAN-X: ``PER``, ``ORG``, ``LOC`` unchanged (no ``MISC``); the ``ar:`` prefix is stripped.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from kg.arabic import normalize

Sentence = list[tuple[str, str]]
TYPES = ("PER", "ORG", "LOC", "MISC")

_PER = "Politician Religious_PER Artist Other_PER Scientist Athlete Businessperson Engineer Lawyer Police"
_ORG = "Government Non-Governmental Commercial Educational Media Sports Religious_ORG Medical-Science Entertainment"
_LOC = (
    "Nation Population-Center State-or-Province Continent GPE-Cluster County-or-District Water-Body "
    "Land-Region-Natural Celestial Building-Grounds Path Airport Subarea-Facility Address Boundary Plant-Facility"
)
_MISC = (
    "Book Movie Sound Software Hardware Air Water Land Food Drug Chemical Nuclear Projectile Shooting Blunt "
    "Exploding Sharp Plant"
)
#: FANE fine type -> CoNLL type; a type mapped to ``None`` is not an entity for this model.
FANE_TYPES: dict[str, str | None] = {
    **{t: "PER" for t in _PER.split()},
    **{t: "ORG" for t in _ORG.split()},
    **{t: "LOC" for t in _LOC.split()},
    **{t: "MISC" for t in _MISC.split()},
    "Group": None,
}

_AQMAR_MISC = re.compile(r"^(MIS[S\-]?\d?`?|ENGLISH|SPANISH)$")
_PROCLITICS = frozenset("وفبلك")
_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن"})
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def map_label(label: str, corpus: str) -> str:
    """A corpus label as a BIO label over PER / ORG / LOC / MISC (``O`` when the type is not kept)."""
    label = label.strip()
    if label in ("O", "OO", "IO", ""):
        return "O"
    prefix, _, kind = label.partition("-")
    kind = kind.lstrip("-")
    if prefix not in ("B", "I") or not kind:
        raise ValueError(f"not a BIO label: {label!r}")
    if corpus == "fane":
        if kind not in FANE_TYPES:
            raise ValueError(f"unknown FANE type: {label!r}")
        mapped = FANE_TYPES[kind]
    elif corpus == "aqmar" and _AQMAR_MISC.match(kind):
        mapped = "MISC"
    else:
        mapped = {"PERS": "PER"}.get(kind, kind)
    if mapped is None:
        return "O"
    if mapped not in TYPES:
        raise ValueError(f"unmapped label {label!r} in {corpus}")
    return f"{prefix}-{mapped}"


def repair_bio(sentence: Sentence) -> Sentence:
    """An ``I-X`` that does not continue an entity of type X becomes ``B-X``."""
    out: Sentence = []
    previous = "O"
    for token, label in sentence:
        if label.startswith("I-") and previous[2:] != label[2:]:
            label = "B-" + label[2:]
        out.append((token, label))
        previous = label
    return out


def read_columns(path: Path, corpus: str) -> list[Sentence]:
    """Read a ``token label`` file (space or tab, blank line between sentences; BOM, CRLF and U+200E removed)."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.replace("\u200e", "").replace("\u200f", "").split()
        if not parts:
            if current:
                sentences.append(current)
            current = []
        elif len(parts) >= 2:
            token = parts[0].removeprefix("ar:") if corpus == "panx" else parts[0]
            if token:  # a PAN-X token that was only a direction mark
                current.append((token, map_label(parts[-1], corpus)))
    if current:
        sentences.append(current)
    return [repair_bio(s) for s in sentences]


def join_clitics(sentence: Sentence) -> Sentence:
    """Join FANE's split clitics back to their word: ``و`` + ``الشام`` -> ``والشام``; ``كتاب`` + ``ه`` -> ``كتابه``.

    A joined proclitic takes the label of its word; a joined suffix keeps the label of the word it ends.
    """
    out: Sentence = []
    pending = ""
    for token, label in sentence:
        if token in _PROCLITICS:
            pending += token
            continue
        if token in _ENCLITICS and not pending and out and _ARABIC_LETTER.search(out[-1][0][-1]):
            out[-1] = (out[-1][0] + token, out[-1][1])
            continue
        out.append((pending + token, label))
        pending = ""
    if pending:
        out.append((pending, "O"))
    return repair_bio(out)


def sentence_key(tokens: Iterable[str]) -> str:
    """Matching key of a sentence, robust to spelling variants (alef forms, diacritics) and spacing."""
    return normalize("".join(tokens)).replace(" ", "")


def drop_leaks(sentences: list[Sentence], held_out: list[Sentence]) -> list[Sentence]:
    """The sentences whose text does not occur in ``held_out`` (exact match after normalisation)."""
    keys = {sentence_key(t for t, _ in s) for s in held_out}
    return [s for s in sentences if sentence_key(t for t, _ in s) not in keys]


def split_dev(sentences: list[Sentence], every: int = 10) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): every ``every``-th sentence goes to dev, so dev spans all of ANERcorp's articles."""
    train = [s for i, s in enumerate(sentences) if i % every != every - 1]
    dev = [s for i, s in enumerate(sentences) if i % every == every - 1]
    return train, dev


def load_corpus(shared: Path, name: str) -> list[Sentence]:
    """One corpus by name: anercorp-train, anercorp-test, aqmar, wikifane, newsfane, panx."""
    root = shared / "corpora"
    if name == "anercorp-train":
        return read_columns(root / "anercorp/ANERCorp_CamelSplit_train.txt", "anercorp")
    if name == "anercorp-test":
        return read_columns(root / "anercorp/ANERCorp_CamelSplit_test.txt", "anercorp")
    if name == "aqmar":
        return read_columns(root / "aqmar/AQMAR_Arabic_NER_corpus-1.0.txt", "aqmar")
    if name in ("wikifane", "newsfane"):
        file = "WikiFANE_Gold_2014_500K.txt" if name == "wikifane" else "NewsFANE_Gold_2014_170K.txt"
        return [join_clitics(s) for s in read_columns(root / "fane" / file, "fane")]
    if name == "panx":
        return read_columns(root / "panx_ar/train", "panx")
    raise ValueError(f"unknown corpus: {name}")


def build_splits(shared: Path, extra: Iterable[str] = ()) -> dict[str, list[Sentence]]:
    """train (ANERcorp train minus dev, plus ``extra`` corpora), dev and test; nothing of test leaks into train."""
    test = load_corpus(shared, "anercorp-test")
    train, dev = split_dev(load_corpus(shared, "anercorp-train"))
    for name in extra:
        train += drop_leaks(load_corpus(shared, name), test + dev)
    return {"train": drop_leaks(train, test), "dev": drop_leaks(dev, test), "test": test}


def write_stanza_json(sentences: list[Sentence], path: Path) -> None:
    """Write sentences in the JSON layout Stanza's NER trainer reads: ``[[{"text", "ner"}, ...], ...]``."""
    data = [[{"text": token, "ner": label} for token, label in s] for s in sentences]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
