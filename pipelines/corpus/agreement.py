"""Inter-annotator agreement: the second, independent annotation (ann2/) scored against the first (ann/) with
../shared/eval/score.py, lenient and strict, as F1 of one against the other.

    python pipelines/corpus/agreement.py [--verbose]
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"


def as_extraction(doc: dict) -> dict:
    """A gold document in the shape score.py reads as a system's output."""
    return {"doc": doc["doc"],
            "actors": [{"id": a["id"], "type": a["type"], "mentions": a.get("surface_forms", [])}
                       for a in doc["actors"] if not a.get("optional")],
            "relations": [{"source": r["source"], "target": r["target"], "relation": r["type"],
                           "subtype": r["subtype"], "status": r["status"], "evidence": r["evidence"]}
                          for r in doc["relations"]]}


def main() -> int:
    second = sorted(p.stem for p in (HERE / "ann2").glob("*.json"))
    both = [d for d in second if (HERE / "ann" / f"{d}.json").is_file()]
    first_docs = [json.loads((HERE / "ann" / f"{d}.json").read_text(encoding="utf-8")) for d in both]
    second_docs = [json.loads((HERE / "ann2" / f"{d}.json").read_text(encoding="utf-8")) for d in both]
    with tempfile.TemporaryDirectory() as tmp:
        gold, found = Path(tmp) / "first.json", Path(tmp) / "second.jsonl"
        gold.write_text(json.dumps({"schema": "conflict-kg-gold/1", "documents": first_docs}, ensure_ascii=False),
                        encoding="utf-8")
        found.write_text("".join(json.dumps(as_extraction(d), ensure_ascii=False) + "\n" for d in second_docs),
                         encoding="utf-8")
        print(f"{len(both)} articles annotated twice (first pass as reference, second as prediction)")
        return subprocess.call([sys.executable, str(SHARED / "eval/score.py"), str(gold), str(found), *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
