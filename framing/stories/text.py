"""Terms for comparing articles and sentences: content-word stems, names, demonyms folded onto their place.

Two outlets rarely use the same words for the same event: "killed" / "were killed", "Israelis" / "people in
Israel", "Gazans" / "Gaza". The terms here make such pairs meet without a lemmatiser (no model download): a
Snowball stem per content word (cached per word form), capitalised sequences kept as name terms ("supreme
court"), "U.S." / "US" / "USA" / "United States" as one term, and demonyms folded onto a place named in the same
texts ("Gazans" -> "gaza" when "Gaza" occurs; :func:`fold_demonyms`).

Example:
    >>> terms("Supreme Court sides with police officers")
    ['suprem', 'supreme court', 'court', 'side', 'polic', 'offic']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["STOP_WORDS", "fold_demonyms", "label_terms", "place_names", "stem", "surface", "terms", "words"]

#: Words that say nothing about what happened: scikit-learn's English list, reporting verbs, weekdays, fillers.
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "say", "told", "tells", "according", "reported", "reports", "added", "stated", "mr", "ms",
    "mrs", "new", "year", "years", "also", "just", "like", "week", "weeks", "day", "days", "time", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "percent", "per", "cent", "including",
    "would", "could", "will", "may", "might", "one", "two", "three", "first", "last", "people",
}  # fmt: skip
_WORD = re.compile(r"U\.S\.A?\.?|U\.K\.|[^\W\d_](?:[\w'’.-]*[^\W_])?|\d+(?:[.,]\d+)*")
_CAPITAL = re.compile(r"\b[A-Z][a-z]{2,}\b")
_US = {"us": "us", "u.s": "us", "u.s.": "us", "usa": "us", "u.s.a": "us", "u.s.a.": "us", "america": "us"}
_UK = {"uk", "u.k", "u.k."}
#: Demonym endings tried, longest first, with what may follow the stripped base ("Palestin" + "e").
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "is", "i", "ese", "ish", "s")
_BASE_ENDINGS = ("", "e", "a", "ey", "ia")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-case word, cached per word form.

    Example:
        >>> stem("killed"), stem("killing"), stem("mediation")
        ('kill', 'kill', 'mediat')
    """
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english", ignore_stopwords=False)


def words(text: str) -> list[str]:
    """The word and number tokens of a text, as written (``U.S.`` kept whole, trailing dots dropped)."""
    return [w.rstrip(".") if not w.startswith("U.") else w for w in _WORD.findall(text)]


def _lower(w: str) -> str:
    lw = w.lower().replace("’", "'")
    if lw.endswith("'s"):
        lw = lw[:-2]
    elif lw.endswith("'"):
        lw = lw[:-1]
    if lw in _US:
        return "us"
    if lw in _UK:
        return "uk"
    return lw


def terms(text: str, demonyms: Mapping[str, str] | None = None, *, names: bool = True) -> list[str]:
    """Comparable terms of a text: stems of its content words, name bigrams and numbers.

    Args:
        text: Any text (a title, a sentence, an article lead).
        demonyms: Lower-case demonym -> place term (from :func:`fold_demonyms`), applied before stemming.
        names: Also add a term for each two capitalised words in a row (``"supreme court"``): names are what
            two outlets' versions of one event share most reliably.

    Returns:
        Terms in text order; numbers appear as ``#1195``.
    """
    out: list[str] = []
    prev = ""
    for w in words(text):
        if w[0].isdigit():
            prev = ""
            out.append("#" + w.replace(",", ""))
            continue
        lw = _lower(w)
        if demonyms:
            lw = demonyms.get(lw, lw)
        if lw in STOP_WORDS or len(lw) < 2:
            prev = ""
            continue
        if w[0].isupper():
            if prev and names:
                out.append(f"{prev} {lw}")
            prev = lw
        else:
            prev = ""
        out.append(lw if lw in {"us", "uk"} else stem(lw))
    return out


def place_names(texts: Iterable[str]) -> set[str]:
    """Lower-case forms of the capitalised words of the texts (the places a demonym may fold onto)."""
    return {m.group().lower() for text in texts for m in _CAPITAL.finditer(text)} - STOP_WORDS


