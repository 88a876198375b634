"""Check-worthiness: how much checkable content a statement carries (0-1)."""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

_NUMBER = re.compile(
    r"\d|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluh|"
    r"ratus|ribu|juta|miliar|triliun|persen|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|hundred|thousand|million|billion|trillion|percent|half|"
    r"setengah|separuh|dozens?|puluhan|ratusan|ribuan|twice|double|dua\s+kali)\b",
    re.IGNORECASE,
)
_FIRSTS = re.compile(
    r"\b(?:pertama|(?<!tahun\s)(?<!bulan\s)(?<!pekan\s)(?<!minggu\s)(?<!hari\s)"
    r"(?<!dekade\s)terakhir|terbesar|terkecil|tertinggi|terendah|terbanyak|"
    r"termahal|rekor|satu-satunya|lebih|kurang|paling|dibanding\w*|first|"
    r"largest|biggest|highest|lowest|most|least|more|less|fewer|than|record|only|"
    # "the last few years", "over the last decade": a stretch of time, no record
    r"last(?!\s+(?:few|several|couple|many|\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|decades?|years?|months?|weeks?|days?|night|centur(?:y|ies)))|"
    r"never|pernah|belum\s+pernah|increase[ds]?|decrease[ds]?|naik|turun|"
    r"meningkat|menurun)\b",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"\b(?:bertemu|menolak|mengirim\w*|menandatangani|sepakat|menyepakati|gagal|"
    r"berakhir|meninggal|tewas|ditangkap|mengadakan|menyerang|diluncurkan|"
    r"menjadi|mengunjungi|met|refused|sent|signed|agreed|failed|ended|died|killed|"
    r"arrested|held|attacked|launched|became|visited|invited|mengundang)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:hebat|cerdas|luar\s+biasa|bagus|indah|buruk|jelek|hebat|sangat|"
    r"yakin|percaya|menurut\s+saya|saya\s+pikir|"
    r"seharusnya|sebaiknya|harus|great|smart|wonderful|terrible|beautiful|amazing|"
    r"awesome|fantastic|horrible|nice|good|bad|believe|feel|think|"
    r"should|must|ought|love|hate|i\s+think|we\s+think|"
    # praise and colour: "the lively discussion", "a heartening development"
    r"lively|vibrant|heartening|inspiring|remarkable|impressive)\b",
    re.IGNORECASE,
)
_PLEASANTRY = re.compile(
    r"\b(?:terima\s+kasih|thank|thanks|selamat|congratulat\w+|apresiasi|"
    r"mengapresiasi|welcome|salam|senang|happy|pleased|grateful|bersyukur|"
    # a ceremony's formula: "… saya nyatakan diresmikan", "I hereby declare … open"
    r"bismillah\w*|(?:saya|kami)\s+nyatakan\s+(?:di)?(?:resmikan|buka|tutup)|"
    r"hereby\s+declare)\b",
    re.IGNORECASE,
)
#: a capitalised word inside a sentence (a name), not the first word of the next one
_CAPITALISED = re.compile(r"(?<![.!?…][\"”’)]\s)(?<![.!?…]\s)(?<=\s)[A-Z][\w’'-]+")
#: hedges, guesses and appeals: "kayaknya", "sepertinya", "jangan …", "maybe"
_HEDGE = re.compile(
    r"\b(?:kayaknya|kayak\s*nya|sepertinya|kelihatannya|rasanya|barangkali|"
    r"kira-kira|jangan|janganlah|ayo|mari|marilah|maybe|perhaps|i\s+guess|let'?s|"
    r"don'?t|meminta|mengimbau|mengajak|imbauan|urged?|urging|called\s+on|"
    r"yakinlah|percayalah|ingatlah|perlu\s+(?:ada|adanya))\b",
    re.IGNORECASE,
)
#: a statement that is only what someone asked for: "(menegaskan) agar persoalan itu
#: diselesaikan …", "(meminta) supaya …"
_APPEAL_OPENING = re.compile(r"^(?:agar|supaya|hendaknya)\b", re.IGNORECASE)


