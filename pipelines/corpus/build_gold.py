"""Assemble the corpus gold files from the per-article annotations, adding mention offsets, and check them.

    python pipelines/corpus/build_gold.py                 # ann/*.json -> gold.{train,dev,test}.json (splits.json)
    python pipelines/corpus/build_gold.py --check ID...   # check some annotations (an annotator's own check)

``ann/<id>.json`` holds one gold document (schema conflict-kg-gold/1, one entry of ``documents``). Mentions are
not written by hand: every occurrence of every surface form in the article becomes a mention
``{"start", "end", "actor"}`` (longest form first, no overlaps, whole words with an attached و/ف/ب/ل/ك allowed, and
the ل + ال contraction), so the offsets follow the annotator's surface forms exactly.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
SCHEMA = "conflict-kg-gold/1"
SPLITS = ("train", "dev", "test")
#: letters that may be attached before a name (conjunctions and prepositions); the guidelines strip them
PROCLITICS = "وفبلك"
ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3]")


def _is_word_char(ch: str) -> bool:
    return bool(ARABIC_LETTER.match(ch)) or ch.isalnum()


def _variants(form: str) -> list[str]:
    return [form, "لل" + form[2:]] if form.startswith("ال") else [form]


def mention_spans(text: str, actors: list[dict]) -> list[dict]:
    """Every non-overlapping whole-word occurrence of the actors' surface forms, longest first."""
    forms = sorted({(form, actor["id"]) for actor in actors for form in actor.get("surface_forms", [])},
                   key=lambda item: (-len(item[0]), item[0], item[1]))
    taken = [False] * len(text)
    mentions = []
    for form, actor in forms:
        for variant in _variants(form):
            for match in re.finditer(re.escape(variant), text):
                start, end = match.span()
                if any(taken[start:end]):
                    continue
                after_ok = end == len(text) or not _is_word_char(text[end])
                before = text[:start]
                prefix = re.search(r"([" + PROCLITICS + r"]{0,2})$", before).group(1) if before else ""
                head = start - len(prefix)
                before_ok = head == 0 or not _is_word_char(text[head - 1])
                if variant != form:  # لل + rest: the ل is the preposition, the span is the name without it
                    start += 1
                if not (after_ok and before_ok):
                    continue
                for i in range(start, end):
                    taken[i] = True
                mentions.append({"start": start, "end": end, "actor": actor})
    return sorted(mentions, key=lambda m: (m["start"], m["end"]))


def load_annotation(doc_id: str, folder: str = "ann") -> dict:
    doc = json.loads((HERE / folder / f"{doc_id}.json").read_text(encoding="utf-8"))
    if doc.get("doc") != doc_id:
        raise SystemExit(f"{folder}/{doc_id}.json: its doc field is {doc.get('doc')!r}")
    return doc


def with_mentions(doc: dict) -> dict:
    text = (HERE / "articles" / f"{doc['doc']}.txt").read_text(encoding="utf-8")
    return {**doc, "mentions": mention_spans(text, doc.get("actors", []))}


def check(documents: list[dict]) -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as tmp:
        json.dump({"schema": SCHEMA, "documents": documents}, tmp, ensure_ascii=False)
    return subprocess.call([sys.executable, str(SHARED / "eval/check_gold.py"), tmp.name, str(HERE / "articles")])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", nargs="+", metavar="ID", help="check these annotations only")
    parser.add_argument("--ann-dir", default="ann", help="folder of the annotations to check (ann2: the second pass)")
    args = parser.parse_args()
    if args.check:
        return check([load_annotation(doc_id, args.ann_dir) for doc_id in args.check])
    splits = json.loads((HERE / "splits.json").read_text(encoding="utf-8"))
    status = 0
    for split in SPLITS:
        missing = [doc_id for doc_id in splits[split] if not (HERE / "ann" / f"{doc_id}.json").is_file()]
        if missing:
            print(f"{split}: {len(missing)} articles not annotated yet: {' '.join(missing)}")
        documents = [with_mentions(load_annotation(doc_id)) for doc_id in splits[split] if doc_id not in missing]
        path = HERE / f"gold.{split}.json"
        path.write_text(json.dumps({"schema": SCHEMA, "documents": documents}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        relations = sum(len(d["relations"]) for d in documents)
        mentions = sum(len(d["mentions"]) for d in documents)
        print(f"{split}: {len(documents)} articles, {relations} relations, {mentions} mentions -> {path.name}")
        status |= check(documents)
    return status


if __name__ == "__main__":
    sys.exit(main())
