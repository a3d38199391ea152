"""``framing stories``: group articles into stories; with ``--facts``, align what each article says."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from framing.cli._common import _OUTLETS, DAYS, _console, _parse_columns, _record_columns
from framing.errors import FramingError


@click.command(
    "stories",
    epilog="\b\nExamples:\n  framing stories framing/datasets/example/\n"
    "  framing stories ../shared/seeds/ --window none --facts\n"
    "  framing stories roundups.jsonl --truth meta.roundup     # B-cubed against a field of the records\n"
    "  framing stories corpus.jsonl --format csv > stories.csv",
)
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--window",
    type=DAYS,
    default="3",
    show_default=True,
    help="Most days between two articles of one story when both dates are known; 'none' ignores dates.",
)
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True), default=None, help="Least similarity.")
@click.option("--facts", is_flag=True, help="Score the articles and list each story's aligned facts.")
@click.option("--all", "show_all", is_flag=True, help="List stories of one article too.")
@click.option("--truth", default=None, metavar="FIELD", help="Print B-cubed P/R/F1 against this article field.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@_OUTLETS
@_record_columns
def stories_cmd(
    paths: Sequence[str],
    window: float | None,
    threshold: float | None,
    facts: bool,
    show_all: bool,
    truth: str | None,
    fmt: str,
    outlet_tables: Sequence[str],
    column_map: Sequence[str],
    text_column: str | None,
) -> None:
    """Group articles that report the same event into stories: id, label and articles of each."""
    from framing.io import read_articles
    from framing.stories import StoryGrouper, story_table

    columns = _parse_columns(column_map, text_column)
    try:
        everything = list(read_articles(list(paths), columns=columns, outlet_tables=outlet_tables))
    except FramingError as exc:
        raise click.UsageError(str(exc)) from None
    failed = [a for a in everything if a.error is not None]
    for a in failed:
        click.echo(f"error: {a.error}", err=True)
    articles = [a for a in everything if a.error is None]
    if not articles:
        raise click.UsageError("no article could be read")
    settings: dict[str, Any] = {"window": window}
    if threshold is not None:
        settings["threshold"] = threshold
    try:
        grouper = StoryGrouper(**settings).fit(articles)
    except ValueError as exc:  # e.g. two inputs with one id: the user's to mend, as in compare
        raise click.UsageError(str(exc)) from None
    stories = grouper.stories_
    shown = [s for s in stories if show_all or s.size >= 2]
    aligned = _aligned(articles, shown, outlet_tables) if facts else []
    if fmt == "json":
        if facts:
            click.echo(json.dumps([a.to_dict() for a in aligned], ensure_ascii=False, indent=2))
        else:
            click.echo(json.dumps([s.to_dict() for s in shown], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(story_table(shown).to_csv(index=False), nl=False)
    else:
        _print_table(shown, len(stories), len(articles))
        for a in aligned:
            _print_facts(a)
    if truth:
        _print_bcubed(articles, grouper, truth)
    sys.exit(1 if failed else 0)


def _aligned(articles: Sequence[Any], stories: Sequence[Any], outlet_tables: Sequence[str]) -> list[Any]:
    from framing.scoring import Scorer
    from framing.stories import side_by_side

    scorer = Scorer(outlet_tables=outlet_tables)
    wanted = {a for s in stories for a in s.articles}
    scores = [scorer.score(a) for a in articles if a.id in wanted]
    return side_by_side(scores, stories=[s for s in stories if s.size >= 2])


def _print_table(stories: Sequence[Any], n_stories: int, n_articles: int) -> None:
    from rich.table import Table

    many = sum(s.size >= 2 for s in stories)
    noun = "story" if n_stories == 1 else "stories"
    table = Table(title=f"{n_stories} {noun} in {n_articles} articles ({many} of two or more articles)")
    for col in ("id", "label", "articles", "dates", "outlets: ids"):
        table.add_column(col, overflow="fold")
    for s in stories:
        dates = f"{s.first_date} .. {s.last_date}" if s.first_date != s.last_date else (s.first_date or "")
        members = "\n".join(f"{o or 'unknown'}: {a}" for a, o in zip(s.articles, s.outlets, strict=True))
        table.add_row(s.id, s.label, str(s.size), dates, members)
    _console().print(table)


def _print_facts(aligned: Any) -> None:
    st = aligned.story
    click.echo(f"\n{st.id} {st.label}: facts reported by two or more articles")
    for f in aligned.facts:
        if len(f.articles) < 2:
            continue
        flags = sorted({d.kind for d in aligned.discrepancies_of(f.id)})
        click.echo(f"  {f.id} {f.label}" + (f"  [differ: {', '.join(flags)}]" if flags else ""))
        for m in f.mentions:
            text = m.text if len(m.text) <= 110 else m.text[:107] + "..."
            click.echo(f"     {m.article_id} [{m.sentence}] {text}")
            click.echo(f"        source: {m.attribution.summary()}")
    singles = sum(len(f.articles) == 1 for f in aligned.facts)
    click.echo(f"  ({singles} facts reported by one article only)")
    for d in aligned.discrepancies:
        if d.kind == "date":
            click.echo(f"  date: {d.summary}")


def _print_bcubed(articles: Sequence[Any], grouper: Any, field: str) -> None:
    from framing.validation.stories import bcubed

    def value(a: Any) -> Any:
        if field.startswith("meta."):
            return a.meta.get(field.removeprefix("meta."))
        return getattr(a, field, None)

    gold = [value(a) for a in articles]
    missing = sum(g is None for g in gold)
    if missing == len(gold):
        raise click.UsageError(f"no article has a value for {field!r} (try meta.<record field>)")
    pred = [grouper.stories_[int(k)].id for k in grouper.labels_]
    keep = [k for k, g in enumerate(gold) if g is not None]
    p, r, f = bcubed([pred[k] for k in keep], [gold[k] for k in keep])
    note = f" ({missing} articles without {field} left out)" if missing else ""
    click.echo(f"B-cubed against {field}: precision {p:.3f}, recall {r:.3f}, F1 {f:.3f} on {len(keep)} articles{note}")
