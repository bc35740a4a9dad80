"""Copy the articles of one corpus split into a folder (what ``make eval-corpus`` builds).

    python pipelines/corpus/split_articles.py dev|test|train OUT_DIR
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    split, out = sys.argv[1], Path(sys.argv[2])
    documents = json.loads((HERE / f"gold.{split}.json").read_text(encoding="utf-8"))["documents"]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for doc in documents:
        shutil.copy(HERE / "articles" / f"{doc['doc']}.txt", out / f"{doc['doc']}.txt")
    print(f"{len(documents)} {split} articles -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
