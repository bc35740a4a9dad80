"""The ``kg`` command line. ``main(argv) -> int``; library errors become one clear line on stderr."""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from kg.build import MAX_CHARS, OUTPUT_FILES, build
from kg.errors import KgError
from kg.ner import BACKENDS
from kg.pipeline import Pipeline

DESCRIPTION = """conflict-kg: Arabic news articles -> a knowledge graph of conflict actors.

Finds actors (states, militias, agencies, commanders) with Stanza NER and an actor knowledge base, extracts
allegiance edges (loyal_to, backed_by, part_of, leader_of, ...) and clash edges (armed_clash, attack, threat,
rivalry, arrest) with the sentence that states each one, and writes an interactive map, GraphML/GEXF for Gephi
and JSONL."""

BUILD_EPILOG = """outputs (in OUT):
  graph.html         interactive map: opens offline in any browser; filters, search, evidence panel
  graph.graphml      for Gephi / yEd / igraph: scalar attributes, integer r/g/b colours
  graph.gexf         for Gephi: viz colour, size and position
  extractions.jsonl  one JSON line per document: actors with mentions, relations with evidence
  report.json        every input with its status (ok / skipped and why), counts, timings, versions

inputs: .txt files (id = file stem), directories (searched recursively for .txt and .jsonl), JSONL files with
{"id", "text", "url"?, "published"?, "source"?} per line, or - for stdin. Unreadable inputs are skipped with a
one-line message and listed in report.json; the rest still build.

examples:
  kg build examples/articles -o out
  kg build news.jsonl --ner lexicon -o out
  cat article.txt | kg build - -o out"""


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg``."""
    top = argparse.ArgumentParser(prog="kg", description=DESCRIPTION,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    from importlib.metadata import version

    top.add_argument("--version", action="version", version=f"conflict-kg {version('conflict-kg')}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    b = commands.add_parser("build", help="build articles into a graph, a map and Gephi files",
                            description="Build Arabic articles into a conflict-actor graph.", epilog=BUILD_EPILOG,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, JSONL file, or - for stdin")
    b.add_argument("-o", "--out", default="out", help="output directory (default: out)")
    b.add_argument("--ner", default="stanza", choices=[*BACKENDS, "stanza-official"],
                   help="mention finder besides the knowledge base: stanza = the shipped Arabic model (default); "
                        "lexicon = no model, fast; stanza-official = Stanza's downloaded Arabic models (internet)")
    b.add_argument("--relations", default="learned", choices=["learned", "rules"],
                   help="relation extractor: the learned classifier (default) or the hand-written rules alone")
    b.add_argument("--model-dir", help="directory of another Stanza NER model (ner.pt, pretrain.pt, charlms)")
    b.add_argument("--kb", action="append", default=[], metavar="FILE",
                   help="extra actor knowledge base (JSONL, same schema as kg/data/actors.jsonl); repeatable")
    b.add_argument("--kb-replace", action="store_true", help="use only the --kb files, not the shipped base")
    b.add_argument("--max-chars", type=int, default=MAX_CHARS,
                   help=f"skip documents longer than this (default {MAX_CHARS:,} characters)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg``; returns the exit status (0 ok, 1 error, 2 usage)."""
    args = parser().parse_args(argv)
    if args.command != "build":
        parser().print_help()
        return 2
    try:
        pipeline = Pipeline(args.ner, kb_files=args.kb, replace_kb=args.kb_replace, model_dir=args.model_dir,
                            relations=args.relations)
        result = build(args.inputs, args.out, pipeline, progress=False if args.quiet else None,
                       max_chars=args.max_chars)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the output directory cannot be created or written
        print(f"kg: error: cannot write {exc.filename or args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    counts = result.report["counts"]
    print(f"kg: {counts['ok']} of {counts['documents']} documents -> {counts['actors']} actors, "
          f"{counts['edges']} edges; wrote {', '.join(OUTPUT_FILES)} to {args.out}", file=sys.stderr)
    return 0 if counts["ok"] or not counts["documents"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
