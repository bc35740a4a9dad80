"""The HTML map in headless Chromium with every network request blocked: it draws, searches, filters, explains.

Skips when /usr/bin/chromium is missing, unless KG_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import networkx as nx
import pytest
from map_data import ACTORS as BASE_ACTORS
from map_data import HOSTILE_NAME, HOSTILE_SENTENCE

from kg.export.html import write_html
from kg.views import annotate

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ACTORS = [*BASE_ACTORS, ("evil", HOSTILE_NAME, HOSTILE_NAME, "armed_group", True),
          ("lonely", "جيش وحيد", "Lonely Army", "armed_group", False)]
DOCUMENTS = {  # document: outlet, published, url (a feed's url may be anything; only http(s) becomes a link)
    "000_doc": ("orient", "2015-01-10", "https://orient.example/000"),
    "001_doc": ("sy24", "2015-06-01", "http://sy24.example/001"),
    "002_doc": ("orient", "2015-09-01", "javascript:window.pwned=4"),
    "666_doc": ("", "", ""),
}
EDGES = [  # source, target, relation, subtype, status, weight, document, sentence
    ("ndf", "iran", "allegiance", "loyal_to", "former", 3, "000_doc",
     "لطالما عُرف عن ميليشيا الدفاع الوطني بديرالزور الإذعان بالولاء لإيران"),
    ("ndf", "russia", "allegiance", "co-opted_by", "current", 2, "001_doc",
     "خسرت إيران أهم الميليشيات المحلية الرديفة لصالح روسيا"),
    ("russia", "iran", "clash", "rivalry", "current", 1, "000_doc", "يتواصل التنافس الروسي والإيراني في سوريا"),
    ("firas", "ndf", "allegiance", "leader_of", "current", 1, "002_doc", "كان فراس العراقية قائد ميليشيا الدفاع الوطني"),
    ("firas", "irgc", "allegiance", "member_of", "former", 1, "002_doc", "كان فراس العراقية من رجال الحرس الثوري"),
    ("evil", "iran", "clash", "attack", "current", 1, "666_doc", HOSTILE_SENTENCE),
]


def make_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="دير الزور")
    for actor_id, name_ar, label, actor_type, discovered in ACTORS:
        graph.add_node(actor_id, label=label, name_ar=name_ar, actor_type=actor_type, mention_count=2,
                       documents=["000_doc"], discovered=discovered, qid="")
    for source, target, relation, subtype, status, weight, doc, sentence in EDGES:
        outlet, date, url = DOCUMENTS[doc]
        evidence = [{"doc": doc, "outlet": outlet, "date": date, "url": url, "sentence": sentence, "trigger": "الولاء",
                     "status": status, "confidence": 0.8}]
        graph.add_edge(source, target, key=f"{relation}/{subtype}", relation=relation, subtype=subtype, status=status,
                       weight=weight, confidence=0.8, evidence=evidence * weight, first_seen=date, last_seen=date)
    return annotate(graph)


def missing_browser() -> str:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (install it with .ci/browser-deps.sh)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed"
    return ""


@pytest.fixture(scope="module")
def browser():
    if missing := missing_browser():
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{missing}, and KG_REQUIRE_BROWSER=1")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class MapPage:
    """A map opened from file:// with the network blocked; every request off the page and every error recorded."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.problems: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", self._request)
        self.page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))
        self.page.on("console", lambda msg: msg.type == "error" and self.problems.append(f"console: {msg.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgReady === true", timeout=60_000)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def _request(self, request):
        if not request.url.startswith(("file://", "data:")):
            self.problems.append(f"request: {request.url}")

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def visible_edges(self) -> list[dict]:
        return self.js("kg.edges.get({filter: (e) => !e.hidden}).map((e) => ({relation: e.relation, "
                       "subtype: e.subtype, status: e.status, weight: e.weight, from: e.from, to: e.to}))")

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where the node is drawn, in page coordinates."""
        point = self.js("(id) => kg.network.canvasToDOM(kg.network.getPositions([id])[id])", node_id)
        box = self.page.locator("#map").bounding_box()
        return box["x"] + point["x"], box["y"] + point["y"]

    def click_node(self, node_id: str) -> None:
        self.page.mouse.click(*self.node_point(node_id))

    def hover_node(self, node_id: str) -> None:
        x, y = self.node_point(node_id)
        self.page.mouse.move(x - 30, y)
        self.page.mouse.move(x, y, steps=5)

    def details(self) -> str:
        return self.page.locator("#details").inner_text()


def open_map(browser, path: Path):
    page = MapPage(browser, write_html(make_graph(), path))
    yield page
    assert page.problems == []
    page.context.close()


@pytest.fixture
def map_page(browser, tmp_path):
    """A fresh map, for tests that change filters or labels."""
    yield from open_map(browser, tmp_path / "map.html")


@pytest.fixture(scope="module")
def shared_map(browser, tmp_path_factory):
    """One map for the tests that only read, search or select."""
    yield from open_map(browser, tmp_path_factory.mktemp("shared") / "map.html")


def test_map_loads_offline_with_every_node_and_edge(shared_map):
    graph = make_graph()
    assert shared_map.js("kg.nodes.length") == graph.number_of_nodes()
    assert shared_map.js("kg.edges.length") == graph.number_of_edges()
    assert shared_map.js("kg.network.physics.physicsEnabled") is False  # stabilised, then frozen
    assert shared_map.problems == []


@pytest.mark.parametrize(("query", "actor"), [
    ("ايران", "iran"),
    ("الحرس الثوري الايراني", "irgc"),
    ("فراس العراقيه", "firas"),
    ("ميليـشيا الدفاع الوطنى", "ndf"),
    ("IRAN", "iran"),
    ("national defence", "ndf"),
])
def test_map_search_finds_variant_spelling(shared_map, query, actor):
    shared_map.page.fill("#search", query)
    shared_map.page.press("#search", "Enter")
    assert shared_map.js("kg.network.getSelectedNodes()") == [actor]
    name_ar = next(a[1] for a in ACTORS if a[0] == actor)
    assert shared_map.page.locator("#details h3").inner_text() == name_ar
    assert shared_map.page.locator("#results li").count() >= 1


@pytest.mark.parametrize("text", ["إيرانُ", "الحرسُ الثوريّ", "مـيـلـيـشـيـا", "آمرلي", "ٱلأمن", "مؤسسة", "رئيس", "مصطفى",
                                  "«فراس» \u200fالعراقية", "Free  Syrian ARMY"])
def test_map_search_normalises_like_python(shared_map, text):
    from kg.arabic import normalize

    assert shared_map.js("(text) => kg.normalise(text)", text) == normalize(text).lower()


@pytest.mark.parametrize(("control", "keep"), [
    ("#f-relation input[value=clash]", lambda e: e["relation"] == "allegiance"),
    ("#f-status input[value=former]", lambda e: e["status"] != "former"),
    ("#f-subtype input[value=loyal_to]", lambda e: e["subtype"] != "loyal_to"),
    ("#f-type input[value=person]", lambda e: "firas" not in (e["from"], e["to"])),
])
def test_map_filters_hide_edges(map_page, control, keep):
    map_page.page.uncheck(control)
    expected = [e for e in map_page.js("kg.edges.get()") if keep(e)]
    assert sorted(e["subtype"] for e in map_page.visible_edges()) == sorted(e["subtype"] for e in expected)
    assert len(expected) < len(EDGES)


def test_map_filter_minimum_evidence_and_isolated_actors(map_page):
    map_page.page.fill("#f-weight", "2")
    assert {e["weight"] >= 2 for e in map_page.visible_edges()} == {True}
    map_page.page.check("#f-isolated")
    assert sorted(map_page.js("kg.nodes.getIds({filter: (n) => !n.hidden})")) == ["iran", "ndf", "russia"]


def test_map_click_node_shows_evidence_and_documents(map_page):
    map_page.click_node("firas")
    text = map_page.details()
    assert "فراس العراقية" in text and "Firas al-Iraqiya" in text
    assert "كان فراس العراقية قائد ميليشيا الدفاع الوطني" in text
    assert "002_doc" in text


def test_map_click_edge_shows_its_evidence(map_page):
    edge_id = map_page.js("kg.edges.get({filter: (e) => e.subtype === 'co-opted_by'})[0].id")
    map_page.js("(id) => kg.network.emit('click', {nodes: [], edges: [id]})", edge_id)
    text = map_page.details()
    assert "خسرت إيران أهم الميليشيات المحلية الرديفة لصالح روسيا" in text
    assert "co-opted by" in text and "001_doc" in text


def test_map_shows_hostile_article_as_text(map_page):
    map_page.click_node("evil")
    text = map_page.details()
    assert HOSTILE_NAME in text
    assert HOSTILE_SENTENCE in text
    map_page.page.fill("#search", "جماعة")
    assert HOSTILE_NAME in map_page.page.locator("#results").inner_text()
    map_page.hover_node("evil")
    map_page.page.wait_for_selector("div.vis-tooltip", state="visible")  # the hover tooltip
    assert HOSTILE_NAME in map_page.page.locator("div.vis-tooltip").inner_text()
    assert map_page.page.locator("#details img, #results img, #panel script, div.vis-tooltip img").count() == 0
    assert map_page.js("typeof window.pwned") == "undefined"
    assert map_page.page.title() == "conflict-kg"


def test_map_switches_labels_between_arabic_and_english(map_page):
    assert map_page.js("kg.nodes.get('iran').label") == "إيران"
    assert map_page.page.get_attribute("#map", "dir") == "rtl"
    map_page.page.check("input[name=lang][value=en]")
    assert map_page.js("kg.nodes.get('iran').label") == "Iran"
    assert map_page.page.get_attribute("#map", "dir") == "ltr"


def test_map_layout_is_deterministic(browser, tmp_path):
    positions = []
    for name in ("a.html", "b.html"):
        page = MapPage(browser, write_html(make_graph(), tmp_path / name, seed=3))
        positions.append(page.js("kg.network.getPositions()"))
        assert page.problems == []
        page.context.close()
    assert positions[0] == positions[1]


def test_map_empty_graph_is_ready(browser, tmp_path):
    page = MapPage(browser, write_html(nx.MultiDiGraph(), tmp_path / "empty.html"))
    assert page.js("kg.nodes.length") == 0
    assert page.problems == []
    page.context.close()


def _visible_docs(map_page) -> set[str]:
    return set(map_page.js("kg.edges.get({filter: (e) => !e.hidden}).flatMap((e) => e.evidence.map((i) => i.doc))"))


def test_map_date_filter_keeps_edges_dated_in_range(map_page):
    assert _visible_docs(map_page) == set(DOCUMENTS)
    map_page.page.fill("#f-since", "2015-05-01")
    assert _visible_docs(map_page) == {"001_doc", "002_doc"}  # the undated one goes too
    map_page.page.fill("#f-until", "2015-07-01")
    assert _visible_docs(map_page) == {"001_doc"}
    assert "Showing" in map_page.page.locator("#status").inner_text()
    map_page.page.fill("#f-since", "")
    map_page.page.fill("#f-until", "")
    assert _visible_docs(map_page) == set(DOCUMENTS)


def test_map_outlet_filter(map_page):
    map_page.page.uncheck("#f-outlet input[value=orient]")
    assert _visible_docs(map_page) == {"001_doc", "666_doc"}
    assert map_page.page.locator("#f-outlet label").all_inner_texts() == [" unknown", " orient", " sy24"]


def test_map_isolated_actors_hidden_by_default(map_page):
    assert map_page.js("kg.nodes.get('lonely').hidden") is True
    map_page.page.uncheck("#f-isolated")
    assert map_page.js("kg.nodes.get('lonely').hidden") is False


def test_map_evidence_shows_outlet_date_and_links_only_web_addresses(map_page):
    map_page.click_node("firas")  # 002_doc: a javascript: address
    assert "orient" in map_page.details() and "2015-09-01" in map_page.details()
    assert map_page.page.locator("#details a[href^=javascript]").count() == 0
    assert "doc 002_doc" in map_page.details()
    edge_id = map_page.js("kg.edges.get({filter: (e) => e.subtype === 'co-opted_by'})[0].id")
    map_page.js("(id) => kg.network.emit('click', {nodes: [], edges: [id]})", edge_id)
    link = map_page.page.locator("#details a")
    assert link.count() == 2 and link.first.get_attribute("href") == "http://sy24.example/001"
    assert link.first.get_attribute("rel") == "noopener noreferrer" and "sy24" in map_page.details()
    assert map_page.js("typeof window.pwned") == "undefined"


def test_map_click_brings_the_details_into_view(map_page):
    assert map_page.js("document.getElementById('panel').scrollTop") == 0
    map_page.click_node("ndf")
    top = map_page.js("document.getElementById('details').getBoundingClientRect().top")
    assert 0 <= top < 900 and map_page.js("document.getElementById('panel').scrollTop") > 0


def test_map_colours_by_allegiance_bloc(map_page):
    map_page.page.check("input[name=colour][value=bloc]")
    nodes = map_page.js("kg.nodes.get().map((n) => [n.bloc, n.color.background])")
    colour_of_bloc = {}
    for bloc, colour in nodes:
        assert colour_of_bloc.setdefault(bloc, colour) == colour
    assert len(set(colour_of_bloc.values())) == len(colour_of_bloc) > 1
    map_page.page.check("input[name=colour][value=type]")
    assert map_page.js("kg.nodes.get('iran').color.background") == "#1f77b4"
