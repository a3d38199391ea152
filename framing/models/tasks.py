"""The classification tasks: which data, which split, which labels, which licence, how texts are prepared.

========== ================================ ====================================== =============== =========
task       data (folder under the data root) train / dev                            labels          licence
========== ================================ ====================================== =============== =========
biased     ``babe/`` BABE SG2               project split (``read_babe(part=...)``) biased/neutral  AGPL-3.0
hedged     ``wikiweasel/train.csv``         project split (``split_of``: tune/dev)  uncertain/...   none stated
subjective ``newssd/``                      official train / val                    subjective/...  CC BY 4.0
lean       ``allsides/``                    Baly 2020 media split train / valid     left/center/... Apache-2.0
attributed ``polnear/`` PolNeAR sentences   official train / dev                    attributed/none none stated
frames     ``frac/`` FrAC gold sentences     project split (``read_frac(part=...)``) 10 FrAC frames  CC BY 4.0
========== ================================ ====================================== =============== =========

``attributed`` is the sentence-level half of the attribution rules (is a statement attributed in this
sentence?), learnt from PolNeAR; it has no fixed target: the bar is the rules' own sentence flag, measured beside
it in the validation report.

``frames`` predicts FrAC's ten labels (nine Policy Frames Codebook frames and Other; legality includes crime and
policy includes the political frame), named by the codebook frame ids of :mod:`framing.text.frames`. Its
settings are chosen by cross-validation inside the train portion (:mod:`framing.models.frames`), never on dev.

``--data`` may name the dataset folder itself (``../shared/data/babe``) or the folder holding it
(``../shared/data``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from framing.errors import InputError

__all__ = [
    "EXTRA_DATA",
    "TASKS",
    "Task",
    "dataset_dir",
    "detokenize",
    "get_task",
    "lean_text",
    "load_extra",
    "load_split",
    "load_split_cv",
    "load_split_groups",
    "outlet_key",
    "outlet_variants",
]


@dataclass(frozen=True)
class Task:
    """A classification task.

    Attributes:
        name: ``biased``, ``hedged``, ``subjective``, ``lean``, ``attributed`` or ``frames``.
        folder: Dataset folder name under the data root.
        dataset: Human-readable dataset name.
        licence: Licence of the training data, as its README states it.
        shippable: Whether a model trained on it may be redistributed with framing (see MANIFEST.json).
        classes: Class labels (the positive class last for binary tasks).
        positive_class: The class whose probability is the score (``None`` for multi-class).
        dev_name: How the dev portion is made.
        unit: ``sentence`` or ``article``.
        headline: The headline metric: ``macro_f1`` or ``f1:<class>``.
        target: The project's target for the headline metric (``None``: none fixed; see the task's report).
        published: Published reference figures, for the report.
        citation: The dataset's citation.
    """

    name: str
    folder: str
    dataset: str
    licence: str
    shippable: bool
    classes: tuple[str, ...]
    positive_class: str | None
    dev_name: str
    unit: str
    headline: str
    target: float | None
    published: dict[str, str]
    citation: str


TASKS: dict[str, Task] = {
    t.name: t
    for t in (
        Task(
            "biased", "babe", "BABE SG2 (Spinde et al. 2021)", "AGPL-3.0", False, ("non-biased", "biased"), "biased",
            "project dev split: 20 % of SG2 sentences by salted SHA-1 of the normalised text "
            "(framing.datasets._split.in_dev)", "sentence", "macro_f1", 0.80,
            {"BABE (Spinde et al. 2021), RoBERTa + distant supervision, macro-F1 on their test set": "0.804"},
            "Spinde et al. (2021), Findings of EMNLP 2021",
        ),
        Task(
            "hedged", "wikiweasel", "WikiWeasel / CoNLL-2010 Task 1 Wikipedia (third-party CSV)", "none stated",
            False, ("certain", "uncertain"), "uncertain",
            "project dev split: SHA-1(text)[:8] % 5 == 0 (framing.datasets.wikiweasel.split_of)", "sentence",
            "f1:uncertain", 0.65,
            {"CoNLL-2010 Task 1 Wikipedia, best system, uncertain-sentence F1 on the official test set": "60.2"},
            "Farkas et al. (2010), CoNLL 2010",
        ),
        Task(
            "subjective", "newssd", "NewsSD-ENG (Antici et al. 2024)", "CC BY 4.0", True,
            ("objective", "subjective"), "subjective", "official val.csv", "sentence", "macro_f1", 0.78, {},
            "Antici et al. (2024), LREC-COLING 2024",
        ),
        Task(
            "lean", "allsides", "AllSides articles, Baly et al. 2020 media split", "Apache-2.0", False,
            ("left", "center", "right"), None, "media split valid.tsv (outlets unseen in train)", "article",
            "macro_f1", 0.65,
            {
                "Baly et al. 2020, BERT, media split, accuracy on their test set": "36.8 %",
                "Baly et al. 2020, BERT + triplet loss (adversarial media adaptation), accuracy": "51.4 %",
            },
            "Baly et al. (2020), EMNLP 2020",
        ),
        Task(
            "attributed", "polnear", "PolNeAR sentences (Newell et al. 2018)", "none stated", False,
            ("none", "attributed"), "attributed",
            "official dev split (84 articles; first annotator; framing's sentences, attributed when a gold cue "
            "overlaps them)", "sentence", "f1:attributed", None, {},
            "Newell, Margolin and Ruths (2018), LREC 2018",
        ),
        Task(
            "frames", "frac", "FrAC gold sentences (Guida et al. 2025)", "CC BY 4.0", True,
            ("economic", "morality", "fairness", "legality", "policy", "security", "health", "cultural_identity",
             "public_opinion", "other"), None,
            "project dev split: 25 % of FrAC sentences by salted SHA-1 of the normalised text "
            "(framing.datasets.frac.read_frac)", "sentence", "macro_f1", None, {},
            "Guida, Otmakhova, Hovy and Frermann (2025), arXiv:2507.04612",
        ),
    )
}  # fmt: skip


def get_task(name: str) -> Task:
    """Return a task by name.

    Raises:
        KeyError: Unknown task (the message lists the known ones).
    """
    try:
        return TASKS[name]
    except KeyError:
        raise KeyError(f"unknown task {name!r}; choose one of {', '.join(TASKS)}") from None


def dataset_dir(task: Task, data: Path) -> Path:
    """The task's dataset folder: ``data`` itself, or ``data/<folder>``."""
    data = Path(data)
    if (data / task.folder).is_dir():
        return data / task.folder
    if data.is_dir() or data.is_file():
        return data
    raise InputError(str(data), f"data folder not found (expected the {task.folder}/ folder or its parent)")


