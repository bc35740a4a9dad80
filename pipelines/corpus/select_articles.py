"""Choose the corpus articles from SaudiNewsNet by a fixed, reproducible rule and write them to ``articles/``.

The rule (documented in README.md beside this file):
1. every article of ../shared/corpora/saudinewsnet, deduplicated by its normalised title + first 200 characters;
2. excluded: the project's samples and examples/dev (same title or same opening);
3. kept when the article mentions at least ``MIN_CONFLICT`` conflict words (CONFLICT_WORDS) and its theatre is clear:
   the theatre whose place and actor words (THEATRE_WORDS) occur most, at least ``MIN_THEATRE`` times and at least
   twice as often as the next theatre;
4. kept when 120 <= words; long articles are cut at the last paragraph (line) boundary before ``MAX_WORDS`` words
   (if the first paragraph alone is longer, at the last sentence end before it);
5. a seeded random sample (``SEED``) of ``PER_THEATRE`` articles per theatre.

Usage: python pipelines/corpus/select_articles.py --shared ../shared  [--out pipelines/corpus]
Writes ``articles/<id>.txt`` (title line, then the text) and ``selection.json`` (id, theatre, outlet, url, date,
corpus file and index, words, cut).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import zipfile
from pathlib import Path

SEED = 20261202
PER_THEATRE = 53
MIN_CONFLICT = 6
MIN_THEATRE = 3
MAX_WORDS = 450
MIN_WORDS = 120

CONFLICT_WORDS = (
    "قوات", "اشتباك", "معارك", "قصف", "غارات", "غارة", "هجوم", "مسلح", "ميليشيا", "مليشيا", "الميليشيات", "تنظيم",
    "الجيش", "مقاتل", "فصائل", "جماعة", "المتمردين", "استهدف", "مقتل", "قتلى", "الموالية", "المدعومة", "التحالف",
    "المقاومة", "سيطرة", "المعارضة المسلحة",
)
THEATRE_WORDS = {
    "syria": ("سوريا", "سورية", "السوري", "دمشق", "حلب", "حمص", "إدلب", "ادلب", "درعا", "الرقة", "دير الزور", "الأسد",
              "النصرة", "حماة", "اللاذقية", "الحسكة", "القلمون", "الزبداني"),
    "iraq": ("العراق", "العراقي", "بغداد", "الموصل", "الأنبار", "الانبار", "الرمادي", "الفلوجة", "تكريت", "صلاح الدين",
             "الحشد الشعبي", "البيشمركة", "كركوك", "ديالى", "العبادي", "بيجي"),
    "yemen": ("اليمن", "اليمني", "صنعاء", "عدن", "تعز", "الحوثي", "الحوثيين", "صالح", "هادي", "مأرب", "أبين", "لحج",
              "الضالع", "شبوة", "الحديدة", "المخلوع", "الشرعية"),
    "libya": ("ليبيا", "الليبي", "طرابلس", "بنغازي", "درنة", "سرت", "حفتر", "مصراتة", "فجر ليبيا", "طبرق", "البرلمان الليبي",
              "أجدابيا", "سبها"),
}
SENTENCE_END = re.compile(r"[.!؟?]\s")


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text)[:200]


def corpus_articles(shared: Path):
    for archive in sorted((shared / "corpora/saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in sorted(zf.namelist()):
                for index, article in enumerate(json.loads(zf.read(name))):
                    yield archive.name, index, article


def theatre_of(text: str) -> str | None:
    counts = sorted(((sum(text.count(w) for w in words), t) for t, words in THEATRE_WORDS.items()), reverse=True)
    (best, theatre), (second, _) = counts[0], counts[1]
    return theatre if best >= MIN_THEATRE and best >= 2 * second else None


def cut(content: str) -> tuple[str, bool]:
    """The content, cut at a paragraph (or sentence) boundary before MAX_WORDS words."""
    lines = content.strip().split("\n")
    kept: list[str] = []
    words = 0
    for line in lines:
        n = len(line.split())
        if words + n > MAX_WORDS:
            if not kept:
                ends = [m.end() for m in SENTENCE_END.finditer(line) if len(line[: m.end()].split()) <= MAX_WORDS]
                kept.append(line[: ends[-1]].rstrip() if ends else line)
            return "\n".join(kept), True
        kept.append(line)
        words += n
    return "\n".join(kept), False


def select(shared: Path, excluded_texts: list[str]) -> list[dict]:
    excluded = {_key(t.split("\n", 1)[0]) for t in excluded_texts} | {_key(t) for t in excluded_texts}
    seen: set[str] = set()
    pools: dict[str, list[dict]] = {t: [] for t in THEATRE_WORDS}
    for archive, index, article in corpus_articles(shared):
        title = (article.get("title") or "").strip()
        content = (article.get("content") or "").strip()
        key = _key(title) + _key(content)
        if not title or not content or key in seen:
            continue
        seen.add(key)
        if _key(title) in excluded or _key(title + "\n" + content) in excluded or _key(content) in excluded:
            continue
        full = title + "\n" + content
        if sum(full.count(w) for w in CONFLICT_WORDS) < MIN_CONFLICT:
            continue
        theatre = theatre_of(full)
        if theatre is None or len(content.split()) < MIN_WORDS:
            continue
        text, was_cut = cut(content)
        pools[theatre].append({"theatre": theatre, "outlet": article.get("source"), "url": article.get("url"),
                               "date": (article.get("date_extracted") or "")[:10], "file": archive, "index": index,
                               "title": title, "text": text, "cut": was_cut})
    rng = random.Random(SEED)
    chosen: list[dict] = []
    for theatre, pool in pools.items():
        print(f"{theatre}: {len(pool)} candidates")
        for item in rng.sample(pool, min(PER_THEATRE, len(pool))):
            item["id"] = f"{theatre}_{item['file'][5:10].replace('-', '')}_{item['index']}"
            chosen.append(item)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent)
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[2]
    excluded = [p.read_text(encoding="utf-8") for p in (root / "examples/dev/articles").glob("*.txt")]
    excluded += [p.read_text(encoding="utf-8") for p in (args.shared / "seeds").glob("*.txt")]
    chosen = select(args.shared, excluded)
    (args.out / "articles").mkdir(parents=True, exist_ok=True)
    for item in chosen:
        (args.out / "articles" / f"{item['id']}.txt").write_text(item["title"] + "\n" + item.pop("text") + "\n",
                                                                 encoding="utf-8")
    chosen.sort(key=lambda item: item["id"])
    (args.out / "selection.json").write_text(json.dumps(chosen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(chosen)} articles, {sum(len(i['title'].split()) for i in chosen)} title words")


if __name__ == "__main__":
    main()
