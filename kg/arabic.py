"""Arabic text layer: matching keys, tokens, sentences, clitics and boilerplate.

The original text is never changed: every function here either returns a *key* used for matching
(``normalize``) or character offsets into the original string (``tokenize``, ``sentence_spans``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.util import compile_infix_regex, compile_suffix_regex

_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # tashkeel, Quranic marks, tatweel
_ALEFS = re.compile("[إأآٱ]")
_QUOTES = re.compile(r"[\"'“”‘’«»„‟‹›`]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")

#: Proclitics that attach to a noun in news prose: conjunction و/ف, prepositions ب/ل/ك, and their stacks.
#: ``ل`` + ``ال`` is written ``لل`` (للنظام = ل + النظام).
PROCLITICS: tuple[str, ...] = (
    "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "و", "ف", "ب", "ل", "ك",
)


def normalize(text: str) -> str:
    """Matching key: no diacritics, tatweel, quotes or invisible marks; one alef; ى->ي, ة->ه, ؤ->و, ئ->ي."""
    text = _INVISIBLE.sub("", text)
    text = _DIACRITICS.sub("", text)
    text = _ALEFS.sub("ا", text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    text = _QUOTES.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def clitic_variants(word: str) -> list[str]:
    """Readings of a normalised word with a proclitic stripped, longest stripping first, the word itself last.

    ``للنظام`` -> ``النظام``; ``بالحرس`` -> ``الحرس``, ``حرس``; ``لايران`` -> ``ايران``.
    A stripped reading is offered only when at least two letters remain.
    """
    readings: list[str] = []
    for clitic in PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            rest = word[len(clitic):]
            if clitic.endswith("ال"):
                readings.append("ال" + rest)  # بالحرس -> الحرس
            elif clitic.endswith("لل"):
                readings.append("ال" + rest)  # للنظام -> النظام
                readings.append("ل" + rest)  # لله style words keep their lam
            readings.append(rest)
    readings.append(word)
    seen: dict[str, None] = {}
    for reading in readings:
        seen.setdefault(reading, None)
    return list(seen)


def resolve_key(word: str, vocabulary: set[str] | frozenset[str], prefer_whole: bool = False) -> str:
    """Matching key of one word: normalised, with a proclitic stripped when that yields a ``vocabulary`` word.

    ``للنظام`` -> ``النظام`` when النظام is known; an unknown word keeps its full normalised form. With
    ``prefer_whole`` a word that is itself in the vocabulary stays whole (the trigger بدعم is not دعم).
    """
    key = normalize(word) or word  # punctuation (quotes) keeps itself as key
    if prefer_whole and key in vocabulary:
        return key
    return next((v for v in clitic_variants(key) if v in vocabulary), key)


@dataclass(frozen=True)
class Token:
    """A token of the original text with its character offsets."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def tokenizer_nlp() -> spacy.language.Language:
    """spaCy's blank Arabic pipeline, with infixes that also split ``:`` and Arabic punctuation inside words."""
    nlp = spacy.blank("ar")
    infixes = list(nlp.Defaults.infixes) + [r"[:؛،؟!\"“”«»()\[\]]", r"(?<=[\u0600-\u06ff])[.](?=[\u0600-\u06ff])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[0-9٠-٩])\."]  # 'الفرقة 30.' ends a sentence
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # spaCy's URL rule takes any 'word.word' for a domain; in news text 'هادي.وقال' is two words and a full stop
    nlp.tokenizer.url_match = re.compile(r"^(?:https?://|www\.)\S+$").match
    return nlp


def tokenize(text: str) -> list[Token]:
    """Tokens exactly as the whole pipeline (and the NER model's training data) sees them."""
    return [Token(t.text, t.idx, t.idx + len(t.text)) for t in tokenizer_nlp().make_doc(text) if not t.is_space]


_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'”»)]*(?=\s|$)|[\n\r]+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences: split at line breaks and at . ! ? ؟ … followed by space (not inside 3.5)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        offset = start + (len(chunk) - len(chunk.lstrip()))
        spans.append((offset, offset + len(stripped)))


_LATIN = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", " ": "_",
}


def transliterate(text: str) -> str:
    """A rough ASCII rendering of an Arabic name for identifiers: ``عصام الفاضل`` -> ``asam_alfadl``."""
    latin = "".join(_LATIN.get(ch, ch if ch.isascii() and ch.isalnum() else "") for ch in normalize(text))
    return re.sub("_+", "_", latin).strip("_").lower()