_PTB_SPACES = [
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r" ([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
]


def detokenize(text: str) -> str:
    """Undo Penn-Treebank token spacing (``does n't`` -> ``doesn't``, ``word ,`` -> ``word,``), so a model
    trained on tokenised WikiWeasel sees text as news prints it.

    Example:
        >>> detokenize("It does n't work , he said ( allegedly ) .")
        "It doesn't work, he said (allegedly)."
    """
    for pat, rep in _PTB_SPACES:
        text = pat.sub(rep, text)
    return text


_SUFFIX = re.compile(r"\s*(?:\((?:online|web|print|tv|blog)[^)]*\)|-\s*(?:news|opinion|editorial|blogs?|online)\b.*)$",
                     re.IGNORECASE)  # fmt: skip
_BYLINE = re.compile(r"^\s*(?:by|written by|reporting by|editing by|story by)\s+[^\n]{0,120}$",
                     re.IGNORECASE | re.MULTILINE)  # fmt: skip
_FURNITURE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|@\w{2,}|©[^\n]*|\bcopyright\b[^\n]*|\ball rights reserved\b[^\n]*"
    r"|\((?:AP|Reuters|AFP|Getty)[^)]{0,60}\)|\b(?:AP|Getty|Reuters|AFP) (?:Photo|Images)\b[^\n]{0,80}",
    re.IGNORECASE,
)


@cache
def _outlet_table_names() -> dict[str, tuple[str, ...]]:
    from framing.outlets import load_outlet_table

    out: dict[str, tuple[str, ...]] = {}
    for o in load_outlet_table().outlets:
        # the domains too ("foxnews.com" in "Read more at foxnews.com"), with and without "www."
        names = (*o.names, *o.domains, *(f"www.{d}" for d in o.domains))
        for n in o.names:
            out[n.lower()] = names
    return out


def outlet_variants(outlet: str | None) -> list[str]:
    """Names an outlet may call itself by: the AllSides name without ``- News`` / ``(Online News)``, with and
    without a leading *The*, and every alias and domain the bundled outlet table lists for it.

    Example:
        >>> outlet_variants("Fox News (Online News)")  # doctest: +NORMALIZE_WHITESPACE
        ['Fox News', 'FNC', 'Fox News (Online News)', 'Fox News Channel', 'The Fox News', 'foxnews.com',
         'www.foxnews.com']
    """
    if not outlet:
        return []
    core = _SUFFIX.sub("", outlet).strip()
    names = {core, outlet.strip()}
    bare = re.sub(r"^the\s+", "", core, flags=re.IGNORECASE)
    names |= {bare, f"The {bare}"}
    for n in list(names):
        names |= set(_outlet_table_names().get(n.lower(), ()))
    return sorted({n for n in names if len(n) >= 3}, key=lambda n: (n != core, n))


