"""The ``kg`` command line. ``main(argv) -> int``; library errors become one clear line on stderr."""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from kg.build import MAX_CHARS, OUTPUT_FILES, build
from kg.errors import KgError, printable
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
  extractions.jsonl  one JSON line per document (url, published, source): actors, relations with evidence
  relations.csv      one row per relation (date, dyad, outlet, url, sentence): UTF-8 with BOM for spreadsheets
  shifts.csv         actors whose patron or status changes over time, dated evidence on both sides
  report.json        every input with its status (ok / skipped and why), counts, timings, versions, and the
                     analyst views: allegiance blocs, brokers, shifts

inputs: .txt files (id = file stem; any encoding), saved .html pages (the article, its title, date and address),
directories (recursive), JSONL / .json files with {"id", "text", "url"?, "published"?, "source"?} records, or - for
stdin. Unreadable inputs (binary, FIFOs, too large, ...) are skipped with a one-line message and listed in
report.json; the rest still build. A run that builds no document writes nothing and exits 1.

examples:
  kg build examples/articles -o out
  kg build news.jsonl --ner lexicon -o out
  cat article.txt | kg build - -o out"""

GRAPH_EPILOG = """writes the same outputs as kg build (report.json lists the extraction files and the filters).

examples:
  kg graph out/extractions.jsonl -o out-2015 --since 2015-01-01 --until 2015-12-31
  kg graph a/extractions.jsonl b/extractions.jsonl -o merged --relation allegiance --min-confidence 0.7
  kg graph out/extractions.jsonl -o one-outlet --outlet aljazeera"""


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
    b.add_argument("-o", "--out", default="out", type=_output_dir, help="output directory (default: out)")
    b.add_argument("--ner", default="stanza", choices=[*BACKENDS, "stanza-official"],
                   help="mention finder besides the knowledge base: stanza = the shipped Arabic model (default); "
                        "lexicon = no model, fast; stanza-official = Stanza's downloaded Arabic models (internet)")
    b.add_argument("--relations", default="learned", choices=["learned", "rules"],
                   help="relation extractor: the learned classifier (default) or the hand-written rules alone")
    b.add_argument("--model-dir", help="directory of another Stanza NER model (ner.pt, pretrain.pt, charlms)")
    b.add_argument("--kb", action="append", default=[], metavar="FILE",
                   help="extra actor knowledge base (JSONL, same schema as kg/data/actors.jsonl); repeatable")
    b.add_argument("--kb-replace", action="store_true", help="use only the --kb files, not the shipped base")
    b.add_argument("--max-chars", type=_positive_int, default=MAX_CHARS,
                   help=f"skip documents longer than this (default {MAX_CHARS:,} characters)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    g = commands.add_parser("graph", help="rebuild every output from extractions.jsonl files, without the NLP",
                            description="Rebuild the graph, map, tables and Gephi files from extraction files "
                                        "(kg build's extractions.jsonl), optionally filtered.",
                            epilog=GRAPH_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    g.add_argument("inputs", nargs="+", metavar="EXTRACTIONS", help="extractions.jsonl file(s) written by kg build")
    g.add_argument("-o", "--out", default="out", help="output directory (default: out)")
    g.add_argument("--since", type=_iso_date, metavar="DATE",
                   help="only documents published on or after DATE (YYYY-MM-DD); undated documents are dropped")
    g.add_argument("--until", type=_iso_date, metavar="DATE",
                   help="only documents published on or before DATE (YYYY-MM-DD); undated documents are dropped")
    g.add_argument("--min-confidence", type=float, default=0.0, metavar="X", help="only relations with confidence >= X")
    g.add_argument("--relation", action="append", default=[], metavar="NAME",
                   help="only these relations: allegiance, clash, a subtype (backed_by) or both (clash/attack); "
                        "repeatable")
    g.add_argument("--outlet", action="append", default=[], metavar="SOURCE",
                   help="only documents from this outlet (the JSONL 'source'); repeatable")
    return top


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _output_dir(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the output directory cannot be empty")
    return text


def _iso_date(text: str) -> str:
    from kg.dates import iso_date

    if not (date := iso_date(text)):
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)")
    return date


def _graph(args: argparse.Namespace) -> int:
    from kg.extractions import Selection
    from kg.rebuild import rebuild

    selection = Selection(since=args.since or "", until=args.until or "", min_confidence=args.min_confidence,
                          relations=tuple(args.relation), outlets=tuple(args.outlet))
    try:
        result = rebuild(args.inputs, args.out, selection)
    except (KgError, OSError) as exc:
        return _error(exc, args.out)
    counts = result.report["counts"]
    print(f"kg: {counts['selected']} of {counts['documents']} documents -> {counts['actors']} actors, "
          f"{counts['edges']} edges; wrote {', '.join(result.outputs)} to {args.out}", file=sys.stderr)
    return 0


def _error(exc: KgError | OSError, out: str) -> int:
    """One line on stderr for a project error or an output that cannot be written; the exit status 1."""
    if isinstance(exc, KgError):
        print(f"kg: error: {printable(exc)}", file=sys.stderr)
    else:
        print(f"kg: error: cannot write {printable(exc.filename or out)}: {exc.strerror or exc}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg``; returns the exit status (0 ok, 1 error, 2 usage, 130 interrupted by Ctrl-C)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("kg: interrupted; outputs left as they were", file=sys.stderr)
        return 130


def _main(argv: Sequence[str] | None) -> int:
    top = parser()
    args = top.parse_args(argv)
    if args.command == "graph":
        return _graph(args)
    if args.command != "build":
        top.print_help()
        return 2
    if args.kb_replace and not args.kb:
        top.error("--kb-replace needs at least one --kb FILE (it replaces the shipped knowledge base with them)")
    try:
        pipeline = Pipeline(args.ner, kb_files=args.kb, replace_kb=args.kb_replace, model_dir=args.model_dir,
                            relations=args.relations)
        result = build(args.inputs, args.out, pipeline, progress=False if args.quiet else None,
                       max_chars=args.max_chars)
    except (KgError, OSError) as exc:
        return _error(exc, args.out)
    counts = result.report["counts"]
    print(f"kg: {counts['ok']} of {counts['documents']} documents -> {counts['actors']} actors, "
          f"{counts['edges']} edges; wrote {', '.join(OUTPUT_FILES)} to {printable(args.out)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
