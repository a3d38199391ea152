"""The frame taxonomies: the Policy Frames Codebook's 15 issue-generic frames, Semetko and Valkenburg's five
generic news frames with their indicators, and the three roles an actor can be cast in.

These are the vocabularies every later stage shares (the measures that find frames, the frame model, the
comparison, the plots and the report); the cue words live in versioned lexicons (``lexicons/frames.tsv``,
``lexicons/news_frames.tsv``, ``lexicons/roles.tsv``), not here.

* **Policy frames** (Boydstun, Card, Gross, Resnik and Smith 2014, *Tracking the Development of Media Frames
  within and across Policy Issues*; the codebook behind the Media Frames Corpus, Card et al. 2015): each frame
  has the codebook's number (``code``), a short id and a one-line description paraphrased from the codebook.
* **Generic news frames** (Semetko and Valkenburg 2000, *Framing European politics*, Journal of Communication
  50(2)): conflict, human interest, economic consequences, morality, attribution of responsibility, each
  measured by yes/no indicators in the spirit of their 20-item questionnaire.
* **Roles** (Entman 1993's problem definition and causal interpretation; the victim / villain / hero triad
  of narrative framing): ``victim`` (harm is done to the actor), ``villain`` (the actor causes harm or is
  blamed), ``hero`` (the actor helps, rescues or solves).

Example:
    >>> FRAMES_BY_ID["security"].code, FRAMES_BY_CODE[7].label
    (8, 'Crime and punishment')
    >>> [f.id for f in NEWS_FRAMES]
    ['conflict', 'human_interest', 'economic', 'morality', 'responsibility']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from framing.resources import lexicon_dir
from framing.text.actors import ActorSet, alias_lexicon, bundled_actor_sets
from framing.text.analysed import LexiconGroups
from framing.text.lexicon import Lexicon, load_lexicon

__all__ = [
    "FRAMES",
    "FRAMES_BY_CODE",
    "FRAMES_BY_ID",
    "FRAME_LEXICONS",
    "NEWS_FRAMES",
    "NEWS_FRAMES_BY_ID",
    "OTHER",
    "ROLES",
    "Frame",
    "NewsFrame",
    "bundled_frame_lexicon",
    "frame_groups",
    "frame_of_category",
]


@dataclass(frozen=True)
class Frame:
    """One issue-generic policy frame.

    Attributes:
        code: The codebook's number (1-15).
        id: Short id used in categories and metric names (``frame.security``, ``frames.security_share``).
        label: The codebook's name.
        description: What the frame is about (paraphrased from the codebook).
    """

    code: int
    id: str
    label: str
    description: str


FRAMES: tuple[Frame, ...] = (
    Frame(1, "economic", "Economic", "costs, benefits, money and the economy: to individuals, firms or a country"),
    Frame(2, "capacity", "Capacity and resources", "whether there is enough (or too little) of something: "
          "staff, money, land, time, supplies, infrastructure"),
    Frame(3, "morality", "Morality", "religious or ethical duty, right and wrong, honour, sin, conscience"),
    Frame(4, "fairness", "Fairness and equality", "equal or unequal treatment of people or groups, "
          "discrimination, rights applied unevenly"),
    Frame(5, "legality", "Legality, constitutionality and jurisprudence", "laws, courts, rulings, rights, "
          "constitutional questions, what the law allows"),
    Frame(6, "policy", "Policy prescription and evaluation", "particular policies, proposals and plans: whether "
          "they will work, what should be done"),
    Frame(7, "crime", "Crime and punishment", "breaking the law, police, arrests, sentences, prisons"),
    Frame(8, "security", "Security and defence", "threats to a state or people, war, armed forces, terrorism, "
          "borders"),
    Frame(9, "health", "Health and safety", "illness, injury, death tolls, medicine, health care, safety"),
    Frame(10, "quality_of_life", "Quality of life", "how the issue affects everyday life, homes, wellbeing, "
          "living conditions"),
    Frame(11, "cultural_identity", "Cultural identity", "culture, traditions, nationality, ethnicity, religion "
          "as identity, language, history"),
    Frame(12, "public_opinion", "Public opinion", "what the public thinks: polls, protests, voters, popular mood"),
    Frame(13, "political", "Political", "politics as a contest: parties, elections, politicians, manoeuvres, "
          "lobbying"),
    Frame(14, "external_regulation", "External regulation and reputation", "relations with other states and "
          "international bodies: diplomacy, treaties, sanctions, reputation abroad"),
    Frame(15, "other", "Other", "none of the frames above"),
)  # fmt: skip
FRAMES_BY_ID: dict[str, Frame] = {f.id: f for f in FRAMES}
FRAMES_BY_CODE: dict[int, Frame] = {f.code: f for f in FRAMES}
#: The residual frame: a sentence with no frame cue (and, with a model, one the model calls "other").
OTHER = FRAMES_BY_ID["other"]


@dataclass(frozen=True)
class NewsFrame:
    """One generic news frame and its indicators (``indicator id -> question``)."""

    id: str
    label: str
    indicators: dict[str, str]


NEWS_FRAMES: tuple[NewsFrame, ...] = (
    NewsFrame("conflict", "Conflict", {
        "disagreement": "Does the story reflect disagreement between parties, individuals, groups or countries?",
        "reproach": "Does one party reproach, accuse or condemn another?",
        "sides": "Does it refer to two or more sides of the problem or issue?",
        "winners_losers": "Does it refer to winners and losers?",
    }),
    NewsFrame("human_interest", "Human interest", {
        "human_face": "Does it give a human face to the issue (a named or described individual, a family)?",
        "emotion": "Does it use words that arouse feelings of outrage, empathy, sympathy or compassion?",
        "affected": "Does it say how individuals and groups are affected by the issue?",
        "private_life": "Does it go into the private or personal lives of the actors?",
    }),
    NewsFrame("economic", "Economic consequences", {
        "losses_gains": "Does it mention financial losses or gains, now or in the future?",
        "costs": "Does it mention costs or the degree of expense involved?",
        "consequences": "Does it refer to the economic consequences of pursuing a course of action or not?",
    }),
    NewsFrame("morality", "Morality", {
        "moral_message": "Does it contain a moral message?",
        "religion": "Does it refer to morality, God or other religious tenets?",
        "prescription": "Does it offer specific social prescriptions about how to behave?",
    }),
    NewsFrame("responsibility", "Attribution of responsibility", {
        "government_can": "Does it suggest that a government (or an authority) can alleviate the problem?",
        "blame": "Does it suggest that someone (a government, a group, an individual) is responsible for it?",
        "solution": "Does it suggest a solution to the problem?",
        "urgency": "Does it suggest that the problem requires urgent action?",
    }),
)  # fmt: skip
NEWS_FRAMES_BY_ID: dict[str, NewsFrame] = {f.id: f for f in NEWS_FRAMES}

#: The roles an actor may be cast in.
ROLES: tuple[str, ...] = ("victim", "villain", "hero")

#: Names of the frame lexicons (matched in the scorer's one automaton pass, each as its own group so that a
#: longer cue of one never hides a cue of another, nor a hedge or a loaded word).
FRAME_LEXICONS: tuple[str, ...] = ("frames", "news_frames", "roles")


def frame_of_category(category: str) -> Frame | None:
    """The policy frame of an evidence category (``frame.security`` -> Security and defence), else ``None``.

    Example:
        >>> frame_of_category("frame.crime").code, frame_of_category("hedge.modal")
        (7, None)
    """
    head, _, rest = category.partition(".")
    return FRAMES_BY_ID.get(rest) if head == "frame" else None


@cache
def bundled_frame_lexicon(name: str) -> Lexicon:
    """Load a bundled frame lexicon (``frames``, ``news_frames`` or ``roles``; cached).

    Example:
        >>> bundled_frame_lexicon("frames").ref
        'frames@1.0.0'
    """
    if name not in FRAME_LEXICONS:
        raise KeyError(f"no bundled frame lexicon {name!r}; available: {', '.join(FRAME_LEXICONS)}")
    return load_lexicon(lexicon_dir() / f"{name}.tsv")


def frame_groups(lexicons: Sequence[Lexicon] = (), actor_sets: Sequence[ActorSet] | None = None) -> LexiconGroups:
    """The frame lexicons and the actor aliases as lexicon groups for the scorer's one automaton pass.

    Args:
        lexicons: Replacements of bundled frame lexicons (by name) or further ones; the bundled ones otherwise.
        actor_sets: Actor sets whose aliases the roles measure looks for (the bundled ones by default).

    Returns:
        Groups named ``frames``, ``news_frames``, ``roles`` (each the lexicons of that name) and ``actors``.
    """
    by_name: dict[str, list[Lexicon]] = {n: [] for n in FRAME_LEXICONS}
    for lex in lexicons:
        by_name.setdefault(lex.name, []).append(lex)
    groups = {n: lexes or [bundled_frame_lexicon(n)] for n, lexes in by_name.items() if n in FRAME_LEXICONS}
    sets = bundled_actor_sets() if actor_sets is None else tuple(actor_sets)
    return LexiconGroups({**groups, "actors": [alias_lexicon(sets)]})
