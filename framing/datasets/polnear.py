"""Reader for PolNeAR (Newell et al. 2018): political news articles with attribution relations.

Layout of a PolNeAR folder (as distributed in ``data/`` of the source repository)::

    <root>/<split>/text/<article>.txt                       UTF-8 article text
    <root>/<split>/attributions/<article>_<annotator>.ann   brat standoff annotations

Each ``.ann`` line is one of:

* ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>`` — a text-bound span (``Source``, ``Cue``,
  ``Content``, ``Attribution``, ``Attribution-no-source``, ``Discard``, ``Discuss``); character offsets
  into the ``.txt``; the covered text may run over several lines of the ``.ann`` file;
* ``E<n>\\t<Type>:T<a> Role:T<b> ...`` — an attribution relation linking its Source, Cue and Content spans;
* ``#<n>\\tAnnotatorNotes ...`` — free-text notes (ignored).

Offsets are validated against the article text; the span text is always taken from the article (fragments
joined by one space), never from the ``.ann`` file.

Example:
    >>> from pathlib import Path
    >>> docs = list(read_polnear(Path("/data/polnear"), "dev"))  # doctest: +SKIP
    >>> docs[0].attributions[0].cue.text  # doctest: +SKIP
    'reports'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.errors import InputError

__all__ = [
    "AttributedSentences",
    "PolnearAttribution",
    "PolnearDoc",
    "PolnearSpan",
    "attributed_sentences",
    "one_per_article",
    "quotes_in_place",
    "read_ann",
    "read_polnear",
]

SPLITS = ("train", "dev", "test")
_T_LINE = re.compile(r"T(\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)")
_E_LINE = re.compile(r"E(\d+)\t([\w-]+):(T\d+)((?: [\w-]+:T\d+)*)\s*")
_ANY_ID = re.compile(r"[TERAMN#*]\d*\t")


@dataclass(frozen=True)
class PolnearSpan:
    """A text-bound annotation.

    Attributes:
        id: brat id, e.g. ``T3``.
        label: ``Source``, ``Cue``, ``Content``, ``Attribution``, ``Discard`` ...
        fragments: ``(start, end)`` character offsets into the article text (usually one).
        text: The covered article text, fragments joined by a space.
    """

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        """Offset of the first character."""
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        """Offset one past the last character."""
        return self.fragments[-1][1]


@dataclass(frozen=True)
class PolnearAttribution:
    """One attribution relation (an ``E`` line).

    Attributes:
        id: brat id, e.g. ``E2``.
        kind: ``Attribution`` or ``Attribution-no-source``.
        cue: The cue span (``None`` only in malformed-but-tolerated relations without one).
        source: The source span, ``None`` for implicit sources.
        content: The content span, ``None`` when not annotated.
    """

    id: str
    kind: str
    cue: PolnearSpan | None
    source: PolnearSpan | None
    content: PolnearSpan | None


@dataclass(frozen=True)
class PolnearDoc:
    """One annotated article (one annotator's ``.ann`` file).

    Attributes:
        id: Article name (the ``.txt`` stem), e.g. ``nyt_2016-10-01_...``.
        annotator: Annotator code from the ``.ann`` name.
        split: ``train``, ``dev`` or ``test``.
        text: Article text.
        attributions: The attribution relations, in file order.
        spans: Every text-bound span (including ``Discard`` / ``Discuss``), in file order.
        path: The ``.ann`` file.
    """

    id: str
    annotator: str
    split: str
    text: str
    attributions: tuple[PolnearAttribution, ...]
    spans: tuple[PolnearSpan, ...]
    path: str

    def spans_of(self, role: str) -> list[PolnearSpan]:
        """Spans filling ``role`` (``cue``, ``source`` or ``content``) in some attribution, deduplicated."""
        seen: dict[str, PolnearSpan] = {}
        for a in self.attributions:
            s = getattr(a, role)
            if s is not None:
                seen.setdefault(s.id, s)
        return sorted(seen.values(), key=lambda s: (s.start, s.end))


def read_ann(path: Path, text: str, *, doc_id: str = "", annotator: str = "", split: str = "") -> PolnearDoc:
    """Parse one brat ``.ann`` file against its article text.

    Args:
        path: The ``.ann`` file.
        text: The article text the offsets refer to.
        doc_id: Article name; the file stem without ``_<annotator>`` when empty.
        annotator: Annotator code; taken from the file name when empty.
        split: Split name to record on the document.

    Raises:
        InputError: Naming the file (and line) for unreadable files, malformed lines, offsets outside the
            text, or relations that refer to undefined spans.
    """
    name = str(path)
    try:
        lines = path.read_bytes().decode("utf-8").split("\n")
    except FileNotFoundError:
        raise InputError(name, "annotation file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(name, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not doc_id or not annotator:
        stem, _, code = path.stem.rpartition("_")
        doc_id = doc_id or (stem if stem else path.stem)
        annotator = annotator or (code if stem else "")
    spans: dict[str, PolnearSpan] = {}
    relations: list[tuple[int, str, str, dict[str, str]]] = []
    in_span_text = False  # a T line's covered text may continue over the following lines
    for no, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if line.startswith("T") and (m := _T_LINE.fullmatch(line)):
            frags = []
            for part in m.group(3).split(";"):
                a, b = (int(x) for x in part.split())
                if not 0 <= a <= b <= len(text):
                    raise InputError(f"{name}:{no}", f"span {a}-{b} lies outside the article text ({len(text)} chars)")
                frags.append((a, b))
            sid = f"T{m.group(1)}"
            spans[sid] = PolnearSpan(sid, m.group(2), tuple(frags), " ".join(text[a:b] for a, b in frags))
            in_span_text = True
            continue
        if line.startswith("E") and (m := _E_LINE.fullmatch(line)):
            roles: dict[str, str] = {}
            for arg in m.group(4).split():
                role, _, ref = arg.partition(":")
                if role in roles:
                    raise InputError(f"{name}:{no}", f"relation E{m.group(1)} has two {role} arguments")
                roles[role] = ref
            relations.append((no, f"E{m.group(1)}", m.group(2), roles))
            in_span_text = False
            continue
        if line.startswith("#") and "\t" in line:
            in_span_text = True  # notes may also run over several lines
            continue
        if not line.strip():
            continue
        if in_span_text and not _ANY_ID.match(line):
            continue
        raise InputError(f"{name}:{no}", f"malformed brat line {line[:80]!r}")
    attributions = []
    for no, eid, kind, roles in relations:
        got: dict[str, PolnearSpan | None] = {}
        for role in ("Cue", "Source", "Content"):
            ref = roles.get(role)
            if ref is not None and ref not in spans:
                raise InputError(f"{name}:{no}", f"relation {eid} refers to undefined span {ref}")
            got[role] = spans[ref] if ref is not None else None
        attributions.append(PolnearAttribution(eid, kind, got["Cue"], got["Source"], got["Content"]))
    return PolnearDoc(doc_id, annotator, split, text, tuple(attributions), tuple(spans.values()), name)


def read_polnear(root: Path, split: str) -> Iterator[PolnearDoc]:
    """Read every annotated article of one PolNeAR split.

    Args:
        root: The PolNeAR folder (holding ``train/``, ``dev/`` ...).
        split: ``train``, ``dev`` or ``test``.

    Yields:
        One :class:`PolnearDoc` per ``.ann`` file, sorted by file name (an article annotated by several
        annotators yields several documents with the same ``id``).

    Raises:
        InputError: When the split folder is missing, an ``.ann`` file has no article text, or a file is
            malformed (the error names the file and line).
    """
    root = Path(root)
    base = root / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(str(base), "not a PolNeAR split folder (expected text/ and attributions/ inside)")
    texts: dict[str, str] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem, sep, annotator = ann.stem.rpartition("_")
        doc_id = stem if sep else ann.stem
        if doc_id not in texts:
            txt = text_dir / f"{doc_id}.txt"
            try:
                texts = {doc_id: txt.read_bytes().decode("utf-8")}  # keep only the current article in memory
            except FileNotFoundError:
                raise InputError(str(ann), f"no article text {txt.name} in {text_dir}") from None
            except UnicodeDecodeError as exc:
                raise InputError(str(txt), f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        yield read_ann(ann, texts[doc_id], doc_id=doc_id, annotator=annotator if sep else "", split=split)


def one_per_article(docs: Iterator[PolnearDoc] | list[PolnearDoc]) -> list[PolnearDoc]:
    """The first annotator's document of every article (articles annotated twice appear once)."""
    out: dict[str, PolnearDoc] = {}
    for d in docs:
        out.setdefault(d.id, d)
    return list(out.values())


_DOUBLED = re.compile("''")  # doubled apostrophes used as quotation marks (the NYT articles)


def quotes_in_place(text: str) -> str:
    """``text`` with curly quotes and apostrophes made straight and doubled apostrophes made double quotes, as
    :func:`framing.io.normalise.normalise_text` makes them, but keeping every offset: an opening ``''`` becomes
    ``' "'``, a closing one ``'" '``.

    Example:
        >>> print(quotes_in_place("He said ''no'' and left."))
        He said  "no"  and left.
    """
    from framing.io.normalise import normalise_in_place

    text = normalise_in_place(text)
    return _DOUBLED.sub(lambda m: ' "' if m.end() < len(text) and text[m.end()].isalnum() else '" ', text)


@dataclass(frozen=True)
class AttributedSentences:
    """One article cut into framing's sentences, each labelled by whether an annotated cue lies in it.

    Attributes:
        doc: The annotated article (first annotator).
        text: The article text with :func:`quotes_in_place` applied (offsets unchanged).
        spans: ``(start, end)`` of every non-empty sentence, from :func:`framing.text.sentences.split_sentences`.
        indices: Each sentence's index among all the article's sentences (empty ones included).
        attributed: Whether a gold cue overlaps the sentence.
    """

    doc: PolnearDoc
    text: str
    spans: tuple[tuple[int, int], ...]
    indices: tuple[int, ...]
    attributed: tuple[bool, ...]


def attributed_sentences(root: Path, split: str) -> list[AttributedSentences]:
    """PolNeAR as a sentence task: is an attribution cue in this sentence? (the ``attributed`` model's data).

    Sentences are framing's own (:func:`framing.text.sentences.split_sentences` on :func:`quotes_in_place` text), so
    the labels fit the sentences the scorer sees; a sentence is attributed when it overlaps a gold cue span.

    Example (with the PolNeAR folder at hand; its dev split has 1,872 attributed sentences of 3,332)::

        arts = attributed_sentences(Path("../shared/data/polnear"), "dev")
        n_attributed = sum(sum(a.attributed) for a in arts)
    """
    from framing.text.sentences import split_sentences

    out = []
    for doc in one_per_article(read_polnear(root, split)):
        text = quotes_in_place(doc.text)
        cues = [f for c in doc.spans_of("cue") for f in c.fragments]
        spans, indices, flags = [], [], []
        for s in split_sentences(text):
            if not text[s.start : s.end].strip():
                continue
            spans.append((s.start, s.end))
            indices.append(s.index)
            flags.append(any(a < s.end and s.start < b for a, b in cues))
        out.append(AttributedSentences(doc, text, tuple(spans), tuple(indices), tuple(flags)))
    return out
