"""What repeats across a batch: paragraphs recurring in many articles of one outlet are boilerplate or stock text.

One article alone cannot tell page furniture that looks like prose ("For more news on the war, follow us on X")
or a background paragraph pasted under every story of a topic from its own text. Many articles of one outlet
read together can: the same paragraph, word for word, under several different stories is the outlet's, not the
story's. So, per outlet (its id in the outlet table, else its name, else the URL's domain; articles with no
outlet form one group), every paragraph of the cleaned body is hashed after normalisation (case, punctuation,
digits and spacing ignored), and a paragraph is **repeated** when it occurs in at least :data:`MIN_STORIES`
different stories of the outlet. Then:

* a repeated paragraph that holds a link, web address or handle, or names its own outlet, or (quoting no one)
  is short (under :data:`STOCK_MIN_WORDS` words) or talks to the reader (*you*, *your*, *we*, *our*), is
  **boilerplate** (a footer, a credit line, a call to sign up, a newsletter box, a columnist's blurb, the
  outlet's mission statement, a menu entry the cleaner kept) and is removed from the body, listed in
  ``Article.removed`` with its reason;
* any other (long third-person prose, or a quotation) is **stock**: recycled background, kept in the body and
  marked in ``Article.stock`` with the ids of the other articles holding it, so that a comparison can count it
  once or leave it out (``Scorer(stock=False)``, ``framing score --no-stock``).

"Different stories": articles that share most of their text (two paragraphs or more, making
:data:`SAME_STORY_SHARE` of the characters of each, counting only paragraphs found in few articles) are
versions of one story (an update, a republication) and count once, so a paragraph of a story updated three
times is not taken for the outlet's.

The thresholds, and why: three stories, because two articles sharing a paragraph are often one story told
twice (a follow-up quoting its own background), while the same paragraph under three unrelated stories is a
template; 25 words, because page furniture and footers are one-line calls or credits (on the first 2,000
AllSides training articles every repeated paragraph under 25 words was furniture, a credit line or a template
sub-heading such as "What happened?", checked by eye), while the background paragraphs outlets recycle are full
sentences of context, 30 words and more; a quotation keeps a short paragraph, since a quote repeated across
stories is still what someone said; the longer furniture (newsletter boxes, a columnist's blurb, the outlet's
mission statement) talks to the reader, links somewhere or names the outlet, which background does not.

Looking for repeats is asked for (``read_articles(..., repeats=True)``, ``framing score --repeats``), not done
by default: it needs the whole batch before the first article, and it makes an article's result depend on the
other inputs (which a results store, keyed by input, cannot hold).

The detection works on :class:`Fingerprint` records (an article's id, outlet and paragraph hashes), so a first
pass can fingerprint a corpus anywhere (the workers of a process pool) and send back little; the
:class:`RepeatIndex` built from them is then applied to each article where it is read.

Example:
    >>> from framing.article import Article, OutletInfo
    >>> o = OutletInfo(name="Daily Example", publisher="Daily Example", confidence="high")
    >>> footer = "For more news, follow us on X."
    >>> arts = [Article(id=f"a{i}", text=f"Story number {i} is about {t}.\\n\\n{footer}", outlet=o)
    ...         for i, t in enumerate(["roads", "schools", "rain"])]
    >>> index = find_repeats(fingerprint(a) for a in arts)
    >>> [index.apply(a).text for a in arts]
    ['Story number 0 is about roads.', 'Story number 1 is about schools.', 'Story number 2 is about rain.']
"""

from __future__ import annotations

import hashlib
import re
import string
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from framing.article import Article, RemovedLine, StockParagraph
from framing.errors import internal_error
from framing.io.build import failed_article

__all__ = [
    "MIN_STORIES",
    "SAME_STORY_SHARE",
    "STOCK_MIN_WORDS",
    "Fingerprint",
    "Repeat",
    "RepeatIndex",
    "find_repeats",
    "fingerprint",
    "mark_repeats",
    "outlet_key",
    "safe_apply",
    "safe_fingerprint",
]

#: A paragraph is repeated when this many different stories of one outlet hold it.
MIN_STORIES = 3
#: Repeated paragraphs shorter than this (in words) and quoting no one are boilerplate; the others are stock.
STOCK_MIN_WORDS = 25
#: Two articles are one story when the paragraphs they share make this share of the text of each.
SAME_STORY_SHARE = 0.8
#: Paragraphs held by more articles than this do not count towards "same story" (they are the outlet's).
_RARE = 10

# punctuation, digits and the typographic marks of news pages become spaces (str.translate: cheap on every
# paragraph of a corpus, where a regular expression costs twice as much)
_IGNORED = str.maketrans(dict.fromkeys(string.punctuation + string.digits + "“”‘’«»—–…•·|¦\u00a0\u200b\ufeff", " "))
# double quotes only: the reader has normalised curly quotes, and a single one is as often an apostrophe
_QUOTE = re.compile(r"[\"“”«»]")
# the page talking to its reader ("sign up and you ...", "we aim to answer your questions"): news background is
# written in the third person ("us" is left out: it is also the US in capitals)
_ADDRESS = re.compile(r"\b(?:you|your|yours|we|our|ours)\b", re.I)
_LINK = re.compile(r"https?://|www\.|@\w|\w\.(?:com|org|net|co\.uk|tv|io)\b", re.I)
_LINK_HINTS = ("://", "www.", "@", ".com", ".org", ".net", ".co.uk", ".tv", ".io")  # one must occur for _LINK


