"""What a stored article is: the rows a worker sends for it, and the :class:`~framing.ArticleScore` they make."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from framing.article import Article, OutletInfo
from framing.evidence import EVIDENCE_COLUMNS, Evidence
from framing.scoring import ArticleScore
from framing.text.sentences import Sentence

__all__ = ["EV_COLUMNS", "KEYS", "SENT_COLUMNS", "arrow_table", "rewrite_entry", "score_from", "store_payload"]

#: Store-only columns of the article table.
KEYS = ("key", "seq", "settings_id", "record", "part")
EV_COLUMNS = ("key", "part", "pos", *EVIDENCE_COLUMNS)
SENT_COLUMNS = ("key", "part", "article_id", "index", "start", "end", "text", "paragraph")


def store_payload(s: ArticleScore) -> dict[str, Any]:
    """What a worker sends back for the store: the record, the table row, evidence and sentence rows."""
    from framing.corpus import article_row

    record = s.to_dict()
    del record["evidence"], record["naming"]  # the evidence table holds them; naming is derived from it
    record["article_error"] = s.article.error
    aid = s.article.id
    return {
        "record": json.dumps(record, ensure_ascii=False),
        "row": article_row(s),
        "evidence": [
            (i, aid, e.sentence, e.start, e.end, e.text, e.dimension, e.category, e.weight, e.entry, e.negated, e.note)
            for i, e in enumerate(s.evidence)
        ],
        "sentences": [(aid, t.index, t.start, t.end, t.text, t.paragraph) for t in s.sentences],
        "error": s.error,
    }


_EV_TYPES = {"pos": "int64", "article_id": "string", "sentence": "int64", "start": "int64", "end": "int64",
             "text": "string", "dimension": "string", "category": "string", "weight": "float64",
             "entry": "string", "negated": "bool", "note": "string"}  # fmt: skip
_SENT_TYPES = {"article_id": "string", "index": "int64", "start": "int64", "end": "int64", "text": "string",
               "paragraph": "int64"}  # fmt: skip


def arrow_table(rows: list[tuple[Any, ...]], columns: tuple[str, ...], part: int) -> Any:
    import pyarrow as pa

    types = {**_EV_TYPES, **_SENT_TYPES, "key": "string"}
    data: dict[str, Any] = {}
    for i, c in enumerate(columns):
        if c == "part":
            data[c] = pa.array([part] * len(rows), pa.int64())
        else:
            data[c] = pa.array([r[i - 1] if i > 1 else r[0] for r in rows], pa.type_for_alias(types[c]))
    return pa.table(data)


def rewrite_entry(e: dict[str, Any], refs: Mapping[str, str]) -> dict[str, Any]:
    """An evidence row with its lexicon's versioned name replaced (``hedges@1.0.0:x`` -> ``hedges@1.1.0:x``)."""
    ref, sep, rest = str(e["entry"]).partition(":")
    if sep and ref in refs:
        e = {**e, "entry": f"{refs[ref]}:{rest}"}
    return e


def score_from(rec: dict[str, Any], evidence: tuple[Evidence, ...], sentences: tuple[Sentence, ...]) -> ArticleScore:
    outlet = dict(rec["outlet"])
    outlet["how"] = tuple(outlet.get("how") or ())
    outlet["hints"] = tuple(outlet.get("hints") or ())
    article = Article(
        id=rec["id"],
        text=rec["text"],
        title=rec["title"],
        date=rec["date"],
        url=rec["url"],
        outlet=OutletInfo(**outlet),
        byline=rec["byline"],
        source_path=rec["source_path"],
        language=rec["language"],
        dateline=rec["dateline"],
        warnings=tuple(rec["warnings"]),
        error=rec.get("article_error"),
        meta=dict(rec["meta"]),
    )
    scores = rec["scores"]
    metrics = {} if rec["error"] and not scores and not rec["n_words"] else {
        "n_words": float(rec["n_words"]), "n_sentences": float(rec["n_sentences"]), **scores}  # fmt: skip
    return ArticleScore(article, sentences, metrics, evidence, tuple(rec["lexicons"]), rec["error"], rec["lean"])