#: a hope or wish: nothing has happened to check
_HOPE = re.compile(
    r"\b(?:mudah-mudahan|semoga|berharap|harapan(?:nya)?|harap|hope[sd]?|hopefully|"
    r"wish(?:es|ed)?|insya\s*allah|insyaallah|diharapkan|mengharapkan)\b",
    re.IGNORECASE,
)
#: speculation: what is likely, seems or is joked about is no fact to check
_SPECULATION = re.compile(
    r"\b(?:probably|possibly|likely|unlikely|almost\s+(?:certain|clear|sure)|"
    r"seems?|seemed|appears?\s+to|might|joked|jokingly|mungkin|barangkali|"
    r"diperkirakan|tampaknya|agaknya|hampir\s+pasti)\b",
    re.IGNORECASE,
)
#: feelings and moods: a scene's colour, not a claim
_FEELING = re.compile(
    r"\b(?:suasana\s+hati|perasaan|pikirannya|hatinya|kesal|sedih|gelisah|"
    r"khawatir|cemas|terharu|bangga|irritated|annoyed|worried|anxious|impressed|"
    r"moved|proud|excited|upset|angry|marah)\b",
    re.IGNORECASE,
)
#: spoken fillers of an interview: "kan", "sih", "Jadi di situ …"
_FILLER = re.compile(
    r"\b(?:kan|sih|dong|lho|deh|toh|kok|gitu|begitu\s+banyak|jadi\s+di\s*situ)\b",
    re.IGNORECASE,
)
#: a plan or wish about what will happen: nothing to check yet, unless it carries facts
_PLAN = re.compile(
    r"\b(?:akan|bakal|hendak|ingin|mau|rencana\w*|berencana|siap|will|plans?\s+to|"
    r"intends?|intention|intent|wants?\s+to|aims?\s+to|would\s+like|ready\s+to|"
    r"niat(?:nya)?|berniat|bermaksud)\b",
    re.IGNORECASE,
)
#: vague or rhetorical lines: appeals, slogans, generalities
_VAGUE = re.compile(
    r"\b(?:kita\s+(?:harus|perlu|semua)|bersama-sama|penting(?:nya)?|"
    r"diharapkan|mendorong|upaya|komitmen|committed|commitment|important|"
    r"together|continue\s+to|terus\s+berupaya|memperkuat|strengthen)\b",
    re.IGNORECASE,
)
#: the speaker's own person, with nothing to check: "I'm a Jets fan", "Saya
#: memang khawatir"
_PERSONAL = re.compile(
    r"(?:^|[\s\"“(])(?:I|I'm|I’m|I've|I’ve|my|me|saya|aku|gue|gua)(?=[\s,.!?’'])",
    re.IGNORECASE,
)
#: a belief about what will happen: a forecast, nothing to check yet, however many
#: numbers it holds ("he believes 25 percent will …", "yakin … akan")
_BELIEF = re.compile(
    r"\b(?:believes?|believed|expects?|expected|predicts?|predicted|forecasts?|"
    r"(?:feels?|felt|is|was|are|were)\s+(?:confident|optimistic|sure)|"
    r"confident\s+that|yakin|meyakini|memperkirakan|memprediksi|memproyeksikan|"
    r"optimis(?:tis)?)\b",
    re.IGNORECASE,
)
#: "one of the worst", "salah satu": not a quantity
_NOT_A_NUMBER = re.compile(
    r"\b(?:one\s+of|one\s+another|no\s+one|any\s+one|salah\s+satu|satu\s+sama\s+lain)\b",
    re.IGNORECASE,
)
#: a Title Case label before a dash opens a list item ("Lone Star — This design
#: uses …"): the label's capitals are no names the statement is about
_DASH_LABEL = re.compile(r"^[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}\s+[—–-]\s")
#: words of the future: a plan, not yet a fact
_FUTURE = re.compile(
    r"\b(?:akan|bakal|will|going\s+to|next|mendatang|nanti)\b", re.IGNORECASE
)
#: the future, also "by the end of 2016", "sampai akhir tahun"
_FUTURE_OR_BY = re.compile(
    r"\b(?:akan|bakal|will|going\s+to|will\s+have|by\s+the\s+end\s+of|"
    r"hingga\s+akhir|sampai\s+akhir)\b",
    re.IGNORECASE,
)
#: a photo caption or credit left in the text
CAPTION = re.compile(
    r"(?:\((?:foto|photo|ilustrasi|dok|istimewa)\b|\b(?:foto|photo|file\s+photo|"
    r"ilustrasi|sumber\s+foto|image)\s*:|\b(?:ANTARA\s+FOTO|REUTERS|AFP|AP|"
    r"Getty\s+Images?|Shutterstock|Dok\.|Tribunnews\.com)/|\bpictured\b|"
    r"\bfile\s+photo\b)",
    re.IGNORECASE,
)