def _normal(paragraph: str) -> str:
    """Case, character forms, punctuation, digits and spacing ignored: the same paragraph however it was set."""
    if not paragraph.isascii():
        paragraph = unicodedata.normalize("NFKC", paragraph)
    return " ".join(paragraph.casefold().translate(_IGNORED).split())


def _hash(normal: str) -> str:
    return hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def outlet_key(article: Article) -> str:
    """The group an article's repeats are looked for in: its outlet (table id, name or domain), or ``""``."""
    o = article.outlet
    if o.outlet_id:
        return f"id:{o.outlet_id}"
    if o.name:
        return f"name:{o.name.casefold()}"
    return f"domain:{o.domain}" if o.domain else ""


@dataclass(frozen=True)
class Fingerprint:
    """What the detection needs of one article: its id, outlet group, and each paragraph's hash, length in
    characters and words, and whether it would be furniture if repeated (:func:`furniture_like`)."""

    id: str
    outlet: str
    paragraphs: tuple[tuple[str, int, int, bool], ...] = ()


def furniture_like(paragraph: str, words: int, own_names: Iterable[str] = ()) -> bool:
    """Whether a repeated paragraph is page furniture rather than recycled background: it holds a link, a web
    address or a handle; or it names its own outlet (a promotion, a column's blurb); or, quoting no one, it is
    short (under :data:`STOCK_MIN_WORDS` words) or talks to the reader."""
    folded = paragraph.casefold()
    if any(h in folded for h in _LINK_HINTS) and _LINK.search(paragraph):
        return True
    if any(n.casefold() in folded for n in own_names):
        return True
    if _QUOTE.search(paragraph):
        return False  # a quote repeated across stories is still what someone said
    return words < STOCK_MIN_WORDS or bool(_ADDRESS.search(paragraph))


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def fingerprint(article: Article) -> Fingerprint:
    """The :class:`Fingerprint` of an article (empty for a failed one)."""
    if article.error is not None:
        return Fingerprint(article.id, outlet_key(article))
    out = []
    own = {n for n in (article.outlet.name, article.outlet.publisher) if n and len(n) > 3}
    for p in _paragraphs(article.text):
        normal = _normal(p)
        if normal:
            words = normal.count(" ") + 1
            out.append((_hash(normal), len(p), words, furniture_like(p, words, own)))
    return Fingerprint(article.id, outlet_key(article), tuple(out))


@dataclass(frozen=True)
class Repeat:
    """A paragraph repeated across an outlet's articles.

    Attributes:
        kind: ``boilerplate`` (removed) or ``stock`` (kept, marked).
        articles: Ids of every article holding it, in reading order.
        stories: How many different stories they are.
        words: Its length in words.
    """

    kind: str
    articles: tuple[str, ...]
    stories: int
    words: int


@dataclass
class RepeatIndex:
    """The repeated paragraphs of a batch, per outlet group: ``outlet -> paragraph hash -> Repeat``."""

    by_outlet: dict[str, dict[str, Repeat]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_outlet.values())

    def counts(self) -> dict[str, int]:
        """How many repeated paragraphs of each kind."""
        out = {"boilerplate": 0, "stock": 0}
        for reps in self.by_outlet.values():
            for r in reps.values():
                out[r.kind] += 1
        return out

    def apply(self, article: Article) -> Article:
        """The article with its boilerplate paragraphs removed and its stock paragraphs marked.

        An article whose every paragraph is boilerplate is left as it is, with a warning: removing it all would
        turn an article into an error on the strength of the others alone.
        """
        reps = self.by_outlet.get(outlet_key(article))
        if not reps or article.error is not None:
            return article
        kept: list[str] = []
        stock: list[tuple[int, tuple[str, ...]]] = []
        removed: list[RemovedLine] = []
        for p in _paragraphs(article.text):
            normal = _normal(p)
            r = reps.get(_hash(normal)) if normal else None
            if r is None:
                kept.append(p)
                continue
            others = tuple(i for i in r.articles if i != article.id)
            if r.kind == "boilerplate":
                why = f"repeated in {len(r.articles)} articles ({r.stories} stories) of this outlet: boilerplate"
                removed.append(RemovedLine(_line_of(article.raw, p), p, why))
            else:
                stock.append((len(kept), others))
                kept.append(p)
        if not removed and not stock:
            return article
        if not kept:
            note = "every paragraph recurs as boilerplate in other articles of this outlet; kept as it is"
            return replace(article, warnings=(*article.warnings, note))
        text = "\n\n".join(kept)
        starts = [0]
        for p in kept[:-1]:
            starts.append(starts[-1] + len(p) + 2)
        marks = tuple(StockParagraph(i, starts[i], starts[i] + len(kept[i]), others) for i, others in stock)
        notes = list(article.warnings)
        if removed:
            notes.append(f"{len(removed)} paragraphs repeated across this outlet's articles removed as boilerplate")
        return replace(article, text=text, stock=marks, removed=(*article.removed, *removed), warnings=tuple(notes))