_KEY_TAIL = re.compile(r"[\s\-]*\b(?:online|news|opinion|editorial|blogs?)\s*$")


def outlet_key(outlet: str | None) -> str:
    """Group key of an outlet: AllSides lists one outlet under several names (``Fox News``, ``Fox Online
    News``, ``Fox News (Online)``, ``Fox News Opinion``); they share one key, used to weight and filter by outlet.

    Example:
        >>> [outlet_key(o) for o in ("Fox Online News", "Fox News (Online)", "The Hill", "NPR Online News")]
        ['fox', 'fox', 'hill', 'npr']
    """
    s = re.sub(r"\([^)]*\)", " ", (outlet or "").lower())
    s = re.sub(r"^\s*the\s+", "", " ".join(s.split()))
    while True:
        shorter = _KEY_TAIL.sub("", s).strip()
        if shorter == s or not shorter:
            return s
        s = shorter


def lean_text(
    text: str, title: str | None = None, outlet: str | None = None, authors: str | None = None, *, clean: bool = True
) -> str:
    """Prepare an article for the ``lean`` model: the project's cleaner, then outlet self-mentions, bylines,
    author names, URLs, e-mail and social handles, photo credits and copyright lines removed, so the model
    cannot learn *who* published the article instead of what it says.

    ``clean=False`` skips the cleaner, for a body that was cleaned when it was read (the scorer's case): a text
    is cleaned once, in training as at scoring time.

    Example:
        >>> lean_text("By Jane Roe\\nThe Daily Planet reported that taxes rose. Follow @planet. Jane Roe wrote it.",
        ...           outlet="Daily Planet - News", authors="Jane Roe")
        'reported that taxes rose. Follow . wrote it.'
    """
    from framing.io.clean import clean_text

    body = clean_text(text, title=title).text if clean and "\n" in text else text
    body = _BYLINE.sub(" ", body)
    body = _FURNITURE.sub(" ", body)
    names = outlet_variants(outlet)
    for a in re.split(r",| and |;", authors or ""):
        a = a.strip()
        if len(a) >= 4:
            names.append(a)
            last = a.split()[-1]
            if len(last) >= 4:
                names.append(f"Mr. {last}")
                names.append(f"Ms. {last}")
    if names:
        alts = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
        pat = re.compile(r"(?<![\w-])(?:" + alts + r")(?:'s)?(?![\w-])", re.IGNORECASE)
        body = pat.sub(" ", body)
    head = f"{title.strip()}\n" if title and title.strip() else ""
    return " ".join((head + body).split())


#: texts, labels, outlet groups (for the outlet-weight settings) and fold groups (article or outlet, for
#: cross-validation; ``None``: no groups, stratified folds).
_Loaded = tuple[list[str], list[str], list[str] | None, list[str] | None]


def _babe(root: Path, part: str) -> _Loaded:
    from framing.datasets.babe import read_babe

    rows = list(read_babe(root, "SG2", part))
    links = [r.link or r.text for r in rows]  # a sentence without a link is its own group
    return [r.text for r in rows], ["biased" if r.biased else "non-biased" for r in rows], None, links


def _wikiweasel(root: Path, part: str) -> _Loaded:
    from framing.datasets.wikiweasel import read_wikiweasel

    path = root / "train.csv" if root.is_dir() else root
    want = {"train": "tune", "dev": "dev"}[part]
    rows = [r for r in read_wikiweasel(path) if r.split == want]
    return [detokenize(r.text) for r in rows], ["uncertain" if r.uncertain else "certain" for r in rows], None, None


def _newssd(root: Path, part: str) -> _Loaded:
    from framing.datasets.newssd import read_newssd

    rows = list(read_newssd(root, {"train": "train", "dev": "val"}[part]))
    return [r.text for r in rows], ["subjective" if r.subjective else "objective" for r in rows], None, None


def _allsides(root: Path, part: str) -> _Loaded:
    from framing.datasets.allsides import iter_allsides

    texts, labels, groups = [], [], []
    for a in iter_allsides(root, split={"train": "train", "dev": "valid"}[part]):
        texts.append(lean_text(a.text, a.title, a.outlet, a.authors))
        labels.append(a.lean)
        groups.append(outlet_key(a.outlet))
    return texts, labels, groups, groups


