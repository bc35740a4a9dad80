"""How the HTML map copes with a large graph: write time, file size, and load-to-interactive in headless Chromium.

    .venv/bin/python pipelines/bench_map.py [--nodes 2000] [--edges 5000] [--runs 3]

Builds a seeded random MultiDiGraph shaped like the pipeline's output, writes it with kg.export.html.write_html,
opens it from file:// with every network request blocked, and times navigation start -> window.kgReady (the layout
has stabilised and physics is off, the map answers clicks).
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from kg.export.html import write_html
from kg.export.style import ACTOR_COLOURS
from kg.types import SUBTYPES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def random_graph(nodes: int, edges: int, seed: int) -> nx.MultiDiGraph:
    """A graph with the pipeline's attributes: Arabic names, typed actors, subtyped edges with evidence."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(ARABIC_LETTERS) for _ in range(rng.randint(3, 7)))

    graph = nx.MultiDiGraph(name=f"benchmark {nodes} x {edges}")
    for index in range(nodes):
        graph.add_node(f"a{index}", label=f"Actor {index}", name_ar=f"{word()} {word()}",
                       actor_type=rng.choice(list(ACTOR_COLOURS)), mention_count=rng.randint(1, 40),
                       documents=[f"doc{rng.randrange(500)}" for _ in range(rng.randint(1, 4))],
                       discovered=rng.random() < 0.2, qid="")
    # preferential attachment, like real actor graphs: a few hubs (states, big groups), many leaves
    ends = [f"a{index}" for index in range(nodes)]
    added = 0
    while added < edges:
        source, target = rng.choice(ends), rng.choice(ends)
        relation = rng.choice(list(SUBTYPES))
        subtype = rng.choice(SUBTYPES[relation])
        if source == target or graph.has_edge(source, target, key=f"{relation}/{subtype}"):
            continue
        status = rng.choices(["current", "former", "attempted"], [6, 3, 1])[0]
        evidence = [{"doc": f"doc{rng.randrange(500)}", "sentence": " ".join(word() for _ in range(14)),
                     "trigger": word(), "status": status, "confidence": round(rng.random(), 2)}
                    for _ in range(rng.randint(1, 3))]
        graph.add_edge(source, target, key=f"{relation}/{subtype}", relation=relation, subtype=subtype, status=status,
                       weight=len(evidence), confidence=round(rng.random(), 2), evidence=evidence)
        ends += [source, target]
        added += 1
    return graph


REDRAW_MS = """() => new Promise((done) => {
  const start = performance.now();
  kg.network.once("afterDrawing", () => done(performance.now() - start));
  kg.network.redraw();
})"""


def open_map(browser, path: Path) -> tuple[float, float]:
    """Milliseconds from navigation start to window.kgReady, and for one full redraw; the network is blocked."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=120_000, polling=50)
    ready, redraw = page.evaluate("window.kgReadyAt"), page.evaluate(REDRAW_MS)
    context.close()
    return ready, redraw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-o", "--out", type=Path, default=Path(tempfile.gettempdir()) / "bench_map.html")
    args = parser.parse_args(argv)

    graph = random_graph(args.nodes, args.edges, args.seed)
    start = time.perf_counter()
    path = write_html(graph, args.out, title="bench_map")
    write_s = time.perf_counter() - start
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ready, redraw = zip(*(open_map(browser, path) for _ in range(args.runs)))
        browser.close()
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges (seed {args.seed})")
    print(f"write_html: {write_s:.2f} s, file: {path.stat().st_size / 1e6:.2f} MB ({path})")
    print(f"load-to-interactive: median {statistics.median(ready) / 1000:.2f} s over {args.runs} runs "
          f"({', '.join(f'{t / 1000:.2f}' for t in ready)} s)")
    print(f"one full redraw (pan/zoom frame): median {statistics.median(redraw):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