def _line_of(raw: str, paragraph: str) -> int:
    """1-based line of the raw text where the paragraph starts (0 when it was rewrapped past finding)."""
    head = paragraph.split("\n", 1)[0][:60]
    at = raw.find(head) if head else -1
    return raw.count("\n", 0, at) + 1 if at >= 0 else 0


def find_repeats(fingerprints: Iterable[Fingerprint]) -> RepeatIndex:
    """Find the paragraphs that recur in :data:`MIN_STORIES` stories or more of one outlet.

    Args:
        fingerprints: One per article of the batch, in reading order (:func:`fingerprint`).
    """
    groups: dict[str, list[Fingerprint]] = defaultdict(list)
    for fp in fingerprints:
        if fp.paragraphs:
            groups[fp.outlet].append(fp)
    index = RepeatIndex()
    for outlet, fps in groups.items():
        if len(fps) >= MIN_STORIES:
            found = _repeats_of(fps)
            if found:
                index.by_outlet[outlet] = found
    return index


def _repeats_of(fps: list[Fingerprint]) -> dict[str, Repeat]:
    holders: dict[str, list[int]] = defaultdict(list)
    shape: dict[str, tuple[int, int, bool]] = {}
    for k, fp in enumerate(fps):
        for h, chars, words, furniture in fp.paragraphs:
            if not holders[h] or holders[h][-1] != k:
                holders[h].append(k)
            shape.setdefault(h, (chars, words, furniture))
    candidates = {h: ks for h, ks in holders.items() if len(ks) >= MIN_STORIES}
    if not candidates:
        return {}
    story = _stories(fps, holders, shape)
    out: dict[str, Repeat] = {}
    for h, ks in candidates.items():
        stories = len({story[k] for k in ks})
        if stories < MIN_STORIES:
            continue
        _, words, furniture = shape[h]
        kind = "boilerplate" if furniture else "stock"
        out[h] = Repeat(kind, tuple(fps[k].id for k in ks), stories, words)
    return out


def _stories(
    fps: list[Fingerprint], holders: dict[str, list[int]], shape: dict[str, tuple[int, int, bool]]
) -> list[int]:
    """A story number per article: articles sharing most of their text (in rarely repeated paragraphs) are one."""
    shared: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for h, ks in holders.items():
        if 1 < len(ks) <= _RARE:
            for a, b in _pairs(ks):
                pair = shared[a, b]
                pair[0] += shape[h][0]
                pair[1] += 1
    size = [sum(c for _, c, _, _ in fp.paragraphs) or 1 for fp in fps]
    parent = list(range(len(fps)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for (a, b), (chars, paragraphs) in shared.items():
        # one shared paragraph, however long, is a pasted one, not a second version of the story
        # and most of both: an article that is all furniture must not make every story of the outlet one
        if paragraphs >= 2 and chars >= SAME_STORY_SHARE * max(size[a], size[b]):
            parent[root(b)] = root(a)
    return [root(k) for k in range(len(fps))]


def _pairs(ks: list[int]) -> Iterator[tuple[int, int]]:
    for i, a in enumerate(ks):
        for b in ks[i + 1 :]:
            yield a, b


def mark_repeats(articles: Iterable[Article]) -> list[Article]:
    """Find the repeats of a batch of articles and apply them (the batch is held in memory).

    Args:
        articles: The batch, e.g. ``read_articles(...)``.

    Returns:
        The articles, in order: boilerplate paragraphs removed, stock paragraphs marked.
    """
    batch = list(articles)
    try:
        index = find_repeats(safe_fingerprint(a) for a in batch)
    except Exception as exc:  # a bug: said on every article, none lost
        note = internal_error("the batch", "looking for repeats", exc)
        return [replace(a, warnings=(*a.warnings, note)) for a in batch]
    return [safe_apply(index, a) for a in batch] if len(index) else batch


def safe_fingerprint(article: Article) -> Fingerprint:
    """:func:`fingerprint`, or an empty one (the article takes no part) when it fails on a bug."""
    try:
        return fingerprint(article)
    except Exception as exc:
        internal_error(article.source_path or article.id, "fingerprinting", exc)  # the traceback with --debug
        return Fingerprint(article.id, "")


def safe_apply(index: RepeatIndex, article: Article) -> Article:
    """:meth:`RepeatIndex.apply`, or the article's error record when it fails on a bug."""
    try:
        return index.apply(article)
    except Exception as exc:
        where = article.source_path or article.id
        return failed_article(article.id, article.source_path, internal_error(where, "removing repeats", exc))