def fold_demonyms(vocabulary: Iterable[str], places: Iterable[str]) -> dict[str, str]:
    """Map demonyms in ``vocabulary`` onto a place in ``places``: ``israelis`` -> ``israel``, ``gazans`` -> ``gaza``.

    A word maps when removing a demonym ending (-ians, -ian, -ans, -an, -ns, -n, -is, -i, -ese, -ish, -s) and
    adding back nothing, "e", "a", "ey" or "ia" gives a place of the same texts.

    Example:
        >>> fold_demonyms(["israelis", "gazans", "palestinians", "qatari", "court"], ["israel", "gaza", "palestine",
        ...               "qatar"])
        {'israelis': 'israel', 'gazans': 'gaza', 'palestinians': 'palestine', 'qatari': 'qatar'}
    """
    place_set = set(places)
    out: dict[str, str] = {}
    for word in vocabulary:
        if word in place_set:
            continue
        for ending in _DEMONYM_ENDINGS:
            if not word.endswith(ending) or len(word) - len(ending) < 3:
                continue
            base = word[: len(word) - len(ending)]
            hit = next((base + e for e in _BASE_ENDINGS if base + e in place_set), None)
            if hit:
                out[word] = hit
                break
    return out


def label_terms(ranked: Sequence[str], texts: Sequence[str], k: int = 4, more: Sequence[str] = ()) -> str:
    """A label from terms ranked by weight: the first ``k`` as the texts write them, joined by `` · ``.

    A name ("supreme court") takes the place of the stems it holds; numbers (``#...``) and dates (``@...``)
    are left out, and so are other markers (``§concept``). ``more`` texts are read only for terms that
    ``texts`` do not hold (the titles first, the leads when needed).

    Example:
        >>> label_terms(["suprem", "supreme court", "immun", "#2"], ["The Supreme Court and immunity"])
        'Supreme Court · immunity'
    """
    chosen: list[str] = []
    for term in ranked:
        if not term or not (term[0].isalpha() or term[0] == "'"):
            continue
        parts = term.split()
        if len(parts) > 1:
            held = {stem(p) for p in parts} | set(parts)
            chosen = [c for c in chosen if c not in held]
        elif any(term in {stem(p) for p in c.split()} for c in chosen if " " in c):
            continue
        if term not in chosen:
            chosen.append(term)
        if len(chosen) >= k:
            break
    if not chosen:
        return ""
    forms = _Forms(texts, chosen[:k])
    missing = [t for t in chosen[:k] if not forms.has(t)]
    if missing and more:
        forms.read(more, missing)
    return " · ".join(forms.surface(term) for term in chosen[:k])


class _Forms:
    """How a set of texts writes some stems and names, read in one pass."""

    def __init__(self, texts: Sequence[str], wanted: Sequence[str]) -> None:
        self.stems: dict[str, Counter[str]] = {}
        self.names: dict[str, str] = {}
        self.read(texts, wanted)

    def has(self, term: str) -> bool:
        return term in (self.names if " " in term else self.stems)

    def read(self, texts: Sequence[str], wanted: Sequence[str]) -> None:
        stems = {t for t in wanted if " " not in t}
        names = {t for t in wanted if " " in t}
        for text in texts:
            ws = [_lower_keep(w) for w in words(text)]
            for w in ws:
                low = w.lower()
                key = low if low in {"us", "uk"} else stem(low)
                if key in stems:
                    self.stems.setdefault(key, Counter())[w] += 1
            if names:
                for a, b in pairwise(ws):
                    pair = f"{_lower(a)} {_lower(b)}"
                    if pair in names and pair not in self.names:
                        self.names[pair] = f"{a} {b}"

    def surface(self, term: str) -> str:
        """The most frequent form (lower case when the texts ever write it so); the term when none has it."""
        if " " in term:
            return self.names.get(term, term)
        forms = self.stems.get(term)
        if not forms:
            return term
        lower = Counter({w: n for w, n in forms.items() if w.islower()})
        # a word written in lower case somewhere is a common word; else it keeps its capital ("Texas")
        return (lower or forms).most_common(1)[0][0]


def surface(term: str, texts: Sequence[str]) -> str:
    """How the texts write a term: the most frequent word form with its stem (lower case when the texts ever
    write it so), or a name with its capitals; the term itself when no text has it."""
    return _Forms(texts, [term]).surface(term)


def _lower_keep(w: str) -> str:
    """The word without a possessive ending, case kept."""
    return w.removesuffix("'s").removesuffix("’s")