#: what each feature is called on the review screen (why a score is what it is),
#: in the order of the feature vector the learned weights
#: (``ingest/data/checkworthiness.json``) are given for
FEATURES = {
    "number": _("a number"),
    "date": _("a date"),
    "names": _("names of people, places or organisations"),
    "comparison": _("a comparison, record or “first”"),
    "event": _("a named event or action"),
    "attributed": _("attributed to a named source"),
    "opinion": _("an opinion or belief"),
    "hope": _("a hope or wish"),
    "speculation": _("speculation: likely, seems, might"),
    "prediction": _("a forecast or belief about what will happen"),
    "feeling": _("a feeling or mood"),
    "pleasantry": _("thanks, greetings or praise"),
    "hedge": _("a guess, hedge or appeal"),
    "question": _("a question"),
    "question_inside": _("a question asked on the way"),
    "plan": _("a plan or wish without facts"),
    "vague": _("vague or rhetorical"),
    "filler": _("spoken fillers"),
    "framing": _("the article's own framing, nothing specific"),
    "short": _("too short to say anything checkable"),
    "long": _("a long statement"),
    "personal": _("about the speaker's own person or feelings"),
    "caption": _("a photo caption or credit"),
}

#: the learned weights, their bias and threshold (``python -m
#: ingest.train_checkworthiness`` writes them)
MODEL_PATH = Path(__file__).resolve().parent / "data" / "checkworthiness.json"


@dataclass(frozen=True)
class Model:
    """Weights over ``features``. ``logistic`` (learned): score = 1 / (1 +
    e^-(bias + w·x)), each reason its share of the log-odds; ``linear`` (the
    hand-set weights of the first three passes): score = bias + w·x, clipped to
    0-1."""

    weights: dict[str, float]
    bias: float
    threshold: float
    kind: str = "logistic"

    def explain(
        self, values: dict[str, float]
    ) -> tuple[float, list[tuple[str, float]]]:
        reasons = [
            (name, round(self.weights.get(name, 0.0) * value, 2))
            for name, value in values.items()
        ]
        reasons = [(name, weight) for name, weight in reasons if weight]
        total = self.bias + sum(
            self.weights.get(name, 0.0) * value for name, value in values.items()
        )
        if self.kind == "linear":
            return round(min(1.0, max(0.0, total)), 2), reasons
        return round(1.0 / (1.0 + math.exp(-total)), 2), reasons


def load_model(path: Path = MODEL_PATH) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    kind = str(data.get("kind", "logistic"))
    if kind not in ("logistic", "linear"):
        raise ValueError(f"{path}: unknown model kind {kind!r}")
    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        kind=kind,
    )


@functools.cache
def model() -> Model:
    """The shipped model, read once."""
    return load_model()