def _polnear(root: Path, part: str) -> _Loaded:
    from framing.datasets.polnear import attributed_sentences

    texts, labels, articles = [], [], []
    for no, art in enumerate(attributed_sentences(root, part)):
        for (start, end), flag in zip(art.spans, art.attributed, strict=True):
            texts.append(art.text[start:end])
            labels.append("attributed" if flag else "none")
            articles.append(str(no))
    return texts, labels, None, articles


def _frac(root: Path, part: str) -> _Loaded:
    from framing.datasets.frac import read_frac
    from framing.text.frames import FRAMES_BY_CODE

    rows = list(read_frac(root, part))
    return [r.text for r in rows], [FRAMES_BY_CODE[r.code].id for r in rows], None, None


_LOADERS: dict[str, Callable[[Path, str], _Loaded]] = {
    "attributed": _polnear,
    "frames": _frac,
    "biased": _babe,
    "hedged": _wikiweasel,
    "subjective": _newssd,
    "lean": _allsides,
}


def load_split_groups(
    task: Task, data: Path, part: str, limit: int | None = None
) -> tuple[list[str], list[str], list[str] | None]:
    """Like :func:`load_split`, plus each item's group: the :func:`outlet_key` of its outlet for ``lean``,
    ``None`` (no groups) for the sentence tasks."""
    texts, labels, groups, _ = load_split_cv(task, data, part, limit)
    return texts, labels, groups


def load_split_cv(
    task: Task, data: Path, part: str, limit: int | None = None
) -> tuple[list[str], list[str], list[str] | None, list[str] | None]:
    """Like :func:`load_split_groups`, plus each item's cross-validation group: the article of a BABE (its
    ``news_link``) or PolNeAR sentence, the outlet of an AllSides article, ``None`` where the data has neither."""
    if part not in {"train", "dev"}:
        raise ValueError(f"part must be 'train' or 'dev', got {part!r}")
    texts, labels, groups, cv = _LOADERS[task.name](dataset_dir(task, data), part)
    if limit is not None:
        texts, labels = texts[:limit], labels[:limit]
    keep = [i for i, t in enumerate(texts) if t.strip()]

    def pick(values: list[str] | None) -> list[str] | None:
        return None if values is None else [values[i] for i in keep]

    return [texts[i] for i in keep], [labels[i] for i in keep], pick(groups), pick(cv)


#: Extra training data of the same construct, per task: (name, folder, licence). Used only where cross-validation
#: inside train says it helps (framing.models.select); never a sentence whose text is in the task's own data.
EXTRA_DATA: dict[str, tuple[tuple[str, str, str], ...]] = {
    "biased": (("BABE SG1 + MBIC labels (other annotator groups)", "babe", "AGPL-3.0"),),
    "hedged": (("SFU Review Corpus speculation cues (tune reviews)", "sfu_negspec", "GPL-3.0"),),
}


def load_extra(task: Task, data: Path) -> tuple[list[str], list[str], str] | None:
    """The task's extra training sentences (:data:`EXTRA_DATA`) found under the data root, or ``None``.

    BABE's SG1 and MBIC label (almost) the same sentences as SG2 with other annotators: they add a second label to
    a sentence, not new text. SFU sentences are reviews (out of domain), uncertain when they hold a speculation cue.
    """
    root = Path(data)
    if task.name == "biased":
        from framing.datasets.babe import read_babe

        base = root if (root / "final_labels_SG1.csv").is_file() else root / "babe"
        if not (base / "final_labels_SG1.csv").is_file():
            return None
        rows = [r for sub in ("SG1", "MBIC") for r in read_babe(base, sub)]
        return (
            [r.text for r in rows],
            ["biased" if r.biased else "non-biased" for r in rows],
            EXTRA_DATA["biased"][0][0],
        )
    if task.name == "hedged":
        from framing.datasets.sfu import read_sfu

        base = (
            root
            if root.name == "sfu_negspec"
            else root.parent / "sfu_negspec"
            if root.name == "wikiweasel"
            else root / "sfu_negspec"
        )
        if not base.is_dir():
            return None
        rows = [r for r in read_sfu(base) if r.split == "tune"]
        return (
            [r.text for r in rows],
            ["uncertain" if r.uncertain else "certain" for r in rows],
            EXTRA_DATA["hedged"][0][0],
        )
    return None


def load_split(task: Task, data: Path, part: str, limit: int | None = None) -> tuple[list[str], list[str]]:
    """Texts and labels of a task's ``train`` or ``dev`` portion (the held-out test parts are never read).

    Args:
        task: The task.
        data: Dataset folder or its parent.
        part: ``train`` or ``dev``.
        limit: Keep only the first ``limit`` items (for quick tests).
    """
    texts, labels, _ = load_split_groups(task, data, part, limit)
    return texts, labels
