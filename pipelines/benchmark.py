"""Speed and memory of the extraction pipeline on this machine; prints its figures.

    python pipelines/benchmark.py [--ner stanza|lexicon] [--copies 20]

Runs the sample articles (examples/articles), replicated ``--copies`` times, through ``kg.build`` into a temporary
directory and prints: model/knowledge-base load time, documents/s, tokens/s, characters/s, and peak memory (RSS).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.arabic import tokenize  # noqa: E402
from kg.build import build  # noqa: E402
from kg.pipeline import Pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ner", action="append", choices=["stanza", "lexicon"],
                        help="backend(s) to measure (default: both)")
    parser.add_argument("--copies", type=int, default=20, help="times the sample articles are repeated")
    parser.add_argument("--shared", help="unused; accepted for the Makefile's uniform call")
    args = parser.parse_args(argv)
    articles = sorted((ROOT / "examples" / "articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in articles]
    tokens = sum(len(tokenize(t)) for t in texts) * args.copies
    chars = sum(len(t) for t in texts) * args.copies
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        for copy in range(args.copies):
            for path, text in zip(articles, texts):
                (inputs / f"{path.stem}_{copy}.txt").write_text(text, encoding="utf-8")
        for ner in args.ner or ["lexicon", "stanza"]:
            started = time.perf_counter()
            pipeline = Pipeline(ner)
            pipeline.extract(texts[0])  # the first call loads models lazily
            load = time.perf_counter() - started
            started = time.perf_counter()
            result = build([inputs], Path(tmp) / f"out_{ner}", pipeline, progress=False)
            seconds = time.perf_counter() - started
            docs = result.report["counts"]["ok"]
            print(f"[{ner}] {docs} documents, {tokens:,} tokens, {chars:,} characters")
            print(f"[{ner}] load {load:.1f} s; build {seconds:.1f} s (extraction + graph + 5 outputs)")
            print(f"[{ner}] {docs / seconds:.1f} documents/s, {tokens / seconds:,.0f} tokens/s, "
                  f"{chars / seconds:,.0f} characters/s")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
