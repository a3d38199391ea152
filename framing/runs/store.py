"""The results store: scored articles in an embedded DuckDB database that survives interruption.

A store is a folder holding ``store.duckdb`` with five tables:

* ``articles``: one row per article: the columns of :func:`framing.score_corpus`'s article table, plus ``key``
  (the input key, see :mod:`framing.runs.keys`), ``seq`` (position in the input of the run that scored it),
  ``settings_id`` and ``record`` (the article's ``framing score --format json`` record without its evidence,
  as JSON);
* ``evidence``: one row per evidence item (``key``, ``pos`` and the columns of the evidence table);
* ``sentences``: one row per sentence (``key``, ``article_id``, ``index``, ``start``, ``end``, ``text``,
  ``paragraph``);
* ``settings``: each settings record (:func:`framing.runs.keys.run_settings`) by id;
* ``runs``: each run: when it started and finished, its settings, inputs and counts.

Results are written in transactions of a few dozen articles, each holding the articles with all their evidence
and sentences, so a run killed at any point leaves whole articles only; ``--resume`` scores what is missing.

Why DuckDB and not Parquet partitions with a manifest: both write 100,000 articles in a few percent of the
scoring time (bench/store_formats.py), but a lexicon change keeps most rows and rewrites a version in them,
and an article scored again replaces its old rows: one UPDATE or DELETE in a transaction here, a rewrite of
every partition that holds one of them there. DuckDB also gives the SQL relations for tables larger than
memory, with no second engine.

Example:
    >>> import framing, tempfile
    >>> from framing.resources import example_corpus_dir
    >>> d = example_corpus_dir()
    >>> folder = tempfile.mkdtemp()
    >>> scorer = framing.Scorer(outlet_tables=[d / "outlets.yaml"], models=False)
    >>> framing.score_into_store(d, folder, scorer=scorer).scored
    9
    >>> framing.score_into_store(d, folder, scorer=scorer).scored  # nothing again
    0
    >>> with framing.open_store(folder) as store:
    ...     len(store.articles()), store.sql("select count(distinct article_id) from evidence").fetchall()[0][0]
    (9, 9)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from framing.article import Article, OutletInfo
from framing.errors import FramingError
from framing.evidence import EVIDENCE_COLUMNS, Evidence
from framing.scoring import ArticleScore
from framing.text.sentences import Sentence

__all__ = ["DB_NAME", "Store", "StoreError", "open_store", "store_payload"]

DB_NAME = "store.duckdb"
_KEYS = ("key", "seq", "settings_id", "record")
_EV_COLUMNS = ("key", "pos", *EVIDENCE_COLUMNS)
_SENT_COLUMNS = ("key", "article_id", "index", "start", "end", "text", "paragraph")
_DDL = """
create table if not exists settings (settings_id varchar primary key, created varchar, settings json);
create table if not exists runs (run_id integer primary key, started varchar, finished varchar,
    settings_id varchar, inputs json, scored bigint, reused bigint, failed bigint, migrated bigint);
create table if not exists articles (key varchar primary key, seq bigint, settings_id varchar, record json);
create table if not exists evidence (key varchar, pos integer, article_id varchar, sentence integer,
    start integer, "end" integer, text varchar, dimension varchar, category varchar, weight double,
    entry varchar, negated boolean, note varchar);
create table if not exists sentences (key varchar, article_id varchar, "index" integer, start integer,
    "end" integer, text varchar, paragraph integer);
