"""The results store: scored articles in Parquet partitions with a manifest, queried with DuckDB.

A store is a folder::

    manifest.jsonl          one line per committed part: {"part": 17, "run": 3, "articles": 128}
    articles/part-000000017.parquet    one row per article
    evidence/part-000000017.parquet    one row per evidence item
    sentences/part-000000017.parquet   one row per sentence
    settings/<settings_id>.json        what the results depend on (framing.runs.keys.run_settings)
    runs.jsonl              each run's start and finish: settings, inputs, counts

The tables: ``articles`` has the columns of :func:`framing.score_corpus`'s article table plus ``key`` (the input
key, :mod:`framing.runs.keys`), ``seq`` (position in the input of the run that scored it), ``settings_id``,
``record`` (the ``framing score --format json`` record without its evidence, as JSON) and ``part``;
``evidence`` has ``key``, ``part``, ``pos`` and the evidence table's columns; ``sentences`` has ``key``,
``part``, ``article_id``, ``index``, ``start``, ``end``, ``text``, ``paragraph``.

**Commits.** A part is written as three files under temporary names, renamed, and then named in the manifest
(appended, flushed and fsynced): the manifest line is the commit. A run killed at any point leaves parts that no
manifest line names (removed when a writer next opens the store) or a torn last line (ignored and cut), never
half an article; ``--resume`` scores what is missing. An article scored again (other settings, or kept through a
lexicon change with its version rewritten) is written to a new part: for each key the latest part holds its
rows, and the older rows are no longer read. One writer at a time (a lock file); readers may read during a run
and see the committed parts.

**Why Parquet partitions and not DuckDB tables** (``bench/bench_archive.py formats``: 20,000 articles of 158
evidence rows, one writer, batches of 64): appending cost 3.6 ms per article in DuckDB tables (the commits
dominate, and grew with the table) against 0.76 ms as Parquet parts; reading the evidence back took the same
(13.5 against 13.3 s), the input keys 0.01 against 1.0 s, and the files are of a size (279 against 316 MB). The
writer shares the cores with the scoring workers, so its cost is scoring lost: at 2 x 75 articles/s DuckDB
would take a quarter of a core. DuckDB still reads the parts (``Store.sql``), so queries larger than memory are
SQL; the price is that a changed article is written to a new part instead of updated in place.

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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from framing.errors import FramingError
from framing.evidence import EVIDENCE_COLUMNS, Evidence
from framing.runs.rows import EV_COLUMNS, KEYS, SENT_COLUMNS, arrow_table, rewrite_entry, score_from, store_payload
from framing.scoring import ArticleScore
from framing.text.sentences import Sentence

__all__ = ["MANIFEST", "Store", "StoreError", "open_store", "store_payload"]

MANIFEST = "manifest.jsonl"
TABLES = ("articles", "evidence", "sentences")


class StoreError(FramingError):
    """A store that cannot be opened or written as asked (locked, unfinished run, other settings)."""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass
class _Batch:
    rows: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[tuple[Any, ...]] = field(default_factory=list)
    sentences: list[tuple[Any, ...]] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The complete lines of a JSONL file (a line torn by a kill is left out)."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            break  # only the last line can be torn: nothing after it was committed
    return out


def _append_line(path: Path, record: Mapping[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


class Store:
    """A results store folder; see the module docs for its files and tables.

    Args:
        path: The folder.
        create: Create it when missing and open it for writing (one writer at a time).
        read_only: Open for reading only (allowed while a run writes: the committed parts are read).
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock: Any = None
        if not (self.path / MANIFEST).is_file() and not (self.path / "runs.jsonl").is_file():
            if not create or read_only:
                raise StoreError(f"{self.path}: no results store here (no {MANIFEST}); write one with --store")
            for table in TABLES:
                (self.path / table).mkdir(parents=True, exist_ok=True)
            (self.path / "settings").mkdir(exist_ok=True)
            (self.path / MANIFEST).touch()
        if not read_only:
            self._take_lock()
            self._tidy()
        self._parts = [int(m["part"]) for m in _read_jsonl(self.path / MANIFEST)]
        self._batch = _Batch()
        self._con: Any = None

    # -- files -------------------------------------------------------------------------------------------------

    def _take_lock(self) -> None:
        import fcntl

        self._lock = (self.path / ".lock").open("w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            raise StoreError(f"{self.path}: another run is writing to this store") from None

    def _tidy(self) -> None:
        """Cut a torn manifest line and remove the parts of a commit that a kill interrupted."""
        manifest = self.path / MANIFEST
        good = _read_jsonl(manifest)
        text = "".join(json.dumps(m) + "\n" for m in good)
        if manifest.read_text(encoding="utf-8") != text:
            manifest.write_text(text, encoding="utf-8")
        named = {self._file(t, int(m["part"])).name for m in good for t in TABLES}
        for table in TABLES:
            for f in (self.path / table).iterdir():
                if f.name not in named:
                    f.unlink()

    def _file(self, table: str, part: int) -> Path:
        return self.path / table / f"part-{part:09d}.parquet"

    def _files(self, table: str) -> list[str]:
        return [str(self._file(table, p)) for p in self._parts]

    # -- reading -----------------------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the query engine and release the writer's lock."""
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @property
    def con(self) -> Any:
        """A DuckDB connection with the views ``articles``, ``evidence`` and ``sentences`` (latest rows)."""
        if self._con is None:
            import duckdb

            self._con = duckdb.connect(config={"threads": 1})
            self._views(self._con)
        return self._con

    def _views(self, con: Any) -> None:
        if not self._parts:
            con.execute("create or replace table articles (key varchar, seq bigint, settings_id varchar, "
                        "record varchar, part bigint)")  # fmt: skip
            con.execute("create or replace table evidence as select * from (select null::varchar as key, "
                        "null::bigint as part, null::bigint as pos) where false")  # fmt: skip
            con.execute("create or replace table sentences as select * from (select null::varchar as key, "
                        "null::bigint as part) where false")  # fmt: skip
            return
        for table in TABLES:
            # the parts the manifest names (a glob would also see a part renamed but not yet committed)
            files = ", ".join("'" + f.replace("'", "''") + "'" for f in self._files(table))
            con.execute(f"create or replace view _all_{table} as select * from read_parquet([{files}], "
                        "union_by_name = true)")  # fmt: skip
        # the latest part holding a key holds its rows
        con.execute("create or replace view _latest as select key, max(part) as part from _all_articles group by key")
        for table in TABLES:
            con.execute(f"create or replace view {table} as select t.* from _all_{table} t semi join _latest l "
                        "on t.key = l.key and t.part = l.part")  # fmt: skip

    def sql(self, query: str) -> Any:
        """A DuckDB relation for ``query`` over ``articles``, ``evidence`` and ``sentences`` (lazy; larger than
        memory if need be)."""
        return self.con.sql(query)

    def relation(self, table: str) -> Any:
        """A DuckDB relation of ``articles``, ``evidence`` or ``sentences``."""
        if table not in TABLES:
            raise ValueError(f"no table {table!r}; the store has {', '.join(TABLES)}")
        return self.con.table(table)

    def _article_columns(self) -> list[str]:
        cols = [r[0] for r in self.con.execute("describe articles").fetchall()]
        return [c for c in cols if c not in KEYS]

    def articles(self) -> Any:
        """The article table as :func:`framing.score_corpus` returns it, in input order (pandas)."""
        cols = ", ".join(_q(c) for c in self._article_columns())
        return self.con.sql(f"select {cols} from articles order by seq, key").df()

    def evidence(self) -> Any:
        """The evidence table as :func:`framing.score_corpus` returns it (pandas)."""
        cols = ", ".join(f"e.{_q(c)}" for c in EVIDENCE_COLUMNS)
        return self.con.sql(
            f"select {cols} from evidence e join articles a using (key) order by a.seq, a.key, e.pos"
        ).df()

    def sentences(self) -> Any:
        """Every sentence: ``article_id``, ``index``, ``start``, ``end``, ``text``, ``paragraph`` (pandas)."""
        cols = ", ".join(f"s.{_q(c)}" for c in SENT_COLUMNS[2:])
        return self.con.sql(
            f"select {cols} from sentences s join articles a using (key) order by a.seq, a.key, s.index"
        ).df()

    def settings(self) -> list[dict[str, Any]]:
        """Each settings record, oldest first, with its ``settings_id`` and ``created``."""
        out = []
        for f in sorted((self.path / "settings").glob("*.json")):
            rec = json.loads(f.read_text(encoding="utf-8"))
            out.append({"settings_id": f.stem, **rec})
        return sorted(out, key=lambda r: r.get("created", ""))

    def runs(self) -> Any:
        """The runs: started, finished (empty when interrupted), settings, inputs, counts (pandas)."""
        import pandas as pd

        runs: dict[int, dict[str, Any]] = {}
        for event in _read_jsonl(self.path / "runs.jsonl"):
            runs.setdefault(int(event["run"]), {"finished": None}).update(event)
        columns = ["run", "started", "finished", "settings_id", "inputs", "scored", "reused", "failed", "migrated"]
        return pd.DataFrame([runs[k] for k in sorted(runs)], columns=columns)

    def __len__(self) -> int:
        return len(self.keys())

    def keys(self) -> dict[str, str]:
        """Input key -> settings id of every stored article (its latest rows)."""
        return {k: sid for k, (sid,) in self._latest("settings_id").items()}

    def errors(self) -> dict[str, str]:
        """Input key -> error of every stored article that got an error instead of scores (its latest rows)."""
        return {k: e for k, (e,) in self._latest("error").items() if e is not None}

    def keys_and_errors(self) -> tuple[dict[str, str], dict[str, str]]:
        """:meth:`keys` and :meth:`errors` from one read of the article parts (what a run starts with)."""
        latest = self._latest("settings_id", "error")
        return {k: sid for k, (sid, _) in latest.items()}, {k: e for k, (_, e) in latest.items() if e is not None}

    def _latest(self, *columns: str) -> dict[str, tuple[Any, ...]]:
        """Input key -> the given columns of its latest article row."""
        import pyarrow.parquet as pq

        latest: dict[str, tuple[Any, ...]] = {}
        for part in self._parts:  # in commit order: a later part overrides
            t = pq.read_table(self._file("articles", part), columns=["key", *columns])
            values = zip(*(t.column(c).to_pylist() for c in columns), strict=True)
            latest.update(zip(t.column("key").to_pylist(), values, strict=True))
        return latest

    def _latest_part(self) -> dict[str, int]:
        import pyarrow.parquet as pq

        latest: dict[str, int] = {}
        for part in self._parts:
            for key in pq.read_table(self._file("articles", part), columns=["key"]).column("key").to_pylist():
                latest[key] = part
        return latest

    def _part_tables(self) -> Iterator[tuple[int, list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]]:
        """Each part's three tables as rows (Python values), keeping only the latest rows of each key."""
        import pyarrow.parquet as pq

        latest = self._latest_part()
        for part in self._parts:
            tables = [pq.read_table(self._file(t, part)).to_pylist() for t in TABLES]
            arts, ev, sents = ([r for r in rows if latest.get(r["key"]) == part] for rows in tables)
            if arts:
                yield part, arts, ev, sents

    def scores(self) -> list[ArticleScore]:
        """Every stored article as an :class:`~framing.ArticleScore`, in input order (for reports).

        The article keeps what its JSON record holds (not the raw text or the removed lines).
        """
        found: list[tuple[int, str, ArticleScore]] = []
        for _, arts, ev, sents in self._part_tables():
            ev_by: dict[str, list[Evidence]] = {}
            for e in sorted(ev, key=lambda r: (r["key"], r["pos"])):
                ev_by.setdefault(e["key"], []).append(Evidence(*(e[c] for c in EVIDENCE_COLUMNS[1:])))
            sent_by: dict[str, list[Sentence]] = {}
            for t in sorted(sents, key=lambda r: (r["key"], r["index"])):
                sent_by.setdefault(t["key"], []).append(
                    Sentence(t["index"], t["start"], t["end"], t["text"], t["paragraph"])
                )
            for a in arts:
                key = a["key"]
                score = score_from(json.loads(a["record"]), tuple(ev_by.get(key, ())), tuple(sent_by.get(key, ())))
                found.append((int(a["seq"]), key, score))
        return [s for _, _, s in sorted(found, key=lambda t: (t[0], t[1]))]

    # -- writing -----------------------------------------------------------------------------------------------

    def last_run(self) -> dict[str, Any] | None:
        """The latest run, or ``None``."""
        runs = self.runs()
        return None if runs.empty else runs.iloc[-1].to_dict()

    def begin_run(self, settings: Mapping[str, Any], sid: str, inputs: Sequence[str], *, resume: bool) -> int:
        """Record a new run, refusing to mix it into an unfinished one unless ``resume`` (same settings)."""
        last = self.last_run()
        unfinished = last is not None and not isinstance(last["finished"], str)
        if unfinished and not resume:
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
        target = self.path / "settings" / f"{sid}.json"
        if not target.is_file():
            tmp = target.with_suffix(".tmp")
            tmp.write_text(json.dumps({"created": _now(), **settings}), encoding="utf-8")
            os.replace(tmp, target)
        run_id = 1 + (int(last["run"]) if last is not None else 0)
        _append_line(self.path / "runs.jsonl", {"run": run_id, "started": _now(), "settings_id": sid,
                                                "inputs": list(inputs)})  # fmt: skip
        self._run = run_id
        return run_id

    def finish_run(self, run_id: int, *, scored: int, reused: int, failed: int, migrated: int) -> None:
        """Mark a run finished, with its counts."""
        _append_line(self.path / "runs.jsonl", {"run": run_id, "finished": _now(), "scored": scored,
                                                "reused": reused, "failed": failed, "migrated": migrated})  # fmt: skip

    def stored_settings(self) -> dict[str, dict[str, Any]]:
        """Settings id -> settings of every settings record that stored articles use."""
        used = set(self.keys().values())
        return {s["settings_id"]: {k: v for k, v in s.items() if k not in {"settings_id", "created"}}
                for s in self.settings() if s["settings_id"] in used}  # fmt: skip

    def migrate(self, old_sid: str, new_sid: str, migration: Any, *, batch: int = 256) -> tuple[int, int]:
        """Move the articles of ``old_sid`` that a lexicon change cannot alter to ``new_sid``.

        Their rows are written again (new parts) with the versioned lexicon names rewritten.

        Returns:
            ``(kept, stale)``: articles moved, and articles left with the old settings, to be scored again
            when their input comes by.
        """
        kept = stale = 0
        for _, arts, ev, sents in list(self._part_tables()):
            ev_by: dict[str, list[dict[str, Any]]] = {}
            for e in ev:
                ev_by.setdefault(e["key"], []).append(e)
            sent_by: dict[str, list[dict[str, Any]]] = {}
            for t in sents:
                sent_by.setdefault(t["key"], []).append(t)
            for row in arts:
                if row["settings_id"] != old_sid:
                    continue
                record = json.loads(row["record"])
                if migration.affects(record["text"] or ""):
                    stale += 1
                    continue
                record["lexicons"] = [migration.refs.get(r, r) for r in record["lexicons"]]
                key = row["key"]
                items = [rewrite_entry(e, migration.refs) for e in sorted(ev_by.get(key, []), key=lambda r: r["pos"])]
                payload = {
                    "record": json.dumps(record, ensure_ascii=False),
                    "row": {k: v for k, v in row.items() if k not in KEYS},
                    "evidence": [(e["pos"], *(e[c] for c in EVIDENCE_COLUMNS)) for e in items],
                    "sentences": [
                        tuple(t[c] for c in SENT_COLUMNS[2:])
                        for t in sorted(sent_by.get(key, []), key=lambda r: r["index"])
                    ],
                }
                self.add(key, int(row["seq"]), new_sid, payload)
                kept += 1
                if self.pending >= batch:
                    self.commit()
        self.commit()
        return kept, stale

    def add(self, key: str, seq: int, sid: str, payload: Mapping[str, Any]) -> None:
        """Queue one scored article; :meth:`commit` writes the queue."""
        b = self._batch
        b.rows.append({"key": key, "seq": seq, "settings_id": sid, "record": payload["record"], **payload["row"]})
        b.evidence.extend((key, *e) for e in payload["evidence"])
        b.sentences.extend((key, *t) for t in payload["sentences"])

    @property
    def pending(self) -> int:
        """Articles queued and not yet committed."""
        return len(self._batch.rows)

    def commit(self) -> int:
        """Write the queued articles, with their evidence and sentences, as one part; return how many."""
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq

        b = self._batch
        if not b.rows:
            return 0
        if self.read_only:
            raise StoreError(f"{self.path}: opened for reading")
        part = max(self._parts, default=0) + 1
        rows = pd.DataFrame(b.rows)
        rows["part"] = part
        tables = {
            "articles": pa.Table.from_pandas(rows, preserve_index=False),
            "evidence": arrow_table(b.evidence, EV_COLUMNS, part),
            "sentences": arrow_table(b.sentences, SENT_COLUMNS, part),
        }
        for name, table in tables.items():
            target = self._file(name, part)
            tmp = target.with_name(target.name + ".tmp")
            pq.write_table(table, tmp)
            os.replace(tmp, target)
        _append_line(self.path / MANIFEST, {"part": part, "run": getattr(self, "_run", None), "articles": len(b.rows)})
        self._parts.append(part)
        if self._con is not None:
            self._views(self._con)
        self._batch = _Batch()
        return len(rows)


def open_store(path: str | os.PathLike[str]) -> Store:
    """Open a results store for reading: its tables as pandas DataFrames and DuckDB relations.

    Args:
        path: The folder given to ``--store`` (or :func:`framing.score_into_store`).

    Raises:
        StoreError: There is no store there.

    Example:
        >>> import framing
        >>> with framing.open_store("results/") as store:  # doctest: +SKIP
        ...     articles, evidence = store.articles(), store.evidence()
        ...     per_outlet = store.sql("select outlet, avg(\\"hedging.hedges_per_100_sentences\\") from articles "
        ...                            "group by outlet").df()
    """
    return Store(path, read_only=True)
