"""Score articles: sentences -> evidence -> article metrics, and a corpus into two DataFrames.

Example:
    >>> from framing import read_articles, score
    >>> from framing.resources import example_corpus_dir
    >>> art = next(read_articles(example_corpus_dir() / "html"))
    >>> s = score(art)
    >>> s.metrics["hedging.hedge_count"] > 0, s.evidence[0].dimension in {"hedging", "attribution", "word_choice",
    ...                                                                    "framing"}
    (True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from html import escape
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import Any

from framing._version import __version__
from framing.article import Article
from framing.errors import LexiconError, internal_error
from framing.evidence import Evidence
from framing.io.normalise import changes_words
from framing.measures.attribution import OutletNames, measure_attribution
from framing.measures.frames import decide_frames, frame_cues, frame_summary
from framing.measures.hedging import measure_hedging
from framing.measures.naming import find_naming, summarise_naming
from framing.measures.news_frames import measure_news_frames
from framing.measures.readability import measure_readability
from framing.measures.roles import measure_roles
from framing.measures.sentiment import measure_sentiment, sentence_scores, sentiment_table
from framing.measures.word_choice import WORD_CHOICE_LEXICONS, measure_word_choice
from framing.outlets import load_outlet_table
from framing.text.analysed import AnalysedText, Analyser
from framing.text.frames import FRAME_LEXICONS, frame_groups
from framing.text.lexicon import BUNDLED, Lexicon, bundled_lexicon, load_lexicon
from framing.text.matcher import PhraseMatcher, SharedScan
from framing.text.sentences import Sentence
from framing.text.termpacks import NamingMatcher, TermPack, bundled_termpacks, load_termpack

__all__ = ["BATCH", "ArticleScore", "Scorer", "default_scorer", "highlight_html", "score"]

#: Articles scored together by :meth:`Scorer.score_stream`: the models' per-call cost is spread over their
#: sentences (about 40 per AllSides article), while a batch's evidence stays small in memory.
BATCH = 32


@dataclass(frozen=True)
class ArticleScore:
    """Scores of one article with the evidence behind them.

    Attributes:
        article: The scored article.
        sentences: Its sentences (offsets into ``article.text``).
        metrics: ``dimension.metric`` -> value; counts are kept beside normalised values.
        evidence: Every evidence item, in text order.
        lexicons: Versioned names of the lexicons, term packs and models used.
        error: Why the article was not scored, or ``None``.
        lean: The lean model's estimate ``{"label", "probabilities", "model", "caveat"}``, or ``None`` when no
            lean model is available (train one with ``framing train lean``) or models are off.
    """

    article: Article
    sentences: tuple[Sentence, ...] = ()
    metrics: dict[str, float] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    lexicons: tuple[str, ...] = ()
    error: str | None = None
    lean: dict[str, Any] | None = None

    @property
    def naming(self) -> dict[str, dict[str, Any]]:
        """Naming variant per term-pack concept: ``{"pack:concept": {"dominant", "label", "counts"}}``."""
        return summarise_naming(self.evidence)

    @property
    def frames(self) -> dict[str, Any] | None:
        """The frame profile: primary frame, share of sentences per frame, news-frame scores, role counts."""
        return frame_summary(self.metrics)

    @property
    def n_words(self) -> int:
        """Words in the cleaned body."""
        return int(self.metrics.get("n_words", 0))

    def to_dict(self, *, sentences: bool = False) -> dict[str, Any]:
        """Return a JSON-serialisable record (the CLI's ``--format json`` item), with the cleaned body.

        Args:
            sentences: Also include the sentences with their offsets.
        """
        a = self.article
        d: dict[str, Any] = {
            "id": a.id,
            "source_path": a.source_path,
            "title": a.title,
            "date": a.date,
            "url": a.url,
            "outlet": {k: v for k, v in a.outlet.to_dict().items()},
            "byline": a.byline,
            "dateline": a.dateline,
            "language": a.language,
            "text": a.text,
            "meta": dict(a.meta),
            "n_sentences": len(self.sentences),
            "n_words": self.n_words,
            "scores": {k: v for k, v in self.metrics.items() if k not in {"n_words", "n_sentences"}},
            "naming": self.naming,
            "frames": self.frames,
            "evidence": [e.to_dict() for e in self.evidence],
            "lean": self.lean,
            "lexicons": list(self.lexicons),
            "framing_version": __version__,
            "warnings": list(a.warnings),
            "error": self.error,
        }
        if a.stock:  # only when repeats were looked for and found
            d["stock"] = [p.to_dict() for p in a.stock]
        if sentences:
            d["sentences"] = [s.to_dict() for s in self.sentences]
        return d

    def evidence_frame(self) -> Any:
        """Evidence as a pandas DataFrame (one row per item)."""
        import pandas as pd

        from framing.evidence import EVIDENCE_COLUMNS

        rows = [{"article_id": self.article.id, **e.to_dict()} for e in self.evidence]
        return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)

    def _repr_html_(self) -> str:
        a = self.article
        if self.error:
            return f"<div><b>{escape(a.id)}</b>: <span style='color:#b00'>{escape(self.error)}</span></div>"
        rows = "".join(f"<tr><td>{escape(k)}</td><td>{v:.3g}</td></tr>" for k, v in sorted(self.metrics.items()))
        body = "".join(f"<p>{highlight_html(a.text, s, self.evidence)}</p>" for s in self.sentences)
        title = escape(a.title or a.id)
        return (
            f"<div><h4>{title}</h4><p><small>{escape(a.outlet.name or 'unknown outlet')} · {escape(a.date or '')}"
            f"</small></p>{body}<details><summary>metrics</summary><table>{rows}</table></details></div>"
        )


_COLOURS = {"hedging": "#fde68a", "attribution": "#bfdbfe", "word_choice": "#fecaca", "framing": "#ddd6fe"}


def highlight_html(text: str, sentence: Sentence, evidence: Sequence[Evidence], *, css_classes: bool = False) -> str:
    """Return one sentence as escaped HTML with its evidence spans in ``<mark>`` elements.

    Args:
        text: The article text the offsets refer to.
        sentence: The sentence to render.
        evidence: Evidence items (those of other sentences are ignored).
        css_classes: Mark spans with ``class="<dimension>"`` instead of inline colours.
    """
    # sentence-level items (sentiment) would hide every word-level mark inside them
    whole = (sentence.start, sentence.end)
    items = sorted(
        (e for e in evidence if e.sentence == sentence.index and (e.start, e.end) != whole),
        key=lambda e: (e.start, -e.end),
    )
    out, pos = [], sentence.start
    for e in items:
        if e.start < pos:
            continue
        out.append(escape(text[pos : e.start]))
        tip = escape(f"{e.dimension}: {e.category} ({e.entry}, weight {e.weight:g})", quote=True)
        look = (
            f'class="{escape(e.dimension)}"'
            if css_classes
            else f'style="background:{_COLOURS.get(e.dimension, "#e5e7eb")}"'
        )
        out.append(f'<mark title="{tip}" {look}>{escape(text[e.start : e.end])}</mark>')
        pos = e.end
    out.append(escape(text[pos : sentence.end]))
    return "".join(out)


class Scorer:
    """Scores articles with a fixed set of lexicons (built once, reused for every article).

    Args:
        lexicons: Extra lexicon files (same TSV schema). A user lexicon whose ``name`` equals a bundled one
            (e.g. ``hedges``, or the frame lexicons ``frames``, ``news_frames``, ``roles``) replaces it; other
            names are matched too, and their categories reach the scorers by the lexicon name they declare.
        outlet_tables: Extra outlet tables used to recognise media sources in attributions.
        termpacks: Extra term packs (YAML) for naming choices; a pack whose ``name`` equals a bundled one
            replaces it.
        models: Add the trained classifiers available on this machine (:func:`framing.models.load_default_models`:
            sentence probabilities as ``model`` evidence, ``models.<task>.*`` metrics, the article's lean when a
            lean model exists). ``False`` scores with lexicons and rules only.
        stock: Score an article's stock paragraphs (``Article.stock``: background text recycled across the
            outlet's articles) with the rest (the default); ``False`` leaves them out, and the scored article is
            :meth:`Article.without_stock`.
    """

    def __init__(
        self,
        lexicons: Sequence[str | Path] = (),
        outlet_tables: Sequence[str | Path] = (),
        termpacks: Sequence[str | Path] = (),
        models: bool = True,
        stock: bool = True,
    ) -> None:
        self.lexicons = tuple(lexicons)
        self.outlet_tables = tuple(outlet_tables)
        self.termpacks = tuple(termpacks)
        self.models = models
        self.stock = stock

    @property
    def models_(self) -> dict[str, Any]:
        """The models in use, ``task -> Model`` (empty with ``models=False``); loads them on first use.

        Raises:
            framing.models.ModelFileError: A model file is damaged or was edited.
        """
        return {task: m for task, (m, _) in _models().items()} if self.models else {}

    @property
    def lexicons_(self) -> tuple[Lexicon, ...]:
        """The lexicons in use (bundled, with user replacements)."""
        return _resources(self.lexicons, self.outlet_tables, self.termpacks).lexicons

    def score(self, article: Article) -> ArticleScore:
        """Score one article; an unreadable or non-English article gets an error instead of scores."""
        return self.score_many([article])[0]

    def score_many(self, articles: Iterable[Article]) -> list[ArticleScore]:
        """Score a batch of articles: the rules article by article, then each model once over all the batch's
        sentences (what a corpus run does; the scores are those of :meth:`score` for each article).

        Args:
            articles: The articles, in order.

        Returns:
            One score per article, in the same order.
        """
        res = _resources(self.lexicons, self.outlet_tables, self.termpacks)
        models = _models() if self.models else {}
        out: list[ArticleScore] = []
        pending: list[tuple[int, _Partial]] = []
        for article in articles:
            try:
                score, partial = self._rules(article, res, models)
            except Exception as exc:  # a bug in one article's rules must not lose the batch
                score, partial = _failed(article, res.refs, "scoring", exc), None
            if partial is not None and models:
                pending.append((len(out), partial))
            elif partial is not None:
                score = _finish(partial, score)
            out.append(score)
        if pending:
            for (k, partial), result in zip(pending, _batch_models([p for _, p in pending], models), strict=True):
                out[k] = _failed(out[k].article, out[k].lexicons, "running the models", result) \
                    if isinstance(result, Exception) else _finish(partial, out[k], result)  # fmt: skip
        return out

    def score_stream(self, articles: Iterable[Article], batch: int = BATCH) -> Iterator[ArticleScore]:
        """Score articles as they come, ``batch`` at a time (:meth:`score_many`), yielding the scores in order.

        Args:
            articles: Articles (an iterator is consumed once, a batch at a time: memory stays bounded).
            batch: Articles whose sentences the models score in one call.
        """
        items = iter(articles)
        while chunk := list(islice(items, batch)):
            yield from self.score_many(chunk)

    def _rules(self, article: Article, res: _Resources, models: dict[str, Any]) -> tuple[ArticleScore, _Partial | None]:
        """The lexicon and rule measures of one article: an error score, or the score so far and, when there are
        models, what they need of the article (the analysed text itself is not kept: a batch holds little)."""
        refs = res.refs
        if not self.stock and article.stock:
            left_out = f"{len(article.stock)} stock paragraphs left out of scoring (--no-stock)"
            article = replace(article.without_stock(), warnings=(*article.warnings, left_out))
        if article.error is not None:
            return ArticleScore(article, error=article.error, lexicons=refs), None
        if article.language != "en":
            error = (
                f"{article.source_path or article.id}: language detected as {article.language!r}; only English is "
                "supported, so no scores were computed"
            )
            return ArticleScore(article, error=error, lexicons=refs), None
        at = res.analyser.analyse(article.text)  # sentences, tokens and one automaton pass, read by every measure
        own = OutletNames(res.names.pattern, _own_names(article))
        hedge_ev, hedge_m = measure_hedging(at)
        attr_ev, attr_m = measure_attribution(at, own)
        word_ev, word_m = measure_word_choice(at, res.word_choice_categories)
        tones = sentence_scores(at)  # also the models' tone feature
        sent_ev, sent_m = measure_sentiment(at, scores=tones)
        word_ev = word_ev + find_naming(res.naming, at) + sent_ev
        word_m.update(sent_m)
        read_m = measure_readability(at)
        cues = frame_cues(at)
        # with a frame model the sentences' frames are decided once the batch's models ran (_Partial.finish)
        frame_ev, frame_m = ([], {}) if "frames" in models else decide_frames(at.sentences, cues)
        news_ev, news_m = measure_news_frames(at)
        role_ev, role_m = measure_roles(at)
        metrics: dict[str, float] = {"n_words": float(at.n_words), "n_sentences": float(len(at.sentences))}
        for prefix, part in (
            ("word_choice", word_m),
            ("attribution", attr_m),
            ("hedging", hedge_m),
            ("readability", read_m),
            ("frames", frame_m),
            ("news_frames", news_m),
            ("roles", role_m),
        ):
            metrics.update({f"{prefix}.{k}": float(v) for k, v in part.items()})
        found = (*word_ev, *attr_ev, *hedge_ev, *cues, *frame_ev, *news_ev, *role_ev)
        model_input = _model_input(article, at, found, [c for c, _ in tones], models) if models else None
        return ArticleScore(article, at.sentences, metrics, (), refs), _Partial(found, model_input)


@dataclass(frozen=True, eq=False)
class _Partial:
    """An article's rule evidence, and what the models of its batch will read of it."""

    found: tuple[Evidence, ...]
    model_input: Any = None

    def finish(self, score: ArticleScore, models: Any = None) -> ArticleScore:
        """The article's final score: its evidence in text order, with the models' evidence when they ran."""
        found, metrics, refs, lean = self.found, score.metrics, score.lexicons, None
        if models is not None:
            found = (*found, *models.evidence)
            metrics = {**metrics, **models.metrics}
            refs = refs + models.refs
            lean = models.lean
            frames = models.sentence_frames
            if frames is not None:  # the frame model's classes, refined by the cues where FrAC merges frames
                cues = [e for e in self.found if e.category.startswith("frame.")]
                items, frame_m = decide_frames(score.sentences, cues, frames)
                found = (*found, *items)
                metrics.update({f"frames.{k}": float(v) for k, v in frame_m.items()})
        evidence = tuple(sorted(found, key=_EVIDENCE_ORDER))
        return ArticleScore(score.article, score.sentences, metrics, evidence, refs, lean=lean)


def _where(article: Article) -> str:
    """The file of an article, with its id when the file holds several (``data.jsonl (data:12)``)."""
    source = article.source_path or article.id
    return source if source == article.id or Path(source).stem == article.id else f"{source} ({article.id})"


def _failed(article: Article, refs: tuple[str, ...], doing: str, exc: Exception) -> ArticleScore:
    """The score of an article that met an unexpected exception: no scores, an internal error naming it."""
    return ArticleScore(article, error=internal_error(_where(article), doing, exc), lexicons=refs)


def _finish(partial: _Partial, score: ArticleScore, models: Any = None) -> ArticleScore:
    try:
        return partial.finish(score, models)
    except Exception as exc:  # a bug: this article's error, the others keep their scores
        return _failed(score.article, score.lexicons, "scoring", exc)


def _batch_models(partials: list[_Partial], models: dict[str, Any]) -> list[Any]:
    """The models' results for a batch; when the batch fails, each article alone (the results are the same:
    they do not depend on the batch), so only the article that breaks them gets the exception instead."""
    from framing.models.apply import measure_models

    try:
        return list(measure_models([p.model_input for p in partials], models))
    except Exception:
        out: list[Any] = []
        for p in partials:
            try:
                out.append(measure_models([p.model_input], models)[0])
            except Exception as exc:  # kept as this article's error
                out.append(exc)
        return out


def _model_input(
    article: Article, at: AnalysedText, found: tuple[Evidence, ...], tones: list[float], models: dict[str, Any]
) -> Any:
    """What the models read of an article (:class:`framing.models.apply.ModelInput`)."""
    from framing.models.apply import ModelInput
    from framing.models.tasks import lean_text

    lean = lean_text(at.text, article.title, article.outlet.name, clean=False) if "lean" in models else None
    return ModelInput(at.sentences, found, tones, at.sentence_words, lean, normalised=not changes_words(at.text))


_EVIDENCE_ORDER = attrgetter("start", "end", "dimension", "category")  # a C-level sort key


def _own_names(article: Article) -> frozenset[str]:
    return _names_of(article.outlet.publisher, article.outlet.name)


@cache
def _names_of(*names: str | None) -> frozenset[str]:
    """Every name and alias of the article's own outlet (for self-references such as "told Sputnik")."""
    table = load_outlet_table()
    own: set[str] = set()
    for name in names:
        if name:
            o = table.by_name(name)
            own.update(o.names if o else (name,))
    return frozenset(own)


@dataclass(frozen=True, eq=False)
class _Resources:
    """Everything a Scorer needs, built once per configuration."""

    lexicons: tuple[Lexicon, ...]
    analyser: Analyser
    names: OutletNames
    naming: NamingMatcher
    refs: tuple[str, ...]
    word_choice_categories: tuple[str, ...]


@cache
def _resources(
    lexicon_paths: tuple[str | Path, ...], outlet_tables: tuple[str | Path, ...], termpack_paths: tuple[str | Path, ...]
) -> _Resources:
    loaded = [load_lexicon(p) for p in lexicon_paths]
    for path, lex in zip(lexicon_paths, loaded, strict=True):
        if lex.name not in BUNDLED and lex.name not in FRAME_LEXICONS:  # its entries would be matched, never counted
            raise LexiconError(
                str(path), None, f"no measure reads a lexicon named {lex.name!r}; name it after the lexicon it "
                f"extends or replaces: {', '.join((*BUNDLED, *FRAME_LEXICONS))}"
            )
    user = [lex for lex in loaded if lex.name not in FRAME_LEXICONS]
    replaced = {lex.name for lex in user}
    lexicons = tuple([bundled_lexicon(n) for n in BUNDLED if n not in replaced] + user)
    groups = frame_groups([lex for lex in loaded if lex.name in FRAME_LEXICONS])  # and the actor aliases
    table = load_outlet_table(outlet_tables)
    names = OutletNames.build(n for o in table.outlets for n in o.names)
    user_packs = [load_termpack(p) for p in termpack_paths]
    packs: list[TermPack] = [p for p in bundled_termpacks() if p.name not in {u.name for u in user_packs}] + user_packs
    naming = NamingMatcher(packs)
    matcher = PhraseMatcher(lexicons)
    frame_refs = tuple(lex.ref for name in FRAME_LEXICONS for lex in groups.lexicons(name))
    return _Resources(
        lexicons=lexicons,
        analyser=Analyser(matcher, SharedScan([matcher.table, sentiment_table(), naming.table, groups.table]), groups),
        names=names,
        naming=naming,
        refs=tuple(lex.ref for lex in lexicons) + frame_refs + tuple(p.ref for p in naming.packs),
        word_choice_categories=tuple(c for lex in lexicons if lex.name in WORD_CHOICE_LEXICONS for c in lex.categories),
    )


@cache
def _models() -> dict[str, Any]:
    """``task -> (Model, CompiledModel)`` for every model available on this machine (loaded once)."""
    from framing.models import load_default_models
    from framing.models.apply import CompiledModel

    return {task: (m, CompiledModel(m)) for task, m in sorted(load_default_models().items())}


def clear_model_cache() -> None:
    """Forget the loaded models (after ``framing train`` wrote a new one)."""
    from framing.models import clear_cache

    clear_cache()
    _models.cache_clear()


@cache
def default_scorer() -> Scorer:
    """The scorer with the bundled lexicons, term packs and the models available on this machine (one instance)."""
    return Scorer()


def score(article: Article, *, scorer: Scorer | None = None) -> ArticleScore:
    """Score one article on word choice, attribution, hedging and readability, with evidence.

    Args:
        article: An article from :func:`framing.read_articles`.
        scorer: A configured :class:`Scorer` (custom lexicons); the default one otherwise.
    """
    return (scorer or default_scorer()).score(article)