"""


class StoreError(FramingError):
    """A store that cannot be opened or written as asked (locked, unfinished run, other settings)."""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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


def _sql_type(dtype: Any) -> str:
    kind = getattr(dtype, "kind", "O")
    return {"f": "double", "i": "bigint", "u": "bigint", "b": "boolean"}.get(kind, "varchar")


@dataclass
class _Batch:
    rows: list[dict[str, Any]]
    evidence: list[tuple[Any, ...]]
    sentences: list[tuple[Any, ...]]
    replace: list[str]


class Store:
    """A results store (a folder with ``store.duckdb``); see the module docs for its tables.

    Args:
        path: The folder.
        create: Create it when missing (for writing); otherwise it must exist.
        read_only: Open for reading only (several readers may share it; not while a run writes).
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        db = self.path / DB_NAME
        if not db.is_file():
            if not create:
                raise StoreError(f"{self.path}: no results store here (no {DB_NAME}); write one with --store")
            self.path.mkdir(parents=True, exist_ok=True)
        try:
            # one thread: the cores belong to the scoring workers; the writer only appends
            self.con = duckdb.connect(str(db), read_only=read_only, config={"threads": 1, "memory_limit": "256MB"})
        except duckdb.IOException as exc:
            raise StoreError(f"{db}: cannot open the store ({exc}); is another run writing to it?") from None
        if not read_only:
            self.con.execute(_DDL)
        self._columns: list[str] = [r[0] for r in self.con.execute("describe articles").fetchall()]
        self._batch = _Batch([], [], [], [])

    # -- reading ---------------------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database."""
        self.con.close()

    def sql(self, query: str) -> Any:
        """A DuckDB relation for ``query`` over the tables (evaluated lazily, larger than memory if need be)."""
        return self.con.sql(query)

    def relation(self, table: str) -> Any:
        """A DuckDB relation of one table (``articles``, ``evidence``, ``sentences``, ``settings``, ``runs``)."""
        return self.con.table(table)

    def articles(self) -> Any:
        """The article table as :func:`framing.score_corpus` returns it, in input order (pandas)."""
        cols = ", ".join(_q(c) for c in self._columns if c not in _KEYS)
        return self.con.sql(f"select {cols} from articles order by seq, key").df()

    def evidence(self) -> Any:
        """The evidence table as :func:`framing.score_corpus` returns it (pandas)."""
        cols = ", ".join(f"e.{_q(c)}" for c in EVIDENCE_COLUMNS)
        return self.con.sql(
            f"select {cols} from evidence e join articles a using (key) order by a.seq, a.key, e.pos"
        ).df()

    def sentences(self) -> Any:
        """Every sentence: ``article_id``, ``index``, ``start``, ``end``, ``text``, ``paragraph`` (pandas)."""
        cols = ", ".join(f"s.{_q(c)}" for c in _SENT_COLUMNS[1:])
        return self.con.sql(
            f"select {cols} from sentences s join articles a using (key) order by a.seq, a.key, s.index"
        ).df()

    def settings(self) -> list[dict[str, Any]]:
        """Each settings record, oldest first, with its ``settings_id``."""
        rows = self.con.execute("select settings_id, settings from settings order by created").fetchall()
        return [{"settings_id": sid, **json.loads(js)} for sid, js in rows]

    def runs(self) -> Any:
        """The runs: started, finished (empty when interrupted), settings, inputs, counts (pandas)."""
        return self.con.sql("select * from runs order by run_id").df()

    def __len__(self) -> int:
        return int(self.con.execute("select count(*) from articles").fetchall()[0][0])

    def scores(self) -> Iterator[ArticleScore]:
        """Every stored article as an :class:`~framing.ArticleScore`, in input order (for reports).

        The article keeps what its JSON record holds (not the raw text or the removed lines).
        """
        ev_cols = ", ".join(_q(c) for c in EVIDENCE_COLUMNS[1:])
        articles = self.con.execute("select key, record from articles order by seq, key")
        while rows := articles.fetchmany(256):
            keys = [k for k, _ in rows]
            ev: dict[str, list[Evidence]] = {k: [] for k in keys}
            sents: dict[str, list[Sentence]] = {k: [] for k in keys}
            cur = self.con.cursor()
            for k, *vals in cur.execute(
                f"select key, {ev_cols} from evidence where key in (select unnest(?)) order by key, pos", [keys]
            ).fetchall():
                ev[k].append(Evidence(*vals))
            for k, *vals in cur.execute(
                'select key, "index", start, "end", text, paragraph from sentences where key in '
                '(select unnest(?)) order by key, "index"',
                [keys],
            ).fetchall():
                sents[k].append(Sentence(*vals))
            cur.close()
            for k, record in rows:
                yield _score_from(json.loads(record), tuple(ev[k]), tuple(sents[k]))

    # -- writing ---------------------------------------------------------------------------------------------

    def keys(self) -> dict[str, str]:
        """Input key -> settings id of every stored article."""
        return dict(self.con.execute("select key, settings_id from articles").fetchall())

    def last_run(self) -> dict[str, Any] | None:
        """The latest run, or ``None``."""
        cur = self.con.execute("select * from runs order by run_id desc limit 1")
        rows = cur.fetchall()
        return dict(zip([d[0] for d in cur.description], rows[0], strict=True)) if rows else None

    def begin_run(self, settings: Mapping[str, Any], sid: str, inputs: Sequence[str], *, resume: bool) -> int:
        """Record a new run, refusing to mix it into an unfinished one unless ``resume`` (same settings)."""
        last = self.last_run()
        if last is not None and last["finished"] is None and not resume:
            raise StoreError(
                f"{self.path}: the last run (started {last['started']}, {len(self)} articles stored) did not "
                "finish; run the same command with --resume to finish it"
            )
        if resume:
            if last is None:
                raise StoreError(f"{self.path}: nothing to resume (no run was started in this store)")
            if last["settings_id"] != sid:
                raise StoreError(
                    f"{self.path}: --resume needs the settings of the run it finishes (lexicons, term packs, "
                    "models, outlet tables, reader options, framing version); these differ"
                )
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.con.execute(
            "insert into settings values (?, ?, ?) on conflict do nothing", [sid, now, json.dumps(settings)]
        )
        run_id = int(self.con.execute("select coalesce(max(run_id), 0) + 1 from runs").fetchall()[0][0])
        self.con.execute(
            "insert into runs values (?, ?, null, ?, ?, 0, 0, 0, 0)", [run_id, now, sid, json.dumps(list(inputs))]
        )
        return run_id

    def finish_run(self, run_id: int, *, scored: int, reused: int, failed: int, migrated: int) -> None:
        """Mark a run finished, with its counts."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.con.execute(
            "update runs set finished = ?, scored = ?, reused = ?, failed = ?, migrated = ? where run_id = ?",
            [now, scored, reused, failed, migrated, run_id],
        )

    def stored_settings(self) -> dict[str, dict[str, Any]]:
        """Settings id -> settings of every settings record that stored articles use."""
        rows = self.con.execute(
            "select settings_id, settings from settings where settings_id in (select distinct settings_id from "
            "articles)"
        ).fetchall()
        return {sid: json.loads(js) for sid, js in rows}

    def migrate(self, old_sid: str, new_sid: str, migration: Any) -> tuple[int, int]:
        """Move the articles of ``old_sid`` that a lexicon change cannot alter to ``new_sid``.

        Returns:
            ``(kept, stale)``: articles moved (their versioned lexicon names rewritten) and articles left
            with the old settings, to be scored again when their input comes by.
        """
        kept: list[str] = []
        stale = 0
        cur = self.con.execute(
            "select key, json_extract_string(record, '$.text') from articles where settings_id = ?", [old_sid]
        )
        while rows := cur.fetchmany(1024):
            for key, text in rows:
                if migration.affects(text or ""):
                    stale += 1
                else:
                    kept.append(key)
        if not kept:
            return 0, stale
        self.con.execute("begin transaction")
        self.con.execute("create or replace temp table _kept as select unnest(?) as key", [kept])
        for old, new in migration.refs.items():
            self.con.execute(
                "update evidence set entry = ? || substr(entry, ?) where key in (select key from _kept) "
                "and starts_with(entry, ?)",
                [new + ":", len(old) + 2, old + ":"],
            )
        records = self.con.execute("select key, record from articles where key in (select key from _kept)")
        updated = []
        for key, record in records.fetchall():
            rec = json.loads(record)
            rec["lexicons"] = [migration.refs.get(r, r) for r in rec["lexicons"]]
            updated.append((json.dumps(rec, ensure_ascii=False), key))
        self.con.executemany("update articles set record = ?, settings_id = ? where key = ?",
                             [(r, new_sid, k) for r, k in updated])  # fmt: skip
        self.con.execute("drop table _kept")
        self.con.execute("commit")
        return len(kept), stale

    def add(self, key: str, seq: int, sid: str, payload: Mapping[str, Any], *, replace: bool) -> None:
        """Queue one scored article (``replace``: it has rows from other settings); :meth:`commit` writes."""
        b = self._batch
        b.rows.append({"key": key, "seq": seq, "settings_id": sid, "record": payload["record"], **payload["row"]})
        b.evidence.extend((key, *e) for e in payload["evidence"])
        b.sentences.extend((key, *t) for t in payload["sentences"])
        if replace:
            b.replace.append(key)

    @property
    def pending(self) -> int:
        """Articles queued and not yet committed."""
        return len(self._batch.rows)

    def commit(self) -> int:
        """Write the queued articles, with their evidence and sentences, in one transaction; return how many."""
        import pandas as pd
        import pyarrow as pa

        b = self._batch
        if not b.rows:
            return 0
        frame = pd.DataFrame(b.rows)
        ev = pa.table({c: [r[i] for r in b.evidence] for i, c in enumerate(_EV_COLUMNS)})
        ev = ev.cast(pa.schema([(c, ev.schema.field(c).type if ev.num_rows else pa.string()) for c in _EV_COLUMNS]))
        st = pa.table({c: [r[i] for r in b.sentences] for i, c in enumerate(_SENT_COLUMNS)})
        con = self.con
        con.execute("begin transaction")
        try:
            for col in frame.columns:
                if col not in self._columns:
                    con.execute(f"alter table articles add column {_q(col)} {_sql_type(frame[col].dtype)}")
            if b.replace:
                for table in ("articles", "evidence", "sentences"):
                    con.execute(f"delete from {table} where key in (select unnest(?))", [b.replace])
            con.register("_frame", frame)
            con.execute("insert into articles by name select * from _frame")
            con.unregister("_frame")
            if ev.num_rows:
                con.register("_ev", ev)
                con.execute("insert into evidence select * from _ev")
                con.unregister("_ev")
            if st.num_rows:
                con.register("_st", st)
                con.execute("insert into sentences select * from _st")
                con.unregister("_st")
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        for col in frame.columns:
            if col not in self._columns:
                self._columns.append(col)
        n = len(b.rows)
        self._batch = _Batch([], [], [], [])
        return n


def _score_from(rec: dict[str, Any], evidence: tuple[Evidence, ...], sentences: tuple[Sentence, ...]) -> ArticleScore:
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


def open_store(path: str | os.PathLike[str]) -> Store:
    """Open a results store for reading: its tables as pandas DataFrames and DuckDB relations.

    Args:
        path: The folder given to ``--store`` (or :func:`framing.score_into_store`).

    Raises:
        StoreError: There is no store there, or a run is writing to it.

    Example:
        >>> import framing
        >>> with framing.open_store("results/") as store:  # doctest: +SKIP
        ...     articles, evidence = store.articles(), store.evidence()
        ...     per_outlet = store.sql("select outlet, avg(\\"hedging.hedges_per_100_sentences\\") from articles "
        ...                            "group by outlet").df()
    """
    return Store(path, read_only=True)