def features(
    content: str,
    *,
    has_dates: bool,
    attributed: bool,
    names_known: tuple[str, ...] = (),
    verb: str = "",
) -> dict[str, float]:
    """The features of a statement that are present (value > 0), by name
    (``FEATURES``): indicators, and ``names`` counting up to three names. ``verb``
    is the reporting verb it was said with: hoping ("berharap, …", "hopes that …")
    or appealing ("urged …", "meminta …") makes the statement a hope or an appeal.

    Up for numbers, dates, named people, places and organisations, events,
    comparisons and "firsts", attribution; down for opinions, hopes, pleasantries,
    hedges, questions, plans without facts, vague lines, captions and the article's
    own framing when it says nothing specific: the weights say how much.
    """
    out: dict[str, float] = {}
    words = re.findall(r"\w+", content)
    # the speaker's label and the publication are not names the statement is about
    about = content
    for name in names_known:
        if name:
            about = about.replace(name, name.lower())
    about = re.sub(r"^[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}:\s", "", about)
    about = _DASH_LABEL.sub("", about)
    number = bool(_NUMBER.search(_NOT_A_NUMBER.sub("", content)))
    if number:
        out["number"] = 1.0
    if has_dates:
        out["date"] = 1.0
    # the first word is capitalised anyway: only names inside the sentence count
    names = min(len(_CAPITALISED.findall(about)), 3)
    if names:
        out["names"] = float(names)
    if _FIRSTS.search(content):
        out["comparison"] = 1.0
    event = bool(_EVENT.search(content))
    if event:
        out["event"] = 1.0
    if attributed:
        out["attributed"] = 1.0
    if _OPINION.search(content):
        out["opinion"] = 1.0
    if _SPECULATION.search(content):
        out["speculation"] = 1.0
    if _BELIEF.search(content) and _FUTURE_OR_BY.search(content):
        out["prediction"] = 1.0
    if _FEELING.search(content):
        out["feeling"] = 1.0
    if _FILLER.search(content):
        out["filler"] = 1.0
    if _HOPE.search(content) or _HOPE.fullmatch(verb):
        out["hope"] = 1.0
    if _PLEASANTRY.search(content):
        out["pleasantry"] = 1.0
    if (
        _HEDGE.search(content)
        or _HEDGE.fullmatch(verb)
        or _APPEAL_OPENING.match(content)
    ):
        out["hedge"] = 1.0
    if content.rstrip("\"”’' ").endswith("?"):
        out["question"] = 1.0
    elif "?" in content:  # a question asked on the way is not a checkable claim
        out["question_inside"] = 1.0
    specific = number or has_dates or event
    if len(words) < 7 and not (number or has_dates):
        out["short"] = 1.0
    if len(words) >= 30:
        out["long"] = 1.0
    if _PERSONAL.search(content) and not (number or has_dates):
        out["personal"] = 1.0
    if (
        _PLAN.search(content)
        and not (number or has_dates)
        and (not specific or _FUTURE.search(content))
    ):
        out["plan"] = 1.0
    if _VAGUE.search(content) and not specific:
        out["vague"] = 1.0
    if not attributed and not specific and names < 2:
        out["framing"] = 1.0
    if CAPTION.search(content):
        out["caption"] = 1.0
    return out


def explain(
    content: str,
    *,
    has_dates: bool,
    attributed: bool,
    names_known: tuple[str, ...] = (),
) -> tuple[float, list[tuple[str, float]]]:
    """0-1: how much checkable content a statement carries, and why: the features
    that raised (positive) or lowered (negative) the score, each with its share of
    the score's log-odds (the learned weight times the feature's value)."""
    values = features(
        content, has_dates=has_dates, attributed=attributed, names_known=names_known
    )
    return model().explain(values)


def checkworthiness(content: str, *, has_dates: bool, attributed: bool) -> float:
    """The score of ``explain``, without the reasons."""
    return explain(content, has_dates=has_dates, attributed=attributed)[0]
